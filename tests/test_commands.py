#!/usr/bin/env python3
"""End-to-end tests of whlinst's commands and tool features on the synthetic fixtures.

Usage: test_commands.py WHLINST FIXTURES_DIR [--python PY] [--man PAGE] [--keep]

list, show, verify, uninstall, unknown commands; --report (JSON) and --sbom
(CycloneDX XML) checked against hashlib and the installed tree; whlinst.toml
and --config (also for list and verify); the size caps; --fsync; the scheme
overrides in every command; --dry-run, -q, -v; several wheels per invocation;
the man page.
One line per check, then `N passed, M failed`; checks in KNOWN_BUGS print
`KNOWN-BUG:` and do not fail. Exit 0, 1 on failure, 77 when the interpreter
or the binary is missing. The work directory is kept if a check failed.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import csv  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import traceback  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_support as e2e  # noqa: E402
from tree_snapshot import file_sha256, snapshot  # noqa: E402

DEFAULT_PYTHON = sys.executable
DEFAULT_MAN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "man", "whlinst.1")
WHEELS = {name: f"{name}-1.0-py3-none-any.whl" for name in
          ("fixture_pure", "fixture_entrypoints", "fixture_alldata", "fixture_platlib",
           "fixture_record", "fixture_many", "nsfix_one", "nsfix_two", "Fixture_Mixed.Case")}
UPGRADE = "fixture_upgrade-{}-py3-none-any.whl"
FIVE = ["fixture_pure", "fixture_entrypoints", "fixture_alldata", "fixture_platlib",
        "fixture_record"]
GENERATED = ("INSTALLER", "REQUESTED", "RECORD", "direct_url.json")
BOM = "{http://cyclonedx.org/schema/bom/1.5}"
# Checks known to fail, by name, with the reason (none at the moment).
KNOWN_BUGS = {}


class Context(e2e.Session):
    def wheel(self, name):
        return self.fixture(WHEELS[name])

    def prefix_with(self, label, *names, options=("--no-compile",)):
        prefix = self.new_dir(label)
        result = self.install(prefix, *[self.wheel(n) for n in names], *options)
        self.check_ran(f"{label}: setup install", result)
        return prefix

    def tool(self, *args):
        return self.whlinst.run(*args)

    def site(self, prefix):
        return os.path.join(prefix, self.site_rel)

    def check_error(self, name, result, code, naming=None):
        """Exit status `code` and exactly one `whlinst: error:` line (naming `naming`)."""
        return self.check(name, result.returncode == code
                          and e2e.is_one_error_line(result, naming), e2e.describe(result))


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def record_paths(dist_info):
    """Absolute, normalized paths of the RECORD rows."""
    site = os.path.dirname(dist_info)
    return {os.path.normpath(os.path.join(site, row[0])) for row in e2e.record_rows(dist_info)}


def projects_by_wheel(report_path):
    """The report's projects by wheel file name."""
    with open(report_path, encoding="utf-8") as stream:
        report = json.load(stream)
    return {os.path.basename(p["wheel"]["path"]): p for p in report["projects"]}


# --- list, show, unknown command ------------------------------------------------

def test_list_show(ctx):
    names = ["fixture_pure", "fixture_entrypoints", "Fixture_Mixed.Case"]
    prefix = ctx.prefix_with("list", *names)
    result = ctx.tool("list", "--prefix", prefix)
    ctx.check_ran("list: exit 0", result)
    rows = {tuple(line.split()) for line in result.stdout.splitlines()}
    ctx.check("list: one `NAME VERSION whlinst` line per project",
              rows == {(n, "1.0", "whlinst") for n in names}, result.stdout)
    result = ctx.tool("list", "--format", "json", "--prefix", prefix)
    ctx.check_ran("list --format json: exit 0", result)
    listed = {(p["name"], p["version"], p["installer"]) for p in json.loads(result.stdout)}
    ctx.check("list --format json: names, versions and installer",
              listed == {(n, "1.0", "whlinst") for n in names}, listed)
    result = ctx.tool("list", "--format", "xml", "--prefix", prefix)
    ctx.check_error("list --format xml: exit 2, one error line", result, 2)
    result = ctx.tool("show", "fixture_pure", "--prefix", prefix)
    ctx.check_ran("show: exit 0", result)
    fields = dict(re.split(r":\s+", line, maxsplit=1) for line in result.stdout.splitlines()
                  if ":" in line)
    expected = {"Name": "fixture_pure", "Version": "1.0", "Location": ctx.site(prefix),
                "Installer": "whlinst"}
    ctx.check("show: Name, Version, Location, Installer",
              all(fields.get(k) == v for k, v in expected.items()), fields)
    result = ctx.tool("show", "--files", "fixture_pure", "--prefix", prefix)
    shown = {line.strip() for line in result.stdout.splitlines() if line.startswith("  ")}
    dist_info = e2e.dist_infos(ctx.site(prefix), "fixture_pure")[0]
    listed = {row[0] for row in e2e.record_rows(dist_info)}
    ctx.check("show --files: exactly the RECORD paths", shown == listed,
              sorted(shown ^ listed)[:5])
    result = ctx.tool("show", "no_such_project", "--prefix", prefix)
    ctx.check_error("show unknown project: exit 1, one error line naming it", result, 1,
                    "no_such_project")


