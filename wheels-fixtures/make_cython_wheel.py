#!/usr/bin/env python3
"""Build a real Cython wheel (compiled extension modules) from Debian's cython3 package.

Usage: make_cython_wheel.py OUTDIR [--deb FILE]

Without --deb, `apt-get download cython3` fetches the package into a temporary
directory.  The wheel holds Cython/, pyximport/ and cython.py from the package's
usr/lib/python3/dist-packages (no __pycache__ or .pyc), a Cython-VERSION.dist-info
made from the package's egg-info, entry points for cython, cythonize and cygdb,
and a fresh RECORD.  Its tag comes from the extension modules' suffix
(e.g. *.cpython-311-x86_64-linux-gnu.so -> cp311-cp311-linux_x86_64).  The
output is deterministic (see make_fixtures.py, whose wheel writer it uses).

Exit status: 0 success, 77 the package could not be downloaded (skip), 1 error.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import List, Optional, Tuple

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import MODE_EXEC, MODE_FILE, Entry, Wheel, file, write_wheel  # noqa: E402

SKIP = 77
SITE = "usr/lib/python3/dist-packages"
PAYLOAD = ["Cython", "pyximport", "cython.py"]
CONSOLE_SCRIPTS = {
    "cython": ("Cython/Compiler/Main.py", "setuptools_main"),
    "cythonize": ("Cython/Build/Cythonize.py", "main"),
    "cygdb": ("Cython/Debugger/Cygdb.py", "main"),
}
EXTENSION = re.compile(r"\.cpython-(\d)(\d+)-([A-Za-z0-9_]+)-linux-gnu\.so$")
PLATFORM_ARCH = {"i386": "i686"}


class BuildError(Exception):
    """Something wrong with the package contents; reported as one line."""


def download_deb(workdir: str) -> Optional[str]:
    """`apt-get download cython3` into WORKDIR; the .deb path, or None if that failed."""
    try:
        result = subprocess.run(
            ["apt-get", "download", "cython3"],
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            universal_newlines=True,
        )
    except OSError as error:
        print(f"make_cython_wheel: cannot run apt-get: {error}", file=sys.stderr)
        return None
    debs = glob.glob(os.path.join(workdir, "cython3_*.deb"))
    if result.returncode != 0 or len(debs) != 1:
        print(result.stdout.rstrip(), file=sys.stderr)
        return None
    return debs[0]


def extract_deb(deb: str, root: str) -> None:
    try:
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise BuildError(f"dpkg-deb -x {deb} failed: {error}") from error


def payload_files(site: str) -> List[str]:
    """Paths (relative to SITE, '/'-separated) of the payload, without bytecode."""
    paths = []
    for top in PAYLOAD:
        full = os.path.join(site, top)
        if os.path.isfile(full):
            paths.append(top)
            continue
        if not os.path.isdir(full):
            raise BuildError(f"{SITE}/{top} is missing from the package")
        for directory, subdirs, files in os.walk(full):
            subdirs[:] = [d for d in subdirs if d != "__pycache__"]
            for name in files:
                if not name.endswith((".pyc", ".pyo")):
                    paths.append(os.path.relpath(os.path.join(directory, name), site))
    return sorted(p.replace(os.sep, "/") for p in paths)


def payload_entry(site: str, path: str) -> Entry:
    full = os.path.join(site, path)
    if os.path.islink(full) or not os.path.isfile(full):
        raise BuildError(f"{path}: not a regular file (symlinks cannot go into a wheel)")
    mode = MODE_EXEC if os.stat(full).st_mode & 0o111 else MODE_FILE
    with open(full, "rb") as stream:
        return file(path, stream.read(), mode)


def wheel_tag(paths: List[str]) -> Tuple[str, bool]:
    """(tag, root_is_purelib) from the extension modules' file names."""
    found = {m.groups() for m in (EXTENSION.search(p) for p in paths) if m}
    if not found:
        return "py3-none-any", True
    if len(found) > 1:
        raise BuildError(f"extension modules for several interpreters: {sorted(found)}")
    major, minor, arch = found.pop()
    python = f"cp{major}{minor}"
    return f"{python}-{python}-linux_{PLATFORM_ARCH.get(arch, arch)}", False


def parse_pkg_info(text: str) -> Tuple[List[Tuple[str, List[str]]], str]:
    """RFC 822 style metadata: ([(field, [first line, continuation lines...])], body)."""
    fields: List[Tuple[str, List[str]]] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line == "":
            return fields, "\n".join(lines[index + 1 :]).strip("\n")
        if line[0] in " \t" and fields:
            fields[-1][1].append(line)
        else:
            name, _, value = line.partition(":")
            fields.append((name.strip(), [value.strip()]))
    return fields, ""


