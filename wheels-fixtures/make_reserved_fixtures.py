#!/usr/bin/env python3
"""Write the wheels of tests/test_reserved_scripts.py (issue 11) into OUTDIR.

Refused, each installing a script that would replace the environment's
interpreter (src/reserved_scripts.h states the rule):
reserved_console-1.0   console_scripts entry point python3 (and an ordinary one)
reserved_gui-1.0       gui_scripts entry point pythonw
reserved_data-1.0      .data/scripts/python3.11t, a "#!python" script
reserved_exe-1.0       .data/scripts/PyPy3.EXE (case and .exe ignored)
reserved_bindata-1.0   .data/data/bin/python, the scripts directory by another way
Installed with a warning per script, named like a venv's activation scripts:
reserved_activate-1.0  .data/scripts/activate and Activate.ps1, console_scripts
                       entry point deactivate
Installed without a warning, names close to reserved ones:
reserved_ordinary-1.0  python3-config, python2, activate-global-python-argcomplete,
                       .data/scripts/sub/python3 (not directly in the scripts directory)

Usage: make_reserved_fixtures.py OUTDIR   (prints the count of wheels)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

MAIN = "def main():\n    return 0\n"


def wheel(name, scripts=(), entry_points=None):
    """NAME 1.0: package NAME, .data/scripts files {name: (content, mode)}."""
    payload = [mf.file(f"{name}/__init__.py", MAIN)]
    payload += [mf.file(f"{name}-1.0.data/{path}", content, mode) for path, (content, mode) in scripts]
    extra = [mf.entry_points_txt(entry_points)] if entry_points else []
    return mf.Wheel(name, "1.0", mf.simple_metadata(name, "1.0"), payload, dist_info_extra=extra)


def all_wheels():
    shell = ("#!/bin/sh\necho from a wheel\n", mf.MODE_EXEC)
    return [
        wheel("reserved_console",
              entry_points={"console_scripts": ["rc-tool = reserved_console:main",
                                                "python3 = reserved_console:main"]}),
        wheel("reserved_gui", entry_points={"gui_scripts": ["pythonw = reserved_gui:main"]}),
        wheel("reserved_data", [("scripts/python3.11t", ("#!python\nprint('not python')\n", mf.MODE_EXEC))]),
        wheel("reserved_exe", [("scripts/PyPy3.EXE", (b"MZ\x90\x00 not an interpreter\x00", mf.MODE_FILE))]),
        wheel("reserved_bindata", [("data/bin/python", shell)]),
        wheel("reserved_activate",
              [("scripts/activate", ("# sourced: not a venv's activate\n", mf.MODE_FILE)),
               ("scripts/Activate.ps1", ("Write-Output 'not a venv activation'\n", mf.MODE_FILE))],
              {"console_scripts": ["deactivate = reserved_activate:main"]}),
        wheel("reserved_ordinary",
              [("scripts/python3-config", shell), ("scripts/sub/python3", shell)],
              {"console_scripts": ["python2 = reserved_ordinary:main",
                                   "activate-global-python-argcomplete = reserved_ordinary:main"]}),
    ]


if __name__ == "__main__":
    sys.exit(mf.write_set_main(sys.argv[1:], all_wheels(), __doc__))
