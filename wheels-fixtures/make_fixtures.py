#!/usr/bin/env python3
"""Write whlinst's synthetic test wheels into OUTDIR, deterministically.

Each wheel is valid and exercises something an installer must handle exactly as
pip does (see README.md for the list).  Same bytes on every run with the same
Python and zlib: fixed timestamps, fixed entry order, fixed attributes.

Usage: make_fixtures.py OUTDIR      write the wheels, print their count
       make_fixtures.py --list      print the wheel file names, write nothing
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import itertools
import os
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

ZIP_DATE = (1980, 1, 2, 0, 0, 0)
UNIX = 3
MSDOS = 0
MODE_FILE = 0o100644
MODE_EXEC = 0o100755
MODE_DIR = 0o040755
MSDOS_DIR_FLAG = 0x10


# ---------------------------------------------------------------- wheel writer


@dataclass(frozen=True)
class Entry:
    """One zip member: its name, bytes and external attributes."""

    path: str
    data: bytes = b""
    external_attr: int = MODE_FILE << 16
    create_system: int = UNIX

    @property
    def is_dir(self) -> bool:
        return self.path.endswith("/")


def as_bytes(content) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def file(path: str, content="", mode: int = MODE_FILE) -> Entry:
    return Entry(path, as_bytes(content), mode << 16)


def executable(path: str, content="") -> Entry:
    return file(path, content, MODE_EXEC)


def raw_attr(path: str, content, external_attr: int, create_system: int = UNIX) -> Entry:
    """An entry whose external_attr is given as is (e.g. 0, as Windows tools write)."""
    return Entry(path, as_bytes(content), external_attr, create_system)


def directory(path: str) -> Entry:
    return Entry(path.rstrip("/") + "/", b"", (MODE_DIR << 16) | MSDOS_DIR_FLAG)


def module(path: str, name: Optional[str] = None) -> Entry:
    """A small importable .py file that names itself."""
    name = name or path
    return file(path, f'"""Fixture module {name}."""\n\nNAME = {name!r}\n')


@dataclass
class Wheel:
    """A wheel to write.  dist_name is the name as it appears in the file name and
    in the .dist-info and .data directory names (already escaped, or not)."""

    dist_name: str
    version: str
    metadata: str
    payload: List[Entry]
    tags: str = "py3-none-any"
    build: Optional[str] = None
    root_is_purelib: bool = True
    dist_info_extra: List[Entry] = field(default_factory=list)
    hash_name: str = "sha256"
    record_line_end: str = "\n"
    quote_record_paths: bool = False
    generator: str = "whlinst-fixtures (make_fixtures.py)"
    wheel_version: str = "1.0"
    # Written after RECORD in the .dist-info, without RECORD rows (signatures).
    unrecorded_dist_info: List[Entry] = field(default_factory=list)
    # Paths whose RECORD row has a hash but an empty size field.
    sizeless: List[str] = field(default_factory=list)
    # How the files are compressed (zipfile.ZIP_DEFLATED, ZIP_BZIP2...).
    compression: int = zipfile.ZIP_DEFLATED

    @property
    def filename(self) -> str:
        parts = [self.dist_name, self.version]
        if self.build:
            parts.append(self.build)
        return "-".join(parts + [self.tags]) + ".whl"

    @property
    def dist_info(self) -> str:
        return f"{self.dist_name}-{self.version}.dist-info"


def expand_tags(tags: str) -> List[str]:
    """'py2.py3-none-any' -> ['py2-none-any', 'py3-none-any'] (compressed tag sets)."""
    py, abi, plat = (part.split(".") for part in tags.split("-"))
    return ["-".join(combo) for combo in itertools.product(py, abi, plat)]


def wheel_file_text(wheel: Wheel) -> str:
    lines = [
        f"Wheel-Version: {wheel.wheel_version}",
        f"Generator: {wheel.generator}",
        f"Root-Is-Purelib: {'true' if wheel.root_is_purelib else 'false'}",
    ]
    if wheel.build:
        lines.append(f"Build: {wheel.build}")
    lines += [f"Tag: {tag}" for tag in expand_tags(wheel.tags)]
    return "\n".join(lines) + "\n\n"


def record_hash(name: str, data: bytes) -> str:
    digest = hashlib.new(name, data).digest()
    return name + "=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def record_path(path: str, always_quote: bool) -> str:
    """CSV field for a path: quoted when needed (comma, quote) or when asked."""
    if always_quote or any(c in path for c in ',"\r\n'):
        return '"' + path.replace('"', '""') + '"'
    return path


def record_text(wheel: Wheel, entries: List[Entry]) -> str:
    rows = [
        ",".join(
            [
                record_path(e.path, wheel.quote_record_paths),
                record_hash(wheel.hash_name, e.data),
                "" if e.path in wheel.sizeless else str(len(e.data)),
            ]
        )
        for e in entries
        if not e.is_dir
    ]
    rows.append(f"{wheel.dist_info}/RECORD,,")
    return "".join(row + wheel.record_line_end for row in rows)


def wheel_entries(wheel: Wheel) -> List[Entry]:
    """Payload sorted by name, then dist-info (sorted), RECORD, then the
    dist-info files RECORD does not list."""
    dist_info = [
        file(f"{wheel.dist_info}/METADATA", wheel.metadata),
        file(f"{wheel.dist_info}/WHEEL", wheel_file_text(wheel)),
    ]
    dist_info += [
        Entry(f"{wheel.dist_info}/{e.path}", e.data, e.external_attr, e.create_system)
        for e in wheel.dist_info_extra
    ]
    entries = sorted(wheel.payload, key=lambda e: e.path)
    entries += sorted(dist_info, key=lambda e: e.path)
    record = file(f"{wheel.dist_info}/RECORD", record_text(wheel, entries))
    unrecorded = [Entry(f"{wheel.dist_info}/{e.path}", e.data, e.external_attr, e.create_system)
                  for e in wheel.unrecorded_dist_info]
    return entries + [record] + unrecorded


def write_zip(path: str, entries: List[Entry], compression: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.path, ZIP_DATE)
            info.external_attr = entry.external_attr
            info.create_system = entry.create_system
            if entry.is_dir:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, b"")
            else:
                info.compress_type = compression
                archive.writestr(info, entry.data, compresslevel=9)


def write_wheel(outdir: str, wheel: Wheel) -> None:
    """Write atomically: a temporary file in OUTDIR renamed to the wheel's name."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".whl", dir=outdir)
    os.close(fd)
    try:
        write_zip(tmp, wheel_entries(wheel), wheel.compression)
        os.chmod(tmp, 0o644)
        os.replace(tmp, os.path.join(outdir, wheel.filename))
    except BaseException:
        os.unlink(tmp)
        raise


