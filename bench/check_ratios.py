#!/usr/bin/env python3
"""Regression guard for whlinst's speed, run by .ci/run: not a timed test
with a fixed budget, but two checks that hold on any machine.

1. Ratio: `whlinst --no-compile` against `unzip -q` on the same wheels,
   interleaved, sync before each run, in $TMPDIR or /tmp (on the disk, as
   installs run); fails if whlinst's median exceeds
   --max-ratio (default 3) times unzip's plus 10 ms of process start.
   (The product target is 1.5x; the margin absorbs noisy CI machines.)
2. System calls (needs strace): per installed file, whlinst may make about
   one create, one rename, a few writes and stats; a constant number of
   syncs (never one per file); no process started (the interpreter
   description is cached); and read the wheel about twice (the entries once,
   plus one hash of the whole file for direct_url.json).

  python3 bench/check_ratios.py --quick --whlinst build/src/whlinst
  python3 bench/check_ratios.py --no-timing ...     # system calls only (deterministic)

Exit status 0 when every check holds, 1 otherwise.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import zipfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import measure  # noqa: E402
import syscalls  # noqa: E402
import tools  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/root/.pyenv/versions/3.11.7/bin/python3"
START_ALLOWANCE = 0.010
# (syscalls, per installed file, constant): count <= per_file * files + constant.
# Opens also get one per directory of the wheel: a directory built under a
# hidden name is listed (opendir) before it is renamed into place.
BOUNDS = [
    (("openat", "open", "creat"), 1.1, 60),
    (("rename", "renameat", "renameat2"), 1.05, 10),
    (("write", "pwrite64", "writev"), 4.0, 100),
    (("newfstatat", "statx", "stat", "lstat", "fstat"), 8.0, 100),
    (("fsync", "fdatasync", "syncfs", "sync_file_range", "sync"), 0.0, 8),
    (("execve", "execveat"), 0.0, 1),
    (("clone", "clone3", "fork", "vfork"), 0.0, 2),
]
WHEEL_READ_FACTOR = 3.0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 9")
    parser.add_argument("--whlinst", default=os.path.join(HERE, "..", "build", "src", "whlinst"))
    parser.add_argument("--python", default=PYTHON)
    parser.add_argument("--cache", default=os.path.join(HERE, "cache"), help="corpus directory")
    parser.add_argument("--dir", help="where to install (default: a new directory in $TMPDIR or /tmp); "
                        "on a tmpfs whlinst's own per-file work shows more")
    parser.add_argument("--max-ratio", type=float, default=3.0)
    parser.add_argument("--no-timing", action="store_true", help="system call counts only")
    parser.add_argument("--no-syscalls", action="store_true", help="ratio only")
    args = parser.parse_args(argv)
    args.whlinst = os.path.abspath(args.whlinst)
    if not os.access(args.whlinst, os.X_OK):
        parser.error(f"no whlinst at {args.whlinst}")
    return args


def guard_wheels(cache, quick):
    """fixture_many (506 small modules), bench_files_1000 and, unless QUICK,
    when sympy is installed in pyenv's 3.11 site-packages, its rebuilt wheel
    (1,570 files)."""
    wheels = [w for w in corpus.build(cache, groups=["fixtures"]) if w.name.startswith("fixture_many-")]
    directory = os.path.join(cache, "files")
    os.makedirs(directory, exist_ok=True)
    wheels.append(corpus.files_wheel(directory, 1000))
    if quick:
        return wheels
    directory = os.path.join(cache, "rebuild")
    os.makedirs(directory, exist_ok=True)
    rebuilt = corpus.rebuild_wheel(directory, "sympy-1.14.0")
    return wheels + ([rebuilt] if rebuilt else [])


def check_ratio(args, wheel, root):
    chosen = [t for t in tools.ALL if t.name in ("unzip", "whlinst")]
    values = {"python": args.python, "whlinst": args.whlinst, "wheel": wheel.path}
    measure.warm_up(chosen, values, root)
    samples = measure.interleaved(chosen, values, root, 5 if args.quick else 9, log=sys.stderr)
    failed = [t for t in chosen if any(s.status != 0 for s in samples[t.name])]
    if failed:
        print(f"FAIL {wheel.name}: {failed[0].name} failed")
        return False
    unzip = statistics.median(s.wall for s in samples["unzip"])
    whlinst = statistics.median(s.wall for s in samples["whlinst"])
    limit = args.max_ratio * unzip + START_ALLOWANCE
    ok = whlinst <= limit
    print(f"{'ok  ' if ok else 'FAIL'} {wheel.name}: whlinst {whlinst * 1000:.0f} ms, unzip {unzip * 1000:.0f} ms "
          f"({whlinst / unzip:.2f}x; limit {args.max_ratio:g}x + {START_ALLOWANCE * 1000:.0f} ms)")
    return ok


def check_syscalls(args, wheel, root):
    tool = next(t for t in tools.ALL if t.name == "whlinst")
    dest = os.path.join(root, "syscalls")
    argv = tool.command(dest=dest, python=args.python, whlinst=args.whlinst, wheel=wheel.path)
    measure.run_once(argv, dest, sync=False)  # fills the interpreter cache
    counts, _ = syscalls.counts(argv, dest, sync=False, wall_clock=False)
    files, directories = corpus_files(wheel), corpus_directories(wheel)
    ok = True
    for names, per_file, constant in BOUNDS:
        count = sum(counts.get(n, (0, 0, 0))[0] for n in names)
        limit = per_file * files + constant + (directories if names[0] == "openat" else 0)
        if count > limit:
            ok = False
            print(f"FAIL {wheel.name}: {count} {'/'.join(names[:2])} calls for {files} files (limit {limit:.0f})")
    read = syscalls.bytes_read_from(argv, dest, wheel.path, sync=False)
    size = os.path.getsize(wheel.path)
    if read > WHEEL_READ_FACTOR * size + (1 << 20):
        ok = False
        print(f"FAIL {wheel.name}: read {read} bytes of the {size}-byte wheel (limit {WHEEL_READ_FACTOR:g}x)")
    if ok:
        per = {names[0]: sum(counts.get(n, (0, 0, 0))[0] for n in names) / files for names, _, _ in BOUNDS[:4]}
        print(f"ok   {wheel.name}: per file " + ", ".join(f"{k} {v:.2f}" for k, v in per.items()) +
              f"; syncs {sum(counts.get(n, (0, 0, 0))[0] for n in BOUNDS[4][0])}; "
              f"wheel read {read / size:.2f}x")
    return ok


def corpus_directories(wheel):
    with zipfile.ZipFile(wheel.path) as archive:
        return len({os.path.dirname(i.filename) for i in archive.infolist() if not i.is_dir()} - {""})


def corpus_files(wheel):
    with zipfile.ZipFile(wheel.path) as archive:
        return sum(1 for i in archive.infolist() if not i.is_dir())


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    wheels = guard_wheels(args.cache, args.quick)
    root = args.dir or tempfile.mkdtemp(prefix="whlinst-check-")
    os.makedirs(root, exist_ok=True)
    ok = True
    try:
        if not args.no_timing:
            for wheel in wheels:
                ok &= check_ratio(args, wheel, root)
        if not args.no_syscalls:
            if shutil.which("strace"):
                for wheel in wheels:
                    ok &= check_syscalls(args, wheel, root)
            else:
                print("strace not found: system call counts not checked")
    finally:
        if not args.dir:
            shutil.rmtree(root, ignore_errors=True)
    print("check_ratios: " + ("all checks hold" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
