"""Libraries loaded only by the runs that need them (src/shared_library.h).

A whlinst built with -Dstatic_runtime loads libzip only for an archive that
is not a plain zip file or an entry neither stored, deflated nor compressed
with bzip2, libbz2 (unless linked from its static archive) only for bzip2
entries, and never libcrypto.so (SHA-256/384/512 linked from libcrypto.a,
SHA-3 and BLAKE2b computed by whlinst). This test shows, on the fixtures of make_fixtures.py and one wheel
it makes:

- with the machine's libraries, which of them each install loads (the
  dynamic loader's own trace, LD_DEBUG=files): none for a plain wheel with
  sha256 rows nor for fixture_sha3_256 and fixture_blake2b, libbz2 and not
  libzip for fixture_bzip2, libzip for the plain wheel copied with an
  Info-ZIP Unicode path field on each entry (not a plain zip file: only
  libzip lists it), libcrypto.so for none; every install succeeds and
  passes `whlinst verify`;
- with stand-ins that define nothing put first on the library path (an empty
  shared module copied to each soname): the plain wheel still installs, and
  a wheel that needs a missing library is refused with one error line,
  exit 1, the prefix as it was.

  test_lazy_libraries.py --whlinst W --fixtures DIR --stand-in MODULE \\
      [--soname libzip.so.4 --soname libbz2.so.1.0] [--python P]

Without any --soname (a build that links every such library) it skips (77).
"""

import argparse
import os
import re
import shutil
import struct
import sys
import zipfile
import zlib

import e2e_support as e2e
from tree_snapshot import snapshot

PLAIN = "fixture_pure-1.0-py3-none-any.whl"
# fixture -> the library (by soname prefix) its install needs, or None
NEEDING = {
    "fixture_bzip2-1.0-py3-none-any.whl": "libbz2",
    "fixture_sha3_256-1.0-py3-none-any.whl": None,
    "fixture_blake2b-1.0-py3-none-any.whl": None,
}
# Loaded by no install, whatever the build: OpenSSL's shared library (its
# loading and initialisation cost a small install about 6 ms).
NEVER_LOADED = "libcrypto.so"
UNICODE_PATH_FIELD = 0x7075  # Info-ZIP Unicode path extra field (APPNOTE.TXT 4.6.9)


def not_plain_wheel(session):
    """PLAIN, each entry given an Info-ZIP Unicode path field holding its own
    name: a valid archive that src/plain_zip.h leaves to libzip."""
    path = os.path.join(session.new_dir("not-plain-wheel"), PLAIN)
    with zipfile.ZipFile(session.fixture(PLAIN)) as source, zipfile.ZipFile(path, "w") as copy:
        for info in source.infolist():
            name = info.filename.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.external_attr = info.external_attr
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.extra = struct.pack("<HHBI", UNICODE_PATH_FIELD, 5 + len(name), 1, zlib.crc32(name)) + name
            copy.writestr(entry, source.read(info))
    return path


def wheels_needing(session):
    """(label, wheel, the library its install needs by soname prefix, or None)."""
    needing = [(wheel.split("-")[0], session.fixture(wheel), library) for wheel, library in NEEDING.items()]
    return needing + [("not-plain", not_plain_wheel(session), "libzip")]


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
    result = session.install(prefix, "--no-compile", wheel, env={"LD_DEBUG": "files"})
    return prefix, result


def check_loading(session, sonames, needing):
    exe = session.whlinst.exe
    optional = {soname.split(".so")[0]: soname for soname in sonames}
    prefix, result = install_traced(session, session.fixture(PLAIN), "plain")
    session.check_ran("plain wheel installs", result)
    loaded = loaded_by_whlinst(result.stderr, exe)
    session.check("plain wheel loads no optional library", not loaded & set(sonames), sorted(loaded))
    session.check(f"plain wheel does not load {NEVER_LOADED}", not never_loaded(loaded), sorted(loaded))
    for label, wheel, library in needing:
        prefix, result = install_traced(session, wheel, label)
        session.check_ran(f"{label} installs", result)
        verified = session.whlinst.run("verify", "--prefix", prefix)
        session.check_ran(f"{label} verifies", verified)
        loaded = loaded_by_whlinst(result.stderr, exe)
        if library in optional:
            session.check(f"{label} loads {optional[library]}", optional[library] in loaded, sorted(loaded))
        others = sorted(s for name, s in optional.items() if name != library)
        session.check(f"{label} loads none of {', '.join(others + [NEVER_LOADED])}",
                      not loaded & set(others) and not never_loaded(loaded), sorted(loaded))


def check_missing(session, sonames, stand_in, needing):
    """Stand-ins that define nothing, found before the machine's libraries."""
    directory = session.new_dir("stand-ins")
    for soname in sonames:
        shutil.copyfile(stand_in, os.path.join(directory, soname))
    env = {"LD_LIBRARY_PATH": directory}
    prefix = session.new_dir("missing-plain")
    session.check_ran("plain wheel installs without the libraries",
                      session.install(prefix, "--no-compile", session.fixture(PLAIN), env=env))
    for label, wheel, library in needing:
        soname = next((s for s in sonames if library and s.startswith(library + ".so")), None)
        if soname is None:
            continue
        prefix = session.new_dir("missing-" + label)
        before = snapshot(prefix)
        result = session.install(prefix, "--no-compile", wheel, env=env)
        errors = e2e.error_lines(result)
        session.check(f"{label} without {soname}: exit 1, one error naming it",
                      result.returncode == 1 and len(errors) == 1 and soname in errors[0], e2e.describe(result))
        session.check_unchanged(f"{label} without {soname}: prefix unchanged", prefix, before)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--stand-in", required=True, help="a shared module that defines nothing")
    parser.add_argument("--soname", action="append", default=[])
    parser.add_argument("--python", default=e2e.TARGET_PYTHON)
    args = parser.parse_args(argv)
    if not args.soname:
        print("SKIP: this whlinst links libzip and libbz2 (no library is loaded lazily)")
        return e2e.SKIP
    session = e2e.Session(args.whlinst, args.python, args.fixtures, {})
    needing = wheels_needing(session)
    check_loading(session, args.soname, needing)
    check_missing(session, args.soname, args.stand_in, needing)
    if session.checks.failed:
        print(f"work directory kept: {session.workdir}")
    else:
        shutil.rmtree(session.workdir, ignore_errors=True)
    return session.checks.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