def write_set_main(argv: List[str], wheels: List[Wheel], usage: str) -> int:
    """The main() of a fixture script taking one argument, OUTDIR: writes
    `wheels` there and says how many."""
    if len(argv) != 1:
        print(usage, file=sys.stderr)
        return 2
    os.makedirs(argv[0], exist_ok=True)
    for wheel in wheels:
        write_wheel(argv[0], wheel)
    print(f"{len(wheels)} wheels")
    return 0


def metadata(name: str, version: str, *headers: str, body: str = "") -> str:
    """METADATA text, Metadata-Version 2.1 unless headers start with another one."""
    lines = list(headers)
    if not (lines and lines[0].startswith("Metadata-Version:")):
        lines.insert(0, "Metadata-Version: 2.1")
    lines[1:1] = [f"Name: {name}", f"Version: {version}"]
    text = "\n".join(lines) + "\n"
    return text + ("\n" + body if body else "")


def simple_metadata(name: str, version: str, *headers: str) -> str:
    return metadata(name, version, f"Summary: whlinst test fixture {name}", *headers)


def entry_points_txt(sections: Dict[str, List[str]]) -> Entry:
    text = "".join(
        f"[{section}]\n" + "".join(line + "\n" for line in lines) + "\n"
        for section, lines in sections.items()
    )
    return file("entry_points.txt", text)


def top_level_txt(*names: str) -> Entry:
    return file("top_level.txt", "".join(n + "\n" for n in names))


# ------------------------------------------------------------------- fixtures


