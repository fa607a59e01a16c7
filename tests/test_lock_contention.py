#!/usr/bin/env python3
"""Lock files removed under contention (docs/design.md invariants 5, 6, 9).

32 (--processes) loops run whlinst at once on one prefix for --seconds:
each installs (sometimes --force-reinstall, sometimes another version) or
uninstalls one of a few overlapping projects, over and over, while a killer
sends kill -9 to a random running whlinst now and then. Meanwhile a monitor
looks for two processes holding one project's lock at once: a transaction's
journal (STATE_DIR/PROJECT.ID.journal) is open only under its project lock,
so if process A has journal J open at two reads of /proc/A/fd, and process B
has a journal of the same project open at a read made between those two,
both held the lock at that moment. --self-test first shows the monitor
catches two fake holders.

Pass: no whlinst exits other than 0, 1 with one `not installed` line (an
uninstall that came first) or killed by the test; none runs longer than
--hang seconds; the monitor saw no two holders; after one more install
(recovering the killed ones' journals) verify exits 0, every file is listed
by a RECORD, and no `.whlinst*` name, journal or lock file is left.

Usage: test_lock_contention.py --whlinst W --fixtures DIR [--seconds S] [--processes N]
"""

import argparse
import glob
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import Checks, Whlinst, check_clean, clean_environment, describe  # noqa: E402

PROJECTS = {
    "fixture_pure": ["fixture_pure-1.0"], "nsfix_one": ["nsfix_one-1.0"],
    "nsfix_two": ["nsfix_two-1.0"], "fixture_entrypoints": ["fixture_entrypoints-1.0"],
    "fixture_upgrade": ["fixture_upgrade-1.0", "fixture_upgrade-2.0"],
}


class Monitor:
    """Finds two holders of one project lock among the registered pids."""

    def __init__(self):
        self.pids, self.lock = set(), threading.Lock()
        self.violations, self.passes, self.stop = [], 0, threading.Event()

    def add(self, pid):
        with self.lock:
            self.pids.add(pid)

    def remove(self, pid):
        with self.lock:
            self.pids.discard(pid)

    @staticmethod
    def journals(pid):
        """{(project, journal name)} of the journals a process has open as
        their writer (ID starts with its pid; other processes open journals
        briefly to probe or recover them)."""
        found = set()
        try:
            names = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            return found
        for fd in names:
            try:
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            target = target.removesuffix(" (deleted)")
            name = os.path.basename(target)
            fields = name.split(".")
            if "/.whlinst/" in target and (name.endswith(".journal") or name.endswith(".journal.new")) \
                    and len(fields) > 2 and fields[1].startswith(f"{pid}x"):
                found.add((fields[0], name.removesuffix(".new")))
        return found

    def one_pass(self):
        with self.lock:
            pids = sorted(self.pids)
        first = [(pid, self.journals(pid)) for pid in pids]
        second = {pid: self.journals(pid) for pid in pids}
        for i, (a, held_a) in enumerate(first):
            for project, journal in held_a & second[a]:
                for b, held_b in first[i + 1:]:
                    if any(p == project for p, _ in held_b):
                        self.violations.append(f"{project}: pid {a} ({journal}) and pid {b} at once")
        self.passes += 1

    def run(self):
        while not self.stop.is_set():
            self.one_pass()


def self_test(checks, workdir):
    """Two processes holding journals of one project are reported."""
    state = os.path.join(workdir, "selftest", ".whlinst")
    os.makedirs(state)
    code = ("import os, sys, time; f = open(os.path.join(sys.argv[1], f'proj.{os.getpid()}x0.journal'), 'w'); "
            "print(flush=True); time.sleep(30)")
    holders = [subprocess.Popen([sys.executable, "-c", code, state], stdout=subprocess.PIPE)
               for _ in range(2)]
    monitor = Monitor()
    for holder in holders:
        holder.stdout.readline()
        monitor.add(holder.pid)
    monitor.one_pass()
    for holder in holders:
        holder.kill()
        holder.wait()
    checks.check("self-test: the monitor reports two holders of one project", monitor.violations,
                 monitor.violations)


def fixture(fixtures, stem):
    found = glob.glob(os.path.join(fixtures, f"{stem}-*.whl"))
    assert len(found) == 1, f"fixture {stem}: {found}"
    return found[0]


