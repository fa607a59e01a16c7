"""Where an install spends its time and how many system calls it makes,
from strace(1): per-syscall counts and times (strace -c), the phases of a
whlinst install read off a timestamped trace, and the bytes read from the
wheel file with read(2) (whlinst maps a wheel of up to 32 MiB and inflates
from the mapping; the sha256 of the whole wheel for direct_url.json reads it).

strace slows every traced system call down, so its times are used for
proportions; the untraced wall time is measured separately.
"""

import os
import re
import subprocess
import tempfile
import time

from measure import SYNC, remove_tree

LINE = re.compile(r"^(\d+)\s+([\d.]+)\s+(?:<\.\.\. )?(\w+)(?: resumed>)?(.*?)(?:<([\d.]+)>)?$")
RESULT = re.compile(r"\)\s+=\s+(-?\d+)")
TRACED = "execve,clone,clone3,openat,mkdir,rename,renameat2,fdatasync,fsync,syncfs,read,pread64,close"


def traced(argv, dest, strace_args, sync, keep=False):
    """Run ARGV under `strace -f -o FILE STRACE_ARGS` after removing DEST (and
    syncing); returns strace's output and the wall time. Removes DEST after
    unless KEEP."""
    remove_tree(dest)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if sync:
        subprocess.run([SYNC], check=True)
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        started = time.perf_counter()
        done = subprocess.run(["strace", "-f", "-o", out.name] + strace_args + ["--"] + argv,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - started
        text = out.read()
    if not keep:
        remove_tree(dest)
    if done.returncode != 0:
        raise RuntimeError(f"{argv[0]} under strace: exit {done.returncode}: {done.stderr.decode()[-300:]}")
    return text, wall


def counts(argv, dest, sync=True, wall_clock=True, keep=False):
    """{syscall: (calls, seconds, errors)} of ARGV and its children, and the
    wall time under strace. wall_clock: times are wall-clock (-w), not CPU."""
    text, wall = traced(argv, dest, ["-c"] + (["-w"] if wall_clock else []), sync, keep)
    table = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 5 or not parts[0][0].isdigit() or parts[-1] == "total":
            continue
        errors = int(parts[4]) if len(parts) == 6 else 0
        table[parts[-1]] = (int(parts[3]), float(parts[1]), errors)
    return table, wall


class Call:
    __slots__ = ("pid", "start", "name", "args", "duration", "result")

    def __init__(self, pid, start, name, args, duration, result):
        self.pid, self.start, self.name, self.args = pid, start, name, args
        self.duration, self.result = duration, result


def parse_trace(text):
    """Calls of an `strace -f -ttt -T` log, unfinished/resumed pairs joined."""
    calls, pending = [], {}
    for line in text.splitlines():
        match = LINE.match(line)
        if not match or "+++" in line or "---" in line:
            continue
        pid, start, name, rest, duration = match.groups()
        if rest.endswith("<unfinished ...>"):
            pending[pid] = Call(pid, float(start), name, rest, 0.0, None)
            continue
        if "resumed>" in line and pid in pending:
            call = pending.pop(pid)
            call.args += rest
        else:
            call = Call(pid, float(start), name, rest, 0.0, None)
        call.duration = float(duration) if duration else 0.0
        result = RESULT.search(rest)
        call.result = int(result.group(1)) if result else None
        calls.append(call)
    return calls


def wheel_bytes_read(calls, wheel):
    """Bytes the traced processes read from the file WHEEL."""
    open_fds, total = set(), 0
    for call in calls:
        key = lambda fd: (call.pid, fd)  # noqa: E731 (fds are per process here)
        if call.name == "openat" and f'"{wheel}"' in call.args and call.result is not None and call.result >= 0:
            open_fds.add(key(call.result))
        elif call.name in ("read", "pread64") and call.result and call.result > 0:
            fd = int(call.args.lstrip("(").split(",")[0])
            if key(fd) in open_fds:
                total += call.result
        elif call.name == "close":
            fd = call.args.lstrip("(").split(")")[0]
            if fd.isdigit():
                open_fds.discard(key(int(fd)))
    return total


def bytes_read_from(argv, dest, wheel, sync=True, keep=False):
    """Bytes ARGV (and its children) read from the file WHEEL with read(2)
    (not through a mapping)."""
    text, _ = traced(argv, dest, ["-ttt", "-T", "-e", "trace=openat,read,pread64,close"], sync, keep)
    return wheel_bytes_read(parse_trace(text), os.path.abspath(wheel))


def whlinst_threads(calls):
    """The main process of a trace and the threads it started (not the
    bytecode workers, which are processes)."""
    main = calls[0].pid
    return {main} | {str(c.result) for c in calls
                     if c.pid == main and c.name in ("clone", "clone3") and "CLONE_THREAD" in c.args and c.result}


def first_path(call):
    """The first path argument of CALL, or ''."""
    parts = call.args.split('"')
    return parts[1] if len(parts) > 2 else ""


def is_create(call):
    """A file created under a hidden name: in a tree built under .whlinst-ID-N, or such a name itself."""
    return (call.name == "openat" and "O_EXCL" in call.args and call.result is not None and call.result >= 0
            and "/.whlinst-" in first_path(call))


def is_rename_from_hidden(call):
    return call.name in ("rename", "renameat2") and "/.whlinst-" in first_path(call)


def end_of(calls):
    return calls[-1].start + calls[-1].duration


def phases(argv, dest, wheel, sync=True, keep=False):
    """Phases of one whlinst install, from a trace of its main process and
    threads: [(phase, seconds)], plus {'creates', 'threads', 'trees',
    'renames', 'syncs', 'sync_seconds', 'pyc', 'wheel_read', 'wall', 'traced'}.

    The boundaries: the first file created under a hidden name; the last
    one created by an extraction thread (when the main thread extracts
    alone: the last it creates before publishing, scripts included); the
    first step of publishing (a hidden tree opened to be listed into the
    journal, a journal fdatasync or a rename, by the main thread); the end
    of the last rename of a hidden tree or file into place; syncfs (--fsync
    only) or else the rename of the hidden dist-info directory, which
    commits."""
    text, wall = traced(argv, dest, ["--seccomp-bpf", "-ttt", "-T", "-e", "trace=" + TRACED], sync, keep)
    calls = parse_trace(text)
    main, threads = calls[0].pid, whlinst_threads(calls)
    mine = [c for c in calls if c.pid in threads]
    creates = [c for c in mine if is_create(c)]
    publishing = [c for c in mine if c.pid == main and c.start > creates[0].start and (
        c.name in ("fdatasync", "fsync", "rename", "renameat2") or
        (c.name == "openat" and "O_DIRECTORY" in c.args and "/.whlinst-" in c.args))]
    publish_start = publishing[0].start if publishing else end_of(calls)
    extracted = [c for c in creates if c.pid != main] or [c for c in creates if c.start < publish_start]
    extract_end = max(c.start + c.duration for c in extracted)
    moves = [c for c in mine if c.pid == main and is_rename_from_hidden(c)]
    commit_move = next((c for c in reversed(moves) if first_path(c).endswith("-dist-info")), None)
    moves = [c for c in moves if c is not commit_move]
    publish_end = max((c.start + c.duration for c in moves), default=publish_start)
    syncfs = next((c for c in mine if c.name == "syncfs"), None)
    commit_start = syncfs.start if syncfs else commit_move.start if commit_move else publish_end
    end = end_of(calls)
    t0 = calls[0].start
    timeline = [
        ("start-up: arguments, interpreter, wheel index, plan, lock, journal", creates[0].start - t0),
        ("extraction: create under hidden names, inflate, hash, write (overlaps compilation)",
         extract_end - creates[0].start),
        ("wait for bytecode workers, scripts", publish_start - extract_end),
        ("publish: list the hidden trees into the journal, rename trees and files into place",
         publish_end - publish_start),
        ("dist-info files, RECORD, direct_url.json (hashes the wheel)", commit_start - publish_end),
        ("syncfs (--fsync only)", syncfs.duration if syncfs else 0.0),
        ("commit: journal, dist-info rename, exit", end - (commit_start + (syncfs.duration if syncfs else 0.0))),
    ]
    trees = {first_path(c) for c in mine
             if c.name == "mkdir" and c.result == 0 and re.search(r"/\.whlinst-[^/]*-\d+$", first_path(c))}
    sync_calls = [c for c in mine if c.name in ("fdatasync", "fsync", "syncfs")]
    facts = {
        "creates": len(creates),
        "threads": len(threads) - 1,
        "trees": sum(1 for c in moves if first_path(c) in trees),
        "renames": len(moves) + (commit_move is not None),
        "syncs": len(sync_calls),
        "sync_seconds": sum(c.duration for c in sync_calls),
        "pyc": sum(1 for c in calls if c.pid not in threads and c.name == "rename" and ".pyc" in c.args),
        "wheel_read": wheel_bytes_read(calls, os.path.abspath(wheel)),
        "wall": wall,
        "traced": end - t0,
    }
    return timeline, facts