def pure() -> Wheel:
    """Pure package: subpackages, top-level module, package data, file modes."""
    pkg = "fixture_pure"
    payload = [
        file(f"{pkg}/__init__.py", '"""Pure fixture."""\n\n__version__ = "1.0"\n'),
        module(f"{pkg}/core.py"),
        module(f"{pkg}/sub/__init__.py"),
        module(f"{pkg}/sub/leaf.py"),
        module(f"{pkg}/sub/deep/__init__.py"),
        module(f"{pkg}/sub/deep/deeper.py"),
        file(f"{pkg}/py.typed"),
        file(f"{pkg}/data/table.json", '{"answer": 42, "list": [1, 2, 3]}\n'),
        file(f"{pkg}/data/blob.bin", bytes(range(256)) * 8 + b"\x00\xff" * 100),
        file(f"{pkg}/data/empty.txt", b""),
        file(f"{pkg}/data/template.py.txt", "not a module: {{ name }}\n"),
        raw_attr(f"{pkg}/data/windows.txt", "external_attr 0\r\n", 0, MSDOS),
        executable(f"{pkg}/tools/run.sh", "#!/bin/sh\necho fixture_pure\n"),
        file(f"{pkg}/tools/user_exec_only.sh", "#!/bin/sh\ntrue\n", 0o100700),
        file(f"{pkg}/tools/read_only.txt", "mode 0444 in the zip\n", 0o100444),
        raw_attr(f"{pkg}/tools/no_type_bits.sh", "#!/bin/sh\ntrue\n", 0o755 << 16),
        module("fixture_pure_helper.py"),
        file("fixture_pure.pth", "# fixture_pure: a .pth file with no path lines\n"),
    ]
    return Wheel(
        "fixture_pure",
        "1.0",
        simple_metadata("fixture_pure", "1.0"),
        payload,
        dist_info_extra=[top_level_txt("fixture_pure", "fixture_pure_helper")],
    )


def platlib() -> Wheel:
    """Root-Is-Purelib: false (root goes to platlib) plus .data/purelib."""
    data = "fixture_platlib-1.0.data"
    payload = [
        module("fixture_platlib/__init__.py"),
        module("fixture_platlib/impl.py"),
        module(f"{data}/purelib/fixture_platlib_pure/__init__.py"),
        file(f"{data}/purelib/fixture_platlib_pure/data.txt", "purelib data\n"),
    ]
    return Wheel(
        "fixture_platlib",
        "1.0",
        simple_metadata("fixture_platlib", "1.0"),
        payload,
        root_is_purelib=False,
    )


SCRIPTS = [
    # (name, content, mode): pip rewrites a first line starting with b"#!python".
    ("fx-python", "#!python\nimport sys\nprint('fx-python', sys.argv)\n", MODE_EXEC),
    ("fx-pythonw", "#!pythonw\nprint('fx-pythonw')\n", MODE_EXEC),
    ("fx-python-args", "#!python3.11 -u\nprint('unbuffered?')\n", MODE_EXEC),
    ("fx-python-E", "#!python -E\nprint('isolated?')\n", MODE_EXEC),
    ("fx-env", "#!/usr/bin/env python3\nprint('fx-env')\n", MODE_EXEC),
    ("fx-shell.sh", "#!/bin/sh\necho fx-shell \"$@\"\n", MODE_EXEC),
    ("fx-not-executable", "#!python\nprint('no x bit in the zip')\n", MODE_FILE),
    ("fx-crlf", "#!python\r\nimport sys\r\nprint('crlf')\r\n", MODE_EXEC),
    ("fx-oneline", "#!python", MODE_EXEC),
    ("fx-empty", "", MODE_EXEC),
    ("fx-no-shebang", "print('no shebang line')\n", MODE_EXEC),
    (
        "fx-future",
        '#!python\n"""Docstring first, then a __future__ import."""\n'
        "from __future__ import annotations\n\n"
        "def f(x: undefined_name) -> None:\n    pass\n\nprint('fx-future')\n",
        MODE_EXEC,
    ),
]


