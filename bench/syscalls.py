"""Where an install spends its time and how many system calls it makes,
from strace(1): per-syscall counts and times (strace -c), the phases of a
whlinst install read off a timestamped trace, and the bytes read from the
wheel file (each entry must be read once).

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
TRACED = "execve,openat,mkdir,rename,renameat2,fdatasync,fsync,syncfs,read,pread64,close"


def traced(argv, dest, strace_args, sync):
    """Run ARGV under `strace -f -o FILE STRACE_ARGS` after removing DEST (and
    syncing); returns strace's output and the wall time. Removes DEST after."""
    remove_tree(dest)
    if sync:
        subprocess.run([SYNC], check=True)
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        started = time.perf_counter()
        done = subprocess.run(["strace", "-f", "-o", out.name] + strace_args + ["--"] + argv,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - started
        text = out.read()
    remove_tree(dest)
    if done.returncode != 0:
        raise RuntimeError(f"{argv[0]} under strace: exit {done.returncode}: {done.stderr.decode()[-300:]}")
    return text, wall


def counts(argv, dest, sync=True, wall_clock=True):
    """{syscall: (calls, seconds, errors)} of ARGV and its children, and the
    wall time under strace. wall_clock: times are wall-clock (-w), not CPU."""
    text, wall = traced(argv, dest, ["-c"] + (["-w"] if wall_clock else []), sync)
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


def bytes_read_from(argv, dest, wheel, sync=True):
    """Bytes ARGV (and its children) read from the file WHEEL."""
    text, _ = traced(argv, dest, ["-ttt", "-T", "-e", "trace=openat,read,pread64,close"], sync)
    return wheel_bytes_read(parse_trace(text), os.path.abspath(wheel))


def phases(argv, dest, wheel, sync=True):
    """Phases of one whlinst install, from a trace of its main process:
    [(phase, seconds)], plus {'creates','renames','pyc','wheel_read','wall'}.
    The boundaries are the first and last temporary-file creation, the
    journal fdatasync before the renames, the last rename, and syncfs."""
    text, wall = traced(argv, dest, ["--seccomp-bpf", "-ttt", "-T", "-e", "trace=" + TRACED], sync)
    calls = parse_trace(text)
    main = calls[0].pid
    mine = [c for c in calls if c.pid == main]
    creates = [c for c in mine if c.name == "openat" and "O_EXCL" in c.args and "/.whlinst-" in c.args]
    sync_calls = [c for c in mine if c.name in ("fdatasync", "syncfs", "fsync")]
    first_sync = next(c for c in sync_calls if c.name == "fdatasync")
    syncfs = next(c for c in sync_calls if c.name == "syncfs")
    extract_end = max(c.start + c.duration for c in creates if c.start < first_sync.start)
    renames = [c for c in mine if c.name == "rename" and first_sync.start < c.start < syncfs.start]
    rename_end = max((c.start + c.duration for c in renames), default=first_sync.start + first_sync.duration)
    end = calls[-1].start + calls[-1].duration
    t0 = calls[0].start
    timeline = [
        ("start-up: arguments, interpreter, wheel index, plan, lock, journal", creates[0].start - t0),
        ("extraction: create temporaries, inflate, hash, write (overlaps compilation)", extract_end - creates[0].start),
        ("wait for bytecode workers, scripts", first_sync.start - extract_end),
        ("journal fdatasync", first_sync.duration),
        ("renames into place", rename_end - (first_sync.start + first_sync.duration)),
        ("dist-info files, RECORD", syncfs.start - rename_end),
        ("syncfs", syncfs.duration),
        ("commit: journal, dist-info rename, cleanup, exit", end - (syncfs.start + syncfs.duration)),
    ]
    facts = {
        "creates": len(creates),
        "renames": len(renames),
        "pyc": sum(1 for c in calls if c.pid != main and c.name == "rename" and ".pyc" in c.args),
        "wheel_read": wheel_bytes_read(calls, os.path.abspath(wheel)),
        "wall": wall,
        "traced": end - t0,
    }
    return timeline, facts
