#!/usr/bin/env python3
"""A whole environment from a lock file: 40 real wheels installed into a
fresh prefix by `whlinst sync pylock.toml`, by pip given all 40 wheels in
one call (`pip install --no-deps --no-index -I --prefix P W1 ... W40`), and
by `python -m installer` run once per wheel; without and with
byte-compilation. Interleaved rounds on the disk (every run into a new
directory); wall time (median, range), the ratios to whlinst measured in
the same run, peak RSS (the largest single process) and CPU time.

The 40 wheels: the newest pip, setuptools and wheel of the real wheels
(wheels-fixtures/gather_real_wheels.sh), then, in name order, the projects
that pip installed into the benchmark interpreter's site-packages, rebuilt
as wheels (corpus.py "rebuild": their RECORD'd files, a fresh RECORD) —
pure-Python ones only, so that every tool installs the same files. The lock
(pylock.toml, beside the wheels) names each by `path` with its size and
sha256. A machine with fewer such projects benchmarks what it has (the
count is in the table).

Usage: python3 bench/lock_environment.py [--whlinst build-bench/src/whlinst]
           [--python PATH] [--count 40] [--runs 3] [--results bench/RESULTS-lock.md|-]
"""

import argparse
import csv
import datetime
import glob
import hashlib
import os
import platform
import re
import shlex
import subprocess
import sys

sys.dont_write_bytecode = True
import corpus  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
from tools import INSTALLER_PYTHON, PIP_FLAGS  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
REAL_PROJECTS = ("pip", "setuptools", "wheel")


def version_key(filename):
    version = os.path.basename(filename).split("-")[1]
    return [int(part) if part.isdigit() else 0 for part in re.split(r"[.+]", version)]


def newest_real_wheels(cache):
    real = [w.path for w in corpus.build(cache, groups=["real"])]
    chosen = []
    for project in REAL_PROJECTS:
        candidates = [p for p in real if os.path.basename(p).split("-")[0].lower() == project]
        if candidates:
            chosen.append(max(candidates, key=version_key))
    return chosen


def is_pure_pip_install(site, dist_info):
    """Installed by pip, with a RECORD listing no compiled extension."""
    directory = os.path.join(site, dist_info)
    try:
        with open(os.path.join(directory, "INSTALLER"), encoding="utf-8") as stream:
            if stream.read().strip() != "pip":
                return False
        with open(os.path.join(directory, "RECORD"), newline="", encoding="utf-8") as stream:
            rows = [row[0] for row in csv.reader(stream) if row]
    except OSError:
        return False
    return not any(name.endswith((".so", ".pyd", ".dylib")) for name in rows)


def rebuilt_wheels(cache, site, count, taken):
    directory = os.path.join(cache, "lock-environment")
    os.makedirs(directory, exist_ok=True)
    chosen = []
    for dist_info in sorted(os.listdir(site), key=str.lower):
        if len(chosen) == count:
            break
        if not dist_info.endswith(".dist-info") or not is_pure_pip_install(site, dist_info):
            continue
        project = dist_info[: -len(".dist-info")]
        if project.split("-")[0].lower().replace("_", "-") in taken:
            continue
        wheel = corpus.rebuild_wheel(directory, project, site)
        if wheel:
            chosen.append(wheel.path)
            taken.add(project.split("-")[0].lower().replace("_", "-"))
    return chosen


def environment_wheels(cache, site, count):
    real = newest_real_wheels(cache)
    taken = {os.path.basename(p).split("-")[0].lower() for p in real}
    return real + rebuilt_wheels(cache, site, count - len(real), taken)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_lock(path, wheels):
    """pylock.toml naming every wheel by its absolute path, size and sha256."""
    text = 'lock-version = "1.0"\ncreated-by = "whlinst bench/lock_environment.py"\n'
    for wheel in wheels:
        name, version = os.path.basename(wheel).split("-")[:2]
        text += (f'\n[[packages]]\nname = "{name.lower().replace("_", "-")}"\nversion = "{version}"\n\n'
                 f'[[packages.wheels]]\nname = "{os.path.basename(wheel)}"\npath = "{wheel}"\n'
                 f'size = {os.path.getsize(wheel)}\nhashes = {{sha256 = "{sha256_of(wheel)}"}}\n')
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)