def alldata() -> Wheel:
    """Every .data category: purelib, platlib, headers, scripts, data."""
    data = "fixture_alldata-1.0.data"
    payload = [
        module("fixture_alldata/__init__.py"),
        module(f"{data}/purelib/fixture_alldata_pure/__init__.py"),
        module(f"{data}/platlib/fixture_alldata_plat/__init__.py"),
        file(f"{data}/headers/fixture_alldata.h", "#pragma once\nint fixture_alldata(void);\n"),
        file(f"{data}/headers/sub/inner.h", "#define FIXTURE_INNER 1\n"),
        file(f"{data}/data/share/fixture_alldata/readme.txt", "shared data\n"),
        file(f"{data}/data/share/fixture_alldata/doc/nested/deeper/note.txt", "deep\n"),
        executable(f"{data}/data/share/fixture_alldata/helper.sh", "#!/bin/sh\ntrue\n"),
        file(f"{data}/data/share/man/man1/fixture-alldata.1", ".TH FIXTURE 1\n"),
        file(f"{data}/data/etc/fixture_alldata/fixture.conf", "[fixture]\nkey = value\n"),
        file(f"{data}/data/etc/fixture_alldata/conf.d/10-extra.conf", "extra = 1\n"),
    ]
    payload += [file(f"{data}/scripts/{name}", text, mode) for name, text, mode in SCRIPTS]
    return Wheel(
        "fixture_alldata", "1.0", simple_metadata("fixture_alldata", "1.0"), payload
    )


ENTRY_POINT_MODULES = {
    "fixture_entrypoints/__init__.py": "def main():\n    print('main')\n    return 0\n",
    "fixture_entrypoints/cli.py": (
        "def main():\n    return 0\n\n\nclass App:\n"
        "    @staticmethod\n    def run():\n        return 0\n"
    ),
    "fixture_entrypoints/gui.py": (
        "def main():\n    return 0\n\n\nclass Window:\n"
        "    @classmethod\n    def show(cls):\n        return 0\n"
    ),
}


def entrypoints() -> Wheel:
    """console_scripts and gui_scripts with awkward names and targets."""
    pkg = "fixture_entrypoints"
    sections = {
        "console_scripts": [
            f"fixture-ep-simple = {pkg}:main",
            f"fixture-ep-nested = {pkg}.cli:App.run",
            f"fixture.ep.dotted = {pkg}.cli:main",
            f"fixture_ep_under = {pkg}.cli:main",
            f"fixture-ep-extras = {pkg}.cli:main [extra1]",
            f"fixture-ep-nospace={pkg}:main",
            f"Fixture-EP-Upper = {pkg}:main",
            f"aaa-fixture-ep-first = {pkg}:main",
            f"zzz-fixture-ep-last = {pkg}:main",
        ],
        "gui_scripts": [
            f"fixture-ep-gui = {pkg}.gui:main",
            f"fixture-ep-gui-nested = {pkg}.gui:Window.show",
        ],
        f"{pkg}.plugins": [f"not-a-script = {pkg}:main"],
    }
    payload = [file(path, text) for path, text in ENTRY_POINT_MODULES.items()]
    return Wheel(
        pkg,
        "1.0",
        simple_metadata(pkg, "1.0", "Provides-Extra: extra1"),
        payload,
        dist_info_extra=[entry_points_txt(sections), top_level_txt(pkg)],
    )


def pip_script_names() -> Wheel:
    """Entry points named pip/pipX.Y/easy_install: pip renames these for any project."""
    pkg = "fixture_pipnames"
    sections = {
        "console_scripts": [
            f"pip = {pkg}:main",
            f"pip3 = {pkg}:main",
            f"pip3.4 = {pkg}:main",
            f"easy_install = {pkg}:main",
            f"easy_install-2.7 = {pkg}:main",
            f"fixture-pipnames = {pkg}:main",
        ]
    }
    payload = [file(f"{pkg}/__init__.py", "def main():\n    return 0\n")]
    return Wheel(
        pkg,
        "1.0",
        simple_metadata(pkg, "1.0"),
        payload,
        dist_info_extra=[entry_points_txt(sections)],
    )


def namespace(part: str) -> Wheel:
    """nsfix_PART: one half of a PEP 420 namespace package 'nsfix' (no __init__.py)."""
    name = f"nsfix_{part}"
    payload = [
        module(f"nsfix/{part}/__init__.py"),
        module(f"nsfix/{part}/mod.py"),
        module(f"nsfix/shared_ns/{part}_mod.py"),
        file(f"nsfix/shared_ns/deeper/{part}.txt", f"{part}\n"),
    ]
    return Wheel(
        name,
        "1.0",
        simple_metadata(name, "1.0"),
        payload,
        dist_info_extra=[top_level_txt("nsfix")],
    )


