#!/usr/bin/env python3
"""Where the time of an install with byte-compilation goes: worker
utilisation of whlinst's bytecode pool, per wheel, for one or more whlinst
binaries run interleaved (before/after a change), beside the compile floor
(`unzip` + `compileall -j0`) and pip when asked.

  python3 bench/compile_utilisation.py --whlinst before=/tmp/whlinst-before \\
      --whlinst after=build/src/whlinst --groups real,cython,files,rebuild --runs 5

Each whlinst run sets WHLINST_COMPILE_TIMING (src/compile_timing.h) to a file
of its own and reads the pool's report back; the wall time is measured here
(measure.run_once, into a new directory, after sync). Per wheel and binary,
medians over the runs of:

  wall      fork to exit, ms
  cpu       user + system time of the whole process tree (workers included), ms:
            what the machine's other load does not inflate much
  workers   how many workers whlinst started
  busy %    the workers' summed compile time / (workers x wall)
  start-up  a worker's start (spawn) to its first read of a request, ms (mean)
  1st sent  when the first source was sent to a worker (since whlinst started), ms
  1st comp  when the first compilation began, ms
  tail      mean over the workers of wall - the end of its last compilation:
            time at the end when that worker's core compiles nothing, ms
  spread    last end of the busiest worker - last end of the other, ms

A binary without WHLINST_COMPILE_TIMING support gets its wall time only.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile

sys.dont_write_bytecode = True
import corpus  # noqa: E402
import measure  # noqa: E402
import tools as tools_  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_PYTHON = os.path.expanduser("~/.pyenv/versions/3.11.7/bin/python3")
DEFAULT_GROUPS = "real,cython,files,rebuild"
FIELDS = ["wall", "cpu", "workers", "busy", "startup", "first_sent", "first_compile", "tail", "spread"]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", action="append", metavar="[LABEL=]PATH",
                        help="a whlinst binary (repeatable); default build/src/whlinst")
    parser.add_argument("--python", default=DEFAULT_PYTHON if os.path.exists(DEFAULT_PYTHON) else sys.executable)
    parser.add_argument("--cache", default=os.path.join(HERE, "cache"), help="corpus directory")
    parser.add_argument("--groups", default=DEFAULT_GROUPS)
    parser.add_argument("--only", help="regular expression on wheel names")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--floor", action="store_true", help="also run unzip + compileall -j0")
    parser.add_argument("--pip", action="store_true", help="also run pip install (with compilation)")
    parser.add_argument("--dir", default="/tmp", help="where the trees are installed (on the disk)")
    parser.add_argument("--json", help="write every sample there")
    return parser.parse_args(argv)


def binaries(specs):
    found = []
    for spec in specs or [os.path.join(REPO, "build", "src", "whlinst")]:
        label, _, path = spec.rpartition("=")
        found.append((label or os.path.basename(os.path.dirname(os.path.dirname(path))) or path, path))
    return found


def pool_metrics(report, wall_ms, cpu_ms):
    """The metrics of one run from the pool's report and the wall time."""
    workers = report["workers"]
    ends = [end for end in report["last_end"] if end is not None]
    begins = [begin for begin in report["first_begin"] if begin is not None]
    startups = [ready - spawned for ready, spawned in zip(report["ready"], report["spawned"]) if ready is not None]
    return {
        "wall": wall_ms,
        "cpu": cpu_ms,
        "workers": workers,
        "busy": 100 * sum(report["busy"]) / (workers * wall_ms),
        "startup": statistics.mean(startups) if startups else None,
        "first_sent": report["first_sent"],
        "first_compile": min(begins) if begins else None,
        "tail": statistics.mean(wall_ms - (end if end is not None else 0) for end in report["last_end"]),
        "spread": max(ends) - min(ends) if len(ends) > 1 else 0.0,
        "requests": sum(report["requests"]),
    }


def run_whlinst(path, wheel, python, dest, report_path):
    if os.path.exists(report_path):
        os.unlink(report_path)
    env = dict(os.environ, WHLINST_COMPILE_TIMING=report_path)
    argv = [part.format(whlinst=path, wheel=wheel, dest=dest, python=python) for part in tools_.WHLINST]
    sample, message = measure.run_once(argv, dest, env=env, remove=False)
    wall_ms, cpu_ms = sample.wall * 1000, sample.cpu * 1000
    if sample.status != 0:
        print(f"  {path} failed on {os.path.basename(wheel)}: {message.strip()[-200:]}", file=sys.stderr)
    try:
        with open(report_path) as lines:
            report = json.loads(lines.readline())
    except (OSError, ValueError):
        return {"wall": wall_ms, "cpu": cpu_ms}
    return pool_metrics(report, wall_ms, cpu_ms)


def run_tool(name, wheel, python, dest):
    tool = next(t for t in tools_.ALL if t.name == name)
    sample, _ = measure.run_once(tool.command(wheel=wheel, dest=dest, python=python), dest, remove=False)
    return {"wall": sample.wall * 1000, "cpu": sample.cpu * 1000}


