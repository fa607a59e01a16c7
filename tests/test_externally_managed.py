#!/usr/bin/env python3
"""PEP 668 (issue 11) on the real binary, with a copy of the interpreter.

The real interpreter's files are never written: the test builds a private
copy C (its executable copied, its library directory and stdlib entries
symbolic links, site-packages a new empty directory) whose
sysconfig.get_path('stdlib') is C/lib/pythonX.Y, and writes
C/lib/pythonX.Y/EXTERNALLY-MANAGED there. Then, with no --prefix, --root or
--target (the copy's default scheme):
- install and uninstall are refused with pip's Error text (each of its lines
  on stderr), exit 1, C byte-for-byte as it was; --dry-run too;
- install with --break-system-packages, uninstall with the configuration
  key break-system-packages = true, succeed;
- an install with --prefix is not concerned;
- a venv made from the copy is not externally managed.

Usage: test_externally_managed.py --whlinst W --python PY [--keep]
Exit 0, 1 on failure, 77 when no interpreter can be copied (a venv, a stdlib
outside PREFIX/lib/pythonX.Y, or a copy that does not run as its own prefix).
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_support as e2e  # noqa: E402
from tree_snapshot import diff_snapshots, snapshot  # noqa: E402

PROJECT = "pep668_probe"
ERROR_LINES = ["This copy of Python is externally managed by the whlinst test.",
               "Make a venv with: python3 -m venv DIR"]
MARKER = ("[externally-managed]\nError=" + ERROR_LINES[0] + "\n " + ERROR_LINES[1] + "\n"
          "Error-de_DE=Nicht diese Zeile.\n")
QUERY = ("import json, sys, sysconfig; print(json.dumps({'executable': sys.executable, "
         "'prefix': sys.prefix, 'base_prefix': sys.base_prefix, 'stdlib': sysconfig.get_path('stdlib'), "
         "'platstdlib': sysconfig.get_path('platstdlib'), 'purelib': sysconfig.get_path('purelib'), "
         "'version': '%d.%d' % sys.version_info[:2]}))")


def query(python):
    result = e2e.run_command([python, "-c", QUERY])
    return json.loads(result.stdout) if result.returncode == 0 else None


def copy_interpreter(python, copy):
    """Builds the copy under `copy`; its executable, or None with the reason."""
    facts = query(python)
    if facts is None:
        return None, f"{python} does not run"
    prefix = os.path.realpath(facts["prefix"])
    lib = os.path.join(prefix, "lib")
    stdlib = os.path.join(lib, "python" + facts["version"])
    if facts["prefix"] != facts["base_prefix"]:
        return None, f"{python} is a venv"
    if {os.path.realpath(facts["stdlib"]), os.path.realpath(facts["platstdlib"])} != {stdlib}:
        return None, f"stdlib {facts['stdlib']} is not {stdlib}"
    stdlib_copy = os.path.join(copy, "lib", os.path.basename(stdlib))
    os.makedirs(os.path.join(copy, "bin"))
    os.makedirs(os.path.join(stdlib_copy, "site-packages"))
    executable = os.path.join(copy, "bin", "python" + facts["version"])
    shutil.copy2(os.path.realpath(facts["executable"]), executable)
    os.symlink(os.path.basename(executable), os.path.join(copy, "bin", "python3"))
    for name in os.listdir(lib):
        if name != os.path.basename(stdlib):
            os.symlink(os.path.join(lib, name), os.path.join(copy, "lib", name))
    for name in os.listdir(stdlib):
        if name not in ("site-packages", "EXTERNALLY-MANAGED"):
            os.symlink(os.path.join(stdlib, name), os.path.join(stdlib_copy, name))
    copied = query(executable)
    expected = {"prefix": copy, "base_prefix": copy, "stdlib": stdlib_copy}
    # purelib: C/lib/pythonX.Y/site-packages, or Debian's C/local/lib/pythonX.Y/dist-packages.
    if (copied is None or any(copied[key] != value for key, value in expected.items())
            or not copied["purelib"].startswith(copy + os.sep)):
        return None, f"the copy does not run as its own prefix: {copied}"
    with open(os.path.join(stdlib_copy, "EXTERNALLY-MANAGED"), "w", encoding="utf-8") as stream:
        stream.write(MARKER)
    return executable, ""


class Session:
    def __init__(self, args, workdir):
        self.checks = e2e.Checks()
        self.whlinst = os.path.abspath(args.whlinst)
        self.workdir = workdir
        self.copy = os.path.join(workdir, "copy")
        self.wheel = e2e.make_wheel(
            os.path.join(workdir, f"{PROJECT}-1.0-py3-none-any.whl"), PROJECT, "1.0",
            {f"{PROJECT}/__init__.py": "def main():\n    return 0\n",
             f"{PROJECT}-1.0.dist-info/entry_points.txt": f"[console_scripts]\npep668-probe = {PROJECT}:main\n"})
        self.config = os.path.join(workdir, "whlinst.toml")
        with open(self.config, "w", encoding="utf-8") as stream:
            stream.write("break-system-packages = true\n")

    def check(self, name, ok, detail=""):
        return self.checks.check(name, ok, detail)

    def run(self, python, *args):
        return e2e.run_command([self.whlinst, *args, "--python", python])

    def installed(self, root, version):
        """In either prefix layout: ROOT/lib/pythonX.Y/site-packages and ROOT/bin,
        or Debian's ROOT/local/lib/pythonX.Y/dist-packages and ROOT/local/bin."""
        return any(os.path.isfile(os.path.join(base, "lib", "python" + version, site, PROJECT, "__init__.py"))
                   and os.path.isfile(os.path.join(base, "bin", "pep668-probe"))
                   for base, site in ((root, "site-packages"), (os.path.join(root, "local"), "dist-packages")))

    def check_refused(self, label, python, *args):
        before = snapshot(self.copy)
        result = self.run(python, *args)
        self.check(f"{label}: refused, exit 1, externally-managed-environment and the Error text",
                   result.returncode == 1 and result.stderr.startswith("whlinst: error:")
                   and "externally-managed-environment" in result.stderr
                   and all(line in result.stderr for line in ERROR_LINES)
                   and "Nicht" not in result.stderr, e2e.describe(result))
        differences = diff_snapshots(before, snapshot(self.copy), ("before", "after"))
        self.check(f"{label}: the copy byte-for-byte unchanged", not differences, "; ".join(differences[:4]))

    def check_ran(self, label, result, ok_after):
        self.check(label, result.returncode == 0 and ok_after, e2e.describe(result))

    def test(self, python):
        executable, reason = copy_interpreter(python, self.copy)
        if executable is None:
            print(f"SKIP: cannot copy the interpreter: {reason}")
            return e2e.SKIP
        version = os.path.basename(executable)[len("python"):]
        self.check_refused("install", executable, self.wheel)
        self.check_refused("install --dry-run", executable, self.wheel, "--dry-run")
        prefix = os.path.join(self.workdir, "prefix")
        before = snapshot(self.copy)
        result = self.run(executable, self.wheel, "--prefix", prefix)
        self.check_ran("install --prefix: not concerned", result, self.installed(prefix, version))
        self.check("install --prefix: the copy unchanged", not diff_snapshots(before, snapshot(self.copy)))
        result = self.run(executable, self.wheel, "--break-system-packages")
        self.check_ran("install --break-system-packages: installed into the copy", result,
                       self.installed(self.copy, version))
        self.check_refused("uninstall", executable, "uninstall", PROJECT)
        result = self.run(executable, "uninstall", PROJECT, "--config", self.config)
        self.check_ran("uninstall with break-system-packages = true in the configuration", result,
                       not self.installed(self.copy, version))
        venv = os.path.join(self.workdir, "venv")
        made = e2e.run_command([executable, "-m", "venv", "--without-pip", venv])
        if self.check("a venv made from the copy", made.returncode == 0, e2e.describe(made)):
            venv_python = os.path.join(venv, "bin", "python")
            result = self.run(venv_python, self.wheel)
            self.check_ran("venv from the copy: not externally managed", result, self.installed(venv, version))
            result = self.run(venv_python, "uninstall", PROJECT)
            self.check_ran("venv from the copy: uninstall", result, not self.installed(venv, version))
        return self.checks.finish()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    if e2e.cannot_run(args.whlinst, args.python):
        return e2e.SKIP
    workdir = os.path.realpath(tempfile.mkdtemp(prefix="whlinst-pep668-"))
    try:
        return Session(args, workdir).test(args.python)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
