#!/usr/bin/env python3
"""kill -9 of `whlinst uninstall` while it removes files and prunes
directories (issue 14; docs/design.md invariants 3, 4, 6), then recovery.

fixture_many (~500 modules in 55 nested packages, byte-compiled) is
installed, then `whlinst uninstall fixture_many` is killed: at fractions of
a normal uninstall's time, as soon as its journal appears or its .dist-info
is hidden (before the commit record: what to remove is surveyed before the
transaction starts, and the transaction journals a thousand removals in one
write, so timed kills rarely land there; these two run under strace, which
holds each rename's return for 0.3 s, so that the kill lands right after
the rename that was waited for), and after its journal holds the commit record
once all, two thirds, one third or none of the package's files are left
(the removal and pruning after the commit point). After each kill the next run
(`whlinst uninstall` of a project that is not installed: it takes the
locks, so it recovers every journal, and changes nothing else) must leave
the prefix exactly as installed (killed before the commit record) or exactly
as a complete uninstall leaves it (after): same paths, kinds, modes and
bytes, no emptied directory left behind, no journal, no `.whlinst-*` name.
Uninstalling again then gives the uninstalled tree.

Usage: test_uninstall_crash.py --whlinst W --fixtures DIR [--points N]
"""

import argparse
import collections
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import (Checks, Whlinst, check_clean, clean_environment, describe,  # noqa: E402
                         hidden_names, journals, target_site_packages)
from test_crash_recovery import fixture, wait_for_commit  # noqa: E402
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

PROJECT = "fixture_many"
PROBE = "whlinst-recovery-probe"  # never installed
SPAN = 0.9


def is_state(relpath):
    parts = relpath.split("/")
    return ".whlinst" in parts or relpath.endswith(".lock")


def tree(prefix):
    return {path: entry for path, entry in snapshot(prefix).items() if not is_state(path)}


def install(whlinst, wheel, prefix):
    result = whlinst.run("install", wheel, prefix=prefix)
    assert result.returncode == 0, describe(result)


def files_left(package):
    return sum(len(files) for _, _, files in os.walk(package))


RENAMES = "rename,renameat,renameat2"


def strace_works():
    """Whether strace is installed and may trace (ptrace allowed here)."""
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-qq", "-o", "/dev/null", "true"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    return probe.returncode == 0


def with_renames_held(command):
    """`command` under strace, each rename's return held 0.3 s."""
    return ["strace", "-f", "-qq", "-o", "/dev/null", "-e", f"trace={RENAMES}",
            "-e", f"inject={RENAMES}:delay_exit=300000", *command]


