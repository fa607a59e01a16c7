"""Interleaved timing of install commands: wall time and peak RSS of each run.

Each command installs one wheel into a directory that does not exist yet. One
round runs every command once; the order rotates from round to round so that
no command always follows the same one. Before each run, unless sync=False,
`sync` is run, so every command starts with no dirty data of the previous one
pending (on the disk of the benchmark machine, writeback of a previous run's
files otherwise slows the next run's metadata operations). On the disk, each
run gets a new directory and the trees are kept (keep=True): removing them
between runs slows the next runs' file creations (see interleaved); on
tmpfs, each command's directory is removed before its run. Only the command
itself is timed.

hyperfine is not used: it runs all repetitions of one command before the next
(no interleaving), and its --prepare would be counted per command anyway.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SYNC = "/usr/bin/sync"
TIME = "/usr/bin/time"


class Sample:
    """One run: wall seconds, peak RSS in KiB (the largest single process of
    the command's process tree), CPU seconds (user + system, the whole tree),
    exit status."""

    def __init__(self, wall, rss_kib, cpu, status):
        self.wall = wall
        self.rss_kib = rss_kib
        self.cpu = cpu
        self.status = status


class Tool:
    """A command template; {wheel}, {dest}, {python}, {whlinst} are filled in.
    ok_status: exit statuses that are not failures."""

    def __init__(self, name, argv, compile_, ok_status=(0,)):
        self.name = name
        self.argv = argv
        self.compile = compile_
        self.ok_status = ok_status

    def command(self, **values):
        return [part.format(**values) for part in self.argv]


def remove_tree(path):
    if os.path.lexists(path):
        subprocess.run(["rm", "-rf", "--", path], check=True)


def run_once(argv, dest, sync=True, env=None, remove=True):
    """Time ARGV after removing DEST (unless not REMOVE) and syncing (if SYNC).
    Returns (Sample, stderr).

    Peak RSS comes from GNU time (wait4 of its child): a child forked by this
    Python process would report this process's RSS as its own peak (the
    kernel records the pre-exec image's high-water mark). CPU time is that of
    the whole tree under time, from wait4."""
    if remove:
        remove_tree(dest)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if sync:
        subprocess.run([SYNC], check=True)
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as usage:
        started = time.perf_counter()
        process = subprocess.Popen([TIME, "-f", "%M", "-o", usage.name] + argv, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, rusage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = status = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode(errors="replace")
        rss = int(usage.read().split()[-1])
    cpu = rusage.ru_utime + rusage.ru_stime
    return Sample(wall, rss, cpu, status), message


def interleaved(tools, values, root, runs, sync=True, env=None, log=None, keep=False):
    """Run every Tool of TOOLS RUNS times, interleaved; values as for
    Tool.command ({dest} is set per run, under ROOT). Returns
    {tool name: [Sample]}; a failing run is reported once on LOG.

    keep=False: each tool installs into ROOT/TOOL, removed before each run
    and at the end. keep=True: each run installs into a new ROOT/TOOL/ROUND,
    left for the caller to remove: on ext4 without a journal, a file created
    soon after many were deleted is slower (the inode allocator skips inodes
    freed in the last 60 s, 300 s while their inode table block is dirty),
    so removing the previous run's tree would slow the next runs down
    (bench/README.md, Method)."""
    samples = {tool.name: [] for tool in tools}
    reported = set()
    for round_ in range(runs):
        for k in range(len(tools)):
            tool = tools[(round_ + k) % len(tools)]
            dest = os.path.join(root, tool.name, str(round_)) if keep else os.path.join(root, tool.name)
            argv = tool.command(dest=dest, **values)
            sample, message = run_once(argv, dest, sync, env, remove=not keep)
            samples[tool.name].append(sample)
            if sample.status not in tool.ok_status and tool.name not in reported and log:
                reported.add(tool.name)
                tail = message.strip().splitlines()[-3:]
                print(f"  {tool.name} failed (exit {sample.status}): {' | '.join(tail)}", file=log)
    if not keep:
        for tool in tools:
            remove_tree(os.path.join(root, tool.name))
    return samples


def clear(root, settle):
    """Remove everything under ROOT; if anything was, sync and wait SETTLE
    seconds (ext4 without a journal skips inodes freed less than 60 s ago
    when it allocates new ones, see interleaved)."""
    names = os.listdir(root) if os.path.isdir(root) else []
    for name in names:
        remove_tree(os.path.join(root, name))
    if names:
        subprocess.run([SYNC], check=True)
        time.sleep(settle)


class Summary:
    """Median and spread of a tool's samples on one wheel."""

    def __init__(self, samples, ok_status):
        walls = [s.wall for s in samples]
        self.median = statistics.median(walls)
        self.low = min(walls)
        self.high = max(walls)
        self.rss_mib = max(s.rss_kib for s in samples) / 1024
        self.cpu = statistics.median(s.cpu for s in samples)
        self.failed = any(s.status not in ok_status for s in samples)


def summarize(tools, samples):
    return {tool.name: Summary(samples[tool.name], tool.ok_status) for tool in tools}


def warm_up(tools, values, root, log=sys.stderr, keep=False):
    """One untimed run of each tool (page cache, interpreter caches), into
    ROOT/warm-up, removed after unless KEEP."""
    interleaved(tools, values, os.path.join(root, "warm-up"), 1, sync=False, log=log, keep=keep)
    if not keep:
        remove_tree(os.path.join(root, "warm-up"))


def file_system_type(path):
    return subprocess.run(["stat", "-f", "-c", "%T", path], capture_output=True, text=True).stdout.strip()


class TmpfsMount:
    """A tmpfs mounted on DIRECTORY (as root), else a directory in /dev/shm."""

    def __init__(self, directory):
        self.directory = directory
        self.mounted = False

    def __enter__(self):
        os.makedirs(self.directory, exist_ok=True)
        if os.geteuid() == 0 and file_system_type(self.directory) != "tmpfs":
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8g,mode=0755", "tmpfs",
                                   self.directory])
            self.mounted = done.returncode == 0
        if file_system_type(self.directory) != "tmpfs":
            self.directory = tempfile.mkdtemp(prefix="whlinst-bench-", dir="/dev/shm")
        return self.directory

    def __exit__(self, *exc):
        if self.mounted:
            subprocess.run(["umount", self.directory])
        elif self.directory.startswith("/dev/shm/"):
            shutil.rmtree(self.directory, ignore_errors=True)
