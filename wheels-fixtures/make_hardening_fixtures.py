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
late-failure/hardening_kind-{1.0,2.0}
                          the same wheels shipping .dist-info/INSTALLER, which
                          the installer refuses only when it writes its own,
                          after the new files are in place: the transaction
                          must roll the kind changes back.

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


def kind(version: str, late_failure: bool = False) -> mf.Wheel:
    payload = [mf.module(f"{KIND}/__init__.py")]
    if version == "1.0":
        payload += [mf.file(f"{KIND}/x", "x is a file in 1.0\n"), mf.module(f"{KIND}/d/__init__.py"),
                    mf.module(f"{KIND}/d/m.py")]
    else:
        payload += [mf.module(f"{KIND}/x/__init__.py"), mf.module(f"{KIND}/x/sub/deep.py"),
                    mf.file(f"{KIND}/d", "d is a file in 2.0\n")]
    extra = [mf.file("INSTALLER", "not-whlinst\n")] if late_failure else []
    return mf.Wheel(KIND, version, mf.simple_metadata(KIND, version), payload, dist_info_extra=extra)


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = argv[0]
    late = os.path.join(outdir, "late-failure")
    os.makedirs(late, exist_ok=True)
    wheels = [(outdir, many()), (outdir, kind("1.0")), (outdir, kind("2.0")),
              (late, kind("1.0", True)), (late, kind("2.0", True))]
    for directory, wheel in wheels:
        mf.write_wheel(directory, wheel)
    write_stored(outdir, big())
    print(f"{len(wheels) + 1} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
