#!/usr/bin/env python3
"""kill -9 of whlinst at many moments of an install and of an upgrade
(docs/design.md invariants 3, 4, 6), and an injected failure during an upgrade.

Scenarios (byte-compilation on): `install` is fixture_many into an empty
prefix, long enough for kills during extraction, placement and compilation;
`upgrade` is fixture_upgrade 2.0 over 1.0; `kind` is hardening_kindbulk 2.0
over 1.0, where paths change kind (a file becomes a package, a package a
file: src/kind_changes.*), its tree compared with the wheel's. A normal run
of each is timed first (median of 3); the --points kill points are fractions
of that time, and one more per scenario and mode kills as soon as the
journal holds its commit record. Each point
kills either the whole process group (whlinst and its bytecode workers) or
whlinst alone, leaving its workers orphaned; where it landed (phase, from the
journal) is printed. After each kill:
  (a) every visible dist-info of the project has all its RECORD files;
  (c) for every upgrade point (and every other install point), an unrelated
      install recovers all journals first; then at most one version (for an
      upgrade exactly one, 1.0 or 2.0) is installed, complete, exactly that
      version's files (fixture_upgrade's known differences; for `kind`, the
      package tree is exactly the wheel's payload and its bytecode),
      `whlinst list` agrees, and the prefix is clean;
  (b) the same install again exits 0; verify exits 0, one version installed,
      no `.whlinst-*` name or journal left, every file listed by a RECORD;
      no process of the killed group is still alive.
Failure injection: fixture_upgrade 2.0 with the bytes of one archive entry
changed (same size, RECORD kept) over 1.0 exits 1 with `hash mismatch` and
leaves the prefix identical.

Usage: test_crash_recovery.py --whlinst W --fixtures DIR [--points N]
"""

import argparse
import collections
import glob
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "wheels-fixtures"))
import make_hardening_fixtures  # noqa: E402
from e2e_support import (Checks, Whlinst, check_clean, clean_environment, describe, error_lines,  # noqa: E402
                         hidden_names, installed_versions, journals, missing_record_files,
                         target_site_packages, upgrade_problems)
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

MIN_POINTS = 25
MODES = ("group", "whlinst-only")
SPAN = 0.9  # the kills spread over this fraction of a normal run (runs vary)


class Scenario:
    """What is installed before (setup), the install that is killed, and the
    project and version it leaves once it succeeds."""

    def __init__(self, name, setup, wheel, project, version, old_version=None, problems=None):
        self.name, self.setup, self.wheel = name, setup, wheel
        self.project, self.version, self.old_version = project, version, old_version
        self.problems = problems  # (prefix, version) -> what is wrong with that version as installed
        self.seconds = None


def fixture(fixtures, stem):
    found = glob.glob(os.path.join(fixtures, f"{stem}-*.whl"))
    assert len(found) == 1, f"fixture {stem}: {found}"
    return found[0]


def scenarios(fixtures, kind_wheels):
    """kind_wheels: hardening_kindbulk's {version: path}."""
    return [
        Scenario("install", [], fixture(fixtures, "fixture_many"), "fixture_many", "1.0"),
        Scenario("upgrade", [fixture(fixtures, "fixture_upgrade-1.0")],
                 fixture(fixtures, "fixture_upgrade-2.0"), "fixture_upgrade", "2.0", "1.0",
                 upgrade_problems),
        Scenario("kind", [kind_wheels["1.0"]], kind_wheels["2.0"], make_hardening_fixtures.KIND_BULK,
                 "2.0", "1.0", lambda prefix, version: payload_problems(prefix, kind_wheels[version])),
    ]