def measure_wheel(wheel, commands, args, root, round_count):
    """{command label: [metrics per run]}, the commands interleaved, the
    order rotating from round to round."""
    samples = {label: [] for label, _ in commands}
    report_path = os.path.join(root, "timing.jsonl")
    for round_ in range(round_count):
        for k in range(len(commands)):
            label, run = commands[(round_ + k) % len(commands)]
            dest = os.path.join(root, wheel.name, label.replace("/", "_"), str(round_))
            samples[label].append(run(wheel.path, dest, report_path))
        measure.remove_tree(os.path.join(root, wheel.name))
    return samples


def median_of(runs, field):
    values = [run[field] for run in runs if run.get(field) is not None]
    return statistics.median(values) if values else None


def cell(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def print_table(rows, labels):
    print("| wheel | .py | binary | wall ms | cpu ms | workers | busy % | start-up ms | 1st sent ms | 1st comp ms | tail ms | spread ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, _, files, samples in rows:
        for label in labels:
            runs = samples[label]
            values = [median_of(runs, field) for field in FIELDS]
            cells = [cell(v, 0 if field == "workers" else 1) for field, v in zip(FIELDS, values)]
            print(f"| {name} | {files} | {label} | " + " | ".join(cells) + " |")


def summed(rows, label, field):
    return sum(median_of(samples[label], field) for _, _, _, samples in rows)


def print_sums(rows, labels, whlinst_labels):
    """Per group and in all: summed medians of wall and CPU time, and the
    ratios of each whlinst to the floor, of pip to it, and to the first."""
    ratios = [(label, "floor-c") for label in whlinst_labels if "floor-c" in labels]
    ratios += [("pip-c", label) for label in whlinst_labels if "pip-c" in labels]
    ratios += [(label, whlinst_labels[0]) for label in whlinst_labels[1:]]
    print("\n| group | wheels | " + " | ".join(labels) + " | " + " | ".join(f"{a}/{b}" for a, b in ratios) +
          " | CPU: " + " | ".join(labels) + " |")
    print("|---|---|" + "---|" * (2 * len(labels) + len(ratios)))
    groups = sorted({group for _, group, _, _ in rows}, key=[group for _, group, _, _ in rows].index)
    for group in groups + ["all"]:
        members = [row for row in rows if group in ("all", row[1])]
        wall = {label: summed(members, label, "wall") for label in labels}
        cpu = {label: summed(members, label, "cpu") for label in labels}
        print(f"| {group} | {len(members)} | " + " | ".join(f"{wall[label]:.0f}" for label in labels) + " | " +
              " | ".join(f"{wall[a] / wall[b]:.2f}x" for a, b in ratios) + " | " +
              " | ".join(f"{cpu[label]:.0f}" for label in labels) + " |")


def main(argv):
    args = parse_args(argv)
    wheels = corpus.build(args.cache, groups=args.groups.split(","))
    if args.only:
        wheels = [w for w in wheels if re.search(args.only, w.name)]
    if not wheels:
        sys.exit("no wheel selected")
    commands = [(label, lambda w, d, r, p=path: run_whlinst(p, w, args.python, d, r))
                for label, path in binaries(args.whlinst)]
    whlinst_labels = [label for label, _ in commands]
    for name, wanted in (("floor-c", args.floor), ("pip-c", args.pip)):
        if wanted:
            commands.append((name, lambda w, d, r, n=name: run_tool(n, w, args.python, d)))
    labels = [label for label, _ in commands]
    rows, loads = [], []
    with tempfile.TemporaryDirectory(prefix="compile-utilisation-", dir=args.dir) as root:
        for index, (_, run) in enumerate(commands):  # untimed: page cache, interpreter description cache
            run(wheels[0].path, os.path.join(root, "warm-up", str(index)), os.path.join(root, "warm.jsonl"))
        for wheel in wheels:
            loads.append(os.getloadavg()[0])
            samples = measure_wheel(wheel, commands, args, root, args.runs)
            files = median_of(samples[whlinst_labels[0]], "requests")
            rows.append((wheel.name, wheel.group, "?" if files is None else int(files), samples))
            print(f"  {wheel.name}: " + ", ".join(f"{label} {median_of(samples[label], 'wall'):.0f} ms"
                                                   for label in labels), file=sys.stderr)
    print(f"{len(wheels)} wheels, {args.runs} interleaved runs each, medians; python {args.python}; "
          f"load average {min(loads):.1f}–{max(loads):.1f} (median {statistics.median(loads):.1f})\n")
    print_table(rows, labels)
    print_sums(rows, labels, whlinst_labels)
    if args.json:
        with open(args.json, "w") as out:
            json.dump([{"wheel": n, "group": g, "files": f, "samples": s} for n, g, f, s in rows], out)


if __name__ == "__main__":
    main(sys.argv[1:])
