#!/usr/bin/env python3
"""Write fixture_big_script-1.0-py3-none-any.whl into OUTDIR: a wheel whose
`.data/scripts/big-script` starts with `#!python` and is SIZE MiB long
(comment lines, highly compressible: pass whlinst a --max-compression-ratio
above 1000), for the test that rewriting its shebang uses flat memory
(issue 14, item 9). Written in a streaming way, deterministic.

Usage: make_big_script_wheel.py OUTDIR SIZE_MIB
"""

import base64
import hashlib
import os
import sys
import zipfile

NAME, VERSION = "fixture_big_script", "1.0"
DIST_INFO = f"{NAME}-{VERSION}.dist-info"
SCRIPT = f"{NAME}-{VERSION}.data/scripts/big-script"
ZIP_DATE = (1980, 1, 2, 0, 0, 0)
LINE = b"# " + b"x" * 61 + b"\n"  # 64 bytes


def info(name, mode=0o100644):
    entry = zipfile.ZipInfo(name, ZIP_DATE)
    entry.external_attr = mode << 16
    entry.create_system = 3
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def row(name, data_hash, size):
    digest = base64.urlsafe_b64encode(data_hash.digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{size}\n"


def write_script(archive, size_mib):
    digest, size = hashlib.sha256(), 0
    block = LINE * (1024 * 1024 // len(LINE))
    with archive.open(info(SCRIPT, 0o100755), "w", force_zip64=True) as stream:
        head = b"#!python\nprint('big')\n"
        stream.write(head)
        digest.update(head)
        size += len(head)
        for _ in range(size_mib):
            stream.write(block)
            digest.update(block)
            size += len(block)
    return row(SCRIPT, digest, size)


def main(argv):
    outdir, size_mib = argv[1], int(argv[2])
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, f"{NAME}-{VERSION}-py3-none-any.whl")
    small = {
        f"{NAME}/__init__.py": b"",
        f"{DIST_INFO}/METADATA": f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n".encode(),
        f"{DIST_INFO}/WHEEL": b"Wheel-Version: 1.0\nGenerator: make_big_script_wheel\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(path + ".tmp", "w") as archive:
        record = write_script(archive, size_mib)
        for name, data in small.items():
            archive.writestr(info(name), data)
            record += row(name, hashlib.sha256(data), len(data))
        record += f"{DIST_INFO}/RECORD,,\n"
        archive.writestr(info(f"{DIST_INFO}/RECORD"), record.encode())
    os.replace(path + ".tmp", path)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
