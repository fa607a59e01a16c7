#!/usr/bin/env python3
"""Regression guard for whlinst's speed, run by .ci/run: not a timed test
with a fixed budget, but two checks that hold on any machine.

1. Ratio: `whlinst --no-compile` against `unzip -q` on the same wheels,
   interleaved, sync before each run, each run into a new directory (nothing
   removed until the end: see measure.interleaved), in $TMPDIR or /tmp (on
   the disk, as installs run); fails if whlinst's median exceeds --max-ratio
   (default 1.6) times unzip's plus 5 ms of process start. (The product
   target is 1.5x + 5 ms; measured 0.93x and 0.97x on a loaded machine.)
   A wheel over the limit ("slow") is measured again with twice the rounds,
   which decide, and the runs of both are printed.
2. System calls (needs strace), of a fresh install: per installed file,
   whlinst may make about one create (plus one open per directory, listed
   into the journal before its hidden tree is renamed into place), almost
   no renames (whole trees are renamed, not files), about one write (journal
   records are batched) and few stats (a fresh directory is not looked at
   once its tree root is known to be missing); no sync without --fsync, a constant
   number with it (never one per file); no process started (the interpreter
   description is cached), no more threads than one per MiB up to the cores;
   and read(2) the wheel about once (entries are inflated from a mapping of
   the file, which is at most 32 MiB here; the sha256 of the whole file for
   direct_url.json reads it). Checked for whlinst and whlinst --fsync.
   Its uninstall: at most UNINSTALL_SYSCALLS_PER_FILE system calls per file
   (plus one per directory and a constant): the survey looks at each
   directory on the files' way once, the removal opens each once and
   unlinks each file once (29 per file until 2026-12-07, 3 since).
3. Memory: peak RSS of a fresh `--no-compile` install of bench_files_100000
   (100,000 small modules) at most MEMORY_LIMIT_MIB, of its reinstall over
   itself at most REINSTALL_MEMORY_LIMIT_MIB and of its uninstall at most
   UNINSTALL_MEMORY_LIMIT_MIB (bench/memory.py).
4. Fixed cost, in instructions rather than time (callgrind counts the same
   on a loaded machine): a fresh `--no-compile` install of fixture_pure (22
   files), dynamic loading included, at most INSTRUCTION_LIMIT user-space
   instructions (bench/fixed_cost.py measures the time). Needs valgrind.

  python3 bench/check_ratios.py --quick --whlinst build/src/whlinst
  python3 bench/check_ratios.py --no-timing ...     # system calls only (deterministic)

Exit status 0 when every check holds, 1 otherwise.
"""

