#!/usr/bin/env python3
"""End-to-end tests of `whlinst install` on the synthetic fixtures.

Usage: test_install_behaviour.py WHLINST FIXTURES_DIR [--python PY] [--keep]

Upgrade and downgrade, reinstall, fault injection (prefix unchanged), bad
inputs and usage errors, -r/--lock and the packager flags, --root staging,
--optimize and reproducibility, venvs whose interpreter path needs the
/bin/sh exec form, --dry-run (PRODUCT.md: invariants 1-4, 7, 8 and the
command line). One line per check, then `N passed, M failed`; checks in
KNOWN_BUGS print `KNOWN-BUG:` and do not fail. Exit 0, 1 on failure, 77 when
the target interpreter or the binary is missing. The work directory is
removed unless a check failed or --keep is given.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import traceback  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_support as e2e  # noqa: E402
from e2e_broken_wheels import bad_inputs, broken_wheels  # noqa: E402
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

DEFAULT_PYTHON = sys.executable
EPOCH = {"SOURCE_DATE_EPOCH": "1600000000"}
UPGRADE = "fixture_upgrade-{}-py3-none-any.whl"
PURE = "fixture_pure-1.0-py3-none-any.whl"
ENTRY_POINTS = "fixture_entrypoints-1.0-py3-none-any.whl"
ALLDATA = "fixture_alldata-1.0-py3-none-any.whl"
# Checks known to fail, by name, with the reason (none at the moment).
KNOWN_BUGS = {}


class Context(e2e.Session):
    def upgrade(self, version):
        return self.fixture(UPGRADE.format(version))


# --- upgrade, downgrade, reinstall --------------------------------------------

def upgrade_paths(ctx, version):
    """Paths, relative to the prefix, that only `version` of fixture_upgrade installs."""
    package = f"{ctx.site_rel}/fixture_upgrade"
    pyc = f"{package}/__pycache__/{{}}.{ctx.cache_tag}.pyc"
    scripts = ctx.scripts_rel

    def data(path):
        return os.path.normpath(os.path.join(ctx.data_rel, path))
    if version == "1.0":
        return [f"{package}/dropped.py", pyc.format("dropped"), f"{package}/gone",
                data("share/fixture_upgrade/v1-only.txt"), f"{scripts}/fixture-upgrade-old",
                f"{scripts}/fixture-upgrade-v1-script"]
    return [f"{package}/added.py", pyc.format("added"), data("share/fixture_upgrade/v2-only.txt"),
            f"{scripts}/fixture-upgrade-new"]


def check_modules_compiled(ctx, label, site):
    def has_pyc(module):
        name = os.path.basename(module)[:-3] + f".{ctx.cache_tag}.pyc"
        return os.path.exists(os.path.join(site, os.path.dirname(module), "__pycache__", name))
    missing = [p for p in e2e.files_under(site) if p.endswith(".py") and not has_pyc(p)]
    ctx.check(f"{label}: every module has its pyc", not missing, sorted(missing))


def check_version_reported(ctx, label, site, version):
    code = ("import importlib.metadata as m, fixture_upgrade.changed as c;"
            " print(m.version('fixture_upgrade'), c.VERSION)")
    query = e2e.run_command([ctx.python, "-s", "-c", code], env={"PYTHONPATH": site})
    ctx.check(f"{label}: importlib.metadata and the module say {version}",
              query.stdout.split() == [version, version], e2e.describe(query) + query.stdout)


def check_project_state(ctx, label, prefix, version):
    other = "2.0" if version == "1.0" else "1.0"
    left = [p for p in upgrade_paths(ctx, other) if os.path.lexists(os.path.join(prefix, p))]
    ctx.check(f"{label}: files only in {other} are gone", not left, left)
    missing = [p for p in upgrade_paths(ctx, version)
               if not os.path.lexists(os.path.join(prefix, p))]
    ctx.check(f"{label}: files only in {version} are present", not missing, missing)
    site = os.path.join(prefix, ctx.site_rel)
    infos = e2e.dist_infos(site, "fixture_upgrade")
    ctx.check(f"{label}: exactly one dist-info", len(infos) == 1, infos)
    check_version_reported(ctx, label, site, version)
    ctx.check_record_complete(label, prefix, split=True)
    check_modules_compiled(ctx, label, site)


def check_equals_fresh_install(ctx, label, prefix, wheel):
    aside = prefix + ".aside"
    os.rename(prefix, aside)
    result = ctx.install(prefix, wheel, env=EPOCH)
    fresh = snapshot(prefix) if result.returncode == 0 else {}
    shutil.rmtree(prefix, ignore_errors=True)
    os.rename(aside, prefix)
    differences = diff_snapshots(fresh, snapshot(prefix), ("fresh", label))
    ctx.check_differences(f"{label}: tree equals a fresh install", differences, split=True)


def test_upgrade_downgrade(ctx):
    prefix = os.path.join(ctx.new_dir("upgrade"), "p")
    ctx.check_ran("upgrade: install 1.0", ctx.install(prefix, ctx.upgrade("1.0"), env=EPOCH))
    for new, label in (("2.0", "upgrade 1.0->2.0"), ("1.0", "downgrade 2.0->1.0")):
        if ctx.check_ran(f"{label}: exit 0", ctx.install(prefix, ctx.upgrade(new), env=EPOCH)):
            check_project_state(ctx, label, prefix, new)
            check_equals_fresh_install(ctx, label, prefix, ctx.upgrade(new))


def test_reinstall(ctx):
    prefix = os.path.join(ctx.new_dir("reinstall"), "p")
    wheel = ctx.upgrade("1.0")
    # Checked-hash pyc: timestamp pyc embed the source's mtime, which a
    # reinstall renews.
    ctx.check_ran("reinstall: first install", ctx.install(prefix, wheel, env=EPOCH))
    before = snapshot(prefix)
    ctx.check_ran("reinstall: same version again exits 0", ctx.install(prefix, wheel))
    ctx.check_unchanged("reinstall: same version again changes nothing", prefix, before)
    keep = os.path.join(prefix, ctx.site_rel, "fixture_upgrade", "keep.py")
    os.unlink(keep)
    ctx.install(prefix, wheel)
    ctx.check("reinstall: same version without --force-reinstall is skipped",
              not os.path.exists(keep))
    result = ctx.install(prefix, wheel, "--force-reinstall", env=EPOCH)
    ctx.check_ran("reinstall: --force-reinstall exits 0", result)
    ctx.check_unchanged("reinstall: --force-reinstall restores an identical tree", prefix, before,
                        split=True)


# --- fault injection and bad input ----------------------------------------------

def installed_prefix(ctx, name):
    prefix = os.path.join(ctx.new_dir(name), "p")
    ctx.check_ran(f"{name}: install 1.0 first", ctx.install(prefix, ctx.upgrade("1.0")))
    return prefix


def check_refused(ctx, label, result, wheel_name, expected_text=""):
    ctx.check(f"{label}: exit 1", result.returncode == 1, e2e.describe(result))
    ok = e2e.is_one_error_line(result, wheel_name) and expected_text in result.stderr
    ctx.check(f"{label}: one `whlinst: error: {wheel_name}: ...` line"
              + (f" with '{expected_text}'" if expected_text else ""), ok, result.stderr)


def test_fault_injection(ctx):
    prefix = installed_prefix(ctx, "faults")
    before = snapshot(prefix)
    for label, wheel, expected in broken_wheels(ctx.upgrade("2.0"), ctx.new_dir("broken")):
        result = ctx.install(prefix, wheel)
        check_refused(ctx, f"fault {label}", result, os.path.basename(wheel), expected)
        ctx.check_unchanged(f"fault {label}: prefix unchanged", prefix, before)


def test_usage_errors(ctx, prefix, before):
    usage = [("unknown option", ["--no-such-option", ctx.upgrade("2.0")]), ("no wheel", []),
             ("--optimize 7", ["--optimize", "7", ctx.upgrade("2.0")])]
    for label, args in usage:
        result = ctx.install(prefix, *args)
        ctx.check(f"usage error {label}: exit 2", result.returncode == 2, e2e.describe(result))
        ctx.check(f"usage error {label}: starts with `whlinst: error:`",
                  result.stderr.startswith("whlinst: error:"), result.stderr)
        ctx.check_unchanged(f"usage error {label}: prefix unchanged", prefix, before)


def test_bad_inputs(ctx):
    prefix = installed_prefix(ctx, "bad-inputs")
    before = snapshot(prefix)
    inputs = bad_inputs(ctx.upgrade("2.0"), ctx.new_dir("inputs"))
    for label, wheel, expected in inputs:
        result = ctx.install(prefix, wheel)
        check_refused(ctx, f"bad input {label}", result, os.path.basename(wheel), expected)
        ctx.check_unchanged(f"bad input {label}: prefix unchanged", prefix, before)
    test_usage_errors(ctx, prefix, before)
    future = next(wheel for label, wheel, _ in inputs if label.startswith("Requires-Python"))
    ctx.check_ran("--ignore-requires-python installs it",
                  ctx.install(prefix, future, "--ignore-requires-python"))
    infos = e2e.dist_infos(os.path.join(prefix, ctx.site_rel), "fixture_future")
    ctx.check("--ignore-requires-python: dist-info present", len(infos) == 1, infos)


# --- requirements files, lock, packager flags ------------------------------------

def write_requirements(ctx, directory):
    """reqs.txt with a `NAME @ file:///abs.whl` line and a plain relative path."""
    os.makedirs(os.path.join(directory, "wheels"))
    shutil.copy(ctx.fixture(PURE), os.path.join(directory, "wheels"))
    with open(os.path.join(directory, "reqs.txt"), "w", encoding="utf-8") as stream:
        stream.write(f"# comment\nfixture_entrypoints @ file://{ctx.fixture(ENTRY_POINTS)}\n\n"
                     f"wheels/{PURE}\n")


def check_default_dist_info(ctx, info):
    direct = json.loads(e2e.read_text(os.path.join(info, "direct_url.json")))
    ctx.check("default: direct_url.json names the wheel",
              direct.get("url") == "file://" + ctx.fixture(ENTRY_POINTS), direct)
    installer = e2e.read_text(os.path.join(info, "INSTALLER"))
    ctx.check("default: INSTALLER is whlinst", installer == "whlinst\n", installer)
    ctx.check("default: REQUESTED written", os.path.isfile(os.path.join(info, "REQUESTED")))


def test_requirements_file(ctx):
    directory = ctx.new_dir("requirements")
    write_requirements(ctx, directory)
    result = ctx.whlinst.run("-r", "reqs.txt", "--prefix", "p", "--lock", "pip3.lock",
                             cwd=directory)
    ctx.check_ran("-r FILE --lock FILE: exit 0", result)
    ctx.check("--lock FILE: the lock file is created",
              os.path.isfile(os.path.join(directory, "pip3.lock")))
    site = os.path.join(directory, "p", ctx.site_rel)
    for project in ("fixture_entrypoints", "fixture_pure"):
        ctx.check(f"-r FILE: {project} installed", len(e2e.dist_infos(site, project)) == 1)
    infos = e2e.dist_infos(site, "fixture_entrypoints")
    if infos:
        check_default_dist_info(ctx, infos[0])
    ctx.check_record_complete("-r FILE", os.path.join(directory, "p"))


def test_packager_flags(ctx):
    prefix = os.path.join(ctx.new_dir("packager"), "p")
    flags = ["--direct-url", "none", "--installer", "X", "--no-requested"]
    ctx.check_ran("packager flags: exit 0", ctx.install(prefix, ctx.fixture(PURE), *flags))
    infos = e2e.dist_infos(os.path.join(prefix, ctx.site_rel), "fixture_pure")
    if not ctx.check("packager flags: one dist-info", len(infos) == 1, infos):
        return
    exists = lambda name: os.path.exists(os.path.join(infos[0], name))  # noqa: E731
    ctx.check("--direct-url none: no direct_url.json", not exists("direct_url.json"))
    installer = e2e.read_text(os.path.join(infos[0], "INSTALLER"))
    ctx.check("--installer X: INSTALLER is X\\n", installer == "X\n", installer)
    ctx.check("--no-requested: no REQUESTED", not exists("REQUESTED"))
    ctx.check_record_complete("packager flags", prefix)
    url_prefix = os.path.join(ctx.new_dir("direct-url"), "p")
    url = "https://example.org/fixture_pure.whl"
    ctx.install(url_prefix, ctx.fixture(PURE), "--direct-url", url)
    info = e2e.dist_infos(os.path.join(url_prefix, ctx.site_rel), "fixture_pure")
    written = json.loads(e2e.read_text(os.path.join(info[0], "direct_url.json"))) if info else {}
    ctx.check("--direct-url URL: written to direct_url.json", written.get("url") == url, written)


# --- --root, --optimize, reproducibility -----------------------------------------

def test_root(ctx):
    root = os.path.join(ctx.new_dir("root"), "stage")
    final = f"/usr/local-whlinst-e2e-{os.getpid()}"
    wheels = [ctx.fixture(ENTRY_POINTS), ctx.fixture(ALLDATA)]
    options = ["--root", root, "--prefix", final, "--optimize", "0"]
    ctx.check_ran("--root: exit 0", ctx.whlinst.run(*wheels, *options, env=EPOCH))
    ctx.check("--root: nothing written at the un-rooted prefix", not os.path.lexists(final))
    staged = root + final
    for script in ("fixture-ep-simple", "fx-python"):
        line = e2e.first_line(os.path.join(staged, ctx.scripts_rel, script))
        ctx.check(f"--root: {script} shebang names the interpreter", line == "#!" + ctx.python,
                  line)
    site = os.path.join(staged, ctx.site_rel)
    pycs = sorted(p for p in e2e.files_under(site) if p.endswith(".pyc"))
    wrong = [p for p in pycs
             if not e2e.pyc_code_filename(os.path.join(site, p)).startswith(final + "/")]
    ctx.check("--root: pyc co_filename is the final path", pycs and not wrong, wrong[:3])
    mentions = e2e.grep_tree(root, os.fsencode(root))
    ctx.check("--root: no RECORD, file or name mentions the root", not mentions, mentions[:3])
    ctx.check("--root: no temporary names left", not e2e.grep_tree(root, b".whlinst-"))


def test_optimize_reproducible(ctx):
    prefix = os.path.join(ctx.new_dir("optimize"), "p")
    wheels = [ctx.fixture(ALLDATA), ctx.upgrade("2.0"),
              ctx.fixture("fixture_many-1.0-py3-none-any.whl")]
    options = ["--optimize", "0,1,2", "--jobs", "2"]
    ctx.check_ran("--optimize 0,1,2: exit 0", ctx.install(prefix, *wheels, *options, env=EPOCH))
    pycs = [p for p in e2e.files_under(prefix) if p.endswith(".pyc")]
    for level in ("", ".opt-1", ".opt-2"):
        suffix = f".{ctx.cache_tag}{level}.pyc"
        count = sum(p.endswith(suffix) for p in pycs)
        ctx.check(f"--optimize 0,1,2: *{suffix} created", count >= 500, count)
    ctx.check_record_complete("--optimize 0,1,2", prefix)
    first = snapshot(prefix)
    shutil.rmtree(prefix)
    result = ctx.install(prefix, *wheels, *options, env=EPOCH)
    ctx.check_ran("reproducible: second install exits 0", result)
    ctx.check_unchanged("reproducible: SOURCE_DATE_EPOCH gives a bit-identical tree", prefix,
                        first)


# --- venvs whose interpreter needs the /bin/sh exec form --------------------------

PROBE = "import sys; sys.stderr.write('e2e-interpreter-prefix=' + sys.prefix + '\\n')\n"
VENV_SCRIPTS = {
    "fixture-ep-simple": "main", "fixture-ep-nested": "", "fixture-ep-gui": "",
    "fx-python": "fx-python", "fx-pythonw": "fx-pythonw", "fx-python-args": "unbuffered?",
    "fx-python-E": "isolated?", "fx-crlf": "crlf", "fx-oneline": "", "fx-future": "fx-future",
}


def make_venv(ctx, label, venv):
    """A venv whose interpreter reports its sys.prefix on stderr at start-up (a .pth)."""
    result = e2e.run_command([ctx.python, "-m", "venv", "--without-pip", venv])
    if not ctx.check_ran(f"venv {label}: created", result):
        return False
    with open(os.path.join(e2e.site_packages(venv), "e2e_probe.pth"), "w") as stream:
        stream.write(PROBE)
    return True


def check_venv_script(ctx, label, venv, name, expected):
    result = e2e.run_command([os.path.join(venv, "bin", name)])
    lines = result.stdout.splitlines()
    ok = result.returncode == 0 and (lines[0] if lines else "").startswith(expected)
    ctx.check(f"venv {label}: {name} runs and prints {expected!r}", ok,
              e2e.describe(result) + result.stdout)
    probe = f"e2e-interpreter-prefix={venv}"
    ctx.check(f"venv {label}: {name} runs with the venv's interpreter",
              probe in result.stderr.splitlines(), result.stderr)


def test_venv(ctx, label, venv):
    if not make_venv(ctx, label, venv):
        return
    interpreter = os.path.join(venv, "bin", "python3")
    ctx.check(f"venv {label}: needs the exec form",
              " " in interpreter or len(os.fsencode(interpreter)) > 127)
    wheels = [ctx.fixture(ENTRY_POINTS), ctx.fixture(ALLDATA)]
    result = ctx.whlinst.run(*wheels, "--prefix", venv, with_python=False)
    if not ctx.check_ran(f"venv {label}: install exits 0", result):
        return
    for name in ("fixture-ep-simple", "fx-future"):
        line = e2e.first_line(os.path.join(venv, "bin", name))
        ctx.check(f"venv {label}: {name} uses the /bin/sh exec form", line == "#!/bin/sh", line)
    for name, expected in VENV_SCRIPTS.items():
        check_venv_script(ctx, label, venv, name, expected)


def test_venvs(ctx):
    base = ctx.new_dir("venvs")
    test_venv(ctx, "path with a space", os.path.join(base, "with space", "venv"))
    long_dir = os.path.join(base, "long-" + "x" * max(1, 130 - len(base)))
    test_venv(ctx, "path over 127 bytes", os.path.join(long_dir, "venv"))


def test_dry_run(ctx):
    prefix = installed_prefix(ctx, "dry-run")
    before = snapshot(prefix)
    ctx.check_ran("--dry-run: exit 0", ctx.install(prefix, ctx.upgrade("2.0"), "--dry-run"))
    ctx.check_unchanged("--dry-run: prefix with a project untouched", prefix, before)
    empty = os.path.join(ctx.new_dir("dry-run-empty"), "p")
    os.makedirs(empty)
    before = snapshot(empty)
    result = ctx.install(empty, ctx.upgrade("2.0"), "--dry-run")
    ctx.check_ran("--dry-run: empty prefix exit 0", result)
    ctx.check_unchanged("--dry-run: empty prefix untouched", empty, before)
    missing = os.path.join(os.path.dirname(empty), "missing")
    result = ctx.install(missing, ctx.upgrade("2.0"), "--dry-run")
    ctx.check_ran("--dry-run: missing prefix exit 0", result)
    ctx.check("--dry-run: missing prefix not created", not os.path.lexists(missing))


TESTS = [test_upgrade_downgrade, test_reinstall, test_fault_injection, test_bad_inputs,
         test_requirements_file, test_packager_flags, test_root, test_optimize_reproducible,
         test_venvs, test_dry_run]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("whlinst")
    parser.add_argument("fixtures")
    parser.add_argument("--python", default=DEFAULT_PYTHON)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    for path in (args.python, args.whlinst):
        if not os.access(path, os.X_OK):
            print(f"SKIP: {path} is not executable")
            return e2e.SKIP
    ctx = Context(args.whlinst, args.python, args.fixtures, KNOWN_BUGS)
    for test in TESTS:
        try:
            test(ctx)
        except Exception as error:  # a test bug or an unexpected tree: one failed check
            traceback.print_exc(file=sys.stdout)
            ctx.check(f"{test.__name__} ran to the end", False, repr(error))
    if ctx.checks.failed or args.keep:
        print(f"work directory kept: {ctx.workdir}")
    else:
        shutil.rmtree(ctx.workdir, ignore_errors=True)
    return ctx.checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