def test_show_counts_every_row(ctx):
    """show counts the files of every RECORD row present on disk, an absolute row and
    a `../../bin/x` row included (`pip show --files` lists every row)."""
    prefix = ctx.prefix_with("show-count", "fixture_entrypoints")
    dist_info = e2e.dist_infos(ctx.site(prefix), "fixture_entrypoints")[0]
    rows = e2e.record_rows(dist_info)
    site = os.path.dirname(dist_info)
    outside = [row for row in rows if row[0].startswith("../")]
    ctx.check("show count: the project has rows outside site-packages", outside, rows)
    absolute = os.path.normpath(os.path.join(site, outside[0][0]))
    rows = [[absolute, *row[1:]] if row is outside[0] else row for row in rows]
    with open(os.path.join(dist_info, "RECORD"), "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    files = [os.path.normpath(os.path.join(site, row[0])) for row in rows]
    present = [path for path in files if os.path.isfile(path)]
    expected = f"{len(present)} files, {sum(os.path.getsize(p) for p in present)} bytes"
    result = ctx.tool("show", "fixture_entrypoints", "--prefix", prefix)
    ctx.check_ran("show count: exit 0", result)
    counted = [line.split(None, 1)[1] for line in result.stdout.splitlines() if line.startswith("Files:")]
    ctx.check(f"show count: {expected}, the absolute and ../ rows included",
              len(present) == len(rows) and counted == [expected], (counted, len(rows)))


def command_names(ctx):
    """The commands `whlinst --help` lists under `commands:`."""
    usage = ctx.whlinst.run("--help", with_python=False).stdout
    section = usage.split("commands:\n", 1)[-1].split("\n\n", 1)[0]
    return [line.split()[0] for line in section.splitlines() if line.strip()]


def help_options(ctx, command):
    """The options `whlinst COMMAND --help` lists: `--name` and `-x`."""
    usage = ctx.whlinst.run(command, "--help", with_python=False).stdout
    found = re.findall(r"^\s+(?:(-\w), )?(--[\w-]+)", usage, re.M)
    return [option for pair in found for option in pair if option]


def test_unknown_command(ctx):
    result = ctx.whlinst.run("lsit", with_python=False)
    first = result.stderr.splitlines()[:1]
    ctx.check("unknown command: exit 2, `did you mean 'list'`",
              result.returncode == 2 and first and "did you mean 'list'" in first[0],
              e2e.describe(result))


# --- verify, uninstall ------------------------------------------------------------

def test_verify(ctx):
    prefix = ctx.prefix_with("verify", "fixture_pure", "fixture_alldata", "fixture_platlib")
    ctx.check_ran("verify: clean prefix exit 0", ctx.tool("verify", "--prefix", prefix))
    site = ctx.site(prefix)
    modified = os.path.join(site, "fixture_pure", "core.py")
    deleted = os.path.join(site, "fixture_pure_helper.py")
    truncated = os.path.normpath(os.path.join(prefix, ctx.data_rel, "share", "fixture_alldata", "readme.txt"))
    with open(modified, "r+b") as stream:  # same size, other bytes
        stream.write(b"#")
    os.truncate(truncated, 3)
    os.remove(deleted)
    problems = [modified, truncated, deleted]

    def check_problems(label, result, paths):
        lines = result.stderr.splitlines()
        naming = [[line for line in lines if f" {path}:" in line] for path in paths]
        ctx.check(f"{label}: exit 1", result.returncode == 1, e2e.describe(result))
        ctx.check(f"{label}: one error line per problem, naming its path",
                  len(lines) == len(paths) and all(len(n) == 1 for n in naming)
                  and all(line.startswith("whlinst: error: ") for line in lines), lines)

    check_problems("verify after damage", ctx.tool("verify", "--prefix", prefix), problems)
    check_problems("verify fixture_pure", ctx.tool("verify", "fixture_pure", "--prefix", prefix),
                   problems[::2])
    check_problems("verify fixture_alldata",
                   ctx.tool("verify", "fixture-alldata", "--prefix", prefix), problems[1:2])
    ctx.check_ran("verify fixture_platlib (undamaged): exit 0",
                  ctx.tool("verify", "fixture_platlib", "--prefix", prefix))


def test_uninstall(ctx):
    prefix = ctx.prefix_with("uninstall", "fixture_entrypoints", "nsfix_one", "nsfix_two",
                             options=())
    site = ctx.site(prefix)
    lock = os.path.join(ctx.workdir, "uninstall.lock")
    for name, extra in (("fixture_entrypoints", ["-y"]), ("nsfix_one", ["--lock", lock])):
        listed = record_paths(e2e.dist_infos(site, name)[0])
        kinds = {"pyc" if p.endswith(".pyc") else "script" if "/bin/" in p else "" for p in listed}
        result = ctx.tool("uninstall", name, *extra, "--prefix", prefix)
        ctx.check_ran(f"uninstall {name} {' '.join(extra)}: exit 0", result)
        left = [p for p in listed if os.path.lexists(p)] + e2e.dist_infos(site, name)
        ctx.check(f"uninstall {name}: every RECORD file (pyc, scripts) and the dist-info gone",
                  not left and "pyc" in kinds and ("script" in kinds or name == "nsfix_one"),
                  (left[:4], kinds))
    ctx.check("uninstall --lock: lock file created", os.path.isfile(lock))
    shared = os.path.join(site, "nsfix", "shared_ns")
    ctx.check("uninstall: namespace directory shared with nsfix_two kept",
              os.path.isfile(os.path.join(shared, "two_mod.py")), sorted(os.listdir(site)))
    ctx.check("uninstall: nsfix_one's own directory gone",
              not os.path.lexists(os.path.join(site, "nsfix", "one")))
    ctx.check_record_complete("uninstall", prefix)
    ctx.check_ran("verify after uninstall: exit 0", ctx.tool("verify", "--prefix", prefix))
    result = ctx.tool("uninstall", "nsfix_one", "--prefix", prefix)
    ctx.check_error("uninstall not installed: exit 1, one error line", result, 1, "nsfix_one")


# --- --report, --sbom ---------------------------------------------------------------

def check_report_project(ctx, label, projects, name, status, wheel):
    project = projects.get(os.path.basename(wheel), {})
    ctx.check(f"{label}: {name} status {status}", project.get("status") == status, project)
    ctx.check(f"{label}: {name} name and version",
              (project.get("name"), project.get("version")) == (name, "1.0"), project)
    ctx.check(f"{label}: {name} wheel path", project.get("wheel", {}).get("path") == wheel)
    ctx.check(f"{label}: {name} wheel sha256 = hashlib.sha256 of the file",
              project.get("wheel", {}).get("sha256") == file_sha256(wheel), project.get("wheel"))
    if status in ("installed", "skipped"):
        ctx.check(f"{label}: {name} dist_info exists", os.path.isdir(project.get("dist_info", "")))


def test_report(ctx):
    prefix, report = ctx.new_dir("report"), os.path.join(ctx.workdir, "report.json")
    names = ["fixture_pure", "fixture_entrypoints"]
    for label, status, extra in (("--report", "installed", []), ("--report again", "skipped", []),
                                 ("--report --dry-run", "planned", ["--dry-run"])):
        target = prefix if status != "planned" else ctx.new_dir("report-dry")
        result = ctx.install(target, *[ctx.wheel(n) for n in names], "--report", report, *extra)
        ctx.check_ran(f"{label}: exit 0", result)
        projects = projects_by_wheel(report)
        ctx.check(f"{label}: valid JSON, one entry per wheel",
                  sorted(projects) == sorted(WHEELS[n] for n in names), sorted(projects))
        for name in names:
            check_report_project(ctx, label, projects, name, status, ctx.wheel(name))
    bad = os.path.join(ctx.new_dir("hash-mismatch"), WHEELS["fixture_platlib"])
    entries = e2e.read_entries(ctx.wheel("fixture_platlib"))
    e2e.write_entries(bad, [(i, d.replace(b"NAME", b"NAMF") if i.filename.endswith("impl.py")
                             else d) for i, d in entries])
    prefix = ctx.new_dir("report-failed")
    result = ctx.install(prefix, bad, ctx.wheel("fixture_alldata"), "--report", report)
    ctx.check_error("--report with a hash mismatch: exit 1, one error line", result, 1,
                    WHEELS["fixture_platlib"])
    projects = projects_by_wheel(report)
    ctx.check("--report with a failure: both wheels listed", len(projects) == 2, sorted(projects))
    check_report_project(ctx, "--report with a failure", projects, "fixture_platlib", "failed", bad)
    ctx.check("--report with a failure: fixture_platlib error given and not installed",
              projects.get(WHEELS["fixture_platlib"], {}).get("error")
              and not e2e.dist_infos(ctx.site(prefix), "fixture_platlib"))
    failure = projects.get(WHEELS["fixture_platlib"], {}).get("failure") or {}
    entry = failure.get("entry") or ""
    ctx.check("--report with a failure: the failing entry and what, structured",
              entry.endswith("impl.py") and failure.get("what") == "hash mismatch with RECORD"
              and projects[WHEELS["fixture_platlib"]]["error"].endswith(entry + ": hash mismatch with RECORD"),
              failure)
    # The wheels of one invocation are installed all or none.
    check_report_project(ctx, "--report with a failure", projects, "fixture_alldata",
                         "not_installed", ctx.wheel("fixture_alldata"))
    ctx.check("--report with a failure: fixture_alldata rolled back with the set, prefix left empty",
              not e2e.dist_infos(ctx.site(prefix), "fixture_alldata")
              and not any(os.scandir(prefix)), sorted(os.listdir(prefix)))


def test_sbom(ctx):
    names = ["fixture_pure", "fixture_entrypoints", "fixture_record", "Fixture_Mixed.Case"]
    prefix, sbom = ctx.new_dir("sbom"), os.path.join(ctx.workdir, "sbom.xml")
    result = ctx.install(prefix, *[ctx.wheel(n) for n in names], "--sbom", sbom)
    ctx.check_ran("--sbom: exit 0", result)
    root = ET.parse(sbom).getroot()
    ctx.check("--sbom: root is a CycloneDX 1.5 bom", root.tag == f"{BOM}bom", root.tag)
    libraries = [c for c in root.iterfind(f"{BOM}components/{BOM}component")
                 if c.get("type") == "library"]
    by_name = {c.findtext(f"{BOM}name"): c for c in libraries}
    ctx.check("--sbom: one library component per project",
              len(libraries) == len(names) and sorted(by_name) == sorted(names), sorted(by_name))
    site = ctx.site(prefix)
    for name, component in by_name.items():
        purl = f"pkg:pypi/{normalize(name)}@1.0"
        ctx.check(f"--sbom {name}: purl {purl}", component.findtext(f"{BOM}purl") == purl)
        digest = component.findtext(f"{BOM}hashes/{BOM}hash[@alg='SHA-256']")
        ctx.check(f"--sbom {name}: wheel SHA-256", digest == file_sha256(ctx.wheel(name)))
        files = component.findall(f"{BOM}components/{BOM}component[@type='file']")
        hashed = {f.findtext(f"{BOM}name"): f.findtext(f"{BOM}hashes/{BOM}hash") for f in files}
        rows = e2e.record_rows(e2e.dist_infos(site, name)[0])
        ctx.check(f"--sbom {name}: one file component per RECORD row",
                  sorted(hashed) == sorted(r[0] for r in rows), len(files))
        with_hash = [r[0] for r in rows if r[1].startswith("sha256=")]
        wrong = [p for p in with_hash if hashed[p] != file_sha256(os.path.join(site, p))]
        ctx.check(f"--sbom {name}: file SHA-256 = hashlib of the installed file "
                  f"({len(with_hash)})",
                  with_hash and not wrong, wrong[:3])


# --- configuration ----------------------------------------------------------------------

def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
    return path


def configured_prefix(ctx, label, text):
    prefix = ctx.new_dir(label)
    return prefix, write_text(os.path.join(prefix, "etc", "whlinst.toml"), text)


def pyc_count(prefix):
    return sum(p.endswith(".pyc") for p in e2e.files_under(prefix))


def installer_of(ctx, prefix, name="fixture_pure"):
    dist_info = e2e.dist_infos(ctx.site(prefix), name)
    return e2e.read_text(os.path.join(dist_info[0], "INSTALLER")) if dist_info else None


def test_configuration(ctx):
    settings = 'compile = false\ninstaller = "x"\n'
    prefix, _ = configured_prefix(ctx, "config", settings)
    ctx.check_ran("config: install", ctx.install(prefix, ctx.wheel("fixture_pure")))
    ctx.check("config compile = false: no pyc", pyc_count(prefix) == 0, pyc_count(prefix))
    ctx.check("config installer = \"x\": INSTALLER is x\\n", installer_of(ctx, prefix) == "x\n",
              repr(installer_of(ctx, prefix)))
    prefix, _ = configured_prefix(ctx, "config-flag", settings)
    ctx.check_ran("config + --compile: install",
                  ctx.install(prefix, ctx.wheel("fixture_pure"), "--compile"))
    ctx.check("config + --compile: the flag wins (pyc written)", pyc_count(prefix) > 0)
    prefix, _ = configured_prefix(ctx, "config-other", settings)
    other = write_text(os.path.join(ctx.workdir, "other.toml"), 'installer = "other"\n')
    ctx.check_ran("--config OTHER: install",
                  ctx.install(prefix, ctx.wheel("fixture_pure"), "--config", other))
    ctx.check("--config OTHER replaces the prefix file",
              installer_of(ctx, prefix) == "other\n" and pyc_count(prefix) > 0,
              (installer_of(ctx, prefix), pyc_count(prefix)))
    bad_files = {"unknown key": ("# comment\ncompile = false\ncolour = 1\n", 3),
                 "wrong type": ('installer = "x"\ncompile = "yes"\n', 2),
                 "bad TOML": ('compile = false\n\njobs = = 2\n', 3),
                 "bad size": ('compile = false\nmax-unpacked-size = "2 GB"\n', 2),
                 "bad ratio": ('max-compression-ratio = -3\n', 1),
                 "bad fsync": ('fsync = "yes"\n', 1)}
    for label, (text, line) in bad_files.items():
        prefix, path = configured_prefix(ctx, "config-" + label.replace(" ", "-"), text)
        before = snapshot(prefix)
        result = ctx.install(prefix, ctx.wheel("fixture_pure"))
        ctx.check_error(f"config {label}: exit 2, one line `whlinst: error: FILE:{line}: ...`",
                        result, 2, f"whlinst: error: {path}:{line}: ")
        ctx.check_unchanged(f"config {label}: prefix untouched", prefix, before)


# --- size caps, --fsync ---------------------------------------------------------------

def declared_size(wheel):
    return sum(info.file_size for info, _ in e2e.read_entries(wheel))


def ratio_wheel(ctx):
    """A wheel whose one big entry (101 MiB of zeros) deflates about 1030:1."""
    path = os.path.join(ctx.new_dir("ratio-wheel"), "ratio_bomb-1.0-py3-none-any.whl")
    e2e.make_wheel(path, "ratio_bomb", "1.0", {"ratio_bomb/zeros.bin": "\0" * (101 << 20)})
    return path


def check_refused_untouched(ctx, label, prefix, args, naming):
    before = snapshot(prefix)
    result = ctx.install(prefix, *args)
    ctx.check_error(f"{label}: exit 1, one error line naming {naming}", result, 1, naming)
    ctx.check_unchanged(f"{label}: prefix untouched", prefix, before)


def test_size_caps(ctx):
    wheel, name = ctx.wheel("fixture_pure"), WHEELS["fixture_pure"]
    total = declared_size(wheel)
    prefix = ctx.new_dir("size-cap")
    check_refused_untouched(ctx, f"--max-unpacked-size {total - 1}", prefix,
                            [wheel, "--max-unpacked-size", str(total - 1)], name)
    check_refused_untouched(ctx, "--max-unpacked-size 1K", prefix,
                            [wheel, "--max-unpacked-size=1K"], "limit of 1024 bytes")
    ctx.check_ran(f"--max-unpacked-size {total} (the wheel's size): installed",
                  ctx.install(prefix, wheel, "--no-compile", "--max-unpacked-size", str(total)))
    prefix, _ = configured_prefix(ctx, "size-cap-config", f"max-unpacked-size = {total - 1}\n")
    check_refused_untouched(ctx, "config max-unpacked-size", prefix, [wheel], name)
    ctx.check_ran("config max-unpacked-size + --max-unpacked-size 1MiB: the flag wins",
                  ctx.install(prefix, wheel, "--no-compile", "--max-unpacked-size", "1MiB"))
    bomb = ratio_wheel(ctx)
    prefix = ctx.new_dir("ratio-cap")
    check_refused_untouched(ctx, "101 MiB at 1030:1, default ratio cap 1000", prefix, [bomb],
                            "ratio over 1000")
    ctx.check_ran("--max-compression-ratio 1100: accepted (--dry-run)",
                  ctx.install(prefix, bomb, "--dry-run", "--max-compression-ratio", "1100"))
    check_refused_untouched(ctx, "--max-compression-ratio 1100 --max-unpacked-size 100M", prefix,
                            [bomb, "--max-compression-ratio", "1100", "--max-unpacked-size",
                             "100M"], "limit of 104857600 bytes")
    prefix, _ = configured_prefix(ctx, "ratio-cap-config", "max-compression-ratio = 1100\n")
    ctx.check_ran("config max-compression-ratio = 1100: accepted (--dry-run)",
                  ctx.install(prefix, bomb, "--dry-run"))
    for label, args in (("--max-unpacked-size 1.5G", ["--max-unpacked-size", "1.5G"]),
                        ("--max-unpacked-size 0", ["--max-unpacked-size", "0"]),
                        ("--max-compression-ratio x", ["--max-compression-ratio", "x"])):
        result = ctx.install(ctx.new_dir("bad-cap-" + label.split()[-1]), wheel, *args)
        ctx.check(f"{label}: exit 2, `whlinst: error: {args[0]}: ...`",
                  result.returncode == 2
                  and result.stderr.startswith(f"whlinst: error: {args[0]}: "),
                  e2e.describe(result))


def test_fsync(ctx):
    wheel = ctx.wheel("fixture_pure")
    prefix = ctx.new_dir("fsync")
    ctx.check_ran("install --fsync: exit 0", ctx.install(prefix, wheel, "--fsync"))
    ctx.check_ran("verify after --fsync: exit 0", ctx.tool("verify", "--prefix", prefix))
    ctx.check_ran("uninstall --fsync: exit 0",
                  ctx.tool("uninstall", "fixture_pure", "--fsync", "--prefix", prefix))
    prefix, _ = configured_prefix(ctx, "fsync-config", "fsync = true\n")
    ctx.check_ran("config fsync = true: install", ctx.install(prefix, wheel, "--no-fsync"))
    ctx.check_ran("config fsync = true: uninstall",
                  ctx.tool("uninstall", "fixture_pure", "--prefix", prefix))


# --- scheme overrides and configuration in the other commands ------------------------

def test_scheme_overrides(ctx):
    """Install with all five overrides; list, show, verify and uninstall find the project
    with the same overrides (and not without)."""
    prefix = ctx.new_dir("overrides")
    dirs = {key: os.path.join(ctx.workdir, "overrides-dirs", key)
            for key in ("purelib", "platlib", "headers", "scripts", "data")}
    dirs["platlib"] = dirs["purelib"]
    overrides = [arg for key, path in dirs.items() for arg in (f"--{key}", path)]
    names = ["fixture_alldata", "fixture_entrypoints"]
    result = ctx.install(prefix, *[ctx.wheel(n) for n in names], *overrides)
    ctx.check_ran("overrides: install", result)
    scheme = [*overrides, "--prefix", prefix]
    listed = ctx.tool("list", *scheme).stdout.split()
    ctx.check("list with the overrides: both projects", all(n in listed for n in names), listed)
    ctx.check("list without the overrides: none", not ctx.tool("list", "--prefix", prefix).stdout)
    result = ctx.tool("show", "fixture_alldata", *scheme)
    ctx.check("show with the overrides: Location is --purelib",
              result.returncode == 0
              and re.search(rf"^Location:\s+{re.escape(dirs['purelib'])}$", result.stdout, re.M),
              e2e.describe(result) + result.stdout)
    result = ctx.tool("verify", *names, *scheme)
    ctx.check("verify with the overrides: exit 0, 2 projects, 0 problems",
              result.returncode == 0 and "2 projects verified, 0 problems" in result.stdout,
              e2e.describe(result) + result.stdout)
    ctx.check_error("verify without the overrides: exit 1, not installed",
                    ctx.tool("verify", names[0], "--prefix", prefix), 1, "not installed")
    for name in names:
        ctx.check_ran(f"uninstall {name} with the overrides",
                      ctx.tool("uninstall", name, *scheme))
    left = [p for p in e2e.files_under(os.path.dirname(dirs["purelib"]))
            if "/.whlinst/" not in p]
    ctx.check("uninstall with the overrides: no file left in the override directories",
              not left, left[:5])


def test_configured_python(ctx):
    """The configuration's python selects the scheme of list and verify as of install."""
    candidates = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3"))
                        + glob.glob("/usr/bin/python3.[0-9]*"))
    others = [path for path in candidates if re.fullmatch(r"python3(\.\d+)?", os.path.basename(path))
              and os.access(path, os.X_OK) and os.path.realpath(path) != os.path.realpath(ctx.python)]
    if not others:
        print("SKIP configured python: no interpreter other than the tested one")
        return
    other = others[0]
    prefix, _ = configured_prefix(ctx, "config-python", f'python = "{other}"\n')
    run = ctx.whlinst.run
    ctx.check_ran("config python: install",
                  run(ctx.wheel("fixture_pure"), "--prefix", prefix, "--no-compile",
                      with_python=False))
    listed = run("list", "--prefix", prefix, with_python=False).stdout.split()
    ctx.check("config python: list finds the project", "fixture_pure" in listed, listed)
    ctx.check_ran("config python: verify fixture_pure",
                  run("verify", "fixture_pure", "--prefix", prefix, with_python=False))
    _, path = configured_prefix(ctx, "config-bad-list", "compile = false\nmax-compression-ratio = 0\n")
    result = run("list", "--prefix", os.path.dirname(os.path.dirname(path)), with_python=False)
    ctx.check_error("list with a bad configuration: exit 2, `FILE:2: ...`", result, 2,
                    f"whlinst: error: {path}:2: max-compression-ratio: ")