def upgrade(version: str) -> Wheel:
    """fixture_upgrade 1.0 -> 2.0: drops, adds and changes modules, data, scripts."""
    pkg = "fixture_upgrade"
    data = f"{pkg}-{version}.data"
    payload = [
        file(f"{pkg}/__init__.py", f'__version__ = "{version}"\n\n\ndef main():\n    return 0\n'),
        module(f"{pkg}/keep.py"),
        file(f"{pkg}/changed.py", f"VERSION = {version!r}\n"),
        file(f"{data}/data/share/{pkg}/kept.txt", "kept\n"),
        file(f"{data}/data/share/{pkg}/changed.txt", f"version {version}\n"),
    ]
    scripts = [f"fixture-upgrade-keep = {pkg}:main"]
    if version == "1.0":
        payload += [
            module(f"{pkg}/dropped.py"),
            module(f"{pkg}/gone/__init__.py"),
            file(f"{data}/data/share/{pkg}/v1-only.txt", "only in 1.0\n"),
            executable(f"{data}/scripts/fixture-upgrade-v1-script", "#!python\nprint(1)\n"),
        ]
        scripts.append(f"fixture-upgrade-old = {pkg}:main")
    else:
        payload += [
            module(f"{pkg}/added.py"),
            file(f"{data}/data/share/{pkg}/v2-only.txt", "only in 2.0\n"),
        ]
        scripts.append(f"fixture-upgrade-new = {pkg}:main")
    return Wheel(
        pkg,
        version,
        simple_metadata(pkg, version),
        payload,
        dist_info_extra=[entry_points_txt({"console_scripts": sorted(scripts)})],
    )


def record_quirks() -> Wheel:
    """RECORD with CRLF, quoted paths, non-ASCII names; directory entries in the zip."""
    pkg = "fixture_record"
    payload = [
        directory(f"{pkg}-1.0.dist-info/"),
        directory(f"{pkg}/"),
        directory(f"{pkg}/données/"),
        directory(f"{pkg}/emptydir/"),
        module(f"{pkg}/__init__.py"),
        module(f"{pkg}/naïve.py", "naive"),
        file(f"{pkg}/données/café.txt", "café\n"),
        file(f"{pkg}/with,comma.txt", "comma\n"),
        file(f'{pkg}/with"quote.txt', "double quote\n"),
        file(f"{pkg}/with space.txt", "space\n"),
        file(f"{pkg}/it's.txt", "single quote\n"),
    ]
    return Wheel(
        pkg,
        "1.0",
        simple_metadata(pkg, "1.0"),
        payload,
        record_line_end="\r\n",
        quote_record_paths=True,
    )


def hashed(algorithm: str) -> Wheel:
    """RECORD hashes with ALGORITHM instead of sha256."""
    name = f"fixture_{algorithm}"
    payload = [module(f"{name}/__init__.py"), file(f"{name}/data.bin", bytes(range(200)))]
    return Wheel(name, "1.0", simple_metadata(name, "1.0"), payload, hash_name=algorithm)


def bzip2() -> Wheel:
    """Every file compressed with bzip2 (zip method 12), which the wheel
    format does not forbid and pip installs: whlinst reads it through libbz2
    alone, without libzip."""
    name = "fixture_bzip2"
    payload = [module(f"{name}/__init__.py"), file(f"{name}/data.bin", bytes(range(256)) * 64)]
    return Wheel(name, "1.0", simple_metadata(name, "1.0"), payload, compression=zipfile.ZIP_BZIP2)


