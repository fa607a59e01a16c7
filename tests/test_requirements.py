#!/usr/bin/env python3
"""End-to-end tests of requirements resolved offline (issue 12, requirements half).

Usage: test_requirements.py WHLINST MAKE_STORE_FIXTURES [--python PY] [--keep]

On the wheel store of wheels-fixtures/make_store_fixtures.py: --find-links
resolution (several versions and tags in one directory, pre-releases,
markers true and false, nothing matching, file:// URLs, non-local URLs),
hash pinning (--hash right and wrong, #sha256= fragments, --require-hashes
with a line missing its hash: nothing installed), dependencies from the
store (markers, extras, already satisfied, unsatisfiable: a warning, exit 0),
and Fedora's %pyproject_install line verbatim, each compared with the tree
pip installs from the same line where pip succeeds (as tests/differential.py
compares: INSTALLER, direct_url.json and whlinst's lock files aside).
One line per check, then `N passed, M failed`. Exit 0, 1 on failure, 77 when
the interpreter or pip is missing. The work directory is kept if a check failed.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import hashlib  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import traceback  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_support as e2e  # noqa: E402
import marshal  # noqa: E402

from differential import comparable_snapshot, pyc_detail, same_code  # noqa: E402
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

DEFAULT_PYTHON = sys.executable  # meson passes --python; no path of one machine


class Context(e2e.Session):
    def __init__(self, whlinst, python, store_script):
        super().__init__(whlinst, python, ".", {})
        query = "import sys; print('cp%d%d' % sys.version_info[:2])"
        self.tag = e2e.run_command([python, "-c", query]).stdout.strip()
        self.store = self.new_dir("store")
        subprocess.run([sys.executable, store_script, self.store, self.tag], check=True,
                       stdout=subprocess.DEVNULL)

    def site(self, prefix):
        return os.path.join(prefix, self.site_rel)

    def installed(self, prefix):
        """{project: version} from the dist-info directories of prefix."""
        site = self.site(prefix)
        names = os.listdir(site) if os.path.isdir(site) else []
        return dict(n[:-len(".dist-info")].rsplit("-", 1) for n in names if n.endswith(".dist-info"))

    def module_text(self, prefix, name):
        return e2e.read_text(os.path.join(self.site(prefix), name, "__init__.py"))

    def whl(self, *args):
        return self.whlinst.run(*args)

    def pip(self, *args, env=None):
        return e2e.run_command([self.python, "-I", "-m", "pip", *args], env=env)

    def check_same_as_pip(self, label, ours, theirs):
        """As tests/differential.py compares: INSTALLER, direct_url.json (and
        their RECORD rows) and whlinst's lock files aside, and pyc files
        whose code is equal and only marshal's reference flags differ (pip
        compiles in its own busy process). With --root, whlinst keeps its
        lock files in ROOT/.whlinst/ (project_lock.cpp): set aside too."""
        mine, pips = comparable_snapshot(ours)[0], comparable_snapshot(theirs)[0]
        for snap in (mine, pips):
            for path in [p for p in snap if p == ".whlinst" or e2e.is_lock_file(p)]:
                del snap[path]
        flags_only = argparse.Namespace(strict_pyc=False)
        for path in set(mine) & set(pips):
            if not path.endswith(".pyc") or mine[path] == pips[path]:
                continue
            pip_pyc, our_pyc = os.path.join(theirs, path), os.path.join(ours, path)
            if pyc_detail(pip_pyc, our_pyc, flags_only)[1] or same_code_but_root(pip_pyc, our_pyc, theirs):
                mine[path] = pips[path]
        differences = diff_snapshots(pips, mine, ("pip", "whlinst"))
        return self.check(f"{label}: same tree as pip", not differences, "; ".join(differences[:4]))

    def sha256(self, name):
        with open(os.path.join(self.store, name), "rb") as stream:
            return hashlib.sha256(stream.read()).hexdigest()

    def write(self, name, text):
        path = os.path.join(self.workdir, name)
        with open(path, "w") as stream:
            stream.write(text)
        return path


def without_root(code, root):
    """The code object with `root` stripped from every co_filename."""
    consts = tuple(without_root(c, root) if hasattr(c, "co_code") else c for c in code.co_consts)
    filename = code.co_filename[len(root):] if code.co_filename.startswith(root + "/") else code.co_filename
    return code.replace(co_filename=filename, co_consts=consts)


def same_code_but_root(pip_pyc, our_pyc, root):
    """pip compiles under --root with the staging path in co_filename
    (whlinst names the final path, PRODUCT.md "no staging path ... inside an
    installed file"): equal headers and code once pip's root is stripped."""
    with open(pip_pyc, "rb") as a, open(our_pyc, "rb") as b:
        data_a, data_b = a.read(), b.read()
    if data_a[:16] != data_b[:16]:
        return False
    stripped = without_root(marshal.loads(data_a[16:]), root)
    if not same_code(stripped, marshal.loads(data_b[16:])):
        return False
    print(f"KNOWN {os.path.relpath(pip_pyc, root)}: pip's pyc names the --root staging path")
    return True


def test_find_links(ctx):
    best = f"storepkg-2.0-{ctx.tag}-{ctx.tag}-linux_x86_64.whl"
    prefix = ctx.new_dir("fl-best")
    result = ctx.whl("install", "storepkg", "--find-links", ctx.store, "--prefix", prefix, "--no-compile")
    ctx.check_ran("find-links: a bare name installs", result)
    ctx.check("find-links: the highest final version with the best tag",
              "WHICH = '" + best.split("-", 2)[2][:-4] + "'" in ctx.module_text(prefix, "storepkg"),
              ctx.module_text(prefix, "storepkg"))
    dist_info = os.path.join(ctx.site(prefix), "storepkg-2.0.dist-info")
    ctx.check("find-links: no direct_url.json, REQUESTED written",
              not os.path.exists(os.path.join(dist_info, "direct_url.json"))
              and os.path.exists(os.path.join(dist_info, "REQUESTED")), os.listdir(dist_info))
    theirs = ctx.new_dir("fl-best-pip")
    pip = ctx.pip("install", "--no-index", "--find-links", ctx.store, "--prefix", theirs, "--no-compile",
                  "storepkg")
    if ctx.check_ran("find-links: pip installs the same requirement", pip):
        ctx.check_same_as_pip("find-links storepkg", prefix, theirs)

    for spec, version, which in (("storepkg==1.5", "1.5", "py3-none-any"),
                                 ("storepkg===1.0", "1.0", "py3-none-any"),
                                 ("storepkg<2", "1.5", "py3-none-any"),
                                 ("storepkg>=3.0b1", "3.0b1", "py3-none-any"),
                                 ("storepkg[anything] (>=1.0, !=2.0)", "1.5", "py3-none-any")):
        prefix = ctx.new_dir("fl-" + hashlib.sha1(spec.encode()).hexdigest()[:8])
        result = ctx.whl("install", spec, "-f", "file://" + ctx.store, "--prefix", prefix, "--no-compile")
        ctx.check_ran(f"find-links: {spec} installs", result)
        ctx.check(f"find-links: {spec} chooses {version}", ctx.installed(prefix) == {"storepkg": version}
                  and f"WHICH = '{which}'" in ctx.module_text(prefix, "storepkg"), ctx.installed(prefix))

    prefix = ctx.new_dir("fl-twice")
    result = ctx.whl("install", "storepkg>=1.0", "storepkg!=2.0", "storepkg<3", "-f", ctx.store,
                     "--prefix", prefix, "--no-compile")
    ctx.check("find-links: one project asked for three times gets the version every specifier allows",
              result.returncode == 0 and ctx.installed(prefix) == {"storepkg": "1.5"}, e2e.describe(result))
    theirs = ctx.new_dir("fl-twice-pip")
    pip = ctx.pip("install", "--no-index", "--find-links", ctx.store, "--prefix", theirs, "--no-compile",
                  "storepkg>=1.0", "storepkg!=2.0", "storepkg<3")
    if ctx.check_ran("find-links: pip installs the same three requirements", pip):
        ctx.check_same_as_pip("find-links storepkg three times", prefix, theirs)

    prefix = ctx.new_dir("fl-python")
    result = ctx.whl("install", "modern", "--find-links", ctx.store, "--prefix", prefix, "--no-compile")
    ctx.check("find-links: a version whose Requires-Python excludes the target gives way to the next",
              result.returncode == 0 and ctx.installed(prefix) == {"modern": "1.0"}, e2e.describe(result))
    theirs = ctx.new_dir("fl-python-pip")
    pip = ctx.pip("install", "--no-index", "--find-links", ctx.store, "--prefix", theirs, "--no-compile", "modern")
    if ctx.check_ran("find-links: pip installs modern", pip):
        ctx.check_same_as_pip("find-links modern", prefix, theirs)
    result = ctx.whl("install", "modern==2.0", "--find-links", ctx.store, "--prefix", prefix, "--no-compile")
    ctx.check("find-links: modern==2.0 is refused for its Requires-Python",
              result.returncode == 1 and "requires Python >=99" in result.stderr, e2e.describe(result))

    prefix = ctx.new_dir("fl-pre")
    result = ctx.whl("install", "storepkg", "--pre", "--find-links", ctx.store, "--prefix", prefix, "--no-compile")
    ctx.check("find-links: --pre chooses the pre-release",
              result.returncode == 0 and ctx.installed(prefix) == {"storepkg": "3.0b1"}, e2e.describe(result))


def test_markers_and_errors(ctx):
    prefix = ctx.new_dir("markers")
    requirements = ctx.write("markers.txt", f"""# markers evaluated for the target
--find-links {ctx.store}
storepkg==1.0 ; python_version >= "3" and sys_platform == "linux"
leaf ; python_version < "3"
extradep; os_name == "nt"
""")
    result = ctx.whl("install", "-r", requirements, "--prefix", prefix, "--no-compile")
    ctx.check_ran("markers: -r with markers installs", result)
    ctx.check("markers: true installed, false skipped", ctx.installed(prefix) == {"storepkg": "1.0"},
              ctx.installed(prefix))

    before = snapshot(prefix)
    result = ctx.whl("install", "storepkg>=9", "leaf", "--find-links", ctx.store, "--prefix", prefix)
    ctx.check("nothing matching: exit 1, one error line naming the versions found",
              result.returncode == 1 and e2e.is_one_error_line(result)
              and "found versions 1.0, 1.5, 2.0, 3.0b1 (and for other platforms or Pythons: 2.1)"
              in result.stderr, e2e.describe(result))
    ctx.check_unchanged("nothing matching: prefix untouched (leaf not installed either)", prefix, before)
    result = ctx.whl("install", "nosuchproject", "--find-links", ctx.store, "--prefix", prefix)
    ctx.check("no such project: one error line",
              result.returncode == 1 and e2e.is_one_error_line(result) and "no wheel for nosuchproject" in
              result.stderr, e2e.describe(result))
    result = ctx.whl("install", "storepkg", "--prefix", prefix)
    ctx.check("a requirement without --find-links: one error line",
              result.returncode == 1 and e2e.is_one_error_line(result) and "--find-links" in result.stderr,
              e2e.describe(result))
    for location in ("https://example.org/simple/", "/nonexistent-store"):
        result = ctx.whl("install", "storepkg", "--find-links", location, "--prefix", prefix)
        ctx.check(f"--find-links {location}: one error line",
                  result.returncode == 1 and e2e.is_one_error_line(result) and location in result.stderr,
                  e2e.describe(result))
    ctx.check_unchanged("errors: prefix untouched", prefix, before)


def test_hashes(ctx):
    name = "storepkg-1.5-py3-none-any.whl"
    right, wrong = ctx.sha256(name), "0" * 64
    prefix = ctx.new_dir("hash-right")
    requirements = ctx.write("hash-right.txt", f"""--find-links {ctx.store}
storepkg==1.5 \\
    --hash=sha256:{wrong} \\
    --hash=sha256:{right}
leaf @ file://{ctx.store}/leaf-1.0-py3-none-any.whl#sha256={ctx.sha256('leaf-1.0-py3-none-any.whl')}
""")
    result = ctx.whl("install", "-r", requirements, "--prefix", prefix, "--no-compile")
    ctx.check("hash: right hashes install", result.returncode == 0
              and ctx.installed(prefix) == {"storepkg": "1.5", "leaf": "1.0"}, e2e.describe(result))

    prefix = ctx.new_dir("hash-wrong")
    before = snapshot(prefix)
    requirements = ctx.write("hash-wrong.txt", f"""leaf @ file://{ctx.store}/leaf-1.0-py3-none-any.whl#sha256={ctx.sha256('leaf-1.0-py3-none-any.whl')}
storepkg==1.5 --hash=sha256:{wrong}
""")
    result = ctx.whl("install", "-r", requirements, "--find-links", ctx.store, "--prefix", prefix)
    ctx.check("hash: a mismatch is one error line naming both digests",
              result.returncode == 1 and e2e.is_one_error_line(result) and wrong in result.stderr
              and right in result.stderr, e2e.describe(result))
    ctx.check_unchanged("hash: a mismatch installs nothing of the invocation", prefix, before)

    requirements = ctx.write("hash-fragment.txt",
                             f"leaf @ file://{ctx.store}/leaf-1.0-py3-none-any.whl#sha256={wrong}\n")
    result = ctx.whl("install", "-r", requirements, "--prefix", prefix)
    ctx.check("hash: a wrong #sha256= fragment is refused",
              result.returncode == 1 and e2e.is_one_error_line(result) and wrong in result.stderr,
              e2e.describe(result))

    requirements = ctx.write("hash-missing.txt", f"""storepkg==1.5 --hash=sha256:{right}
leaf==1.0
""")
    for label, options in (("implied by --hash", []), ("--require-hashes", ["--require-hashes"])):
        result = ctx.whl("install", "-r", requirements, *options, "--find-links", ctx.store, "--prefix", prefix)
        ctx.check(f"hash: a line without hash under {label} is refused",
                  result.returncode == 1 and e2e.is_one_error_line(result) and "hash-missing.txt:2" in result.stderr
                  and ctx.sha256("leaf-1.0-py3-none-any.whl") in result.stderr, e2e.describe(result))
    result = ctx.whl("install", "storepkg==1.5", "--require-hashes", "--find-links", ctx.store, "--prefix", prefix)
    ctx.check("hash: --require-hashes refuses an argument without hash",
              result.returncode == 1 and e2e.is_one_error_line(result), e2e.describe(result))
    ctx.check_unchanged("hash: refusals leave the prefix untouched", prefix, before)


def test_dependencies(ctx):
    prefix = ctx.new_dir("deps")
    result = ctx.whl("install", "app[extra1]", "--find-links", ctx.store, "--prefix", prefix, "--no-compile")
    ctx.check_ran("deps: app[extra1] installs", result)
    expected = {"app": "1.0", "libdep": "1.2", "leaf": "1.0", "extradep": "1.0"}
    ctx.check("deps: dependencies from the store, markers and extras evaluated",
              ctx.installed(prefix) == expected, ctx.installed(prefix))
    site = ctx.site(prefix)
    ctx.check("deps: REQUESTED only for what was asked",
              os.path.exists(os.path.join(site, "app-1.0.dist-info", "REQUESTED"))
              and not os.path.exists(os.path.join(site, "libdep-1.2.dist-info", "REQUESTED")))
    theirs = ctx.new_dir("deps-pip")
    pip = ctx.pip("install", "--no-index", "--find-links", ctx.store, "--prefix", theirs, "--no-compile",
                  "app[extra1]")
    if ctx.check_ran("deps: pip installs app[extra1]", pip):
        ctx.check_same_as_pip("deps app[extra1]", prefix, theirs)

    prefix = ctx.new_dir("deps-satisfied")
    ctx.check_ran("deps: setup leaf", ctx.whl("install", os.path.join(ctx.store, "leaf-1.0-py3-none-any.whl"),
                                               "--prefix", prefix, "--no-compile"))
    leaf_before = snapshot(os.path.join(ctx.site(prefix), "leaf-1.0.dist-info"))
    result = ctx.whl("install", os.path.join(ctx.store, "app-1.0-py3-none-any.whl"), "--find-links", ctx.store,
                     "--prefix", prefix, "--no-compile")
    ctx.check("deps: a wheel argument gets its dependencies, not the extra's",
              result.returncode == 0 and ctx.installed(prefix) == {"app": "1.0", "libdep": "1.2", "leaf": "1.0"},
              ctx.installed(prefix))
    ctx.check("deps: a satisfied dependency is left alone",
              not diff_snapshots(leaf_before, snapshot(os.path.join(ctx.site(prefix), "leaf-1.0.dist-info"))))

    prefix = ctx.new_dir("deps-none")
    result = ctx.whl("install", "app", "--no-deps", "--find-links", ctx.store, "--prefix", prefix, "--no-compile")
    ctx.check("deps: --no-deps installs only what was asked",
              result.returncode == 0 and ctx.installed(prefix) == {"app": "1.0"}, ctx.installed(prefix))

    prefix = ctx.new_dir("deps-broken")
    result = ctx.whl("install", "brokenapp", "--find-links", ctx.store, "--prefix", prefix, "--no-compile")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("whlinst: warning:")]
    ctx.check("deps: unsatisfiable dependencies are warnings, exit 0",
              result.returncode == 0 and ctx.installed(prefix) == {"brokenapp": "1.0"} and len(warnings) == 2
              and "brokenapp 1.0 requires missingdep>=1, which is not installed" in result.stderr
              and "brokenapp 1.0 requires libdep>=5, which is not installed" in result.stderr
              and "found versions 1.0, 1.2" in result.stderr, e2e.describe(result))


