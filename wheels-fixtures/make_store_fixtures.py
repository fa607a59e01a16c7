#!/usr/bin/env python3
"""Write a --find-links wheel store into OUTDIR, for the requirement tests
(tests/test_requirements.py): several versions and tags of one project,
projects with Requires-Dist markers, extras and dependency chains.

TAG is the target interpreter's best CPython tag (e.g. cp311): storepkg 2.0
exists as py3-none-any and as TAG-TAG-linux_x86_64 (better for the target);
each wheel's module records which one it is (storepkg.WHICH).

  storepkg    1.0, 1.5, 2.0 (py3 and TAG), 2.1 (cp39 on win_amd64 only), 3.0b1
  app 1.0     Requires-Dist: libdep>=1.1; winonly; sys_platform == "win32";
              extradep; extra == "extra1"; leaf ; python_version < "3"
  libdep      1.0, 1.2 (Requires-Dist: leaf>=1)
  leaf 1.0, extradep 1.0, winonly 1.0
  brokenapp   Requires-Dist: missingdep>=1; libdep>=5
  modern      1.0, 2.0 (Requires-Python: >=99)

Usage: make_store_fixtures.py OUTDIR TAG    write the wheels, print their count
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402


def package(name, version, *headers, tags="py3-none-any", which=None):
    payload = [mf.file(f"{name}/__init__.py", f'VERSION = {version!r}\nWHICH = {(which or tags)!r}\n')]
    return mf.Wheel(name, version, mf.simple_metadata(name, version, *headers), payload, tags=tags)


def store(tag):
    platform = "linux_x86_64"
    return [
        package("storepkg", "1.0"),
        package("storepkg", "1.5"),
        package("storepkg", "2.0"),
        package("storepkg", "2.0", tags=f"{tag}-{tag}-{platform}"),
        package("storepkg", "2.1", tags="cp39-cp39-win_amd64"),
        package("storepkg", "3.0b1"),
        package("app", "1.0", "Requires-Dist: libdep>=1.1",
                'Requires-Dist: winonly; sys_platform == "win32"',
                'Requires-Dist: extradep; extra == "extra1"',
                'Requires-Dist: leaf ; python_version < "3"',
                "Provides-Extra: extra1"),
        package("libdep", "1.0"),
        package("libdep", "1.2", "Requires-Dist: leaf>=1"),
        package("leaf", "1.0"),
        package("extradep", "1.0"),
        package("winonly", "1.0"),
        package("brokenapp", "1.0", "Requires-Dist: missingdep>=1", "Requires-Dist: libdep>=5"),
        package("modern", "1.0"),
        package("modern", "2.0", "Requires-Python: >=99"),
    ]


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    outdir, tag = argv
    os.makedirs(outdir, exist_ok=True)
    wheels = store(tag)
    for wheel in wheels:
        mf.write_wheel(outdir, wheel)
    print(len(wheels))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