import argparse
import os
import re
import shutil
import subprocess
import statistics
import sys
import tempfile
import time
import zipfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
import measure  # noqa: E402
import syscalls  # noqa: E402
import tools  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = sys.executable
START_ALLOWANCE = 0.005
# (syscalls, per installed file, constant): count <= per_file * files + constant.
# Opens also get one per directory of the wheel (BOUNDS_PER_DIRECTORY), clones
# one per extraction thread (src/parallel_extraction.cpp: one per MiB of
# uncompressed data up to the cores), syncs FSYNC_SYNCS with --fsync.
BOUNDS = [
    (("openat", "open", "creat"), 1.1, 60),
    (("rename", "renameat", "renameat2"), 0.2, 10),
    (("write", "pwrite64", "writev"), 1.5, 100),
    (("newfstatat", "statx", "stat", "lstat", "fstat"), 0.4, 100),
    (("fsync", "fdatasync", "syncfs", "sync_file_range", "sync"), 0.0, 0),
    (("execve", "execveat"), 0.0, 1),
    (("clone", "clone3", "fork", "vfork"), 0.0, 2),
]
BOUNDS_PER_DIRECTORY = {"openat": 1.0}
# All system calls of an uninstall: count <= per_file * files + directories + constant.
UNINSTALL_SYSCALLS_PER_FILE = 4
UNINSTALL_SYSCALLS_CONSTANT = 300
FSYNC_SYNCS = 8
WHEEL_READ_FACTOR = 1.5
WHEEL_READ_ALLOWANCE = 64 << 10
MIB_PER_THREAD = 1 << 20
# Measured 2026-12-06 (bench/RESULTS-memory.md, RESULTS-fixed-cost.md), with
# a margin for other machines and libraries: see check_memory and
# check_instructions.
MEMORY_FILES = 100000
# 23 MiB measured on 2026-12-07 once the installed RECORD's rows were no
# longer held and RECORD was parsed as it was read (38-39 MiB before; the
# issue's target is 64): about 1.7 times that, room for other machines and
# libraries. Peak RSS does not depend on the machine's load.
MEMORY_LIMIT_MIB = 40
# The same wheel reinstalled over itself (--force-reinstall: every file
# replaced, backed up, renamed from a temporary name): 223 MiB until
# 2026-12-07, when the survey stopped listing three possible bytecode paths
# per module and the moves were journaled in batches and kept as a path and
# a number each; 68 MiB since; 58 MiB (its peak now the survey of the
# installed RECORD) once the commit read its journal back as it cleaned up
# instead of holding a backup record per file (75 -> 58 here). The limit
# is above the 64 MiB target for CI's longer paths and other libraries,
# under the 75 of before.
REINSTALL_MEMORY_LIMIT_MIB = 72
# Its uninstall: 226 MiB until 2026-12-07 (three possible bytecode paths per
# module, four copies of every path), 39 MiB since.
UNINSTALL_MEMORY_LIMIT_MIB = 64
INSTRUCTION_WHEEL = "fixture_pure-"
# 3.0M on 2026-12-07, when whlinst stopped loading libcrypto.so and libzip
# at start (it was 5.96M), 2.6M once the interpreter's description was a
# compact record (no JSON parser, no hashing of the query script): a build
# that links them (-Dstatic_runtime=false, no libcrypto.a) does not hold
# this limit. Instructions do not depend on the machine's load.
INSTRUCTION_LIMIT = 3_600_000


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 9")
    parser.add_argument("--whlinst", default=os.path.join(HERE, "..", "build", "src", "whlinst"))
    parser.add_argument("--python", default=PYTHON)
    parser.add_argument("--cache", default=os.path.join(HERE, "cache"), help="corpus directory")
    parser.add_argument("--dir", help="where to make the directory installed into, removed at the end "
                        "(default: $TMPDIR or /tmp); on a tmpfs whlinst's own per-file work shows more")
    parser.add_argument("--max-ratio", type=float, default=1.6)
    parser.add_argument("--no-timing", action="store_true", help="system call counts only")
    parser.add_argument("--no-syscalls", action="store_true", help="ratio only")
    parser.add_argument("--no-memory", action="store_true", help="skip the 100,000-file peak RSS check")
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


def measure_ratio(args, wheel, root, rounds):
    """Medians (unzip, whlinst) of ROUNDS interleaved runs, with the spread
    of each as text, or None when a tool failed."""
    chosen = [t for t in tools.ALL if t.name in ("unzip", "whlinst")]
    values = {"python": args.python, "whlinst": args.whlinst, "wheel": wheel.path}
    measure.warm_up(chosen, values, root, keep=True)
    samples = measure.interleaved(chosen, values, root, rounds, log=sys.stderr, keep=True)
    failed = [t for t in chosen if any(s.status != 0 for s in samples[t.name])]
    if failed:
        print(f"FAIL {wheel.name}: {failed[0].name} failed")
        return None
    walls = {name: sorted(s.wall * 1000 for s in samples[name]) for name in ("unzip", "whlinst")}
    spread = "; ".join(f"{name} {' '.join(f'{w:.0f}' for w in walls[name])} ms" for name in walls)
    return statistics.median(walls["unzip"]) / 1000, statistics.median(walls["whlinst"]) / 1000, spread


def check_ratio(args, wheel, root):
    """The ratio on ROUNDS interleaved runs; when it does not hold, measured
    again with twice as many (after a sync and a pause), and that second
    measurement decides: a disk's passing stall (another process's
    writeback, the journal's commit) can slow three runs of five on a busy
    CI machine, a regression slows every run of both."""
    rounds = 5 if args.quick else 9
    for attempt, directory in enumerate(("ratio", "ratio-again")):
        measured = measure_ratio(args, wheel, os.path.join(root, directory, wheel.name), rounds * (1 + attempt))
        if measured is None:
            return False
        unzip, whlinst, spread = measured
        limit = args.max_ratio * unzip + START_ALLOWANCE
        ok = whlinst <= limit
        print(f"{'ok  ' if ok else 'FAIL' if attempt else 'slow'} {wheel.name}: whlinst {whlinst * 1000:.0f} ms, "
              f"unzip {unzip * 1000:.0f} ms ({whlinst / unzip:.2f}x; limit {args.max_ratio:g}x + "
              f"{START_ALLOWANCE * 1000:.0f} ms)" + ("" if ok and not attempt else f" [{spread}]"))
        if ok or attempt:
            return ok
        subprocess.run(["sync"], check=True)
        time.sleep(2)


