#!/usr/bin/env python3
"""File ownership across installed projects (issue 11) on the real binary.

A file another installed project lists is never silently replaced nor
deleted:
- different bytes: refused (also with --dry-run), one error line naming the
  path and the owner, the prefix exactly as before (no state left);
- identical bytes (a namespace package's __init__.py, a data file): accepted;
  an upgrade that drops the shared file, and uninstalling either project,
  keep it while the other lists it; both projects verify throughout;
- an entry-point script or a .data/scripts file over another project's
  script: refused;
- --overwrite: accepted with one warning; the new project verifies, the
  overwritten one reports exactly the taken file; uninstalling either keeps
  the file the other lists.

Usage: test_ownership.py WHLINST FIXTURE_MAKER --python PY [--keep]
Exit 0, 1 on failure, 77 when the binary or interpreter is missing.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import e2e_support as e2e  # noqa: E402
import scheme_paths  # noqa: E402
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402


def wheel_name(project, version="1.0"):
    return f"{project}-{version}-py3-none-any.whl"


class Session:
    def __init__(self, args):
        self.args = args
        self.checks = e2e.Checks()
        self.workdir = tempfile.mkdtemp(prefix="whlinst-ownership-")
        self.wheels = os.path.join(self.workdir, "wheels")
        subprocess.run([sys.executable, args.fixture_maker, self.wheels], stdout=subprocess.DEVNULL, check=True)
        scheme = scheme_paths.relative_scheme(args.python)
        self.site_rel, self.scripts_rel, self.data_rel = scheme["purelib"], scheme["scripts"], scheme["data"]

    def check(self, name, ok, detail=""):
        return self.checks.check(name, ok, detail)

    def run(self, *args):
        return e2e.run_command([self.args.whlinst, *args, "--python", self.args.python])

    def install(self, prefix, project, version="1.0", *options):
        return self.run(os.path.join(self.wheels, wheel_name(project, version)), "--prefix", prefix, *options)

    def uninstall(self, prefix, project, *options):
        return self.run("uninstall", project, "--prefix", prefix, *options)

    def verify(self, prefix, project):
        return self.run("verify", project, "--prefix", prefix)

    def new_prefix(self, name):
        prefix = os.path.join(self.workdir, name)
        os.makedirs(prefix)
        return prefix

    def site(self, prefix, *parts):
        return os.path.join(prefix, self.site_rel, *parts)

    def shared_data(self, prefix):
        return os.path.join(prefix, self.data_rel, "share", "owned", "common.txt")

    def check_ok(self, label, result):
        return self.check(f"{label}: exit 0", result.returncode == 0, e2e.describe(result))

    def check_verifies(self, label, prefix, *projects):
        for project in projects:
            self.check_ok(f"{label}: verify {project}", self.verify(prefix, project))

    def check_refused(self, label, prefix, result, words):
        before = self.snapshots[prefix]
        self.check(f"{label}: exit 1", result.returncode == 1, e2e.describe(result))
        lines = result.stderr.splitlines()
        self.check(f"{label}: one error line naming {words}",
                   len(lines) == 1 and lines[0].startswith("whlinst: error:") and all(w in lines[0] for w in words),
                   result.stderr)
        differences = diff_snapshots(before, snapshot(prefix), ("before", "after"))
        self.check(f"{label}: prefix exactly as before", not differences, "; ".join(differences[:4]))

    # --- refusals -----------------------------------------------------------

    def test_refusals(self):
        prefix = self.new_prefix("refusals")
        self.check_ok("owner_a", self.install(prefix, "owner_a"))
        self.snapshots = {prefix: snapshot(prefix)}
        owner = "owner_a 1.0"
        self.check_refused("other bytes", prefix, self.install(prefix, "owner_c"), ["clash/__init__.py", owner])
        self.check_refused("other bytes, --dry-run", prefix, self.install(prefix, "owner_c", "1.0", "--dry-run"),
                           ["clash/__init__.py", owner])
        self.check_refused("entry point over a script", prefix, self.install(prefix, "owner_d"),
                           ["clashtool", owner])
        self.check_refused(".data/scripts over a script", prefix, self.install(prefix, "owner_e"),
                           ["clashtool", owner])

    # --- identical bytes ----------------------------------------------------

    def test_identical(self):
        prefix = self.new_prefix("identical")
        init = self.site(prefix, "sharedns", "__init__.py")
        self.check_ok("identical: owner_a", self.install(prefix, "owner_a"))
        result = self.install(prefix, "owner_b")
        self.check_ok("identical: owner_b accepted", result)
        self.check("identical: no warning", result.stderr == "", result.stderr)
        self.check_verifies("identical", prefix, "owner_a", "owner_b")
        self.check_ok("identical: upgrade owner_b to 2.0", self.install(prefix, "owner_b", "2.0"))
        self.check("upgrade keeps the __init__.py owner_a lists", os.path.isfile(init))
        self.check_verifies("after the upgrade", prefix, "owner_a", "owner_b")
        result = self.uninstall(prefix, "owner_b", "-v")
        self.check_ok("uninstall owner_b", result)
        self.check("uninstall owner_b keeps the shared data file", os.path.isfile(self.shared_data(prefix)))
        self.check("uninstall -v says what it kept", "kept " in result.stdout and "owner_a 1.0" in result.stdout,
                   result.stdout)
        self.check_verifies("after uninstalling owner_b", prefix, "owner_a")
        self.check_ok("identical: owner_b again", self.install(prefix, "owner_b"))
        self.check_ok("uninstall owner_a", self.uninstall(prefix, "owner_a"))
        self.check("uninstall owner_a keeps what owner_b lists",
                   os.path.isfile(init) and os.path.isfile(self.shared_data(prefix)))
        self.check("uninstall owner_a removes its own files",
                   not os.path.exists(self.site(prefix, "clash")) and
                   not os.path.exists(self.site(prefix, "sharedns", "a.py")))
        self.check_verifies("after uninstalling owner_a", prefix, "owner_b")
        self.check_ok("uninstall owner_b last", self.uninstall(prefix, "owner_b"))
        self.check("the last owner's uninstall removes the shared files",
                   not os.path.exists(init) and not os.path.exists(self.shared_data(prefix)))
        left = [os.path.relpath(os.path.join(d, f), prefix) for d, _, fs in os.walk(prefix) for f in fs]
        self.check("nothing is left after both uninstalls", not left, left[:5])

    # --- --overwrite --------------------------------------------------------

    def overwritten(self, name):
        prefix = self.new_prefix(name)
        self.check_ok(f"{name}: owner_a", self.install(prefix, "owner_a"))
        result = self.install(prefix, "owner_c", "1.0", "--overwrite")
        self.check_ok(f"{name}: owner_c --overwrite", result)
        lines = result.stderr.splitlines()
        self.check(f"{name}: one warning naming the path and the owner",
                   len(lines) == 1 and lines[0].startswith("whlinst: warning:")
                   and "clash/__init__.py" in lines[0] and "owner_a 1.0" in lines[0], result.stderr)
        self.check_ok(f"{name}: verify owner_c", self.verify(prefix, "owner_c"))
        return prefix

    def check_reports_taken_file(self, label, prefix):
        result = self.verify(prefix, "owner_a")
        reported = [line for line in result.stdout.splitlines() + result.stderr.splitlines()
                    if self.site_rel in line or "clash" in line]
        self.check(f"{label}: verify owner_a exits 1", result.returncode == 1, e2e.describe(result))
        self.check(f"{label}: verify owner_a reports exactly the taken file",
                   len(reported) == 1 and "clash/__init__.py" in reported[0], e2e.describe(result))

    def test_overwrite(self):
        prefix = self.overwritten("overwrite")
        self.check_reports_taken_file("overwrite", prefix)
        self.check_ok("overwrite: uninstall owner_c", self.uninstall(prefix, "owner_c"))
        self.check("uninstall owner_c keeps the file owner_a lists",
                   os.path.isfile(self.site(prefix, "clash", "__init__.py")))
        self.check_reports_taken_file("after uninstalling owner_c", prefix)
        prefix = self.overwritten("overwrite-then-a")
        self.check_ok("overwrite: uninstall owner_a", self.uninstall(prefix, "owner_a"))
        self.check("uninstall owner_a keeps the file owner_c took",
                   os.path.isfile(self.site(prefix, "clash", "__init__.py")))
        self.check_ok("overwrite: owner_c still verifies", self.verify(prefix, "owner_c"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("whlinst")
    parser.add_argument("fixture_maker")
    parser.add_argument("--python", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    if e2e.cannot_run(args.whlinst, args.python):
        return e2e.SKIP
    session = Session(args)
    try:
        session.test_refusals()
        session.test_identical()
        session.test_overwrite()
    finally:
        if args.keep:
            print(f"kept {session.workdir}")
        else:
            shutil.rmtree(session.workdir, ignore_errors=True)
    return session.checks.finish()


if __name__ == "__main__":
    sys.exit(main())
