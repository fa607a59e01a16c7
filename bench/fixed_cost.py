"""The fixed cost of installing a small wheel (issue 17, item 2): every wheel
of the corpus with fewer than 50 files, installed with --no-compile by one
or more whlinst binaries and unpacked by unzip, interleaved, each run into a
fresh directory; wall time and CPU time (wait4) of the process alone, no
wrapper. Then where whlinst's milliseconds go, from WHLINST_PHASE_TIMING's
CLOCK_MONOTONIC marks (src/phase_timing.h) against the same clock read here
around the spawn: before main (fork, exec, dynamic loading, static
initialisation), each phase of the run, and after main (exit). Last, the
cost of starting a process: /bin/true, `unzip -v` and `whlinst --version`,
with the shared libraries each names.

  python3 bench/fixed_cost.py --whlinst new=build/src/whlinst \\
      [--whlinst old=OTHER/whlinst] [--python /usr/bin/python3] [--runs 40] [--dir DIR] [--out FILE.md]

The target of issue 17: every such wheel within unzip + 1.5 ms (median wall).
A binary built before the marks existed gives only the wall and CPU times.
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
import zipfile

import corpus
from report import emit, named_binaries

HERE = os.path.dirname(os.path.abspath(__file__))
MAX_FILES = 50
TARGET_MS = 1.5


def small_wheels(cache):
    wheels = [w for w in corpus.build(cache, groups=["fixtures", "real"]) if w.path.endswith(".whl")]
    chosen = []
    for wheel in wheels:
        try:
            with zipfile.ZipFile(wheel.path) as archive:
                count = sum(1 for info in archive.infolist() if not info.is_dir())
        except zipfile.BadZipFile:
            continue
        if count < MAX_FILES:
            chosen.append((wheel.path, count))
    return chosen


def unzip_command(wheel, dest, _python):
    return ["unzip", "-q", wheel, "-d", dest]


def whlinst_command(binary):
    return lambda wheel, dest, python: [binary, "install", wheel, "--prefix", dest, "--python", python,
                                        "-q", "--no-compile"]


def run(argv, phase_file):
    """(wall seconds, cpu seconds, exit status, marks [(seconds, name)] with
    'spawn' first and 'exit' last)."""
    env = dict(os.environ)
    if phase_file:
        env["WHLINST_PHASE_TIMING"] = phase_file
        if os.path.exists(phase_file):
            os.unlink(phase_file)
    started = time.monotonic()
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    ended = time.monotonic()
    marks = [(started, "spawn")]
    if phase_file and os.path.exists(phase_file):
        with open(phase_file) as f:
            for line in f:
                seconds, _, name = line.rstrip("\n").partition(" ")
                if seconds != "run":
                    marks.append((float(seconds), name))
    marks.append((ended, "exit"))
    return ended - started, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status), marks


def phase_durations(marks):
    """{phase: ms}: the time from each mark to the next, named for where it
    ends ('before main' ends at 'main', 'exit' after 'end of main')."""
    names = {"main": "before main: fork, exec, dynamic loading, static init",
             "exit": "after main: exit"}
    durations = {}
    for (start, _), (end, name) in zip(marks, marks[1:]):
        label = names.get(name, "to " + re.sub(r"\d+", "N", name))
        durations[label] = durations.get(label, 0.0) + (end - start) * 1000
    return durations


def measure(tools, wheels, python, runs, root):
    """{(tool, wheel): [(wall, cpu, status, marks)]}, interleaved."""
    results = {}
    phase_file = os.path.join(root, "phases")
    for round_ in range(runs):
        for wheel, _ in wheels:
            for k in range(len(tools)):
                name, command, timed = tools[(round_ + k) % len(tools)]
                dest = os.path.join(root, "dest")
                shutil.rmtree(dest, ignore_errors=True)
                sample = run(command(wheel, dest, python), phase_file if timed else None)
                results.setdefault((name, wheel), []).append(sample)
    return results


def median_ms(values):
    return statistics.median(values) * 1000


def needed_libraries(program):
    """The shared libraries `program` names (readelf's NEEDED entries)."""
    path = shutil.which(program)
    if not path or not shutil.which("readelf"):
        return "?"
    dynamic = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    return ", ".join(re.findall(r"\(NEEDED\)\s+Shared library: \[([^]]+)\]", dynamic)) or "none"


def process_start(binaries, runs):
    """[(program, median ms from spawn to exit, its shared libraries)]:
    /bin/true, `unzip -v` and `whlinst --version` of each binary,
    interleaved, `runs` spawns each."""
    programs = [("`/bin/true`", ["/bin/true"]), ("`unzip -v`", ["unzip", "-v"])]
    programs += [(f"`whlinst --version`, {name}", [binary, "--version"]) for name, binary in binaries]
    samples = {label: [] for label, _ in programs}
    for _ in range(runs):
        for label, argv in programs:
            samples[label].append(run(argv, None)[0])
    return [(label, median_ms(samples[label]), needed_libraries(argv[0])) for label, argv in programs]


def start_report(starts, runs):
    lines = [f"Starting a process (median of {runs} spawns each, interleaved, from spawn to exit):", "",
             "| program | ms | shared libraries it names |", "|---|---|---|"]
    lines += [f"| {label} | {ms:.2f} | {libraries} |" for label, ms, libraries in starts]
    return lines + [""]


def report(tools, wheels, results, runs, python, directory):
    lines = [f"`python3 bench/fixed_cost.py` — {runs} interleaved runs per wheel and tool "
             f"into {directory or tempfile.gettempdir()}, "
             f"{time.strftime('%Y-%m-%d')}, load after: {os.getloadavg()[0]:.1f}, python {python}", ""]
    header = "| wheel | files | unzip ms | " + " | ".join(f"{n} ms (cpu)" for n, _, t in tools if t) + \
             " | " + " | ".join(f"{n} − unzip" for n, _, t in tools if t) + " |"
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    worst = {}
    for wheel, count in wheels:
        unzip = median_ms([s[0] for s in results[("unzip", wheel)]])
        cells, gaps = [], []
        for name, _, timed in tools:
            if not timed:
                continue
            samples = results[(name, wheel)]
            failed = sum(1 for s in samples if s[2] != 0)
            wall = median_ms([s[0] for s in samples])
            cpu = median_ms([s[1] for s in samples])
            cells.append(f"{wall:.2f} ({cpu:.2f})" + (f" ({failed} failed)" if failed else ""))
            gaps.append(f"{wall - unzip:+.2f}")
            worst[name] = max(worst.get(name, -1e9), wall - unzip)
        lines.append(f"| {os.path.basename(wheel)} | {count} | {unzip:.2f} | " + " | ".join(cells) + " | " +
                     " | ".join(gaps) + " |")
    lines += ["", "Largest gap to unzip (target: within +%.1f ms): " % TARGET_MS +
              ", ".join(f"{name} {gap:+.2f} ms" for name, gap in worst.items()), ""]
    for name, _, timed in tools:
        if not timed:
            continue
        per_phase = {}
        for wheel, _ in wheels:
            for sample in results[(name, wheel)]:
                if len(sample[3]) > 2:
                    for phase, ms in phase_durations(sample[3]).items():
                        per_phase.setdefault(phase, []).append(ms)
        if not per_phase:
            lines += [f"{name}: no phase marks (built without WHLINST_PHASE_TIMING)", ""]
            continue
        lines += [f"Where {name}'s wall time goes (median over every run of every wheel above):", "",
                  "| phase | ms |", "|---|---|"]
        lines += [f"| {phase} | {statistics.median(ms):.2f} |" for phase, ms in per_phase.items()]
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--whlinst", action="append", required=True, metavar="NAME=BINARY")
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--cache", default=os.path.join(HERE, "cache"))
    parser.add_argument("--dir", help="where to install (default: a new directory under the system's temporary "
                        "directory); e.g. one on tmpfs under /dev/shm, to leave the disk out")
    parser.add_argument("--out")
    args = parser.parse_args()
    tools = [("unzip", unzip_command, False)]
    binaries = named_binaries(args.whlinst)
    for name, binary in binaries:
        tools.append((name, whlinst_command(binary), True))
    wheels = small_wheels(args.cache)
    if not wheels:
        sys.exit("no wheel under 50 files in the corpus")
    with tempfile.TemporaryDirectory(prefix="whlinst-fixed-", dir=args.dir) as root:
        for name, command, _ in tools:  # warm the page cache and the interpreter cache
            for wheel, _ in wheels:
                run(command(wheel, os.path.join(root, "dest"), args.python), None)
                shutil.rmtree(os.path.join(root, "dest"), ignore_errors=True)
        results = measure(tools, wheels, args.python, args.runs, root)
    starts = process_start(binaries, args.runs * 5)
    text = report(tools, wheels, results, args.runs, args.python, args.dir) + "\n" + "\n".join(
        start_report(starts, args.runs * 5))
    emit(text, args.out)


if __name__ == "__main__":
    main()
