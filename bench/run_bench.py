#!/usr/bin/env python3
"""Benchmark whlinst against unzip, pip and installer on a corpus of wheels,
on the disk and on tmpfs, and write bench/RESULTS.md.

  meson setup build-bench --buildtype=release && ninja -C build-bench
  python3 bench/run_bench.py              # quick mode (25–30 minutes here)
  python3 bench/run_bench.py --full       # + 30k/100k-file wheels, 4 MiB files, 512 MiB entry
  python3 bench/run_bench.py --groups rebuild --tools unzip,whlinst --fs tmpfs --results -

See bench/README.md for the corpus, the method and how to read the tables.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import subprocess
import statistics
import sys
import time
import zipfile

sys.dont_write_bytecode = True
import corpus  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import syscalls  # noqa: E402
import tools as tools_  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PYTHON = sys.executable
PROFILE_WHEEL = "sympy-1.14.0-py3-none-any"
PROFILE_TOOLS = ("unzip", "whlinst", "whlinst+fsync", "whlinst-c")
KEEP_BUDGET = 6 << 30  # bytes of installed trees (uncompressed sizes) kept on the disk before clearing
KEPT_NOTE = "; on the disk, every run into a new directory, nothing removed while timing"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="the default: 3 rounds, files up to 10k")
    mode.add_argument("--full", action="store_true", help="5 rounds, files up to 100k, bigger byte series")
    parser.add_argument("--whlinst", default=os.path.join(REPO, "build-bench", "src", "whlinst"))
    parser.add_argument("--python", default=PYTHON, help="target interpreter (whlinst, pip, compileall)")
    parser.add_argument("--cache", default=os.path.join(HERE, "cache"), help="corpus directory")
    parser.add_argument("--runs", type=int, help="interleaved rounds per wheel (3 quick, 5 full)")
    parser.add_argument("--groups", help="comma-separated corpus groups (default all): " +
                        ",".join(report.GROUP_ORDER))
    parser.add_argument("--only", help="regular expression on wheel names")
    parser.add_argument("--tools", help="comma-separated tools (default all): " + ",".join(tools_.NAMES))
    parser.add_argument("--fs", default="disk,tmpfs", help="file systems to run on: disk,tmpfs")
    parser.add_argument("--disk-dir", default="/tmp/whlinst-bench")
    parser.add_argument("--tmpfs-dir", default="/tmp/whlinst-bench-tmpfs",
                        help="mounted as tmpfs when run as root, else a directory in /dev/shm is used")
    parser.add_argument("--no-sync", action="store_true", help="do not run sync before each timed run")
    parser.add_argument("--max-load", type=float,
                        help="before each wheel, wait (up to 10 minutes) for the 1-minute load average to drop below this")
    parser.add_argument("--settle", type=float, default=65,
                        help="on the disk, seconds to wait after removing the installed trees kept (default 65)")
    parser.add_argument("--no-profile", action="store_true", help="skip the strace profile")
    parser.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"), help="'-': do not write")
    parser.add_argument("--raw", default=os.path.join(HERE, "cache", "last-run.json"),
                        help="where to keep every sample, as JSON")
    parser.add_argument("--render", metavar="RAW", help="only render RAW (a --raw file) into tables")
    args = parser.parse_args(argv)
    args.runs = args.runs or (5 if args.full else 3)
    if not args.render and not os.access(args.whlinst, os.X_OK):
        parser.error(f"no whlinst at {args.whlinst}: meson setup build-bench --buildtype=release "
                     "&& ninja -C build-bench, or give --whlinst")
    args.whlinst = os.path.abspath(args.whlinst)
    return args


def wheel_contents(path):
    """(files, .py files, uncompressed bytes) of a wheel."""
    with zipfile.ZipFile(path) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
    return len(infos), sum(i.filename.endswith(".py") for i in infos), sum(i.file_size for i in infos)


def output_of(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True)
        return (done.stdout or done.stderr).strip().splitlines()[0]
    except (OSError, IndexError):
        return "?"


def machine(args, directories):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), "?")
    memory = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    build = "?"
    info = os.path.join(os.path.dirname(os.path.dirname(args.whlinst)), "meson-info", "intro-buildoptions.json")
    if os.path.exists(info):
        build = next((o["value"] for o in json.load(open(info)) if o["name"] == "buildtype"), "?")
    lines = [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {int(memory) >> 20} GiB; "
        f"kernel {platform.release()}; {output_of(['sh', '-c', '. /etc/os-release; echo $PRETTY_NAME'])}",
        f"- whlinst: {args.whlinst} ({build} build), source "
        f"{output_of(['git', '-C', REPO, 'describe', '--always', '--dirty'])}",
        f"- target Python: {args.python} ({output_of([args.python, '--version'])}); "
        f"pip {output_of([args.python, '-m', 'pip', '--version']).split()[1]}",
        f"- installer: {tools_.INSTALLER_PYTHON} -m installer "
        f"{output_of([tools_.INSTALLER_PYTHON, '-c', 'import installer; print(installer.__version__)'])} "
        f"({output_of([tools_.INSTALLER_PYTHON, '--version'])}); {output_of(['unzip', '-v'])[:40]}",
    ]
    return "\n".join(lines + [line for _, line in directories])


def describe_directory(name, directory):
    return (name, f"- {name}: {directory} ({measure.file_system_type(directory)}, "
                  f"{output_of(['findmnt', '-n', '-o', 'SOURCE,FSTYPE,OPTIONS', '-T', directory])})")


def wait_for_quiet(max_load, patience=600):
    if max_load is None:
        return
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        time.sleep(5)


def bench_wheels(args, wheels, selected, root, label, keep):
    """Raw rows: {path, group, files, py_files, size, load, samples: {tool: [[wall, rss, cpu, status]]}}.
    KEEP (the disk): every run installs into a new directory under ROOT and
    nothing is removed while timing; when the trees kept would pass
    KEEP_BUDGET, they are removed and the disk left to settle (measure.clear).
    A wheel whose own trees would pass it (a few huge files: --full's big
    byte wheels) is run as on tmpfs: its few files do not feel the removals."""
    values = {"python": args.python, "whlinst": args.whlinst}
    measure.warm_up(selected, dict(values, wheel=wheels[0].path), root, keep=keep)
    rows, kept = [], 0
    for number, wheel in enumerate(wheels, 1):
        files, py_files, size = wheel_contents(wheel.path)
        trees = size * len(selected) * args.runs
        keep_this = keep and trees <= KEEP_BUDGET  # else, as on tmpfs (a wheel of a few huge files)
        if keep_this and kept + trees > KEEP_BUDGET:
            print(f"[{label}] removing {kept >> 20} MiB of installed trees, then {args.settle:g} s to settle",
                  file=sys.stderr)
            measure.clear(root, args.settle)
            kept = 0
        kept += trees if keep_this else 0
        with open(wheel.path, "rb") as f:
            while f.read(1 << 20):
                pass
        wait_for_quiet(args.max_load)
        load = os.getloadavg()[0]
        samples = measure.interleaved(selected, dict(values, wheel=wheel.path), os.path.join(root, wheel.name),
                                      args.runs, sync=not args.no_sync, log=sys.stderr, keep=keep_this)
        rows.append({"path": wheel.path, "group": wheel.group, "files": files, "py_files": py_files,
                     "size": size, "load": load,
                     "samples": {t: [[s.wall, s.rss_kib, s.cpu, s.status] for s in v] for t, v in samples.items()}})
        summaries = measure.summarize(selected, samples)
        times = ", ".join(f"{t} {report.ms(s.median)}" for t, s in summaries.items())
        print(f"[{label} {number}/{len(wheels)}] {wheel.name} (load {load:.1f}): {times}", file=sys.stderr)
    return rows


def profile(args, wheels, root):
    """strace of unzip and whlinst on PROFILE_WHEEL, each run into a new
    directory under ROOT (left for the caller to remove)."""
    wheel = next((w for w in wheels if w.name == PROFILE_WHEEL), None)
    if wheel is None:
        return None
    values = {"python": args.python, "whlinst": args.whlinst, "wheel": wheel.path}
    chosen = [t for t in tools_.ALL if t.name in PROFILE_TOOLS]
    result = {"wheel": wheel.name, "files": wheel_contents(wheel.path)[0], "wheel_size": os.path.getsize(wheel.path),
              "counts": {}, "phases": {}}
    sync = not args.no_sync
    for tool in chosen:
        dest = os.path.join(root, "profile", tool.name, "counts")
        result["counts"][tool.name] = syscalls.counts(tool.command(dest=dest, **values), dest, sync=sync, keep=True)
        if tool.name.startswith("whlinst"):
            dest = os.path.join(root, "profile", tool.name, "phases")
            result["phases"][tool.name] = syscalls.phases(tool.command(dest=dest, **values), dest, wheel.path,
                                                          sync=sync, keep=True)
    return result


def to_rows(raw_rows):
    ok = {tool.name: tool.ok_status for tool in tools_.ALL}
    rows = []
    for r in raw_rows:
        summaries = {t: measure.Summary([measure.Sample(*s) for s in v], ok[t]) for t, v in r["samples"].items()}
        rows.append(report.Row(corpus.CorpusWheel(r["path"], r["group"]), r["files"], r["py_files"], r["size"],
                               summaries, r["load"]))
    return rows


def section(raw):
    rows = to_rows(raw["rows"])
    prof = raw.get("profile")
    text = f"## {raw['label']}: {raw['directory']} ({raw['fs_type']})\n\n"
    loads = [r.load for r in rows]
    text += (f"1-minute load average when each wheel started: min {min(loads):.1f}, median "
             f"{statistics.median(loads):.1f}, max {max(loads):.1f} ({os.cpu_count()} cores).\n\n")
    text += "### Targets\n\n" + report.target_rows(rows)
    text += "\n### Summed over the corpus (sum of per-wheel medians, ms)\n\n" + report.sums_table(rows)
    text += "\n### CPU time summed over the corpus (user + system of all processes, ms)\n\n" + report.cpu_table(rows)
    text += "\n### Without byte-compilation (median ms; `!` = a run failed)\n\n" + report.no_compile_table(rows)
    if any(t in rows[0].s for t in tools_.COMPILE):
        text += "\n### With byte-compilation (median ms)\n\n" + report.compile_table(rows)
    text += "\n### Peak RSS (MiB, largest single process of the command, max over runs)\n\n" + report.rss_table(rows)
    scaling = report.scaling_tables(rows)
    if scaling:
        text += "\n### Scaling\n\n" + scaling
    if prof:
        row = next((r for r in rows if r.wheel.name == prof["wheel"]), None)
        prof["untraced"] = {t: row.t(t) for t in prof["phases"]} if row else {}
        text += "\n### Where the time goes (strace)\n\n" + report.profile_tables(prof)
    return text + "\n"


def run_on(args, wheels, selected, label, directory):
    """On the disk, installed trees are kept (see bench_wheels); on tmpfs,
    each run's directory is removed before it (memory)."""
    root = os.path.join(directory, "run")
    keep = label == "Disk"
    if keep:
        measure.clear(root, args.settle)  # left over from an interrupted run
    os.makedirs(root, exist_ok=True)
    raw = {"label": label, "directory": directory, "fs_type": measure.file_system_type(directory)}
    raw["rows"] = bench_wheels(args, wheels, selected, root, label, keep)
    raw["profile"] = None if args.no_profile else profile(args, wheels, root)
    measure.remove_tree(root)
    return raw


