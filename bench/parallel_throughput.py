#!/usr/bin/env python3
"""Throughput of whlinst on one prefix: N different projects installed
(a) one after another, one process each, (b) all at once, one process each
(as `make -j` runs SageMath's spkg-install scripts), and (c) by one process
given all N wheels. Each into a fresh prefix; the median of --repeat runs.
Not a test: it prints the times and the speedups of (b) and (c) over (a).

How to run (after `ninja -C build-stress`, which also writes the fixtures):
  python3 bench/parallel_throughput.py --whlinst build-stress/src/whlinst \\
      --fixtures build-stress/tests/fixtures -n 12 [--no-compile] [--repeat 3]

The N projects are the first N distinct projects among the fixture wheels
(at most as many as there are, 18).
"""

import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_PYTHON = sys.executable
NOISY = {"fixture_nocompile"}  # its warnings about files that do not compile


def distinct_projects(fixtures, count):
    """One wheel per project (the first version of each), sorted by name."""
    chosen = {}
    for path in sorted(glob.glob(os.path.join(fixtures, "*.whl"))):
        project = os.path.basename(path).split("-")[0].lower()
        if project not in NOISY:
            chosen.setdefault(project, path)
    wheels = sorted(chosen.values())
    if count > len(wheels):
        sys.exit(f"-n {count}: only {len(wheels)} distinct projects in {fixtures}")
    return wheels[:count]


def command(args, prefix, *wheels):
    options = ["--no-compile"] if args.no_compile else []
    return [args.whlinst, "install", *wheels, "--prefix", prefix, "--python", args.python,
            "-q", *options]


def check(code, what):
    if code != 0:
        sys.exit(f"whlinst failed ({what}): exit {code}")


def one_after_another(args, wheels, prefix):
    for wheel in wheels:
        check(subprocess.call(command(args, prefix, wheel)), wheel)


def all_at_once(args, wheels, prefix):
    processes = [subprocess.Popen(command(args, prefix, wheel)) for wheel in wheels]
    for process, wheel in zip(processes, wheels):
        check(process.wait(), wheel)


def one_invocation(args, wheels, prefix):
    check(subprocess.call(command(args, prefix, *wheels)), "all wheels")


def median_seconds(args, way, wheels, workdir):
    times = []
    for i in range(args.repeat):
        prefix = os.path.join(workdir, f"{way.__name__}-{i}")
        started = time.monotonic()
        way(args, wheels, prefix)
        times.append(time.monotonic() - started)
        shutil.rmtree(prefix)
    return statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("-n", type=int, default=12, help="number of projects (default 12)")
    parser.add_argument("--python", default=TARGET_PYTHON)
    parser.add_argument("--no-compile", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    args.whlinst = os.path.abspath(args.whlinst)
    wheels = distinct_projects(os.path.abspath(args.fixtures), args.n)
    workdir = tempfile.mkdtemp(prefix="whlinst-bench-")
    try:
        sequential = median_seconds(args, one_after_another, wheels, workdir)
        parallel = median_seconds(args, all_at_once, wheels, workdir)
        single = median_seconds(args, one_invocation, wheels, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    compiling = "without" if args.no_compile else "with"
    print(f"{len(wheels)} projects, {compiling} byte-compilation, median of {args.repeat}, "
          f"{os.cpu_count()} cores")
    print(f"(a) one after another:       {sequential:8.3f} s")
    print(f"(b) all at once:             {parallel:8.3f} s   speedup {sequential / parallel:5.2f}x")
    print(f"(c) one process, all wheels: {single:8.3f} s   speedup {sequential / single:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
