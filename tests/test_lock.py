#!/usr/bin/env python3
"""Environments from PEP 751 lock files (docs/design.md, "Lock files"), with
locks written here by hand over the wheels of
wheels-fixtures/make_lock_fixtures.py:

  selection     install -r pylock.toml: markers true and false, several
                wheels of one package with different tags (the best for the
                target), `path`, `file://` `url` and a file found by name in
                --find-links, extras and dependency groups; verify --lock.
  refusals      `environments` excluding the target, a wrong size, a wrong
                hash, an sdist-only package, a newer lock-version, a missing
                file: one error line, exit 1, the prefix as it was.
  pip form      a lock in the form `pip lock` writes (lock-version,
                created-by, [[packages]] with [[packages.wheels]] name, url
                and a [packages.wheels.hashes] table), files by --find-links.
  sync          missing projects installed, older versions replaced, a
                project whlinst installed removed, one pip installed kept with
                a warning (removed by --exact); --report lists the removals;
                verify --lock before and after; a second sync changes nothing.
  atomicity     a 20-wheel lock whose last wheel fails while installing, and
                one whose last hash is wrong: the environment exactly as
                before; kill -9 at --points moments of a 20-wheel sync (and
                at its commit point): after the next run, the environment is
                exactly as before or exactly as the lock (snapshots).
  reproducible  sync into two fresh venvs at different paths: equal file
                for file (paths in scripts, pyc files aside); two syncs under
                one SOURCE_DATE_EPOCH into one path: bit-identical.

Usage: test_lock.py --whlinst W --fixtures-script make_lock_fixtures.py [--points N]
"""

import glob
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import (Checks, Whlinst, check_clean, describe, error_lines, kill_during,  # noqa: E402
                         kill_test_arguments, installed_versions, record_rows, target_site_packages)
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

MEMBERS = 20
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
PYTHON_TAG = f"cp{sys.version_info[0]}{sys.version_info[1]}"


# --- lock files ------------------------------------------------------------------