def check_syscalls(args, wheel, root, tool_name):
    tool = next(t for t in tools.ALL if t.name == tool_name)
    values = {"python": args.python, "whlinst": args.whlinst, "wheel": wheel.path}
    dest = os.path.join(root, "syscalls", tool_name, wheel.name)
    measure.run_once(tool.command(dest=dest + "-0", **values), dest + "-0", sync=False)  # the interpreter cache
    counts, _ = syscalls.counts(tool.command(dest=dest + "-1", **values), dest + "-1", sync=False,
                                wall_clock=False, keep=True)
    files, directories, size = corpus_contents(wheel)
    threads = min(size // MIB_PER_THREAD, max(os.cpu_count() or 1, len(os.sched_getaffinity(0))))
    ok = True
    for names, per_file, constant in BOUNDS:
        count = sum(counts.get(n, (0, 0, 0))[0] for n in names)
        limit = per_file * files + constant + BOUNDS_PER_DIRECTORY.get(names[0], 0) * directories
        limit += threads if names[0] == "clone" else 0
        limit += FSYNC_SYNCS if names[0] == "fsync" and "--fsync" in tool.argv else 0
        if count > limit:
            ok = False
            print(f"FAIL {wheel.name} ({tool_name}): {count} {'/'.join(names[:2])} calls for {files} files "
                  f"(limit {limit:.0f})")
    if "--fsync" in tool.argv and min(counts.get(n, (0, 0, 0))[0] for n in ("fdatasync", "syncfs")) == 0:
        ok = False
        print(f"FAIL {wheel.name} ({tool_name}): --fsync made no fdatasync of the journal or no syncfs")
    read = syscalls.bytes_read_from(tool.command(dest=dest + "-2", **values), dest + "-2", wheel.path, sync=False,
                                    keep=True)
    wheel_size = os.path.getsize(wheel.path)
    if read > WHEEL_READ_FACTOR * wheel_size + WHEEL_READ_ALLOWANCE:
        ok = False
        print(f"FAIL {wheel.name} ({tool_name}): read {read} bytes of the {wheel_size}-byte wheel "
              f"(limit {WHEEL_READ_FACTOR:g}x + {WHEEL_READ_ALLOWANCE >> 10} KiB)")
    if ok:
        per = {names[0]: sum(counts.get(n, (0, 0, 0))[0] for n in names) / files for names, _, _ in BOUNDS[:4]}
        print(f"ok   {wheel.name} ({tool_name}): per file " + ", ".join(f"{k} {v:.2f}" for k, v in per.items()) +
              f"; syncs {sum(counts.get(n, (0, 0, 0))[0] for n in BOUNDS[4][0])}; "
              f"threads {sum(counts.get(n, (0, 0, 0))[0] for n in BOUNDS[6][0])}; wheel read {read / wheel_size:.2f}x")
    return ok


def check_uninstall_syscalls(args, wheel, root):
    dest = os.path.join(root, "syscalls", "uninstall", wheel.name)
    tool = next(t for t in tools.ALL if t.name == "whlinst")
    measure.run_once(tool.command(dest=dest, python=args.python, whlinst=args.whlinst, wheel=wheel.path), dest,
                     sync=False)
    project = os.path.basename(wheel.path).split("-")[0]
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        done = subprocess.run(["strace", "-f", "-c", "-o", out.name, "--", args.whlinst, "uninstall", project,
                               "--prefix", dest, "--python", args.python, "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        text = out.read()
    measure.remove_tree(dest)
    total = next((int(line.split()[3]) for line in text.splitlines() if line.split()[-1:] == ["total"]), None)
    files, directories, _ = corpus_contents(wheel)
    limit = UNINSTALL_SYSCALLS_PER_FILE * files + directories + UNINSTALL_SYSCALLS_CONSTANT
    if done.returncode != 0 or total is None or total > limit:
        print(f"FAIL {wheel.name} (uninstall): exit {done.returncode}, {total} system calls for {files} files "
              f"(limit {limit}) {done.stderr[-200:]}")
        return False
    print(f"ok   {wheel.name} (uninstall): {total / files:.2f} system calls per file")
    return True


def check_memory(args, root):
    directory = os.path.join(args.cache, "files")
    os.makedirs(directory, exist_ok=True)
    wheel = corpus.files_wheel(directory, MEMORY_FILES)
    tool = next(t for t in tools.ALL if t.name == "whlinst")
    dest = os.path.join(root, "memory")
    values = {"python": args.python, "whlinst": args.whlinst, "wheel": wheel.path}
    argv = tool.command(dest=dest, **values)
    uninstall = [args.whlinst, "uninstall", "-y", f"bench_files_{MEMORY_FILES}", "--prefix", dest,
                 "--python", args.python]
    ok = True
    for what, run, limit in (("", argv, MEMORY_LIMIT_MIB),
                             (" reinstalled", argv + ["--force-reinstall"], REINSTALL_MEMORY_LIMIT_MIB),
                             (" uninstalled", uninstall, UNINSTALL_MEMORY_LIMIT_MIB)):
        sample, message = measure.run_once(run, dest, sync=False, remove=not what)
        if sample.status != 0:
            print(f"FAIL {wheel.name}{what}: whlinst failed: {message.strip()[-200:]}")
            ok = False
            break
        rss = sample.rss_kib / 1024
        ok &= rss <= limit
        print(f"{'ok  ' if rss <= limit else 'FAIL'} {wheel.name}{what}: peak RSS {rss:.0f} MiB (limit {limit} MiB), "
              f"{sample.wall:.1f} s")
    measure.remove_tree(dest)
    return ok


def check_instructions(args, root):
    if not shutil.which("valgrind"):
        print("valgrind not found: instructions not counted")
        return True
    wheel = next(w for w in corpus.build(args.cache, groups=["fixtures"]) if w.name.startswith(INSTRUCTION_WHEEL))
    tool = next(t for t in tools.ALL if t.name == "whlinst")
    values = {"python": args.python, "whlinst": args.whlinst, "wheel": wheel.path}
    dest = os.path.join(root, "instructions")
    measure.run_once(tool.command(dest=dest + "-0", **values), dest + "-0", sync=False)  # the interpreter cache
    measure.remove_tree(dest)
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        # Without MALLOC_PERTURB_ (set by meson test), which makes glibc fill
        # every allocation and free: the count is the program's own.
        env = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] +
                             tool.command(dest=dest, **values), capture_output=True, text=True, env=env)
    measure.remove_tree(dest)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not found:
        print(f"FAIL {wheel.name}: whlinst under callgrind failed: {run.stderr.strip()[-200:]}")
        return False
    count = int(found.group(1))
    ok = count <= INSTRUCTION_LIMIT
    print(f"{'ok  ' if ok else 'FAIL'} {wheel.name}: {count / 1e6:.2f}M instructions for a fresh install "
          f"(limit {INSTRUCTION_LIMIT / 1e6:g}M)")
    return ok


def corpus_contents(wheel):
    """(files, directories holding them, uncompressed bytes) of WHEEL."""
    with zipfile.ZipFile(wheel.path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
    directories = {os.path.dirname(i.filename) for i in infos} - {""}
    return len(infos), len(directories), sum(i.file_size for i in infos)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    wheels = guard_wheels(args.cache, args.quick)
    if args.dir:
        os.makedirs(args.dir, exist_ok=True)
    root = tempfile.mkdtemp(prefix="whlinst-check-", dir=args.dir)
    ok = True
    try:
        if not args.no_timing:
            for wheel in wheels:
                ok &= check_ratio(args, wheel, root)
        if not args.no_syscalls:
            if shutil.which("strace"):
                for wheel in wheels:
                    for tool_name in ("whlinst", "whlinst+fsync"):
                        ok &= check_syscalls(args, wheel, root, tool_name)
                    ok &= check_uninstall_syscalls(args, wheel, root)
            else:
                print("strace not found: system call counts not checked")
        if not args.no_memory:
            ok &= check_memory(args, root)
        ok &= check_instructions(args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("check_ratios: " + ("all checks hold" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
