#!/usr/bin/env python3
"""Side experiments: questions the main benchmark does not answer by itself
(bench/README.md quotes their results). Each prints a small Markdown table.

  python3 bench/experiments.py sync-bias   [--dir D] [--runs N]   # does `sync` before a run change it?
  python3 bench/experiments.py delete-bias [--wheel W] [--runs N] [--settle S]  # does removing the last tree?
  python3 bench/experiments.py sync-cost   [--wheel W] [--runs N] # what whlinst --fsync's syncs cost
  python3 bench/experiments.py foreign-dirty [--dir D]            # syncfs waits for other processes' data
  python3 bench/experiments.py parallel    [--dir D] [--runs N]   # does extracting with 2 processes help?
  python3 bench/experiments.py worker-start [--runs N]            # Python start-up of a bytecode worker

WHEEL defaults to the sympy rebuild in bench/cache (run run_bench.py or
corpus.py first); --dir defaults to /tmp/whlinst-exp (the disk here).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import zipfile

sys.dont_write_bytecode = True
import measure  # noqa: E402
import syscalls  # noqa: E402
import tools  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PYTHON = sys.executable
SYMPY = os.path.join(HERE, "cache", "rebuild", "sympy-1.14.0-py3-none-any.whl")


def values(args):
    return {"python": args.python, "whlinst": args.whlinst, "wheel": args.wheel}


def med(samples):
    return statistics.median(s.wall for s in samples) * 1000


def sync_bias(args):
    """unzip and whlinst, interleaved, with and without `sync` before each run."""
    chosen = [t for t in tools.ALL if t.name in ("unzip", "whlinst")]
    print("| prepare | unzip ms (min-max) | whlinst ms (min-max) | whlinst/unzip |\n|---|---|---|---|")
    for sync in (True, False, True, False):
        s = measure.interleaved(chosen, values(args), args.dir, args.runs, sync=sync)
        span = {k: f"{med(v):.0f} ({min(x.wall for x in v) * 1000:.0f}-{max(x.wall for x in v) * 1000:.0f})"
                for k, v in s.items()}
        print(f"| {'rm + sync' if sync else 'rm only'} | {span['unzip']} | {span['whlinst']} | "
              f"{med(s['whlinst']) / med(s['unzip']):.2f}x |")


def sync_times(args, dest, keep=False):
    """Wall time of `whlinst --fsync` under strace and its syncs: [(syscall, seconds)]."""
    tool = next(t for t in tools.ALL if t.name == "whlinst+fsync")
    argv = tool.command(dest=dest, **values(args))
    text, wall = syscalls.traced(argv, dest, ["-T", "-e", "trace=syncfs,fdatasync,fsync"], False, keep)
    durations = [(line.split("(", 1)[0].split()[-1], float(line.rsplit("<", 1)[1].rstrip(">")))
                 for line in text.splitlines() if "sync" in line and line.endswith(">")]
    return wall, durations


def foreign_dirty(args):
    """whlinst's syncfs while another process leaves N MiB of dirty data on the same file system."""
    dest = os.path.join(args.dir, "whlinst")
    dirty = os.path.join(args.dir, "dirty.bin")
    print("| other process's dirty data | whlinst --fsync wall (s) | its fdatasyncs, syncfs, fdatasync, fsync (ms) |\n"
          "|---|---|---|")
    for mib in (0, 256, 1024):
        subprocess.run(["sync"])
        if mib:
            subprocess.run(["dd", "if=/dev/urandom", f"of={dirty}", "bs=1M", f"count={mib}", "status=none"])
        wall, durations = sync_times(args, dest)
        print(f"| {mib} MiB | {wall:.2f} | {' / '.join(f'{d * 1000:.0f}' for _, d in durations)} |")
        measure.remove_tree(dirty)
    subprocess.run(["sync"])


def sync_cost(args):
    """The syncs of `whlinst --fsync` installs, one after another, each into a
    new directory (nothing removed in between)."""
    dest_root = os.path.join(args.dir, "sync-cost")
    measure.remove_tree(dest_root)
    rows = [sync_times(args, os.path.join(dest_root, str(i)), keep=True) for i in range(args.runs * 2)]
    measure.remove_tree(dest_root)
    print(f"| {os.path.basename(args.wheel)}, {len(rows)} installs | calls per install | median ms | max ms |\n"
          "|---|---|---|---|")
    print(f"| whlinst --fsync under strace, wall | | {statistics.median(r[0] for r in rows) * 1000:.0f} | "
          f"{max(r[0] for r in rows) * 1000:.0f} |")
    for name in ("fdatasync", "syncfs", "fsync"):
        per_install = [[d * 1000 for n, d in r[1] if n == name] for r in rows]
        sums = [sum(v) for v in per_install]
        print(f"| {name} | {statistics.median(len(v) for v in per_install):g} | {statistics.median(sums):.1f} | "
              f"{max(sums):.1f} |")
    totals = [sum(d for _, d in r[1]) * 1000 for r in rows]
    print(f"| all syncs | | {statistics.median(totals):.1f} | {max(totals):.1f} |")