def test_fedora_line(ctx):
    """%pyproject_install (pyproject-rpm-macros) verbatim, compiled, against pip."""
    trees = {}
    for tool in ("whlinst", "pip"):
        root = ctx.new_dir(f"fedora-{tool}")
        line = ["install", "--root", root, "--prefix", "/usr", "--no-deps", "--disable-pip-version-check",
                "--progress-bar", "off", "--verbose", "--ignore-installed", "--no-warn-script-location",
                "--no-index", "--no-cache-dir", "--find-links", ctx.store, "storepkg==1.5"]
        env = {"SOURCE_DATE_EPOCH": "1700000000"}
        if tool == "whlinst":
            result = ctx.whlinst.run(*line, env=env)
        else:
            result = ctx.pip(*line, env=env)
        ctx.check_ran(f"fedora line: {tool} exit 0", result)
        trees[tool] = root
    ctx.check_same_as_pip("fedora line", trees["whlinst"], trees["pip"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("whlinst")
    parser.add_argument("make_store")
    parser.add_argument("--python", default=DEFAULT_PYTHON)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(args.python) or not os.path.exists(args.whlinst):
        print(f"SKIP: {args.python} or {args.whlinst} missing")
        return e2e.SKIP
    if e2e.run_command([args.python, "-m", "pip", "--version"]).returncode != 0:
        print(f"SKIP: no pip for {args.python}")
        return e2e.SKIP
    ctx = Context(args.whlinst, args.python, args.make_store)
    tests = [test_find_links, test_markers_and_errors, test_hashes, test_dependencies, test_fedora_line]
    for test in tests:
        try:
            test(ctx)
        except Exception:
            ctx.check(f"{test.__name__} raised", False, traceback.format_exc())
    status = ctx.checks.finish()
    if status == 0 and not args.keep:
        shutil.rmtree(ctx.workdir, ignore_errors=True)
    else:
        print(f"work directory kept: {ctx.workdir}")
    return status


if __name__ == "__main__":
    sys.exit(main())