def payload_problems(prefix, wheel):
    """How the project's package directory differs from the wheel's payload:
    files missing or with other bytes, anything else present (a file of the
    other version, a hidden name) other than a pyc of a payload source."""
    site = target_site_packages(prefix)
    with zipfile.ZipFile(wheel) as archive:
        payload = {info.filename: archive.read(info) for info in archive.infolist()
                   if ".dist-info/" not in info.filename}
    wrong = []
    for name, data in payload.items():
        try:
            with open(os.path.join(site, name), "rb") as stream:
                if stream.read() != data:
                    wrong.append(f"{name} has other bytes")
        except OSError as error:
            wrong.append(f"{name}: {error.strerror}")
    top = sorted({name.split("/")[0] for name in payload})
    for package in top:
        for directory, _, files in os.walk(os.path.join(site, package)):
            for file in files:
                name = os.path.relpath(os.path.join(directory, file), site)
                source = os.path.join(os.path.dirname(os.path.dirname(name)), file.split(".")[0] + ".py")
                compiled = os.path.basename(directory) == "__pycache__" and source in payload
                if name not in payload and not compiled:
                    wrong.append(f"{name} present")
    return wrong


def prepare(whlinst, scenario, prefix):
    for wheel in scenario.setup:
        result = whlinst.run("install", wheel, prefix=prefix)
        assert result.returncode == 0, describe(result)


def timed_run(whlinst, scenario, prefix):
    prepare(whlinst, scenario, prefix)
    started = time.monotonic()
    result = whlinst.run("install", scenario.wheel, prefix=prefix)
    assert result.returncode == 0, describe(result)
    return time.monotonic() - started


def measure(whlinst, scenario, workdir):
    times = []
    for i in range(3):
        prefix = os.path.join(workdir, f"measure-{scenario.name}-{i}")
        times.append(timed_run(whlinst, scenario, prefix))
        shutil.rmtree(prefix)
    scenario.seconds = statistics.median(times)
    print(f"# {scenario.name}: a normal run takes {scenario.seconds:.3f} s "
          f"({', '.join(f'{t:.3f}' for t in times)})")


def kill_points(count, scenario_count):
    """(scenario index, mode, fraction of the run) spread evenly per cell, the
    whlinst-only cells offset by half a step; then per cell one point with
    fraction "commit": killed as soon as the journal holds its commit record."""
    cells = [(s, m) for s in range(scenario_count) for m in range(len(MODES))]
    points = []
    for cell, (scenario, mode) in enumerate(cells):
        k = count // len(cells) + (1 if cell < count % len(cells) else 0)
        points += [(scenario, MODES[mode], SPAN * (i + 0.25 + 0.5 * mode) / k)
                   for i in range(k)]
    return points + [(scenario, MODES[mode], "commit") for scenario, mode in cells]


