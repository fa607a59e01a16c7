"""Markdown tables of the benchmark: per wheel, summed, peak memory,
scaling, the targets of issue 6 / issue 4 / PRODUCT.md, and the strace
profile. Times are medians, in milliseconds unless marked."""

import os
import statistics

GROUP_ORDER = ["fixtures", "real", "cython", "rebuild", "files", "bytes"]
NO_COMPILE_TOOLS = ("unzip", "whlinst", "unzip+sync", "whlinst+fsync", "pip", "installer")
COMPILE_TOOLS = ("floor-c", "whlinst-c", "pip-c", "installer-c")


class Row:
    """One wheel's results: its CorpusWheel, contents and {tool: Summary}."""

    def __init__(self, wheel, files, py_files, size, summaries, load=None):
        self.wheel, self.files, self.py_files, self.size = wheel, files, py_files, size
        self.s = summaries
        self.load = load

    def t(self, tool):
        summary = self.s.get(tool)
        return summary.median if summary else None


def ms(seconds, failed=False):
    if seconds is None:
        return "—"
    value = seconds * 1000
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return text + (" !" if failed else "")


def cell(row, tool):
    summary = row.s.get(tool)
    return ms(summary.median, summary.failed) if summary else "—"


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "—"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def mib(size):
    return f"{size / (1 << 20):.1f}"


def no_compile_table(rows):
    header = ["wheel", "files", "MiB", "unzip", "whlinst", "unzip+sync", "whlinst+fsync", "pip", "installer",
              "whlinst/unzip", "whlinst+fsync/(unzip+sync)", "pip/whlinst", "installer/whlinst", "load"]
    out = []
    for r in rows:
        w = r.t("whlinst")
        out.append([r.wheel.name, r.files, mib(r.size)] + [cell(r, t) for t in NO_COMPILE_TOOLS] +
                   [ratio(w, r.t("unzip")), ratio(r.t("whlinst+fsync"), r.t("unzip+sync")), ratio(r.t("pip"), w),
                    ratio(r.t("installer"), w), f"{r.load:.1f}" if r.load is not None else "—"])
    return table(header, out)


def compile_table(rows):
    header = ["wheel", ".py", "unzip+compileall", "whlinst", "pip", "installer",
              "whlinst/floor", "pip/whlinst", "installer/whlinst"]
    out = []
    for r in rows:
        w = r.t("whlinst-c")
        out.append([r.wheel.name, r.py_files] + [cell(r, t) for t in
                   ("floor-c", "whlinst-c", "pip-c", "installer-c")] +
                   [ratio(w, r.t("floor-c")), ratio(r.t("pip-c"), w), ratio(r.t("installer-c"), w)])
    return table(header, out)


def total(rows, tool):
    values = [r.t(tool) for r in rows]
    return None if not values or None in values else sum(values)


def sums_table(rows):
    header = ["group", "wheels", *NO_COMPILE_TOOLS, "whlinst/unzip", "whlinst+fsync/(unzip+sync)", "pip/whlinst",
              *COMPILE_TOOLS, "whlinst-c/floor", "pip-c/whlinst-c"]
    groups = [g for g in GROUP_ORDER if any(r.wheel.group == g for r in rows)]
    out = []
    for name, members in [(g, [r for r in rows if r.wheel.group == g]) for g in groups] + [("**all**", rows)]:
        t = {tool: total(members, tool) for tool in NO_COMPILE_TOOLS + COMPILE_TOOLS}
        out.append([name, len(members)] + [ms(t[k]) for k in NO_COMPILE_TOOLS]
                   + [ratio(t["whlinst"], t["unzip"]), ratio(t["whlinst+fsync"], t["unzip+sync"]),
                      ratio(t["pip"], t["whlinst"])]
                   + [ms(t[k]) for k in COMPILE_TOOLS]
                   + [ratio(t["whlinst-c"], t["floor-c"]), ratio(t["pip-c"], t["whlinst-c"])])
    return table(header, out)


def cpu_table(rows):
    """CPU time (user + system of the whole process tree) summed per group."""
    tools = [t for t in NO_COMPILE_TOOLS + COMPILE_TOOLS if rows and t in rows[0].s]
    groups = [g for g in GROUP_ORDER if any(r.wheel.group == g for r in rows)]
    out = []
    for name, members in [(g, [r for r in rows if r.wheel.group == g]) for g in groups] + [("**all**", rows)]:
        out.append([name] + [ms(sum(r.s[t].cpu for r in members)) for t in tools])
    return table(["group"] + tools, out)


