#!/usr/bin/env python3
"""Wheels for the set tests (docs/design.md, "Sets"): twelve projects
setfix_00 ... setfix_11, each a package of 20 modules of 8 KiB (long enough
to kill an install of all twelve at many moments), and setfix_bad, whose
last module's bytes do not match its RECORD hash (the set must then install
nothing).

Usage: make_set_fixtures.py OUTDIR   (prints the count of wheels)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402
from make_hardening_fixtures import noise  # noqa: E402

COUNT = 12


def member(index: int) -> mf.Wheel:
    name = f"setfix_{index:02}"
    payload = [mf.module(f"{name}/__init__.py")]
    payload += [mf.file(f"{name}/m{i:02}.py", noise(f"{name}:{i}", 8192)) for i in range(20)]
    return mf.Wheel(name, "1.0", mf.simple_metadata(name, "1.0"), payload)


def write_bad(outdir: str) -> None:
    """setfix_bad: its RECORD written for other bytes of its last module."""
    wheel = mf.Wheel("setfix_bad", "1.0", mf.simple_metadata("setfix_bad", "1.0"),
                     [mf.module("setfix_bad/__init__.py"), mf.file("setfix_bad/last.py", "X = 1\n")])
    entries = mf.wheel_entries(wheel)
    entries = [mf.Entry(e.path, b"X = 2\n", e.external_attr, e.create_system) if e.path.endswith("last.py") else e
               for e in entries]
    mf.write_zip(os.path.join(outdir, wheel.filename), entries)


def main(argv):
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    os.makedirs(argv[0], exist_ok=True)
    for index in range(COUNT):
        mf.write_wheel(argv[0], member(index))
    write_bad(argv[0])
    print(f"{COUNT + 1} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