def render(raw):
    header = (f"# whlinst benchmark results\n\nProduced by `{raw['command']}` on {raw['started']} "
              f"({raw['minutes']:.0f} minutes), {len(raw['sections'][0]['rows'])} wheels, {raw['runs']} "
              f"interleaved rounds, {'no sync' if not raw['sync'] else '`sync` before every timed run'}"
              f"{KEPT_NOTE if raw.get('kept') else ''}.\n\n"
              f"{raw['machine']}\n\nMethod and how to read the tables: bench/README.md.\n\n")
    return header + "".join(section(s) for s in raw["sections"])


def measure_all(args):
    selected = tools_.select(args.tools.split(",") if args.tools else None)
    groups = args.groups.split(",") if args.groups else None
    wheels = corpus.build(args.cache, full=args.full, groups=groups)
    if args.only:
        wheels = [w for w in wheels if re.search(args.only, w.name)]
    if not wheels:
        sys.exit("no wheel selected")
    started = datetime.datetime.now()
    sections, directories = [], []
    for fs in args.fs.split(","):
        if fs == "disk":
            os.makedirs(args.disk_dir, exist_ok=True)
            directories.append(describe_directory("disk", args.disk_dir))
            sections.append(run_on(args, wheels, selected, "Disk", args.disk_dir))
        elif fs == "tmpfs":
            with measure.TmpfsMount(args.tmpfs_dir) as directory:
                directories.append(describe_directory("tmpfs", directory))
                sections.append(run_on(args, wheels, selected, "tmpfs", directory))
        else:
            sys.exit(f"--fs: unknown file system {fs!r} (disk, tmpfs)")
    return {"command": "python3 bench/run_bench.py " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
            "started": f"{started:%Y-%m-%d %H:%M}", "runs": args.runs, "sync": not args.no_sync,
            "kept": "disk" in args.fs.split(","),
            "minutes": (datetime.datetime.now() - started).total_seconds() / 60,
            "machine": machine(args, directories), "sections": sections}


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.render:
        raw = json.load(open(args.render))
    else:
        raw = measure_all(args)
        os.makedirs(os.path.dirname(os.path.abspath(args.raw)), exist_ok=True)
        with open(args.raw, "w") as out:
            json.dump(raw, out)
    text = render(raw)
    print(text)
    if args.results != "-":
        with open(args.results, "w") as out:
            out.write(text)
        print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