class Run:
    def __init__(self, args, prefix, monitor):
        self.args, self.prefix, self.monitor = args, prefix, monitor
        self.whlinst = Whlinst(args.whlinst)
        self.running, self.lock = {}, threading.Lock()
        self.killed, self.failures, self.count = set(), [], 0
        self.warnings = []  # printed: what a recovery said while the runs went on

    def command(self, rng):
        project = rng.choice(sorted(PROJECTS))
        if rng.random() < 0.3:
            return self.whlinst.command("uninstall", project, prefix=self.prefix)
        wheel = fixture(self.args.fixtures, rng.choice(PROJECTS[project]))
        extra = ["--force-reinstall"] if rng.random() < 0.3 else []
        return self.whlinst.command("install", wheel, "--no-compile", *extra, prefix=self.prefix)

    def one(self, rng):
        command = self.command(rng)
        process = subprocess.Popen(command, env=clean_environment(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, universal_newlines=True)
        self.monitor.add(process.pid)
        with self.lock:
            self.running[process.pid] = process
        try:
            _, err = process.communicate(timeout=self.args.hang)
        except subprocess.TimeoutExpired:
            process.kill()
            _, err = process.communicate()
            self.failures.append(f"{' '.join(command[1:3])}: still running after {self.args.hang} s")
        with self.lock:
            del self.running[process.pid]
            self.count += 1
        self.monitor.remove(process.pid)
        self.judge(command, process, err)

    def judge(self, command, process, err):
        self.warnings += [line for line in err.splitlines() if line.startswith("whlinst: warning:")]
        if process.returncode == 0 or process.pid in self.killed:
            return
        lines = [line for line in err.splitlines() if line.startswith("whlinst: error:")]
        if command[1] == "uninstall" and process.returncode == 1 and len(lines) == 1 and \
                "not installed" in lines[0]:
            return
        self.failures.append(f"{' '.join(os.path.basename(a) for a in command[1:3])}: "
                             f"exit {process.returncode}: {err.strip()[:300]}")

    def loop(self, seed, deadline):
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            self.one(rng)

    def killer(self, deadline):
        rng = random.Random(0)
        while time.monotonic() < deadline:
            time.sleep(rng.uniform(0.1, 0.6))
            with self.lock:
                if not self.running:
                    continue
                pid = rng.choice(sorted(self.running))
                self.killed.add(pid)
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def contend(checks, args, workdir):
    prefix = os.path.join(workdir, "prefix")
    monitor = Monitor()
    run = Run(args, prefix, monitor)
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=run.loop, args=(i, deadline)) for i in range(args.processes)]
    threads.append(threading.Thread(target=run.killer, args=(deadline,)))
    watcher = threading.Thread(target=monitor.run)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    monitor.stop.set()
    watcher.join()
    print(f"# {run.count} whlinst runs by {args.processes} loops in {args.seconds} s, "
          f"{len(run.killed)} killed with -9, {monitor.passes} monitor passes, {len(run.warnings)} warnings")
    for warning in run.warnings[:10]:
        print(f"#   {warning}")
    checks.check("some runs were killed with -9", run.killed, len(run.killed))
    checks.check("every whlinst exited 0, 'not installed' or by the test's kill, none hung",
                 not run.failures, f"{len(run.failures)}: {run.failures[:3]}")
    checks.check("never two holders of one project lock at once", not monitor.violations,
                 monitor.violations[:3])
    final = run.whlinst.run("install", fixture(args.fixtures, "fixture_pure-1.0"), prefix=prefix)
    # Its recovery replays every journal the killed runs left; a warning
    # there (a journal kept, a path not restored) is a failure too.
    checks.check("an install after the kills exits 0 with no warning",
                 final.returncode == 0 and "whlinst: warning:" not in final.stderr, describe(final))
    check_clean(checks, "after the kills and recovery", run.whlinst, prefix)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, default=32)
    parser.add_argument("--hang", type=float, default=120, help="a run longer than this hangs")
    parser.add_argument("--keep-failed", action="store_true", help="keep the work directory after a failure")
    args = parser.parse_args(argv)
    args.fixtures = os.path.abspath(args.fixtures)
    checks = Checks()
    workdir = tempfile.mkdtemp(prefix="whlinst-locks-")
    try:
        self_test(checks, workdir)
        contend(checks, args, workdir)
    finally:
        if checks.failed and args.keep_failed:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
