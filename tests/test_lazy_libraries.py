"""Libraries loaded only by the runs that need them (src/shared_library.h).

A whlinst built with -Dstatic_runtime loads libzip only for an archive that
is not a plain zip file or an entry neither stored nor deflated, and never
libcrypto.so (SHA-256/384/512 linked from libcrypto.a, SHA-3 and BLAKE2b
computed by whlinst). This test shows, on the fixtures of make_fixtures.py:

- with the machine's libraries, which of them each install loads (the
  dynamic loader's own trace, LD_DEBUG=files): none for a plain wheel with
  sha256 rows nor for fixture_sha3_256 and fixture_blake2b, libzip for
  fixture_bzip2, libcrypto.so for none; every install succeeds and passes
  `whlinst verify`;
- with stand-ins that define nothing put first on the library path (an empty
  shared module copied to each soname): the plain wheel still installs, and
  a wheel that needs a missing library is refused with one error line,
  exit 1, the prefix as it was.

  test_lazy_libraries.py --whlinst W --fixtures DIR --stand-in MODULE \\
      [--soname libzip.so.4] [--python P]

Without any --soname (a build that links both libraries) it skips (77).
"""

import argparse
import os
import re
import shutil
import sys

import e2e_support as e2e
from tree_snapshot import snapshot

PLAIN = "fixture_pure-1.0-py3-none-any.whl"
# fixture -> the library (by soname prefix) its install needs, or None
NEEDING = {
    "fixture_bzip2-1.0-py3-none-any.whl": "libzip",
    "fixture_sha3_256-1.0-py3-none-any.whl": None,
    "fixture_blake2b-1.0-py3-none-any.whl": None,
}
# Loaded by no install, whatever the build: OpenSSL's shared library (its
# loading and initialisation cost a small install about 6 ms).
NEVER_LOADED = "libcrypto.so"


def loaded_by_whlinst(trace, exe):
    """Sonames the dynamic loader loaded for `exe` (not for its children,
    such as the target interpreter): its LD_DEBUG=files lines."""
    loaded = set()
    for line in trace.splitlines():
        found = re.search(r"file=(\S+) \[0\];\s+(?:dynamically loaded|needed) by (\S+)", line)
        if found and os.path.basename(found.group(2)) == os.path.basename(exe):
            loaded.add(found.group(1))
    return loaded


def never_loaded(loaded):
    return {soname for soname in loaded if soname.startswith(NEVER_LOADED)}


def install_traced(session, wheel, name):
    prefix = session.new_dir(name)
    result = session.install(prefix, "--no-compile", session.fixture(wheel), env={"LD_DEBUG": "files"})
    return prefix, result


def check_loading(session, sonames):
    exe = session.whlinst.exe
    optional = {soname.split(".so")[0]: soname for soname in sonames}
    prefix, result = install_traced(session, PLAIN, "plain")
    session.check_ran("plain wheel installs", result)
    loaded = loaded_by_whlinst(result.stderr, exe)
    session.check("plain wheel loads no optional library", not loaded & set(sonames), sorted(loaded))
    session.check(f"plain wheel does not load {NEVER_LOADED}", not never_loaded(loaded), sorted(loaded))
    for wheel, library in NEEDING.items():
        prefix, result = install_traced(session, wheel, wheel.split("-")[0])
        session.check_ran(f"{wheel} installs", result)
        verified = session.whlinst.run("verify", "--prefix", prefix)
        session.check_ran(f"{wheel} verifies", verified)
        loaded = loaded_by_whlinst(result.stderr, exe)
        if library in optional:
            session.check(f"{wheel} loads {optional[library]}", optional[library] in loaded, sorted(loaded))
        others = {s for name, s in optional.items() if name != library}
        session.check(f"{wheel} loads nothing else", not loaded & others and not never_loaded(loaded), sorted(loaded))


def check_missing(session, sonames, stand_in):
    """Stand-ins that define nothing, found before the machine's libraries."""
    directory = session.new_dir("stand-ins")
    for soname in sonames:
        shutil.copyfile(stand_in, os.path.join(directory, soname))
    env = {"LD_LIBRARY_PATH": directory}
    prefix = session.new_dir("missing-plain")
    session.check_ran("plain wheel installs without the libraries",
                      session.install(prefix, "--no-compile", session.fixture(PLAIN), env=env))
    for wheel, library in NEEDING.items():
        soname = next((s for s in sonames if library and s.startswith(library + ".so")), None)
        if soname is None:
            continue
        prefix = session.new_dir("missing-" + wheel.split("-")[0])
        before = snapshot(prefix)
        result = session.install(prefix, "--no-compile", session.fixture(wheel), env=env)
        errors = e2e.error_lines(result)
        session.check(f"{wheel} without {soname}: exit 1, one error naming it",
                      result.returncode == 1 and len(errors) == 1 and soname in errors[0], e2e.describe(result))
        session.check_unchanged(f"{wheel} without {soname}: prefix unchanged", prefix, before)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--stand-in", required=True, help="a shared module that defines nothing")
    parser.add_argument("--soname", action="append", default=[])
    parser.add_argument("--python", default=e2e.TARGET_PYTHON)
    args = parser.parse_args(argv)
    if not args.soname:
        print("SKIP: this whlinst links libzip (no library is loaded lazily)")
        return e2e.SKIP
    session = e2e.Session(args.whlinst, args.python, args.fixtures, {})
    check_loading(session, args.soname)
    check_missing(session, args.soname, args.stand_in)
    if session.checks.failed:
        print(f"work directory kept: {session.workdir}")
    else:
        shutil.rmtree(session.workdir, ignore_errors=True)
    return session.checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