def is_bytecode_worker(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            return b"py_compile" in stream.read()
    except OSError:
        return False


def group_members(pgid):
    """Live (non-zombie) processes of a process group."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry))
    return members


def wait_for_commit(process, prefix):
    """Polls the journals until one holds its commit record (True) or
    whlinst exits (False)."""
    while process.poll() is None:
        for path in journals(prefix):
            try:
                with open(path, "rb") as stream:
                    if b"\nC\t" in stream.read():
                        return True
            except OSError:
                pass
    return False


def kill_during(whlinst, scenario, prefix, trigger, mode):
    """Starts the install, kill -9s it after trigger seconds or, if trigger is
    "commit", once its journal holds the commit record; returns its pid and
    how many bytecode workers were alive just before (None if whlinst had
    already exited)."""
    process = subprocess.Popen(whlinst.command("install", scenario.wheel, prefix=prefix),
                               env=clean_environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    if trigger == "commit":
        wait_for_commit(process, prefix)
    else:
        time.sleep(trigger)
    workers = None
    if process.poll() is None:
        workers = sum(map(is_bytecode_worker, group_members(process.pid)))
        if mode == "group":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return process.pid, workers


def kill_phase(prefix, workers):
    """Where the kill landed, from the journal it left: "finished" (before
    the kill), "no journal" (none yet, or already done), "committed" (its
    commit record written), "compiling" (pyc files announced in the journal,
    or written into a fresh tree still under its hidden name) or "extracting"."""
    found = journals(prefix)
    if workers is None:
        return "finished"
    if not found:
        return "no journal"
    with open(found[0]) as stream:
        actions = [line.split("\t")[:2] for line in stream]
    if any(fields[0] == "C" for fields in actions):
        return "committed"
    compiling = any(fields[0] == "T" and fields[1].endswith(".pyc") for fields in actions)
    return "compiling" if compiling or pyc_in_hidden_trees(prefix) else "extracting"


def pyc_in_hidden_trees(prefix):
    """Whether a bytecode file (or py_compile's temporary for one) exists in
    a tree that an install builds under a hidden ".whlinst-*" name."""
    for top, directories, _ in os.walk(prefix):
        for name in directories:
            if name.startswith(".whlinst-"):
                for _, _, files in os.walk(os.path.join(top, name)):
                    if any(".pyc" in file for file in files):
                        return True
    return False


def check_dist_info_last(checks, label, scenario, prefix):
    missing = missing_record_files(target_site_packages(prefix), scenario.project)
    checks.check(f"{label}: (a) a visible dist-info has all its RECORD files", not missing,
                 f"{len(missing)} missing: {missing[:4]}")


def check_one_version(checks, label, scenario, prefix, allowed):
    versions = installed_versions(target_site_packages(prefix), scenario.project)
    ok = len(versions) <= 1 and set(versions) <= allowed
    checks.check(f"{label}: one of {sorted(allowed)} installed", ok, versions)
    if ok and versions and scenario.problems:
        wrong = scenario.problems(prefix, versions[0])
        checks.check(f"{label}: {scenario.project} {versions[0]} is exactly that version", not wrong, wrong[:6])
    return versions


def check_recovered(checks, label, whlinst, scenario, prefix, unrelated):
    """(c) An unrelated install recovers every journal; the project is then
    entirely the old state or entirely the new one."""
    result = whlinst.run("install", unrelated, prefix=prefix)
    checks.check(f"{label}: (c) unrelated install exits 0", result.returncode == 0,
                 describe(result))
    allowed = {scenario.version} | ({scenario.old_version} if scenario.old_version else set())
    versions = check_one_version(checks, f"{label}: (c) after recovery", scenario, prefix,
                                 allowed)
    if scenario.old_version:
        checks.check(f"{label}: (c) after recovery some version is installed", versions != [],
                     versions)
    listed = whlinst.run("list", prefix=prefix)
    rows = [line.split()[1] for line in listed.stdout.splitlines()
            if line.split()[:1] == [scenario.project]]
    checks.check(f"{label}: (c) whlinst list agrees", listed.returncode == 0 and rows == versions,
                 f"{rows} versus {versions}; {describe(listed)}")
    check_clean(checks, f"{label}: (c) after recovery", whlinst, prefix)


def check_rerun(checks, label, whlinst, scenario, prefix):
    """(b) The same install again succeeds and leaves a clean prefix."""
    result = whlinst.run("install", scenario.wheel, prefix=prefix)
    checks.check(f"{label}: (b) the same install again exits 0", result.returncode == 0,
                 describe(result))
    versions = installed_versions(target_site_packages(prefix), scenario.project)
    checks.check(f"{label}: (b) exactly {scenario.version} installed",
                 versions == [scenario.version], versions)
    check_clean(checks, f"{label}: (b)", whlinst, prefix)


def check_group_gone(checks, label, pgid):
    deadline = time.monotonic() + 3
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = group_members(pgid)
    checks.check(f"{label}: no process of the killed group survives", not left, left)


def point_label(index, scenario, mode, fraction):
    when = ("at its commit record" if fraction == "commit" else
            f"at {fraction * scenario.seconds:.3f} s ({fraction:.0%})")
    return f"point {index} {scenario.name} kill {mode} {when}"


def run_point(checks, whlinst, scenario, mode, fraction, index, workdir, unrelated):
    prefix = os.path.join(workdir, f"point-{index}")
    prepare(whlinst, scenario, prefix)
    label = point_label(index, scenario, mode, fraction)
    trigger = fraction if fraction == "commit" else fraction * scenario.seconds
    pgid, workers = kill_during(whlinst, scenario, prefix, trigger, mode)
    phase = kill_phase(prefix, workers)
    print(f"# {label}: {phase}, {workers or 0} bytecode worker(s) alive, "
          f"{len(hidden_names(prefix))} .whlinst-* names")
    check_dist_info_last(checks, label, scenario, prefix)
    if scenario.old_version or index % 2:
        check_recovered(checks, label, whlinst, scenario, prefix, unrelated)
    check_rerun(checks, label, whlinst, scenario, prefix)
    check_group_gone(checks, label, pgid)
    shutil.rmtree(prefix)
    return phase


def corrupted_copy(wheel, workdir, which):
    """wheel with the bytes of its first or last non-dist-info entry changed
    (same size), RECORD and entry order kept."""
    with zipfile.ZipFile(wheel) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    payload = [i for i, (info, _) in enumerate(entries) if ".dist-info/" not in info.filename]
    target = payload[0] if which == "first" else payload[-1]
    info, data = entries[target]
    entries[target] = (info, data[:-2] + bytes([data[-2] ^ 0x20]) + data[-1:])
    path = os.path.join(workdir, which, os.path.basename(wheel))
    os.makedirs(os.path.dirname(path))
    with zipfile.ZipFile(path, "w") as archive:
        for entry_info, entry_data in entries:
            archive.writestr(entry_info, entry_data)
    return path, info.filename


def check_failure_injection(checks, whlinst, upgrade, fixtures, workdir, which):
    prefix = os.path.join(workdir, f"inject-{which}")
    prepare(whlinst, upgrade, prefix)
    broken, entry = corrupted_copy(fixture(fixtures, "fixture_upgrade-2.0"), workdir, which)
    label = f"injected failure ({which} entry {entry} changed)"
    before = snapshot(prefix)
    result = whlinst.run("install", broken, prefix=prefix)
    lines = error_lines(result)
    checks.check(f"{label}: install over 1.0 exits 1 with one 'hash mismatch' line",
                 result.returncode == 1 and len(lines) == 1 and "hash mismatch" in lines[0],
                 describe(result))
    differences = diff_snapshots(before, snapshot(prefix), ("before", "after"))
    checks.check(f"{label}: prefix identical", not differences, differences[:5])
    versions = installed_versions(target_site_packages(prefix), "fixture_upgrade")
    checks.check(f"{label}: 1.0 still installed", versions == ["1.0"], versions)
    check_clean(checks, label, whlinst, prefix)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--points", type=int, default=48,
                        help=f"kill points at fractions of a run (at least {MIN_POINTS}; "
                             "6 more kill at the commit record)")
    args = parser.parse_args(argv)
    if args.points < MIN_POINTS:
        parser.error(f"--points must be at least {MIN_POINTS}")
    checks, whlinst = Checks(), Whlinst(args.whlinst)
    fixtures = os.path.abspath(args.fixtures)
    unrelated = fixture(fixtures, "fixture_multitag")
    workdir = tempfile.mkdtemp(prefix="whlinst-crash-")
    try:
        cases = scenarios(fixtures, make_hardening_fixtures.write_kind_bulk(workdir))
        for scenario in cases:
            measure(whlinst, scenario, workdir)
        phases = collections.Counter()
        for index, (s, mode, fraction) in enumerate(kill_points(args.points, len(cases))):
            phase = run_point(checks, whlinst, cases[s], mode, fraction, index, workdir,
                              unrelated)
            phases[f"{cases[s].name} {phase}"] += 1
        print(f"# kills by phase: {dict(sorted(phases.items()))}")
        checks.check("some kills landed during the byte-compilation of fixture_many",
                     phases["install compiling"] > 0)
        for which in ("first", "last"):
            check_failure_injection(checks, whlinst, cases[1], fixtures, workdir, which)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
