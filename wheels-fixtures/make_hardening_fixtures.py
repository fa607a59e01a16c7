#!/usr/bin/env python3
"""Write the wheels of tests/test_hardening.py (issue 13) into OUTDIR.

hardening_many-1.0        60 modules of ~16 KiB of incompressible text (about
                          1 MiB): a wheel that is still being read after it
                          has been truncated to a third.
hardening_big-1.0         4 data files of 10 MiB of random bytes, stored: a
                          wheel of more than 32 MiB, which whlinst reads from
                          the file instead of a snapshot in memory.
hardening_kind-1.0, -2.0  an upgrade where paths change kind: hardening_kind/x
                          is a file in 1.0 and a package (x/__init__.py,
                          x/sub/deep.py) in 2.0; hardening_kind/d is a package
                          (d/__init__.py, d/m.py) in 1.0 and a file in 2.0.
hardening_kindbulk-1.0, -2.0
                          the same kind changes among ~300 modules, long enough
                          to be killed at any moment (written by
                          tests/test_crash_recovery.py with write_kind_bulk,
                          not by this script's main).
ships-installer/hardening_kind-{1.0,2.0}
                          the same wheels shipping .dist-info/INSTALLER, which
                          the installer writes itself: refused while
                          planning, before anything is written (--dry-run
                          too).

Usage: make_hardening_fixtures.py OUTDIR   (prints the count of wheels)
"""

import hashlib
import os
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

KIND = "hardening_kind"


def noise(seed: str, size: int) -> str:
    """Deterministic hex text that deflate cannot shrink much."""
    chunks, counter = [], 0
    while sum(map(len, chunks)) < size:
        chunks.append(hashlib.sha256(f"{seed}:{counter}".encode()).hexdigest())
        counter += 1
    return "DATA = '" + "".join(chunks)[:size] + "'\n"


def many() -> mf.Wheel:
    name = "hardening_many"
    payload = [mf.module(f"{name}/__init__.py")]
    payload += [mf.file(f"{name}/m{i:02}.py", noise(f"m{i}", 16384)) for i in range(60)]
    return mf.Wheel(name, "1.0", mf.simple_metadata(name, "1.0"), payload)


def big() -> mf.Wheel:
    name = "hardening_big"
    payload = [mf.module(f"{name}/__init__.py")]
    payload += [mf.file(f"{name}/blob{i}.bin", hashlib.shake_256(f"blob{i}".encode()).digest(10 << 20))
                for i in range(4)]
    return mf.Wheel(name, "1.0", mf.simple_metadata(name, "1.0"), payload)


def write_stored(outdir: str, wheel: mf.Wheel) -> None:
    """As mf.write_wheel, every entry stored (deflate would not shrink it)."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".whl", dir=outdir)
    os.close(fd)
    with zipfile.ZipFile(tmp, "w") as archive:
        for entry in mf.wheel_entries(wheel):
            info = zipfile.ZipInfo(entry.path, mf.ZIP_DATE)
            info.external_attr = entry.external_attr
            info.create_system = entry.create_system
            archive.writestr(info, entry.data, compress_type=zipfile.ZIP_STORED)
    os.chmod(tmp, 0o644)
    os.replace(tmp, os.path.join(outdir, wheel.filename))


def kind(version: str, ships_installer: bool = False) -> mf.Wheel:
    payload = [mf.module(f"{KIND}/__init__.py")]
    if version == "1.0":
        payload += [mf.file(f"{KIND}/x", "x is a file in 1.0\n"), mf.module(f"{KIND}/d/__init__.py"),
                    mf.module(f"{KIND}/d/m.py")]
    else:
        payload += [mf.module(f"{KIND}/x/__init__.py"), mf.module(f"{KIND}/x/sub/deep.py"),
                    mf.file(f"{KIND}/d", "d is a file in 2.0\n")]
    extra = [mf.file("INSTALLER", "not-whlinst\n")] if ships_installer else []
    return mf.Wheel(KIND, version, mf.simple_metadata(KIND, version), payload, dist_info_extra=extra)


KIND_BULK = "hardening_kindbulk"


def kind_bulk(version: str) -> mf.Wheel:
    """1.0: x a file, d a package of 100 modules; 2.0: x a package of 100
    modules, d a file; both: 150 modules in common/ whose text names the
    version."""
    name = KIND_BULK
    payload = [mf.file(f"{name}/__init__.py", f'__version__ = "{version}"\n'), mf.module(f"{name}/common/__init__.py")]
    payload += [mf.file(f"{name}/common/m{i:03}.py", f"VERSION = {version!r}\nINDEX = {i}\n") for i in range(150)]
    package, plain = ("d", "x") if version == "1.0" else ("x", "d")
    payload.append(mf.file(f"{name}/{plain}", f"{plain} is a file in {version}\n"))
    payload.append(mf.module(f"{name}/{package}/__init__.py"))
    for b in range(10):
        payload.append(mf.module(f"{name}/{package}/q{b}/__init__.py"))
        payload += [mf.module(f"{name}/{package}/q{b}/m{c}.py") for c in range(9)]
    return mf.Wheel(name, version, mf.simple_metadata(name, version), payload)


def write_kind_bulk(outdir: str) -> dict:
    """Writes hardening_kindbulk 1.0 and 2.0 into outdir: {version: path}."""
    paths = {}
    for version in ("1.0", "2.0"):
        wheel = kind_bulk(version)
        mf.write_wheel(outdir, wheel)
        paths[version] = os.path.join(outdir, wheel.filename)
    return paths


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = argv[0]
    shipping = os.path.join(outdir, "ships-installer")
    os.makedirs(shipping, exist_ok=True)
    wheels = [(outdir, many()), (outdir, kind("1.0")), (outdir, kind("2.0")),
              (shipping, kind("1.0", True)), (shipping, kind("2.0", True))]
    for directory, wheel in wheels:
        mf.write_wheel(directory, wheel)
    write_stored(outdir, big())
    print(f"{len(wheels) + 1} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