class Fixtures:
    """The fixture wheels, copied beside the locks under lockdir/wheels."""

    def __init__(self, directory, lockdir):
        self.directory = directory
        self.lockdir = lockdir
        os.makedirs(os.path.join(lockdir, "wheels"))
        for path in glob.glob(os.path.join(directory, "*.whl")):
            shutil.copy(path, os.path.join(lockdir, "wheels"))

    def path(self, filename):
        return os.path.join(self.lockdir, "wheels", filename)

    def size(self, filename):
        return os.path.getsize(self.path(filename))

    def sha256(self, filename):
        with open(self.path(filename), "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()


def wheel_table(fixtures, filename, where="path", size=None, sha256=None):
    """One [[packages.wheels]] table; where: 'path' (relative to the lock),
    'file-url', 'index-url' (found by name in --find-links) or 'missing'."""
    lines = ["[[packages.wheels]]", f'name = "{filename}"']
    if where == "path":
        lines.append(f'path = "wheels/{filename}"')
    elif where == "file-url":
        lines.append(f'url = "file://{fixtures.path(filename)}"')
    elif where == "index-url":
        lines.append(f'url = "https://files.example.invalid/packages/{filename}"')
    else:
        lines.append(f'path = "wheels/missing/{filename}"')
    exists = os.path.exists(fixtures.path(filename))
    lines.append(f"size = {size if size is not None else fixtures.size(filename) if exists else 1000}")
    lines.append(f'hashes = {{sha256 = "{sha256 or (fixtures.sha256(filename) if exists else "0" * 64)}"}}')
    return "\n".join(lines) + "\n"


def package_table(name, version, wheels, marker=None, extra=""):
    lines = ["[[packages]]", f'name = "{name}"', f'version = "{version}"']
    if marker:
        lines.append(f"marker = {json.dumps(marker)}")
    return "\n".join(lines) + "\n" + extra + "\n" + "\n".join(wheels) + "\n"


def member_package(fixtures, index, filename=None, **wheel):
    filename = filename or f"lockfix_m{index:02}-1.0-py3-none-any.whl"
    return package_table(f"lockfix-m{index:02}", "1.0", [wheel_table(fixtures, filename, **wheel)])


def lock_text(packages, header=""):
    return ('lock-version = "1.0"\ncreated-by = "whlinst tests (test_lock.py)"\n' + header + "\n"
            + "\n".join(packages))


def write_lock(directory, text, name="pylock.toml"):
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
    return path


def members_lock(fixtures, last=None):
    """The twenty members, the last one replaced by `last` (a package table)."""
    packages = [member_package(fixtures, i) for i in range(MEMBERS)]
    if last is not None:
        packages[-1] = last
    return lock_text(packages)


# --- trees -----------------------------------------------------------------------

def versions(prefix, *projects):
    site = target_site_packages(prefix)
    return {p: installed_versions(site, p) for p in projects}


def module_text(prefix, module):
    with open(os.path.join(target_site_packages(prefix), module), encoding="utf-8") as stream:
        return stream.read()


def prepare_before(whlinst, fixtures, prefix, env=None):
    """The environment a sync starts from: lockfix_m00..m09 at 0.9 and
    lockfix_old, installed by whlinst; lockfix_found installed by pip."""
    older = [fixtures.path(f"lockfix_m{i:02}-0.9-py3-none-any.whl") for i in range(10)]
    result = whlinst.run("install", *older, fixtures.path("lockfix_old-1.0-py3-none-any.whl"), prefix=prefix,
                         env=env)
    assert result.returncode == 0, describe(result)
    result = whlinst.run("install", "--installer", "pip", fixtures.path("lockfix_found-1.0-py3-none-any.whl"),
                         prefix=prefix, env=env)
    assert result.returncode == 0, describe(result)


def one_error(result, *words):
    lines = error_lines(result)
    return result.returncode == 1 and len(lines) == 1 and all(w in lines[0] for w in words)


# --- selection -------------------------------------------------------------------

def selection_lock(fixtures):
    tags = [wheel_table(fixtures, "lockfix_tags-1.0-cp27-cp27mu-manylinux1_x86_64.whl"),
            wheel_table(fixtures, "lockfix_tags-1.0-py3-none-any.whl"),
            wheel_table(fixtures, f"lockfix_tags-1.0-{PYTHON_TAG}-none-any.whl")]
    one = "-1.0-py3-none-any.whl"
    packages = [
        member_package(fixtures, 0),
        package_table("lockfix-tags", "1.0", tags),
        package_table("lockfix-url", "1.0", [wheel_table(fixtures, "lockfix_url" + one, where="file-url")]),
        package_table("lockfix-found", "1.0", [wheel_table(fixtures, "lockfix_found" + one, where="index-url")]),
        package_table("lockfix-never", "1.0", [wheel_table(fixtures, "lockfix_never" + one, where="missing")],
                      marker="python_version < '3'"),
        package_table("lockfix-extra", "1.0", [wheel_table(fixtures, "lockfix_extra" + one)],
                      marker="'feature' in extras"),
        package_table("lockfix-group", "1.0", [wheel_table(fixtures, "lockfix_group" + one)],
                      marker="'dev' in dependency_groups"),
    ]
    header = 'extras = ["feature"]\ndependency-groups = ["dev"]\ndefault-groups = []\n'
    return lock_text(packages, header)


def test_selection(checks, whlinst, fixtures, workdir):
    lock = write_lock(fixtures.lockdir, selection_lock(fixtures))
    prefix = os.path.join(workdir, "selection")
    links = ["-f", fixtures.directory]
    result = whlinst.run("install", "-r", lock, *links, prefix=prefix)
    checks.check("selection: install -r pylock.toml exits 0", result.returncode == 0, describe(result))
    got = versions(prefix, "lockfix_m00", "lockfix_tags", "lockfix_url", "lockfix_found", "lockfix_never",
                   "lockfix_extra", "lockfix_group")
    expected = {"lockfix_m00": ["1.0"], "lockfix_tags": ["1.0"], "lockfix_url": ["1.0"], "lockfix_found": ["1.0"],
                "lockfix_never": [], "lockfix_extra": [], "lockfix_group": []}
    checks.check("selection: the packages whose marker holds, not the others (no extra, no group)",
                 got == expected, got)
    checks.check(f"selection: lockfix_tags from its {PYTHON_TAG}-none-any wheel (the best tag for the target)",
                 "VARIANT = 'python'" in module_text(prefix, "lockfix_tags/__init__.py"),
                 module_text(prefix, "lockfix_tags/__init__.py"))
    site = target_site_packages(prefix)
    direct = glob.glob(os.path.join(site, "*.dist-info", "direct_url.json"))
    checks.check("selection: wheels from `wheels` get no direct_url.json (as from an index)", not direct, direct)
    check_clean(checks, "selection", whlinst, prefix)
    verified = whlinst.run("verify", "--lock", lock, prefix=prefix)
    checks.check("selection: verify --lock exits 0", verified.returncode == 0, describe(verified))
    verified = whlinst.run("verify", "--lock", lock, "--extra", "feature", prefix=prefix)
    checks.check("selection: verify --lock --extra feature: exit 1, one line naming lockfix-extra",
                 one_error(verified, "lockfix-extra"), describe(verified))
    result = whlinst.run("install", "-r", lock, "--extra", "feature", "--group", "dev", *links, prefix=prefix)
    got = versions(prefix, "lockfix_extra", "lockfix_group", "lockfix_never")
    checks.check("selection: --extra feature --group dev add their packages",
                 result.returncode == 0 and got == {"lockfix_extra": ["1.0"], "lockfix_group": ["1.0"],
                                                    "lockfix_never": []}, f"{describe(result)} {got}")
    before = snapshot(prefix)
    result = whlinst.run("install", "-r", lock, "--extra", "nope", *links, prefix=prefix)
    checks.check("selection: --extra the lock does not declare: exit 1, one line naming it",
                 one_error(result, "no extra 'nope'") and snapshot(prefix) == before, describe(result))
    result = whlinst.run("install", fixtures.path("lockfix_old-1.0-py3-none-any.whl"), "--extra", "feature",
                         prefix=prefix)
    checks.check("selection: --extra without a lock file is a usage error (exit 2)",
                 result.returncode == 2 and snapshot(prefix) == before, describe(result))


# --- refusals --------------------------------------------------------------------

def refusal_locks(fixtures):
    """(label, lock text, words the error line must hold)."""
    first = member_package(fixtures, 0)
    m1 = "lockfix_m01-1.0-py3-none-any.whl"
    sdist = ('[packages.sdist]\nname = "lockfix_sdist-1.0.tar.gz"\npath = "sdists/lockfix_sdist-1.0.tar.gz"\n'
             'hashes = {sha256 = "' + "0" * 64 + '"}\n')
    return [
        ("environments excluding the target",
         lock_text([first], "environments = [\"python_version < '3'\"]\n"), ["does not support this environment"]),
        ("a wrong size", lock_text([first, member_package(fixtures, 1, size=fixtures.size(m1) + 1)]),
         ["lockfix-m01", "bytes, the lock says"]),
        ("a wrong hash", lock_text([first, member_package(fixtures, 1, sha256="ab" * 32)]),
         ["lockfix-m01", "sha256 mismatch"]),
        ("an sdist-only package", lock_text([first, package_table("lockfix-sdist", "1.0", [], extra=sdist)]),
         ["lockfix-sdist", "whlinst installs wheels only"]),
        ("a newer lock-version", lock_text([first]).replace('lock-version = "1.0"', 'lock-version = "2.0"'),
         ["lock-version", "not supported"]),
        ("a file that is not there", lock_text([first, member_package(fixtures, 1, where="missing")]),
         ["lockfix-m01", "not found"]),
    ]


def test_refusals(checks, whlinst, fixtures, workdir):
    prefix = os.path.join(workdir, "refusals")
    prepare_before(whlinst, fixtures, prefix)
    before = snapshot(prefix)
    for index, (label, text, words) in enumerate(refusal_locks(fixtures)):
        lock = write_lock(fixtures.lockdir, text, f"pylock.refusal{index}.toml")
        for command in (["install", "-r", lock], ["sync", lock]):
            result = whlinst.run(*command, prefix=prefix)
            checks.check(f"refusal, {label}: {command[0]}: exit 1, one error line ({', '.join(words)})",
                         one_error(result, *words), describe(result))
            after = snapshot(prefix)
            checks.check(f"refusal, {label}: {command[0]}: the prefix as it was", after == before,
                         diff_snapshots(before, after)[:4])


# --- the form pip lock writes ------------------------------------------------------

def pip_form_lock(fixtures):
    """A lock laid out as `pip lock` writes one: lock-version and created-by,
    then per package name and version, its wheels with name, url and a
    hashes table (no size, no path)."""
    text = 'lock-version = "1.0"\ncreated-by = "pip"\n'
    for name in ("lockfix_m03", "lockfix_tags"):
        filename = f"{name}-1.0-py3-none-any.whl"
        text += (f'\n[[packages]]\nname = "{name.replace("_", "-")}"\nversion = "1.0"\n\n'
                 f'[[packages.wheels]]\nname = "{filename}"\n'
                 f'url = "https://files.pythonhosted.org/packages/ab/cd/{filename}"\n\n'
                 f'[packages.wheels.hashes]\nsha256 = "{fixtures.sha256(filename)}"\n')
    return text


def test_pip_form(checks, whlinst, fixtures, workdir):
    lock = write_lock(fixtures.lockdir, pip_form_lock(fixtures), "pylock.pip.toml")
    prefix = os.path.join(workdir, "pip-form")
    result = whlinst.run("install", "-r", lock, "-f", fixtures.directory, prefix=prefix)
    got = versions(prefix, "lockfix_m03", "lockfix_tags")
    checks.check("pip lock's form: installed from --find-links",
                 result.returncode == 0 and got == {"lockfix_m03": ["1.0"], "lockfix_tags": ["1.0"]},
                 f"{describe(result)} {got}")
    checks.check("pip lock's form: the wheel the lock names (py3-none-any), not a better one beside it",
                 "VARIANT = 'any'" in module_text(prefix, "lockfix_tags/__init__.py"))
    result = whlinst.run("install", "-r", lock, prefix=os.path.join(workdir, "pip-form-offline"))
    checks.check("pip lock's form without --find-links: exit 1, 'whlinst does not download'",
                 one_error(result, "does not download"), describe(result))


# --- sync ------------------------------------------------------------------------

SYNC_PHASES = ["main", "command line read", "target described", "wheels opened and checked",
               "installed projects compared", "bytecode pool started", "end of main"]


def check_sync_phases(checks, path):
    """WHLINST_PHASE_TIMING's marks of a sync: its own steps, in order, on a
    clock that never goes back (bench/fixed_cost.py reads them)."""
    with open(path, encoding="utf-8") as stream:
        lines = stream.read().splitlines()[1:]
    marks = [(float(line.split(" ", 1)[0]), line.split(" ", 1)[1]) for line in lines]
    names = [name for _, name in marks if name in SYNC_PHASES]
    times = [time for time, _ in marks]
    checks.check("sync with WHLINST_PHASE_TIMING: its steps marked in order, times ascending",
                 names == SYNC_PHASES and times == sorted(times), lines)


def test_sync(checks, whlinst, fixtures, workdir):
    lock = write_lock(fixtures.lockdir, members_lock(fixtures), "pylock.members.toml")
    prefix = os.path.join(workdir, "sync")
    prepare_before(whlinst, fixtures, prefix)
    verified = whlinst.run("verify", "--lock", lock, prefix=prefix)
    differences = error_lines(verified)
    checks.check("sync: verify --lock before: exit 1, a line per difference (10 missing, 10 older, 2 extra)",
                 verified.returncode == 1 and len(differences) == 22, describe(verified))
    before = snapshot(prefix)
    dry = whlinst.run("sync", lock, "--dry-run", prefix=prefix)
    checks.check("sync --dry-run: exit 0, says it would uninstall lockfix-old, changes nothing",
                 dry.returncode == 0 and "would uninstall lockfix" in dry.stdout.lower() and snapshot(prefix) == before,
                 describe(dry))
    report = os.path.join(workdir, "sync-report.json")
    phases = os.path.join(workdir, "sync-phases.txt")
    result = whlinst.run("sync", lock, "--report", report, prefix=prefix, env={"WHLINST_PHASE_TIMING": phases})
    check_sync_phases(checks, phases)
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    checks.check("sync: exit 0, one warning: lockfix-found (installed by pip) stays",
                 result.returncode == 0 and len(warnings) == 1 and "lockfix" in warnings[0].lower()
                 and "found" in warnings[0] and "--exact" in warnings[0], describe(result))
    names = [f"lockfix_m{i:02}" for i in range(MEMBERS)]
    got = versions(prefix, *names, "lockfix_old", "lockfix_found")
    expected = {n: ["1.0"] for n in names}
    expected.update({"lockfix_old": [], "lockfix_found": ["1.0"]})
    checks.check("sync: all twenty at 1.0, lockfix_old removed, lockfix_found kept", got == expected, got)
    with open(report, encoding="utf-8") as stream:
        data = json.load(stream)
    removed = [(r["name"], r["status"]) for r in data.get("removed", [])]
    statuses = sorted({p["status"] for p in data["projects"]})
    checks.check("sync --report: removed lists lockfix_old as uninstalled, the twenty as installed",
                 removed == [("lockfix_old", "uninstalled")] and statuses == ["installed"]
                 and len(data["projects"]) == MEMBERS, f"{removed} {statuses}")
    check_clean(checks, "sync", whlinst, prefix)
    verified = whlinst.run("verify", "--lock", lock, prefix=prefix)
    checks.check("sync: verify --lock: exit 1, one line: lockfix-found is not in the lock",
                 one_error(verified, "lockfix"), describe(verified))
    synced = snapshot(prefix)
    again = whlinst.run("sync", lock, prefix=prefix)
    checks.check("sync again: exit 0, nothing changed", again.returncode == 0 and snapshot(prefix) == synced,
                 describe(again))
    exact = whlinst.run("sync", lock, "--exact", prefix=prefix)
    checks.check("sync --exact: exit 0, lockfix_found removed",
                 exact.returncode == 0 and not versions(prefix, "lockfix_found")["lockfix_found"], describe(exact))
    verified = whlinst.run("verify", "--lock", lock, prefix=prefix)
    checks.check("sync --exact: verify --lock exits 0", verified.returncode == 0, describe(verified))
    check_clean(checks, "sync --exact", whlinst, prefix)


# --- atomicity -------------------------------------------------------------------

def test_failing_member(checks, whlinst, fixtures, workdir):
    bad = package_table("lockfix-bad", "1.0", [wheel_table(fixtures, "lockfix_bad-1.0-py3-none-any.whl")])
    cases = [("the last wheel fails while installing", members_lock(fixtures, last=bad),
              ["lockfix_bad", "hash mismatch"]),
             ("the last wheel's hash is wrong in the lock", members_lock(
                 fixtures, last=member_package(fixtures, MEMBERS - 1, sha256="cd" * 32)),
              ["lockfix-m19", "sha256 mismatch"])]
    for index, (label, text, words) in enumerate(cases):
        lock = write_lock(fixtures.lockdir, text, f"pylock.failing{index}.toml")
        for command in (["install", "-r", lock], ["sync", lock]):
            prefix = os.path.join(workdir, f"failing-{index}-{command[0]}")
            prepare_before(whlinst, fixtures, prefix)
            before = snapshot(prefix)
            result = whlinst.run(*command, prefix=prefix)
            checks.check(f"20-wheel lock, {label}: {command[0]}: exit 1, one error line ({', '.join(words)})",
                         one_error(result, *words), describe(result))
            after = snapshot(prefix)
            checks.check(f"20-wheel lock, {label}: {command[0]}: the environment exactly as before",
                         after == before, diff_snapshots(before, after)[:4])


def marker_pattern(prefix):
    return os.path.join(target_site_packages(prefix), ".whlinst", "_set.*.commit")


def test_sync_kills(checks, whlinst, fixtures, workdir, points):
    lock = write_lock(fixtures.lockdir, members_lock(fixtures), "pylock.kills.toml")
    prefix = os.path.join(workdir, "kills")
    times = []
    for _ in range(3):
        shutil.rmtree(prefix, ignore_errors=True)
        prepare_before(whlinst, fixtures, prefix, env=EPOCH)
        before = snapshot(prefix)
        started = time.monotonic()
        result = whlinst.run("sync", lock, prefix=prefix, env=EPOCH)
        times.append(time.monotonic() - started)
        assert result.returncode == 0, describe(result)
        after = snapshot(prefix)
    seconds = statistics.median(times)
    print(f"# a sync of the twenty takes {seconds:.3f} s")
    outcomes = {}
    triggers = [seconds * 0.95 * (i + 0.5) / points for i in range(points)] + ["marker"]
    for index, trigger in enumerate(triggers):
        label = f"kill {index} ({trigger if trigger == 'marker' else f'{trigger * 1000:.0f} ms'})"
        shutil.rmtree(prefix)
        prepare_before(whlinst, fixtures, prefix, env=EPOCH)
        killed = kill_during(whlinst.command("sync", lock, prefix=prefix), trigger, marker_pattern(prefix), EPOCH)
        recovery = whlinst.run("uninstall", "lockfix-not-there", prefix=prefix, env=EPOCH)
        checks.check(f"{label}: the next run recovers (an uninstall of a project not installed: exit 1)",
                     recovery.returncode == 1 and "not installed" in recovery.stderr, describe(recovery))
        now = snapshot(prefix)
        outcome = "before" if now == before else "lock" if now == after else "neither"
        key = outcome if killed else "finished"
        outcomes[key] = outcomes.get(key, 0) + 1
        detail = "" if outcome != "neither" else (diff_snapshots(before, now, ("before", "now"))[:3],
                                                  diff_snapshots(after, now, ("lock", "now"))[:3])
        checks.check(f"{label}: exactly as before or exactly as the lock ({outcome})", outcome != "neither", detail)
    print(f"# outcomes after the kills: {outcomes}")
    checks.check("some kills landed before the set's decision (environment as before)",
                 outcomes.get("before", 0) > 0, outcomes)


# --- reproducibility ---------------------------------------------------------------

def make_venv(path):
    result = subprocess.run([sys.executable, "-m", "venv", "--without-pip", path], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, universal_newlines=True)
    return result.returncode == 0


def comparable_tree(root):
    """path -> what must be equal between two venvs at different paths: the
    content with the venv's path replaced; for pyc files only that they
    exist; RECORD rows of pyc files and scripts without hash and size."""
    tree = {}
    placeholder = b"<VENV>"
    for relpath, (kind, mode, value) in snapshot(root).items():
        path = os.path.join(root, relpath)
        if kind != "file" or relpath.endswith(".pyc"):
            tree[relpath] = (kind, mode, value if kind != "file" else "")
            continue
        with open(path, "rb") as stream:
            data = stream.read().replace(os.fsencode(root), placeholder)
        if os.path.basename(relpath) == "RECORD":
            rows = [row if not (row[0].endswith(".pyc") or "/bin/" in row[0]) else [row[0], "", ""]
                    for row in record_rows(os.path.dirname(path))]
            data = repr(rows).encode()
        tree[relpath] = (kind, mode, hashlib.sha256(data).hexdigest())
    return tree


def test_reproducible(checks, fixtures, exe, workdir):
    lock = write_lock(fixtures.lockdir, members_lock(fixtures), "pylock.venvs.toml")
    first, second = os.path.join(workdir, "here", "venv"), os.path.join(workdir, "elsewhere", "deeper", "venv")
    if not (make_venv(first) and make_venv(second)):
        print("SKIP reproducibility: python -m venv is not available")
        return
    for venv in (first, second):
        result = Whlinst(exe, os.path.join(venv, "bin", "python")).run("sync", lock, prefix=venv)
        checks.check(f"reproducible: sync into {venv}: exit 0", result.returncode == 0,
                     describe(result))
    a, b = comparable_tree(first), comparable_tree(second)
    differences = sorted(p for p in set(a) | set(b) if a.get(p) != b.get(p))
    checks.check(f"reproducible: two venvs at different paths equal file for file ({len(a)} paths; "
                 "paths in scripts and pyc aside)", not differences, differences[:5])
    pyc = [p for p in a if p.endswith(".pyc")]
    checks.check("reproducible: the venvs hold byte-compiled files", len(pyc) >= MEMBERS * 13, len(pyc))
    snapshots = []
    for _ in range(2):
        shutil.rmtree(first)
        make_venv(first)
        result = Whlinst(exe, os.path.join(first, "bin", "python")).run("sync", lock, prefix=first, env=EPOCH)
        checks.check("reproducible: sync under SOURCE_DATE_EPOCH: exit 0", result.returncode == 0, describe(result))
        snapshots.append(snapshot(first))
    checks.check("reproducible: two syncs under one SOURCE_DATE_EPOCH into one path: bit-identical, pyc included",
                 snapshots[0] == snapshots[1], diff_snapshots(snapshots[0], snapshots[1])[:4])


def main(argv=None):
    args = kill_test_arguments(argv)
    whlinst = Whlinst(args.whlinst)
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="whlinst-lock-") as workdir:
        directory = os.path.join(workdir, "fixtures")
        subprocess.run([sys.executable, args.fixtures_script, directory, "--python-tag", PYTHON_TAG], check=True,
                       stdout=subprocess.DEVNULL)
        fixtures = Fixtures(directory, os.path.join(workdir, "locks"))
        test_selection(checks, whlinst, fixtures, workdir)
        test_refusals(checks, whlinst, fixtures, workdir)
        test_pip_form(checks, whlinst, fixtures, workdir)
        test_sync(checks, whlinst, fixtures, workdir)
        test_failing_member(checks, whlinst, fixtures, workdir)
        test_sync_kills(checks, whlinst, fixtures, workdir, args.points)
        test_reproducible(checks, fixtures, args.whlinst, workdir)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