# --- --dry-run, -q, -v, several wheels ---------------------------------------------------

def test_dry_run(ctx):
    """--dry-run upgrade 1.0 -> 2.0: output, prefix untouched, and the plan (-v lines,
    the report's would_write / would_remove) equal to what the real upgrade does."""
    prefix, report = ctx.new_dir("dry-run"), os.path.join(ctx.workdir, "dry-run.json")
    ctx.check_ran("--dry-run: install 1.0", ctx.install(prefix, ctx.fixture(UPGRADE.format("1.0"))))
    site, before = ctx.site(prefix), snapshot(prefix)
    old_dist_info = e2e.dist_infos(site, "fixture_upgrade")[0]
    upgrade = ctx.fixture(UPGRADE.format("2.0"))
    result = ctx.install(prefix, upgrade, "--dry-run", "--report", report)
    ctx.check("--dry-run: exit 0, prints `would install fixture_upgrade 2.0`",
              result.returncode == 0
              and result.stdout.startswith("would install fixture_upgrade 2.0"), result.stdout)
    ctx.check_unchanged("--dry-run: prefix byte-identical", prefix, before)
    plan = projects_by_wheel(report)[os.path.basename(upgrade)]
    would = {"write": set(plan.get("would_write", [])), "remove": set(plan.get("would_remove", []))}
    result = ctx.install(prefix, upgrade, "--dry-run", "-v")
    printed = {"write": set(), "remove": set()}
    for line in result.stdout.splitlines()[1:]:
        verb, path = line.split(maxsplit=1)
        printed.setdefault(verb, set()).add(path)
    ctx.check("--dry-run -v: `write`/`remove` lines = the report's would_write/would_remove",
              result.returncode == 0 and printed == would and all(would.values()),
              result.stdout[:300])
    ctx.check_unchanged("--dry-run -v: prefix byte-identical", prefix, before)
    ctx.check_ran("--dry-run then real upgrade: exit 0", ctx.install(prefix, upgrade))
    new_dist_info = e2e.dist_infos(site, "fixture_upgrade")[0]
    written = {p for p in record_paths(new_dist_info)
               if os.path.dirname(p) != new_dist_info or os.path.basename(p) not in GENERATED}
    ctx.check("--report --dry-run: would_write = files the upgrade writes",
              would["write"] == written, sorted(would["write"] ^ written)[:6])
    old_dist_info = os.path.relpath(old_dist_info, prefix) + "/"
    removed = {os.path.join(prefix, p) for p in set(before) - set(snapshot(prefix))
               if before[p][0] == "file" and not p.startswith(old_dist_info)}
    ctx.check("--report --dry-run: would_remove = files the upgrade removes",
              would["remove"] == removed, sorted(would["remove"] ^ removed)[:6])


