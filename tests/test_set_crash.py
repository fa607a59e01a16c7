#!/usr/bin/env python3
"""The wheels of one invocation are installed all or none (docs/design.md,
"Sets"), shown on twelve wheels (wheels-fixtures/make_set_fixtures.py):

  failure   the twelve and setfix_bad (a hash mismatch) in one command: exit 1,
            one error line naming setfix_bad, and the prefix exactly as before;
  kill -9   the install of the twelve killed (process group) at --points moments
            spread over a normal run, and once as soon as the set's marker
            exists (its commit point); after each, the recovery the next run
            does (an uninstall of a project that is not there) leaves either
            all twelve installed, each complete, or none, and nothing of
            whlinst's (no .whlinst-* name, journal, marker, lock or state
            directory); then the same install exits 0 with all twelve.

Usage: test_set_crash.py --whlinst W --fixtures-script make_set_fixtures.py [--points N]
"""

import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import (Checks, Whlinst, check_clean, describe, error_lines, kill_during,  # noqa: E402
                         kill_test_arguments, installed_versions, missing_record_files, target_site_packages)
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

COUNT = 12


def members(fixtures):
    return sorted(glob.glob(os.path.join(fixtures, "setfix_[0-9]*.whl")))


def installed_members(prefix):
    site = target_site_packages(prefix)
    return [i for i in range(COUNT) if installed_versions(site, f"setfix_{i:02}")]


def timed_install(whlinst, wheels, prefix):
    started = time.monotonic()
    result = whlinst.run("install", *wheels, prefix=prefix)
    assert result.returncode == 0, describe(result)
    return time.monotonic() - started


def marker_pattern(prefix):
    return os.path.join(target_site_packages(prefix), ".whlinst", "_set.*.commit")


def check_failure(checks, whlinst, fixtures, workdir):
    prefix = os.path.join(workdir, "failure")
    os.makedirs(prefix)
    before = snapshot(prefix)
    bad = os.path.join(fixtures, "setfix_bad-1.0-py3-none-any.whl")
    result = whlinst.run("install", *members(fixtures), bad, prefix=prefix)
    lines = error_lines(result)
    checks.check("failure: exit 1, one error line naming setfix_bad",
                 result.returncode == 1 and len(lines) == 1 and "setfix_bad" in lines[0] and
                 "hash mismatch" in lines[0], describe(result))
    checks.check("failure: the prefix is exactly as before (no project of the set installed)",
                 snapshot(prefix) == before, diff_snapshots(before, snapshot(prefix))[:5])


def check_point(checks, whlinst, wheels, prefix, label, trigger, outcomes):
    killed = kill_during(whlinst.command("install", *wheels, prefix=prefix), trigger, marker_pattern(prefix))
    recovery = whlinst.run("uninstall", "setfix-not-there", prefix=prefix)
    checks.check(f"{label}: the next run recovers (uninstall of a project not installed: exit 1)",
                 recovery.returncode == 1 and "not installed" in recovery.stderr, describe(recovery))
    present = installed_members(prefix)
    outcome = "all" if len(present) == COUNT else "none" if not present else f"{len(present)} of {COUNT}"
    outcomes[outcome if killed else "finished"] = outcomes.get(outcome if killed else "finished", 0) + 1
    checks.check(f"{label}: all twelve or none ({'killed' if killed else 'finished first'})",
                 outcome in ("all", "none"), outcome)
    missing = missing_record_files(target_site_packages(prefix))
    checks.check(f"{label}: every installed project complete", not missing, missing[:5])
    if outcome == "all" or not present:
        check_clean(checks, f"{label}: after recovery", whlinst, prefix)
    again = whlinst.run("install", *wheels, prefix=prefix)
    checks.check(f"{label}: the same install again: exit 0, all twelve",
                 again.returncode == 0 and len(installed_members(prefix)) == COUNT, describe(again))
    check_clean(checks, f"{label}: after the install again", whlinst, prefix)


def main(argv=None):
    args = kill_test_arguments(argv)
    whlinst = Whlinst(args.whlinst)
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="whlinst-set-crash-") as workdir:
        fixtures = os.path.join(workdir, "fixtures")
        subprocess.run([sys.executable, args.fixtures_script, fixtures], check=True, stdout=subprocess.DEVNULL)
        wheels = members(fixtures)
        check_failure(checks, whlinst, fixtures, workdir)
        times = [timed_install(whlinst, wheels, os.path.join(workdir, f"measure-{i}")) for i in range(3)]
        seconds = statistics.median(times)
        print(f"# a normal install of the twelve takes {seconds:.3f} s")
        outcomes = {}
        triggers = [seconds * 0.9 * (i + 0.5) / args.points for i in range(args.points)] + ["marker"]
        for index, trigger in enumerate(triggers):
            label = f"point {index} ({trigger if trigger == 'marker' else f'{trigger * 1000:.0f} ms'})"
            check_point(checks, whlinst, wheels, os.path.join(workdir, f"point-{index}"), label, trigger, outcomes)
        print(f"# outcomes after the kills: {outcomes}")
        # Whether a kill lands after the decision (the last few ms) depends on
        # the machine's load: the roll-forward is shown deterministically by
        # src/set_commit_test.cpp; here some kills must land before it.
        checks.check("some kills landed before the set's decision (nothing installed)",
                     outcomes.get("none", 0) > 0, outcomes)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
