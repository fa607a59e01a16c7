"""Wheels pip installs although they are unusual (issue 12): make_fixtures.py
writes them with the others, and the differential suite compares each with pip.

- Wheel-Version 0.x: older than the specification; pip installs it silently,
  whlinst with a warning (only a newer major version is refused).
- setuptools' own wrappers of entry points in .data/scripts (NAME, NAME.exe,
  NAME-script.py, NAME.pya, easy_install): pip skips them and generates the
  entry-point scripts, keeping their RECORD rows as the wheel has them; it
  installs the look-alikes it does not match (NAME-script.pyw,
  NAME.exe.manifest, a different case).
- entries made on Windows (zip "made by" MS-DOS) whose external attributes
  carry a Unix mode: pip gives 0o100777 and 0o100755 the executable bit.
"""

from __future__ import annotations

from typing import Callable, List

import make_fixtures as mf

WINDOWS_ARCHIVE_BIT = 0x20


def wheel_version_0() -> mf.Wheel:
    """Wheel-Version: 0.1 (pip installs it; the specification refuses only newer majors)."""
    name = "fixture_wheelversion0"
    wheel = mf.Wheel(name, "1.0", mf.simple_metadata(name, "1.0"),
                     [mf.module(f"{name}/__init__.py")])
    wheel.wheel_version = "0.1"
    return wheel


def setuptools_wrappers() -> mf.Wheel:
    """Entry points and setuptools' wrappers of them in .data/scripts."""
    pkg = "fixture_wrappers"
    data = f"{pkg}-1.0.data/scripts"
    wrapper = "#!python\n# setuptools wrapper\nimport sys\nfrom fixture_wrappers import main\nsys.exit(main())\n"
    sections = {
        "console_scripts": [f"fxwrap = {pkg}:main", f"easy_install = {pkg}:main"],
        "gui_scripts": [f"fxwrapgui = {pkg}:main"],
    }
    payload = [
        mf.file(f"{pkg}/__init__.py", "def main():\n    return 0\n"),
        mf.executable(f"{data}/fxwrap", wrapper),
        mf.executable(f"{data}/easy_install", wrapper),
        mf.file(f"{data}/fxwrap-script.py", wrapper),
        mf.file(f"{data}/fxwrap.exe", b"MZ\x90\x00 launcher stand-in\x00"),
        mf.file(f"{data}/fxwrapgui.EXE", b"MZ\x90\x00 gui launcher stand-in\x00"),
        mf.file(f"{data}/fxwrapgui.pya", wrapper),
        # Not matched by pip's rule: installed.
        mf.file(f"{data}/fxwrapgui-script.pyw", wrapper),
        mf.file(f"{data}/fxwrap.exe.manifest", "<assembly/>\n"),
        mf.executable(f"{data}/FXWRAP", "#!/bin/sh\necho case differs\n"),
        mf.executable(f"{data}/fxwrap-tool", "#!python\nprint('a script of its own')\n"),
    ]
    return mf.Wheel(pkg, "1.0", mf.simple_metadata(pkg, "1.0"), payload,
                    dist_info_extra=[mf.entry_points_txt(sections)])


def windows_made() -> mf.Wheel:
    """Entries made by MS-DOS tools with a Unix mode in the external attributes."""
    pkg = "fixture_windowsmade"
    data = f"{pkg}-1.0.data/scripts"

    def dos(path: str, content, mode: int) -> mf.Entry:
        return mf.raw_attr(path, content, (mode << 16) | WINDOWS_ARCHIVE_BIT, mf.MSDOS)

    payload = [
        mf.module(f"{pkg}/__init__.py"),
        dos(f"{pkg}/tool.sh", "#!/bin/sh\ntrue\r\n", 0o100755),
        dos(f"{pkg}/plain.txt", "mode 0o100644 from MS-DOS\r\n", 0o100644),
        dos(f"{data}/fxwin", "#!python\nprint('made on Windows')\r\n", 0o100777),
        dos(f"{data}/fxwin-plain", "#!python\nprint('no executable bit')\r\n", 0o100666),
        dos(f"{data}/fxwin-nomode", "#!/bin/sh\ntrue\r\n", 0),
        dos(f"{data}/fxwin-dirtype", "#!/bin/sh\ntrue\r\n", 0o040777),
    ]
    return mf.Wheel(pkg, "1.0", mf.simple_metadata(pkg, "1.0"), payload)


DROPIN_FIXTURES: List[Callable[[], mf.Wheel]] = [wheel_version_0, setuptools_wrappers, windows_made]