def signed() -> Wheel:
    """RECORD.jws and RECORD.p7s after RECORD, which does not list them (the
    binary distribution format allows such signatures: pip installs them with
    the rows "RECORD.jws,," and "RECORD.p7s,,"); a row without a size, which
    pip keeps as it is."""
    name = "fixture_signed"
    payload = [module(f"{name}/__init__.py"), file(f"{name}/sizeless.txt", "no size in RECORD\n")]
    jws = '{"recipients": [{"header": {"alg": "ES256"}, "signature": "c2lnbmF0dXJl"}]}\n'
    return Wheel(name, "1.0", simple_metadata(name, "1.0"), payload,
                 unrecorded_dist_info=[file("RECORD.jws", jws),
                                       file("RECORD.p7s", bytes.fromhex("3082000106092a864886f70d010702"))],
                 sizeless=[f"{name}/sizeless.txt"])


def one_package(name: str, *headers: str, **options) -> Wheel:
    """Wheel NAME 1.0 holding package NAME with one __init__.py."""
    metadata_text = simple_metadata(name, "1.0", *headers)
    return Wheel(name, "1.0", metadata_text, [module(f"{name}/__init__.py")], **options)


def requires_python() -> Wheel:
    """Requires-Python that the target interpreter satisfies."""
    return one_package("fixture_requirespython", "Requires-Python: >=3.8")


LONG_DESCRIPTION = """\
# fixture_metadata

A metadata-heavy fixture.  Its description is the message body, after a blank
line.  Lines below look like headers but are body text:

Name: not-the-name
Version: 9.9.9
Requires-Python: <2

From here on, a line starting with "From " (mbox writers mangle these).
Non-ASCII text: naïve café, Ελληνικά, 日本語, emoji 🐍.

""" + "".join(f"- item {i}: {'lorem ipsum dolor sit amet ' * 3}\n" for i in range(60))

METADATA_HEADERS = [
    "Summary: A wheel with long, many-field METADATA",
    "Home-page: https://example.invalid/fixture_metadata",
    "Author: Fixture Author",
    "Author-email: Fixture Author <author@example.invalid>",
    "Maintainer: Fixture Maintainer",
    "Maintainer-email: maintainer@example.invalid",
    "License: MIT",
    "Keywords: fixture,wheel,installer",
    "Platform: any",
    "Project-URL: Documentation, https://example.invalid/docs",
    "Project-URL: Source, https://example.invalid/src",
    "Project-URL: Issue Tracker, https://example.invalid/issues",
    "Classifier: Development Status :: 5 - Production/Stable",
    "Classifier: Intended Audience :: Developers",
    "Classifier: License :: OSI Approved :: MIT License",
    "Classifier: Operating System :: POSIX :: Linux",
    "Classifier: Programming Language :: Python :: 3",
    "Classifier: Programming Language :: Python :: 3 :: Only",
    "Classifier: Programming Language :: Python :: 3.11",
    "Classifier: Topic :: Software Development :: Testing",
    "Requires-Python: >=3.8, !=3.9.0",
    "Requires-Dist: fixture-nonexistent-dependency>=1.0",
    "Requires-Dist: another_missing[extra]<3,>=2; python_version >= \"3.8\"",
    "Requires-Dist: windows-only; sys_platform == \"win32\"",
    "Requires-Dist: pytest>=7; extra == \"test\"",
    "Requires-Dist: sphinx; extra == \"docs\"",
    "Provides-Extra: test",
    "Provides-Extra: docs",
    "Description-Content-Type: text/markdown; charset=UTF-8",
]


def metadata_heavy() -> Wheel:
    """Long METADATA: many fields, classifiers, requirements, a long body."""
    name = "fixture_metadata"
    return Wheel(
        name,
        "1.0",
        metadata(name, "1.0", *METADATA_HEADERS, body=LONG_DESCRIPTION),
        [module(f"{name}/__init__.py")],
        dist_info_extra=[file("LICENSE", "MIT License (fixture)\n")],
    )


def build_tag() -> Wheel:
    """A build tag in the file name and 'Build: 1' in WHEEL."""
    return one_package("fixture_build", build="1")


def multi_tag() -> Wheel:
    """A compressed tag set py2.py3-none-any (two Tag lines in WHEEL)."""
    return one_package("fixture_multitag", tags="py2.py3-none-any")


def many_files() -> Wheel:
    """~500 small modules in nested packages."""
    pkg = "fixture_many"
    payload = [module(f"{pkg}/__init__.py")]
    for a in range(5):
        payload.append(module(f"{pkg}/p{a}/__init__.py"))
        for b in range(10):
            payload.append(module(f"{pkg}/p{a}/q{b}/__init__.py"))
            payload += [module(f"{pkg}/p{a}/q{b}/m{c}.py") for c in range(9)]
    return Wheel(pkg, "1.0", simple_metadata(pkg, "1.0"), payload)


