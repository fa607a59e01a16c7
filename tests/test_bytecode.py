#!/usr/bin/env python3
"""Byte-compilation across interpreters (issue 4).

For every CPython 3 interpreter found (pyenv versions and /usr/bin/python3.N on this machine, or
--python given several times), install a few wheels with whlinst, with the
default invalidation mode and with SOURCE_DATE_EPOCH (checked-hash), and
check, by running that interpreter, that every installed .py file has a pyc
at importlib.util.cache_from_source(path) that the interpreter accepts as
is: its own magic number, and a header matching the source (mtime and size
for timestamp pyc, the source hash for hash-based pyc), so an import would
not rewrite it; that the pyc's code names the installed path; and that
RECORD lists every pyc. A Python 2 interpreter must be refused unless
--no-compile. Prints one line per check and `N passed, M failed`.
"""

import argparse
import glob
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_support as e2e  # noqa: E402

CHECKER = r'''
import importlib.util, marshal, os, sys
site, mode = sys.argv[1], sys.argv[2]
if not hasattr(importlib.util, "source_hash"):  # before 3.7: timestamp pyc only
    mode = "timestamp"
problems, count = [], 0
for directory, _, files in os.walk(site):
    if "__pycache__" in directory or ".dist-info" in directory or ".whlinst" in directory:
        continue
    for name in files:
        if not name.endswith(".py"):
            continue
        source = os.path.join(directory, name)
        if "nocompile" in source or "template" in name:
            continue
        pyc = importlib.util.cache_from_source(source)
        if not os.path.exists(pyc):
            problems.append("no pyc for " + source)
            continue
        count += 1
        data = open(pyc, "rb").read()
        if data[:4] != importlib.util.MAGIC_NUMBER:
            problems.append("foreign magic number: " + pyc)
            continue
        raw = open(source, "rb").read()
        if not hasattr(importlib.util, "source_hash"):  # 3.6: magic, mtime, size
            data = data[:4] + bytes(4) + data[4:]
        flags = int.from_bytes(data[4:8], "little")
        if flags & 1:
            if mode != "hash":
                problems.append("hash-based pyc in timestamp mode: " + pyc)
            if data[8:16] != importlib.util.source_hash(raw):
                problems.append("source hash differs: " + pyc)
        else:
            if mode != "timestamp":
                problems.append("timestamp pyc with SOURCE_DATE_EPOCH: " + pyc)
            st = os.stat(source)
            if int.from_bytes(data[8:12], "little") != int(st.st_mtime) & 0xFFFFFFFF:
                problems.append("mtime differs: " + pyc)
            if int.from_bytes(data[12:16], "little") != st.st_size & 0xFFFFFFFF:
                problems.append("size differs: " + pyc)
        code = marshal.loads(data[16:])
        if code.co_filename != source:
            problems.append("code names %s, not %s" % (code.co_filename, source))
print(count)
for problem in problems[:20]:
    print(problem)
sys.exit(1 if problems else 0)
'''


def interpreters(given):
    if given:
        return given
    found = glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3"))
    found += glob.glob("/usr/bin/python3.[0-9]*") + glob.glob("/usr/local/bin/python3.[0-9]*")
    found = [path for path in found if re.fullmatch(r"python3(\.\d+)?", os.path.basename(path))]
    unique = {}
    for path in sorted(found):
        if os.access(path, os.X_OK):
            unique.setdefault(os.path.realpath(path), path)
    return sorted(unique.values())


def unlisted_pycs(prefix, site):
    """The pyc files under prefix no RECORD in site lists."""
    listed = e2e.listed_files(prefix, site)
    return sorted(path for path in e2e.files_under(prefix) if path.endswith(".pyc") and path not in listed)


def check_interpreter(checks, whlinst, python, wheels, work):
    version = e2e.run_command([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).stdout.strip()
    version += " (%s)" % python
    for mode, extra_env in (("timestamp", {}), ("hash", {"SOURCE_DATE_EPOCH": "1600000000"})):
        label = "python %s, %s" % (version, mode)
        prefix = os.path.join(work, re.sub(r"\W+", "_", python) + "-" + mode)  # one per interpreter
        result = e2e.run_command([whlinst, *wheels, "--prefix", prefix, "--python", python, "-j", "2"], extra_env)
        if not checks.check(label + ": install exits 0", result.returncode == 0, result.stderr):
            continue
        site = e2e.site_packages(prefix) or prefix
        verdict = e2e.run_command([python, "-c", CHECKER, site, mode])
        checks.check(label + ": every pyc valid for the interpreter (%s files)" % verdict.stdout.split("\n")[0],
                     verdict.returncode == 0, verdict.stdout + verdict.stderr)
        unlisted = unlisted_pycs(prefix, site)
        checks.check(label + ": RECORD lists every pyc", not unlisted, ", ".join(unlisted[:5]))


def check_python2(checks, whlinst, wheel, work):
    candidates = glob.glob(os.path.expanduser("~/.pyenv/versions/2.7*/bin/python")) + ["/usr/bin/python2.7"]
    python2 = next((path for path in candidates if os.access(path, os.X_OK)), None)
    if python2 is None:
        return
    prefix = os.path.join(work, "py2")
    result = e2e.run_command([whlinst, wheel, "--prefix", prefix, "--python", python2])
    checks.check("python 2.7: compiling is refused with one error line",
                 result.returncode == 1 and "--no-compile" in result.stderr
                 and len(result.stderr.splitlines()) == 1, result.stderr)
    checks.check("python 2.7: refused install leaves nothing", not os.path.exists(prefix))
    result = e2e.run_command([whlinst, wheel, "--prefix", prefix, "--python", python2, "--no-compile"])
    checks.check("python 2.7: --no-compile installs", result.returncode == 0, result.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--python", action="append", default=[])
    args = parser.parse_args()
    names = ["fixture_pure-1.0-py3-none-any.whl", "fixture_many-1.0-py3-none-any.whl",
             "fixture_alldata-1.0-py3-none-any.whl", "fixture_nocompile-1.0-py3-none-any.whl"]
    wheels = [os.path.join(args.fixtures, name) for name in names]
    pythons = interpreters(args.python)
    if not pythons or not all(os.path.exists(wheel) for wheel in wheels):
        print("no interpreter or fixtures: skipped")
        return 77
    checks = e2e.Checks()
    work = tempfile.mkdtemp(prefix="whlinst-bytecode-")
    try:
        for python in pythons:
            check_interpreter(checks, args.whlinst, python, wheels, work)
        check_python2(checks, args.whlinst, os.path.join(args.fixtures, "fixture_multitag-1.0-py2.py3-none-any.whl"), work)
    finally:
        if checks.failed == 0:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("work directory kept: " + work)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