def delete_bias(args):
    """unzip and whlinst, interleaved: each run into a new directory (trees
    kept) against removing the previous run's tree before each run; SETTLE
    seconds of quiet after clearing before each series."""
    chosen = [t for t in tools.ALL if t.name in ("unzip", "whlinst")]
    root = os.path.join(args.dir, "delete-bias")
    print(f"| {os.path.basename(args.wheel)}: before each run | unzip ms (min-max) | whlinst ms (min-max) "
          "| whlinst/unzip |\n|---|---|---|---|")
    for keep in (True, False, True, False):
        measure.clear(root, args.settle)
        s = measure.interleaved(chosen, values(args), root, args.runs, keep=keep)
        span = {k: f"{med(v):.0f} ({min(x.wall for x in v) * 1000:.0f}-{max(x.wall for x in v) * 1000:.0f})"
                for k, v in s.items()}
        print(f"| {'sync (new directory)' if keep else 'rm -rf + sync'} | {span['unzip']} | {span['whlinst']} | "
              f"{med(s['whlinst']) / med(s['unzip']):.2f}x |", flush=True)
    measure.remove_tree(root)


def parallel(args):
    """unzip of the whole wheel by 1 process against 2 processes taking half the entries each."""
    with zipfile.ZipFile(args.wheel) as archive:
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
    halves = [names[0::2], names[1::2]]
    root = os.path.join(args.dir, "par")
    os.makedirs(args.dir, exist_ok=True)
    one, two = [], []
    for _ in range(args.runs):
        for mode in ("one", "two"):
            measure.remove_tree(root)
            subprocess.run(["sync"])
            started = time.perf_counter()
            if mode == "one":
                subprocess.run(["unzip", "-q", args.wheel, "-d", root])
                one.append(time.perf_counter() - started)
            else:
                procs = [subprocess.Popen(["unzip", "-q", args.wheel] + h + ["-d", root]) for h in halves]
                for p in procs:
                    p.wait()
                two.append(time.perf_counter() - started)
    measure.remove_tree(root)
    print(f"| unzip {len(names)} files | median ms |\n|---|---|")
    print(f"| 1 process | {statistics.median(one) * 1000:.0f} |\n| 2 processes, half each | "
          f"{statistics.median(two) * 1000:.0f} |")


def worker_start(args):
    """What starting a bytecode worker costs: the interpreter with and without site."""
    rows = [("-I -c 'import py_compile'", [args.python, "-I", "-c", "import py_compile"]),
            ("-I -S -c 'import py_compile'", [args.python, "-I", "-S", "-c", "import py_compile"])]
    print("| command | median ms |\n|---|---|")
    for label, argv in rows:
        times = []
        for _ in range(args.runs * 3):
            started = time.perf_counter()
            subprocess.run(argv)
            times.append(time.perf_counter() - started)
        print(f"| `python3 {label}` | {statistics.median(times) * 1000:.1f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiment", choices=["sync-bias", "delete-bias", "sync-cost", "foreign-dirty",
                                               "parallel", "worker-start"])
    parser.add_argument("--dir", default="/tmp/whlinst-exp")
    parser.add_argument("--wheel", default=SYMPY)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--settle", type=float, default=65, help="delete-bias: seconds of quiet after clearing")
    parser.add_argument("--python", default=PYTHON)
    parser.add_argument("--whlinst", default=os.path.join(REPO, "build-bench", "src", "whlinst"))
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    print(f"<!-- python3 bench/experiments.py {' '.join(sys.argv[1:])}; {args.dir} "
          f"({measure.file_system_type(args.dir)}); load {os.getloadavg()[0]:.1f} -->")
    {"sync-bias": sync_bias, "delete-bias": delete_bias, "sync-cost": sync_cost, "foreign-dirty": foreign_dirty,
     "parallel": parallel, "worker-start": worker_start}[args.experiment](args)


if __name__ == "__main__":
    main()
