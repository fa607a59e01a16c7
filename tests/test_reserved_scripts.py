#!/usr/bin/env python3
"""Reserved script names (issue 11) on the real binary.

The wheels of wheels-fixtures/make_reserved_fixtures.py, installed into a venv
(no --prefix: the venv's own scheme) and into a --prefix already holding a
project:
- each wheel whose script would replace the interpreter is refused with one
  `whlinst: error:` line naming the wheel, the entry (archive entry or entry
  point) and the script, exit 1, the tree byte-for-byte as it was (paths,
  kinds, modes, contents, symlink targets); --dry-run reports the same line;
- the wheel whose scripts are named like activation scripts installs, with
  one warning line per such script, the venv still working;
- the wheel with names close to reserved ones installs without a warning.

Usage: test_reserved_scripts.py --whlinst W --python PY --fixture-maker MAKER
Exit 0, 1 on failure, 77 when the binary, the interpreter or venv is missing.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_support as e2e  # noqa: E402
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

RESERVED = "is reserved for the environment's interpreter"
ACTIVATION = "is that of a venv's activation script; installing anyway"
# wheel name -> (entry named in the error, script named in the error)
REFUSED = {
    "reserved_console": ("console_scripts entry point 'python3 = reserved_console:main'", "python3"),
    "reserved_gui": ("gui_scripts entry point 'pythonw = reserved_gui:main'", "pythonw"),
    "reserved_data": ("reserved_data-1.0.data/scripts/python3.11t", "python3.11t"),
    "reserved_exe": ("reserved_exe-1.0.data/scripts/PyPy3.EXE", "PyPy3.EXE"),
    "reserved_bindata": ("reserved_bindata-1.0.data/data/bin/python", "python"),
}
ACTIVATION_SCRIPTS = ["activate", "Activate.ps1", "deactivate"]


def wheel_file(name):
    return f"{name}-1.0-py3-none-any.whl"


class Session:
    def __init__(self, args):
        self.checks = e2e.Checks()
        self.workdir = tempfile.mkdtemp(prefix="whlinst-reserved-")
        self.wheels = os.path.join(self.workdir, "wheels")
        self.whlinst = os.path.abspath(args.whlinst)
        self.python = args.python
        made = subprocess.run([sys.executable, args.fixture_maker, self.wheels], stdout=subprocess.PIPE,
                              universal_newlines=True)
        if made.returncode != 0:
            raise SystemExit(f"cannot make the fixtures: exit {made.returncode}")

    def check(self, name, ok, detail=""):
        return self.checks.check(name, ok, detail)

    def run(self, python, *args):
        wheels_and_options = [os.path.join(self.wheels, a) if a.endswith(".whl") else a for a in args]
        return e2e.run_command([self.whlinst, *wheels_and_options, "--python", python])

    def make_venv(self, name):
        venv = os.path.join(self.workdir, name)
        made = e2e.run_command([self.python, "-m", "venv", "--without-pip", venv])
        return venv if made.returncode == 0 else None

    def check_refusals(self, label, root, python, *options):
        for name, (entry, script) in REFUSED.items():
            for dry_run in ([], ["--dry-run"]):
                before = snapshot(root)
                result = self.run(python, wheel_file(name), *options, *dry_run)
                what = f"{label}: {name}{' --dry-run' if dry_run else ''}"
                line = f"{entry}: the script name '{script}' {RESERVED}"
                self.check(f"{what} refused with one error line naming the entry and the script",
                           result.returncode == 1 and e2e.is_one_error_line(result, wheel_file(name))
                           and result.stderr.rstrip("\n").endswith(line), e2e.describe(result))
                differences = diff_snapshots(before, snapshot(root), ("before", "after"))
                self.check(f"{what}: tree byte-for-byte unchanged", not differences,
                           "; ".join(differences[:4]))

    def check_activation(self, venv):
        python = os.path.join(venv, "bin", "python")
        result = self.run(python, wheel_file("reserved_activate"))
        warnings = [line for line in result.stderr.splitlines() if line.startswith("whlinst: warning:")]
        self.check("venv: activation-named scripts install", result.returncode == 0, e2e.describe(result))
        self.check("venv: one warning per activation-named script",
                   len(warnings) == len(ACTIVATION_SCRIPTS) and len(result.stderr.splitlines()) == len(warnings)
                   and all(any(f"'{s}' {ACTIVATION}" in w for w in warnings) for s in ACTIVATION_SCRIPTS),
                   result.stderr)
        with open(os.path.join(venv, "bin", "activate"), encoding="utf-8") as stream:
            self.check("venv: bin/activate is the wheel's", "not a venv's activate" in stream.read())
        ran = e2e.run_command([python, "-c", "import reserved_activate, sys; print(sys.prefix)"])
        self.check("venv: the interpreter still runs and imports the project",
                   ran.returncode == 0 and ran.stdout.strip() in (venv, os.path.realpath(venv)),
                   e2e.describe(ran))

    def check_ordinary(self, label, root, python, *options):
        result = self.run(python, wheel_file("reserved_ordinary"), *options)
        self.check(f"{label}: names close to reserved ones install without a warning",
                   result.returncode == 0 and result.stderr == "", e2e.describe(result))
        return result.returncode == 0

    def test(self):
        venv = self.make_venv("venv")
        if venv is None:
            print("SKIP: cannot make a venv with", self.python)
            return e2e.SKIP
        venv_python = os.path.join(venv, "bin", "python")
        self.check_ordinary("venv", venv, venv_python)
        self.check_refusals("venv", venv, venv_python)
        self.check_activation(venv)
        prefix = os.path.join(self.workdir, "prefix")
        if self.check_ordinary("--prefix", prefix, self.python, "--prefix", prefix):
            self.check_refusals("--prefix", prefix, self.python, "--prefix", prefix)
        return self.checks.finish()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--fixture-maker", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    if e2e.cannot_run(args.whlinst, args.python):
        return e2e.SKIP
    session = Session(args)
    try:
        return session.test()
    finally:
        if not args.keep:
            shutil.rmtree(session.workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