def test_verbosity_and_many(ctx):
    result = ctx.install(ctx.new_dir("quiet"), ctx.wheel("fixture_pure"), "-q")
    ctx.check("-q: exit 0, nothing printed", result.returncode == 0
              and result.stdout == result.stderr == "", e2e.describe(result) + result.stdout)
    prefix = ctx.new_dir("many")
    result = ctx.install(prefix, *[ctx.wheel(n) for n in FIVE], "-v")
    ctx.check_ran("5 wheels -v: exit 0", result)
    installed = sorted(" ".join(line.split()[1:3]) for line in result.stdout.splitlines()
                       if line.startswith("installed "))
    steps = [line for line in result.stdout.splitlines() if not line.startswith("installed ")]
    ctx.check("5 wheels -v: one `installed NAME VERSION` line each",
              installed == sorted(f"{n} 1.0" for n in FIVE), result.stdout)
    ctx.check("5 wheels -v: the other lines are steps of the named wheels",
              steps and all(line.split(":")[0] in [f"{n}-1.0-py3-none-any.whl" for n in FIVE]
                            for line in steps), result.stdout)
    listed = ctx.tool("list", "--prefix", prefix).stdout.split()
    ctx.check("5 wheels: all listed", all(n in listed for n in FIVE), listed)
    ctx.check_ran("5 wheels: verify exit 0", ctx.tool("verify", "--prefix", prefix))
    broken = os.path.join(ctx.new_dir("broken-wheel"), WHEELS["fixture_many"])
    with open(ctx.wheel("fixture_many"), "rb") as source, open(broken, "wb") as target:
        data = source.read()
        target.write(data[:len(data) // 2])
    prefix = ctx.new_dir("many-broken")
    before = snapshot(prefix)
    wheels = [ctx.wheel(n) for n in FIVE[:3]] + [broken] + [ctx.wheel(n) for n in FIVE[3:]]
    result = ctx.install(prefix, *wheels)
    ctx.check_error("broken wheel among 6: exit 1, one error line naming it", result, 1,
                    WHEELS["fixture_many"])
    ctx.check_unchanged("broken wheel among 6: nothing installed", prefix, before)


# --- man page -------------------------------------------------------------------------

def test_man_page(ctx, page):
    if not shutil.which("man") or not shutil.which("col"):
        print("SKIP man page: man or col not found")
        return
    env = {"MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat"}
    man = e2e.run_command(["man", "-l", page], env=env)
    rendered = subprocess.run(["col", "-b"], input=man.stdout, stdout=subprocess.PIPE,
                              universal_newlines=True, timeout=60).stdout
    ctx.check("man -l whlinst.1 | col -b: renders a SYNOPSIS",
              man.returncode == 0 and "SYNOPSIS" in rendered, e2e.describe(man))
    synopsis = rendered.split("SYNOPSIS", 1)[-1].split("DESCRIPTION", 1)[0]
    commands = command_names(ctx)
    ctx.check("whlinst --help lists the commands", "install" in commands, commands)
    for name in commands:
        ctx.check(f"man page SYNOPSIS: `whlinst {name}`",
                  re.search(rf"whlinst \[?{name}\b", synopsis) is not None, synopsis.strip()[:200])
    with open(page, encoding="utf-8") as stream:
        source = stream.read().replace("\\-", "-")
    for name in commands:
        options = help_options(ctx, name)
        missing = [o for o in options if not re.search(rf"(?<![\w-]){o}(?![\w-])", source)]
        ctx.check(f"man page: every option of `whlinst {name} --help` ({len(options)})",
                  len(options) > 5 and not missing, missing)


TESTS = [test_list_show, test_show_counts_every_row, test_unknown_command, test_verify, test_uninstall, test_report,
         test_sbom, test_configuration, test_size_caps, test_fsync, test_scheme_overrides,
         test_configured_python, test_dry_run, test_verbosity_and_many]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("whlinst")
    parser.add_argument("fixtures")
    parser.add_argument("--python", default=DEFAULT_PYTHON)
    parser.add_argument("--man", default=DEFAULT_MAN, help="the man page to render")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    for path in (args.python, args.whlinst):
        if not os.access(path, os.X_OK):
            print(f"SKIP: {path} is not executable")
            return e2e.SKIP
    ctx = Context(args.whlinst, args.python, args.fixtures, KNOWN_BUGS)
    tests = TESTS + [lambda c: test_man_page(c, os.path.abspath(args.man))]
    for test in tests:
        try:
            test(ctx)
        except Exception as error:  # a test bug or an unexpected tree: one failed check
            traceback.print_exc(file=sys.stdout)
            ctx.check(f"{getattr(test, '__name__', 'test')} ran to the end", False, repr(error))
    if ctx.checks.failed or args.keep:
        print(f"work directory kept: {ctx.workdir}")
    else:
        shutil.rmtree(ctx.workdir, ignore_errors=True)
    return ctx.checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