def unfold_description(lines: List[str]) -> str:
    """A legacy Description header's value: continuation lines lose their 8-space
    (or '       |') indentation."""
    rest = [re.sub(r"^(?: {7}\||\s{1,8})", "", line) for line in lines[1:]]
    return "\n".join([lines[0]] + rest).strip("\n")


def metadata_from_pkg_info(text: str) -> str:
    """METADATA (Metadata-Version 2.1) with the description moved into the body."""
    fields, body = parse_pkg_info(text)
    out = ["Metadata-Version: 2.1"]
    for name, value in fields:
        if name == "Metadata-Version":
            continue
        if name == "Description":
            body = body or unfold_description(value)
            continue
        out.append(f"{name}: " + "\n".join(value))
    return "\n".join(out) + "\n" + (f"\n{body}\n" if body else "")


def find_metadata(site: str, name: str, version: str) -> Optional[Tuple[str, str]]:
    """(METADATA text, top_level.txt text or '') from the package's egg-info/dist-info."""
    for info in sorted(glob.glob(os.path.join(site, f"{name}-{version}*.*-info"))):
        candidates = [info] if os.path.isfile(info) else [
            os.path.join(info, "METADATA"),
            os.path.join(info, "PKG-INFO"),
        ]
        for candidate in candidates:
            if os.path.isfile(candidate):
                with open(candidate, encoding="utf-8") as stream:
                    text = stream.read()
                top_level = os.path.join(info, "top_level.txt")
                top = open(top_level, encoding="utf-8").read() if os.path.isfile(top_level) else ""
                return metadata_from_pkg_info(text), top
    return None


def minimal_metadata(version: str) -> str:
    return (
        "Metadata-Version: 2.1\nName: Cython\n"
        f"Version: {version}\n"
        "Summary: The Cython compiler for writing C extensions for the Python language.\n"
        "Home-page: https://cython.org/\nLicense: Apache-2.0\n"
    )


def upstream_version(deb: str) -> str:
    """'0.29.32' from the .deb's Version field '0.29.32-2+b1' (epoch and revision dropped)."""
    try:
        output = subprocess.run(
            ["dpkg-deb", "-f", deb, "Version"],
            check=True,
            stdout=subprocess.PIPE,
            universal_newlines=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        raise BuildError(f"dpkg-deb -f {deb} Version failed: {error}") from error
    return re.sub(r"^\d+:", "", output).rsplit("-", 1)[0]


def check_entry_points(site: str) -> str:
    """entry_points.txt text, after checking each target function exists."""
    for script, (path, function) in CONSOLE_SCRIPTS.items():
        full = os.path.join(site, path)
        source = open(full, encoding="utf-8").read() if os.path.isfile(full) else ""
        if not re.search(rf"^def {function}\(", source, re.MULTILINE):
            raise BuildError(f"entry point {script}: no function {function} in {path}")
    lines = [
        f"{script} = {path[:-3].replace('/', '.')}:{function}"
        for script, (path, function) in CONSOLE_SCRIPTS.items()
    ]
    return "[console_scripts]\n" + "\n".join(lines) + "\n"


def top_level_names(paths: List[str]) -> str:
    names = {p.split("/")[0] for p in paths}
    names = {n[:-3] if n.endswith(".py") else n for n in names}
    return "".join(n + "\n" for n in sorted(names))


def build_wheel(deb: str, outdir: str, workdir: str) -> str:
    root = os.path.join(workdir, "root")
    extract_deb(deb, root)
    site = os.path.join(root, SITE)
    version = upstream_version(deb)
    paths = payload_files(site)
    tag, purelib = wheel_tag(paths)
    found = find_metadata(site, "Cython", version)
    metadata_text, top_level = found if found else (minimal_metadata(version), "")
    wheel = Wheel(
        "Cython",
        version,
        metadata_text,
        [payload_entry(site, p) for p in paths],
        tags=tag,
        root_is_purelib=purelib,
        generator="whlinst-fixtures (make_cython_wheel.py)",
        dist_info_extra=[
            file("entry_points.txt", check_entry_points(site)),
            file("top_level.txt", top_level or top_level_names(paths)),
        ],
    )
    os.makedirs(outdir, exist_ok=True)
    write_wheel(outdir, wheel)
    return os.path.join(outdir, wheel.filename)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", help="directory to write the wheel into")
    parser.add_argument("--deb", help="use this cython3 .deb instead of downloading it")
    args = parser.parse_args(argv)
    if shutil.which("dpkg-deb") is None:
        print("make_cython_wheel: dpkg-deb not found; skipped", file=sys.stderr)
        return SKIP
    workdir = tempfile.mkdtemp(prefix="cython-wheel-")
    try:
        deb = os.path.abspath(args.deb) if args.deb else download_deb(workdir)
        if deb is None:
            print("make_cython_wheel: cannot download cython3; skipped", file=sys.stderr)
            return SKIP
        print(build_wheel(deb, args.outdir, workdir))
        return 0
    except BuildError as error:
        print(f"make_cython_wheel: error: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