def kill_uninstall(whlinst, prefix, trigger, total_files):
    """Starts the uninstall and kill -9s it (its process group: with strace,
    both) at `trigger`: seconds, or the fraction of the package's files left
    after the commit record (1: at the commit record); returns whether it
    was still running."""
    command = whlinst.command("uninstall", PROJECT, prefix=prefix)
    if isinstance(trigger, AtJournal) and trigger.renames_held:  # AtHidden too
        command = with_renames_held(command)
    process = subprocess.Popen(command, env=clean_environment(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    if isinstance(trigger, AtHidden):
        dist_info = os.path.join(target_site_packages(prefix), f"{PROJECT}-1.0.dist-info")
        while process.poll() is None and os.path.exists(dist_info):
            pass
    elif isinstance(trigger, AtJournal):
        while process.poll() is None and not journals(prefix):
            pass
    elif isinstance(trigger, Left):
        package = os.path.join(target_site_packages(prefix), PROJECT)
        if wait_for_commit(process, prefix):
            while process.poll() is None and files_left(package) > total_files * trigger.fraction:
                pass
    else:
        time.sleep(trigger)
    alive = process.poll() is None
    if alive:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return alive


class Left:
    """A kill point after the commit record: once this fraction of the
    package's files is left."""

    def __init__(self, fraction):
        self.fraction = fraction

    def __str__(self):
        return f"after the commit record, {self.fraction:.0%} of the files left"


class AtJournal:
    """A kill point as soon as the uninstall's journal appears: between the
    transaction's start and its commit record (the survey of what to remove
    is done before, so the window is short unless the renames are held)."""

    def __init__(self, renames_held):
        self.renames_held = renames_held

    def __str__(self):
        return "at the journal's creation" + (", renames held" if self.renames_held else "")


class AtHidden(AtJournal):
    """A kill point as soon as the .dist-info is hidden (renamed to a
    .whlinst-* name), just before the commit record."""

    def __str__(self):
        return "at the hiding of the .dist-info" + (", renames held" if self.renames_held else "")


def phase_of(prefix, alive, total_files):
    if not alive:
        return "finished"
    found = journals(prefix)
    if not found:
        return "no journal"
    with open(found[0], "rb") as stream:
        committed = b"\nC\t" in stream.read()
    if not committed:
        return "before commit"
    package = os.path.join(target_site_packages(prefix), PROJECT)
    left = files_left(package) if os.path.isdir(package) else 0
    return "committed" if left == total_files else "removing" if left else "pruning"


def run_point(checks, whlinst, wheel, prefix, trigger, label, uninstalled):
    install(whlinst, wheel, prefix)
    installed = tree(prefix)
    package = os.path.join(target_site_packages(prefix), PROJECT)
    total = files_left(package)
    alive = kill_uninstall(whlinst, prefix, trigger, total)
    phase = phase_of(prefix, alive, total)
    print(f"# {label}: {phase}, {len(hidden_names(prefix))} .whlinst-* names")
    probe = whlinst.run("uninstall", PROBE, prefix=prefix)
    checks.check(f"{label}: the next run (uninstall of a project not installed) exits 1 saying so",
                 probe.returncode == 1 and "not installed" in probe.stderr, describe(probe))
    after = tree(prefix)
    as_installed = diff_snapshots(installed, after, ("installed", "recovered"))
    as_uninstalled = diff_snapshots(uninstalled, after, ("uninstalled", "recovered"))
    checks.check(f"{label}: recovered to exactly installed or exactly uninstalled",
                 not as_installed or not as_uninstalled,
                 f"versus installed: {as_installed[:3]}; versus uninstalled: {as_uninstalled[:3]}")
    if phase in ("committed", "removing", "pruning"):
        checks.check(f"{label}: killed after the commit record: uninstalled", not as_uninstalled,
                     as_uninstalled[:4])
    check_clean(checks, f"{label}: after recovery", whlinst, prefix)
    again = whlinst.run("uninstall", PROJECT, prefix=prefix)
    checks.check(f"{label}: uninstall again: exit 0 (was installed) or 1 (was not)",
                 again.returncode == (0 if not as_installed else 1), describe(again))
    differences = diff_snapshots(uninstalled, tree(prefix), ("uninstalled", "after"))
    checks.check(f"{label}: then exactly uninstalled", not differences, differences[:4])
    shutil.rmtree(prefix)
    return phase


def measure(whlinst, wheel, prefix):
    """A normal uninstall's median time (3 runs), and the tree it leaves."""
    times = []
    for _ in range(3):
        install(whlinst, wheel, prefix)
        started = time.monotonic()
        result = whlinst.run("uninstall", PROJECT, prefix=prefix)
        times.append(time.monotonic() - started)
        assert result.returncode == 0, describe(result)
        uninstalled = tree(prefix)
        shutil.rmtree(prefix)
    seconds = statistics.median(times)
    print(f"# a normal uninstall takes {seconds:.3f} s ({', '.join(f'{t:.3f}' for t in times)})")
    return seconds, uninstalled


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--points", type=int, default=12, help="kill points at fractions of a run")
    args = parser.parse_args(argv)
    checks, whlinst = Checks(), Whlinst(args.whlinst)
    wheel = fixture(os.path.abspath(args.fixtures), PROJECT)
    workdir = tempfile.mkdtemp(prefix="whlinst-uninstall-crash-")
    prefix = os.path.join(workdir, "prefix")  # one path: the pyc files name it
    try:
        seconds, uninstalled = measure(whlinst, wheel, prefix)
        triggers = [SPAN * (i + 0.5) / args.points * seconds for i in range(args.points)]
        held = strace_works()
        if not held:
            print("# strace missing or not allowed to trace: the kills at the journal and the hiding are not held")
        triggers += [AtJournal(held) for _ in range(3)] + [AtHidden(held) for _ in range(3)]
        triggers += [Left(fraction) for fraction in (1, 2 / 3, 1 / 3, 0) for _ in range(3)]
        phases, held_phases = collections.Counter(), collections.Counter()
        for index, trigger in enumerate(triggers):
            when = f"{trigger:.3f} s" if isinstance(trigger, float) else str(trigger)
            phase = run_point(checks, whlinst, wheel, prefix, trigger, f"point {index} ({when})", uninstalled)
            phases[phase] += 1
            held_phases[phase] += isinstance(trigger, AtJournal)
        print(f"# kills by phase: {dict(sorted(phases.items()))}")
        checks.check("some kills landed while files were removed or directories pruned after the commit record",
                     phases["removing"] + phases["pruning"] > 0, dict(phases))
        if held:
            checks.check("every kill at the journal's creation or the hiding landed before the commit record",
                         held_phases["before commit"] == 6, dict(held_phases))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
