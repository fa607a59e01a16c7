"""Memory against the file count (issue 17, item 1): peak RSS of
`whlinst --no-compile` and `pip --no-compile` installing bench_files_N
(N small modules), and whlinst's heap per installed file from heaptrack
(peak heap at N files, and the marginal bytes per file between two counts),
when heaptrack is installed.

  python3 bench/memory.py --whlinst build/src/whlinst [--whlinst old=OTHER] \\
      [--counts 1000,10000,100000] [--full] [--runs 3] [--no-pip] [--out FILE.md]

--full adds 300,000 files (its wheel takes a few minutes to build). Peak RSS
is GNU time's (the process alone); the median of --runs runs.

--reinstall measures `--force-reinstall` over the same wheel installed
before (pip's too, without -I: it uninstalls first), every file replaced:
the upgrade path (backups, a temporary name per file, the previous RECORD
and bytecode surveyed).
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import corpus
import measure
import tools
from report import emit, named_binaries

HERE = os.path.dirname(os.path.abspath(__file__))


def peak_rss_mib(argv, dest, runs, before=None):
    """Median peak RSS (MiB) and wall time of ARGV into a new DEST, or, with
    BEFORE (an argv), over what BEFORE installed there first."""
    samples = []
    for _ in range(runs):
        if before:
            _, message = measure.run_once(before, dest, sync=False)
        sample, message = measure.run_once(argv, dest, sync=False, remove=not before)
        if sample.status != 0:
            raise SystemExit(f"{argv[0]} failed: {message.strip()[-300:]}")
        samples.append(sample)
    return statistics.median(s.rss_kib for s in samples) / 1024, statistics.median(s.wall for s in samples)


def heaptrack_peak_mib(argv, dest, before=None):
    """Peak heap in MiB from heaptrack, or None without heaptrack; over what
    BEFORE (an argv) installed first, with BEFORE."""
    if not shutil.which("heaptrack") or not shutil.which("heaptrack_print"):
        return None
    measure.remove_tree(dest)
    if before:
        measure.run_once(before, dest, sync=False)
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "profile")
        subprocess.run(["heaptrack", "-o", out] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        profile = next(os.path.join(scratch, f) for f in os.listdir(scratch) if f.startswith("profile"))
        text = subprocess.run(["heaptrack_print", "-f", profile, "--print-peaks", "0", "--print-allocators", "0",
                               "--print-temporary", "0", "--print-leaks", "0"],
                              capture_output=True, text=True, check=True).stdout
    measure.remove_tree(dest)
    found = re.search(r"peak heap memory consumption: ([\d.]+)([KMG])", text)
    if not found:
        return None
    return float(found.group(1)) * {"K": 1 / 1024, "M": 1, "G": 1024}[found.group(2)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--whlinst", action="append", required=True, metavar="[NAME=]BINARY")
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--counts", default="1000,10000,100000")
    parser.add_argument("--full", action="store_true", help="also 300,000 files")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pip", action="store_true")
    parser.add_argument("--reinstall", action="store_true", help="measure a reinstall over the same wheel")
    parser.add_argument("--cache", default=os.path.join(HERE, "cache"))
    parser.add_argument("--out")
    args = parser.parse_args()
    counts = [int(c) for c in args.counts.split(",")] + ([300000] if args.full else [])
    binaries = named_binaries(args.whlinst)
    directory = os.path.join(args.cache, "files")
    os.makedirs(directory, exist_ok=True)
    whlinst_tool = next(t for t in tools.ALL if t.name == "whlinst")
    pip_tool = next(t for t in tools.ALL if t.name == "pip")
    rows = []
    with tempfile.TemporaryDirectory(prefix="whlinst-memory-") as root:
        dest = os.path.join(root, "dest")
        for count in counts:
            wheel = corpus.files_wheel(directory, count)
            row = {"files": count}
            for name, binary in binaries:
                argv = whlinst_tool.command(whlinst=binary, wheel=wheel.path, dest=dest, python=args.python)
                before = argv if args.reinstall else None
                run = argv + ["--force-reinstall"] if args.reinstall else argv
                row[name] = peak_rss_mib(run, dest, args.runs, before)
                row[name + " heap"] = heaptrack_peak_mib(run, dest, before)
            if not args.no_pip:
                argv = pip_tool.command(wheel=wheel.path, dest=dest, python=args.python)
                before = argv if args.reinstall else None
                # pip's -I would write over the old files without uninstalling them.
                run = [a for a in argv if a != "-I"] + ["--force-reinstall"] if args.reinstall else argv
                row["pip"] = peak_rss_mib(run, dest, args.runs, before)
            rows.append(row)
            print(row, file=sys.stderr)
    what = ", a reinstall over the same wheel (`--force-reinstall`, for pip too)" if args.reinstall else ""
    lines = [f"`python3 bench/memory.py` — {time.strftime('%Y-%m-%d')}, median of {args.runs} runs, "
             f"`--no-compile`{what}, python {args.python}, load before the last row: {os.getloadavg()[0]:.1f}", ""]
    names = [n for n, _ in binaries]
    header = ["files"] + [f"{n} peak RSS MiB (s)" for n in names] + [f"{n} peak heap MiB" for n in names]
    header += [] if args.no_pip else ["pip peak RSS MiB (s)"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [f"{row['files']:,}"]
        cells += [f"{row[n][0]:.1f} ({row[n][1]:.2f})" for n in names]
        cells += ["–" if row[n + " heap"] is None else f"{row[n + ' heap']:.1f}" for n in names]
        cells += [] if args.no_pip else [f"{row['pip'][0]:.1f} ({row['pip'][1]:.2f})"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for name in names:
        heaps = [(r["files"], r[name + " heap"]) for r in rows if r[name + " heap"] is not None]
        for (low, low_heap), (high, high_heap) in zip(heaps, heaps[1:]):
            per_file = (high_heap - low_heap) * (1 << 20) / (high - low)
            lines.append(f"- {name}: {per_file:.0f} bytes of heap per file between {low:,} and {high:,} files")
    emit("\n".join(lines), args.out)


if __name__ == "__main__":
    main()