def rss_table(rows):
    tools = ["unzip", "whlinst", "pip", "installer", "floor-c", "whlinst-c", "pip-c"]
    out = []
    for group in GROUP_ORDER:
        members = [r for r in rows if r.wheel.group == group]
        if not members:
            continue
        if group in ("fixtures", "real"):
            out.append([f"max over {group} ({len(members)})"] +
                       [f"{max(r.s[t].rss_mib for r in members if t in r.s):.1f}" if t in members[0].s else "—"
                        for t in tools])
            continue
        for r in members:
            out.append([f"{r.wheel.name} ({mib(r.size)} MiB)"] +
                       [f"{r.s[t].rss_mib:.1f}" if t in r.s else "—" for t in tools])
    return table(["wheel"] + tools, out)


def fit(points):
    """Least squares y = a + b x: (a, b, r²)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    ss = sum((y - my) ** 2 for y in ys)
    r2 = 1 - sum((y - a - b * x) ** 2 for x, y in zip(xs, ys)) / ss if ss else 1.0
    return a, b, r2


def scaling_tables(rows):
    files = sorted((r for r in rows if r.wheel.group == "files"), key=lambda r: r.files)
    tools = [t for t in NO_COMPILE_TOOLS + COMPILE_TOOLS[:3] if files and t in files[0].s]
    text = ""
    if files:
        out = [[r.files, mib(r.size)] + [f"{cell(r, t)} ({r.t(t) / r.files * 1e6:.0f})" for t in tools]
               for r in files]
        text += "Time in ms (µs per file):\n\n" + table(["files", "MiB"] + tools, out)
        if len(files) >= 2:
            fits = [fit([(r.files, r.t(t)) for r in files]) for t in tools]
            text += "\nLinear fit time = a + b·files:\n\n" + table(
                ["", *tools], [["a (ms)"] + [f"{a * 1000:.0f}" for a, _, _ in fits],
                               ["b (µs/file)"] + [f"{b * 1e6:.0f}" for _, b, _ in fits],
                               ["r²"] + [f"{r2:.4f}" for _, _, r2 in fits]])
    sized = sorted((r for r in rows if r.wheel.group == "bytes"), key=lambda r: r.size)
    if sized:
        tools = [t for t in NO_COMPILE_TOOLS if t in sized[0].s]
        out = [[r.wheel.name, r.files, mib(r.size)] +
               [f"{cell(r, t)} ({r.size / (1 << 20) / r.t(t):.0f})" for t in tools] for r in sized]
        text += "\nBytes (data files, no compilation). Time in ms (MiB/s):\n\n" + table(
            ["wheel", "files", "MiB"] + tools, out)
    return text


def target_rows(rows):
    """[(target, measured, verdict)] for the targets of issue 6, issue 4 and PRODUCT.md."""
    out = []

    def add(name, value, ok):
        out.append([name, value, "met" if ok else "**not met**"])

    def every_wheel(name, tool, floor):
        if not all(tool in r.s and floor in r.s for r in rows):
            return
        worst = max(rows, key=lambda r: (r.t(tool) - 0.005) / r.t(floor))
        bad = [r for r in rows if r.t(tool) > 1.5 * r.t(floor) + 0.005]
        add(name, f"worst {worst.wheel.name}: {ratio(worst.t(tool), worst.t(floor))}; {len(bad)} of {len(rows)} over",
            not bad)

    every_wheel("no-compile: whlinst ≤ 1.5x unzip + 5 ms on every wheel", "whlinst", "unzip")
    if all(t in rows[0].s for t in ("whlinst", "unzip")):
        add("no-compile: whlinst ≤ unzip summed over the corpus (issue 6's aim)",
            ratio(total(rows, "whlinst"), total(rows, "unzip")), total(rows, "whlinst") <= total(rows, "unzip"))
    every_wheel("durable: whlinst --fsync ≤ 1.5x unzip+sync + 5 ms on every wheel", "whlinst+fsync", "unzip+sync")
    if all("pip" in r.s and "whlinst" in r.s for r in rows):
        small = [r for r in rows if r.wheel.group == "fixtures"] or rows
        low = min(small, key=lambda r: r.t("pip") / r.t("whlinst"))
        add("no-compile: pip ≥ 10x whlinst on small wheels (fixtures)",
            f"lowest {low.wheel.name}: {ratio(low.t('pip'), low.t('whlinst'))}", low.t("pip") >= 10 * low.t("whlinst"))
        low = min(rows, key=lambda r: r.t("pip") / r.t("whlinst"))
        add("no-compile: pip ≥ 10x whlinst on every wheel (PRODUCT.md)",
            f"lowest {low.wheel.name}: {ratio(low.t('pip'), low.t('whlinst'))}", low.t("pip") >= 10 * low.t("whlinst"))
        add("no-compile: pip ≥ 2x whlinst summed over the corpus",
            ratio(total(rows, "pip"), total(rows, "whlinst")), total(rows, "pip") >= 2 * total(rows, "whlinst"))
    largest = max(rows, key=lambda r: r.size)
    if "whlinst" in largest.s:
        add("peak RSS of whlinst < 64 MiB on the largest wheel",
            f"{largest.wheel.name}: {largest.s['whlinst'].rss_mib:.1f} MiB; max over corpus "
            f"{max(r.s['whlinst'].rss_mib for r in rows):.1f} MiB", largest.s["whlinst"].rss_mib < 64)
    if all(t in rows[0].s for t in ("whlinst-c", "pip-c", "floor-c")):
        pc, wc, fc = total(rows, "pip-c"), total(rows, "whlinst-c"), total(rows, "floor-c")
        add("compile: pip ≥ 1.5x whlinst summed (issue 4)", ratio(pc, wc), pc >= 1.5 * wc)
        add("compile: pip ≥ 2x whlinst summed (PRODUCT.md)", ratio(pc, wc), pc >= 2 * wc)
        add("compile: whlinst ≤ 1.2x unzip+compileall summed", ratio(wc, fc), wc <= 1.2 * fc)
    return table(["target", "measured", "verdict"], out)


def profile_tables(profile):
    """PROFILE: {'wheel', 'files', 'counts': {tool: ({syscall: (calls, s, errors)}, wall)},
    'phases': {tool: (timeline, facts)}, 'untraced': {tool: seconds}}."""
    counts, files = profile["counts"], profile["files"]
    tools = list(counts)
    names = sorted({n for table_, _ in counts.values() for n in table_},
                   key=lambda n: -max(counts[t][0].get(n, (0, 0, 0))[1] for t in tools))[:14]
    out = []
    for n in names:
        row = [n]
        for t in tools:
            calls, seconds, _ = counts[t][0].get(n, (0, 0.0, 0))
            row.append(f"{calls} ({calls / files:.2f}/file), {seconds * 1000:.0f} ms" if calls else "—")
        out.append(row)
    text = (f"`strace -f -c -w` on {profile['wheel']} ({files} files): calls (per file), wall time "
            "inside the call (traced wall time: " +
            ", ".join(f"{t} {counts[t][1]:.2f} s" for t in tools) + "):\n\n" + table(["syscall"] + tools, out))
    for tool, (timeline, facts) in profile["phases"].items():
        traced = facts["traced"]
        text += (f"\nPhases of `{tool}` (`strace -f -ttt -T --seccomp-bpf`, traced {traced:.2f} s, "
                 f"untraced median {profile['untraced'].get(tool, 0):.2f} s; {facts['creates']} files created "
                 f"under hidden names; {facts.get('threads', 0)} threads started; {facts['renames']} renames "
                 f"({facts.get('trees', 0)} of whole trees); {facts.get('syncs', 0)} syncs, "
                 f"{facts.get('sync_seconds', 0) * 1000:.0f} ms in all; {facts['pyc']} pyc written by workers; "
                 f"{facts['wheel_read'] / (1 << 20):.1f} MiB read with read(2) from the "
                 f"{profile['wheel_size'] / (1 << 20):.1f} MiB wheel):\n\n")
        text += table(["phase", "ms", "share"],
                      [[p, f"{s * 1000:.0f}", f"{s / traced:.0%}"] for p, s in timeline])
    return text


def emit(text, out):
    """Print TEXT and, when OUT is a path, write it there too."""
    print(text)
    if out:
        with open(out, "w") as f:
            f.write(text + "\n")


def named_binaries(specs, default="whlinst"):
    """[(name, absolute path)] from NAME=BINARY or BINARY arguments."""
    named = []
    for spec in specs:
        name, _, binary = spec.rpartition("=")
        named.append((name or default, os.path.abspath(binary)))
    return named
