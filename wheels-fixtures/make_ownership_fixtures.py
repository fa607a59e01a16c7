#!/usr/bin/env python3
"""Write the wheels of tests/test_ownership.py (issue 11, file ownership
across installed projects) into OUTDIR.

owner_a-1.0   sharedns/__init__.py and share/owned/common.txt (bytes shared
              with owner_b), clash/__init__.py, a console script `clashtool`.
owner_b-1.0   the same bytes of sharedns/__init__.py and common.txt: accepted.
owner_b-2.0   drops sharedns/__init__.py: the upgrade must keep it (owner_a
              lists it).
owner_c-1.0   clash/__init__.py with other bytes: refused, or with --overwrite
              replaced with a warning.
owner_d-1.0   a console script `clashtool` running another function: refused.
owner_e-1.0   a .data/scripts file over owner_a's generated `clashtool`.

Usage: make_ownership_fixtures.py OUTDIR   (prints the count of wheels)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

SHARED_INIT = "# a namespace package's __init__.py, shipped by several projects\n"
SHARED_DATA = "data shipped by two projects\n"


def shared_files(name, version):
    return [mf.file("sharedns/__init__.py", SHARED_INIT),
            mf.file(f"{name}-{version}.data/data/share/owned/common.txt", SHARED_DATA)]


def wheel(name, version, payload, extra=()):
    return mf.Wheel(name, version, mf.simple_metadata(name, version),
                    [mf.module(f"{name}/__init__.py")] + payload, dist_info_extra=list(extra))


def console(script, target):
    return mf.entry_points_txt({"console_scripts": [f"{script} = {target}"]})


def fixtures():
    return [
        wheel("owner_a", "1.0", shared_files("owner_a", "1.0") + [
            mf.module("sharedns/a.py"), mf.file("clash/__init__.py", "OWNER = 'a'\n")],
            [console("clashtool", "owner_a:main")]),
        wheel("owner_b", "1.0", shared_files("owner_b", "1.0") + [mf.module("sharedns/b.py")]),
        wheel("owner_b", "2.0", [mf.file("owner_b-2.0.data/data/share/owned/common.txt", SHARED_DATA),
                                 mf.module("sharedns/b.py")]),
        wheel("owner_c", "1.0", [mf.file("clash/__init__.py", "OWNER = 'c'\n")]),
        wheel("owner_d", "1.0", [], [console("clashtool", "owner_d:main")]),
        wheel("owner_e", "1.0", [mf.executable("owner_e-1.0.data/scripts/clashtool", "#!/bin/sh\necho e\n")]),
    ]


if __name__ == "__main__":
    sys.exit(mf.write_set_main(sys.argv[1:], fixtures(), __doc__))
