#!/usr/bin/env python3
"""Wheels for the lock file tests (tests/test_lock.py, docs/design.md
"Lock files"); the tests write the pylock.toml files themselves.

  lockfix_mNN-1.0   twenty members of an environment (NN = 00..19), each a
                    package of 12 modules of 8 KiB; lockfix_m00 has a
                    console script `lockfix-m00`.
  lockfix_mNN-0.9   the first ten at an older version (a sync replaces them).
  lockfix_old-1.0   a project a sync removes (not in the locks).
  lockfix_bad-1.0   a valid zip whose last module's bytes do not match its
                    RECORD hash: it fails while the set is being installed.
  lockfix_tags-1.0  three wheels of one version: py3-none-any, PYTAG-none-any
                    and cp27-cp27mu-manylinux1_x86_64; the module says which
                    (VARIANT = "any", "python", "cp27").
  lockfix_extra, lockfix_group, lockfix_found, lockfix_url   one package each.

Usage: make_lock_fixtures.py OUTDIR [--python-tag cp311]
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402
from make_hardening_fixtures import noise  # noqa: E402

MEMBERS = 20
OLDER = 10


def member(index: int, version: str) -> mf.Wheel:
    name = f"lockfix_m{index:02}"
    payload = [mf.file(f"{name}/__init__.py", f"VERSION = {version!r}\n")]
    payload += [mf.file(f"{name}/m{i:02}.py", noise(f"{name}:{version}:{i}", 8192)) for i in range(12)]
    extra = []
    if index == 0:
        extra = [mf.entry_points_txt({"console_scripts": [f"lockfix-m00 = {name}:main"]})]
        payload[0] = mf.file(f"{name}/__init__.py", f"VERSION = {version!r}\n\ndef main():\n    print(VERSION)\n")
    return mf.Wheel(name, version, mf.simple_metadata(name, version), payload, dist_info_extra=extra)


def bad() -> mf.Wheel:
    return mf.Wheel("lockfix_bad", "1.0", mf.simple_metadata("lockfix_bad", "1.0"),
                    [mf.module("lockfix_bad/__init__.py"), mf.file("lockfix_bad/last.py", "X = 1\n")])


def write_bad(outdir: str) -> None:
    """lockfix_bad's RECORD is written for other bytes of its last module."""
    wheel = bad()
    entries = [mf.Entry(e.path, b"X = 2\n", e.external_attr, e.create_system) if e.path.endswith("last.py") else e
               for e in mf.wheel_entries(wheel)]
    mf.write_zip(os.path.join(outdir, wheel.filename), entries)


def tagged(variant: str, tags: str) -> mf.Wheel:
    name = "lockfix_tags"
    return mf.Wheel(name, "1.0", mf.simple_metadata(name, "1.0"),
                    [mf.file(f"{name}/__init__.py", f"VARIANT = {variant!r}\n")], tags=tags)


def wheels(python_tag: str):
    result = [member(i, "1.0") for i in range(MEMBERS)]
    result += [member(i, "0.9") for i in range(OLDER)]
    result += [mf.one_package(name) for name in ("lockfix_old", "lockfix_extra", "lockfix_group",
                                                 "lockfix_found", "lockfix_url")]
    result += [tagged("any", "py3-none-any"), tagged("python", f"{python_tag}-none-any"),
               tagged("cp27", "cp27-cp27mu-manylinux1_x86_64")]
    return result


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--python-tag", default=f"cp{sys.version_info[0]}{sys.version_info[1]}")
    args = parser.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    written = wheels(args.python_tag)
    for wheel in written:
        mf.write_wheel(args.outdir, wheel)
    write_bad(args.outdir)
    print(f"{len(written) + 1} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