def legacy_name() -> Wheel:
    """Unnormalized name kept in file and dist-info names (older tools; must be accepted)."""
    name = "Fixture_Mixed.Case"
    return Wheel(
        name,
        "1.0",
        simple_metadata(name, "1.0"),
        [
            module("fixture_mixed_case/__init__.py"),
            file(
                f"{name}-1.0.data/headers/mixed_case.h",
                "/* pip: include/pythonX.Y/Fixture-Mixed.Case */\n",
            ),
        ],
        dist_info_extra=[
            file("LICENSE.txt", "license at the dist-info root (wheel < 0.41 style)\n"),
            top_level_txt("fixture_mixed_case"),
        ],
    )


def modern_name() -> Wheel:
    """Name 'Fixture.Modern-Name' escaped as modern tools do; PEP 639 licenses/."""
    name = "Fixture.Modern-Name"
    return Wheel(
        "fixture_modern_name",
        "1.0",
        metadata(
            name,
            "1.0",
            "Metadata-Version: 2.4",
            "Summary: normalized file and dist-info names",
            "License-Expression: MIT AND Apache-2.0",
            "License-File: LICENSE",
            "License-File: vendor/NOTICE.txt",
        ),
        [
            file("fixture_modern_name/__init__.py", "def main():\n    return 0\n"),
            file(
                "fixture_modern_name-1.0.data/headers/modern_name.h",
                "/* pip: include/pythonX.Y/fixture-modern-name */\n",
            ),
        ],
        dist_info_extra=[
            file("licenses/LICENSE", "MIT (fixture)\n"),
            file("licenses/vendor/NOTICE.txt", "Apache-2.0 notice (fixture)\n"),
            top_level_txt("fixture_modern_name"),
            entry_points_txt(
                {"console_scripts": ["fixture-modern-name = fixture_modern_name:main"]}
            ),
        ],
    )


def no_compile() -> Wheel:
    """.py files that do not compile (pip installs them and skips their pyc)."""
    name = "fixture_nocompile"
    payload = [
        module(f"{name}/__init__.py"),
        file(f"{name}/py2_syntax.py", 'print "python 2 only"\n'),
        file(f"{name}/templates/template.py", "def {{ name }}():\n    pass\n"),
        file(f"{name}/latin1.py", b"# no coding line\nS = '\xe9'\n"),
    ]
    return Wheel(name, "1.0", simple_metadata(name, "1.0"), payload)


FIXTURES: List[Callable[[], Wheel]] = [
    pure,
    platlib,
    alldata,
    entrypoints,
    pip_script_names,
    lambda: namespace("one"),
    lambda: namespace("two"),
    lambda: upgrade("1.0"),
    lambda: upgrade("2.0"),
    record_quirks,
    lambda: hashed("sha384"),
    lambda: hashed("sha512"),
    lambda: hashed("sha3_256"),
    lambda: hashed("blake2b"),
    bzip2,
    requires_python,
    metadata_heavy,
    build_tag,
    multi_tag,
    many_files,
    legacy_name,
    modern_name,
    no_compile,
    signed,
]


def all_wheels() -> List[Wheel]:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from dropin_fixtures import DROPIN_FIXTURES  # imports this module

    wheels = [make() for make in FIXTURES + DROPIN_FIXTURES]
    names = [w.filename for w in wheels]
    assert len(set(names)) == len(names), "duplicate fixture file names"
    return sorted(wheels, key=lambda w: w.filename)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", help="directory to write the wheels into")
    parser.add_argument("--list", action="store_true", help="print the wheel file names only")
    args = parser.parse_args(argv)
    wheels = all_wheels()
    if args.list:
        for wheel in wheels:
            print(wheel.filename)
        return 0
    if not args.outdir:
        parser.error("OUTDIR is required unless --list is given")
    os.makedirs(args.outdir, exist_ok=True)
    for wheel in wheels:
        write_wheel(args.outdir, wheel)
    print(f"{len(wheels)} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