def tools_for(lock, wheels):
    """(without compilation, with) lists of measure.Tool."""
    whlinst = ["{whlinst}", "sync", lock, "--prefix", "{dest}", "--python", "{python}", "-q"]
    pip = ["{python}", "-m", "pip", "install"] + PIP_FLAGS + ["--prefix", "{dest}"] + wheels
    def installer(flags):
        # sh -c LOOP PYTHON DEST WHEEL...: one `python -m installer` per wheel.
        per_wheel = ('dest=$1; shift; for wheel; do "$0" -m installer ' + " ".join(flags)
                     + ' --destdir "$dest" "$wheel" || exit; done')
        return ["sh", "-c", per_wheel, INSTALLER_PYTHON, "{dest}"] + wheels
    return ([measure.Tool("whlinst", whlinst + ["--no-compile"], False),
             measure.Tool("pip", pip + ["--no-compile"], False),
             measure.Tool("installer", installer(["--no-compile-bytecode"]), False)],
            [measure.Tool("whlinst-c", whlinst, True),
             measure.Tool("pip-c", pip, True),
             measure.Tool("installer-c", installer(["--compile-bytecode", "0"]), True)])


def rows_of(tools, samples):
    summaries = measure.summarize(tools, samples)
    base = summaries[tools[0].name].median
    rows = []
    for tool in tools:
        s = summaries[tool.name]
        rows.append([tool.name, report.ms(s.median, s.failed), f"{report.ms(s.low)}–{report.ms(s.high)}",
                     report.ratio(s.median, base), f"{s.rss_mib:.1f}", report.ms(s.cpu)])
    return rows


def tree_files(root):
    return sum(len(files) for _, _, files in os.walk(root))


def measure_in(directory, lock, wheels, values, runs):
    """The two tables (without and with byte-compilation) of runs under
    `directory`, as Markdown lines."""
    measure.remove_tree(directory)
    os.makedirs(directory)
    kind = measure.file_system_type(directory)
    header = ["tool", "median ms", "range", "/ whlinst", "peak RSS MiB", "CPU ms"]
    lines = []
    for title, tools in zip(("without byte-compilation", "with byte-compilation (level 0)"), tools_for(lock, wheels)):
        measure.warm_up(tools, values, directory)
        samples = measure.interleaved(tools, values, os.path.join(directory, tools[0].name), runs,
                                      log=sys.stderr, keep=True)
        installed = glob.glob(os.path.join(directory, tools[0].name, tools[0].name, "0"))
        files = tree_files(installed[0]) if installed else 0
        lines += [f"## {kind} ({directory}), {title}", "", f"whlinst's tree: {files} files.", "",
                  report.table(header, rows_of(tools, samples))]
        measure.remove_tree(directory)
        os.makedirs(directory)
    measure.remove_tree(directory)
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", default=os.path.join(REPO, "build-bench", "src", "whlinst"))
    parser.add_argument("--python", default=sys.executable, help="the target interpreter (whlinst, pip)")
    parser.add_argument("--site", default=corpus.SITE_PACKAGES, help="where the rebuilt projects come from")
    parser.add_argument("--cache", default=os.path.join(HERE, "cache"))
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dirs", default="/tmp/whlinst-bench-lock,/dev/shm/whlinst-bench-lock",
                        help="comma-separated directories to install under (the disk, tmpfs)")
    parser.add_argument("--results", default=os.path.join(HERE, "RESULTS-lock.md"), help="'-': do not write")
    args = parser.parse_args(argv)
    wheels = environment_wheels(args.cache, args.site, args.count)
    if len(wheels) < 2:
        print("lock_environment: fewer than two wheels found; nothing to measure")
        return 77
    lock = os.path.join(args.cache, "lock-environment", "pylock.toml")
    write_lock(lock, wheels)
    values = {"python": args.python, "whlinst": os.path.abspath(args.whlinst)}
    compressed = sum(os.path.getsize(w) for w in wheels)
    lines = [f"# A locked environment: {len(wheels)} wheels ({compressed / (1 << 20):.1f} MiB)", "",
             f"`python3 bench/lock_environment.py {' '.join(shlex.quote(a) for a in (argv or sys.argv[1:]))}`, "
             f"{datetime.date.today()}, {platform.node()} ({os.cpu_count()} cores), target "
             f"{args.python}, {args.runs} interleaved rounds, every run into a new directory.", "",
             "Wheels: " + ", ".join(os.path.basename(w)[:-4] for w in wheels) + ".", ""]
    load_before = os.getloadavg()[0]
    for directory in args.dirs.split(","):
        lines += measure_in(directory, lock, wheels, values, args.runs)
    lines[2] += (f" 1-minute load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
                 f"({os.cpu_count()} cores).")
    text = "\n".join(lines)
    print(text)
    if args.results != "-":
        with open(args.results, "w", encoding="utf-8") as stream:
            stream.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
