#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets into OUTDIR, from the fixtures.

OUTDIR/fuzz_wheel     every synthetic wheel of make_fixtures.py and
                      make_hostile_fixtures.py up to 256 KiB
OUTDIR/fuzz_install   the same wheels
OUTDIR/fuzz_record    their RECORD files
OUTDIR/fuzz_markers   their Requires-Dist values and a few markers
OUTDIR/fuzz_metadata  their METADATA, WHEEL and entry_points.txt files, their
                      file names, Requires-Python values and a few versions,
                      and their .data/scripts files

Seeds are named by the sha1 of their bytes, as libFuzzer names its own.
Nothing is committed: the wheels are generated into a temporary directory.

Usage: make_corpus.py OUTDIR     prints the number of seeds per target
"""

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATORS = [os.path.join(HERE, "..", "wheels-fixtures", name)
              for name in ("make_fixtures.py", "make_hostile_fixtures.py")]
MAX_WHEEL = 256 * 1024
VERSIONS = ["1.0", "1!2.0.post1.dev3+local.7", "0.9rc1", "v1.0-alpha.2", ">=3.8, !=3.9.0",
            "~=3.7", "==3.*", "===weird", "< 4 , > 2"]
MARKERS = ["python_version >= '3.8'", "sys_platform == 'win32' or (os_name == 'posix' and extra == 'test')",
           "platform_machine in 'x86_64 aarch64'", "'dev' in dependency_groups", "python_full_version === '3.11.7'",
           "requests[socks] (>=2.8.1, ==2.8.*) ; python_version < '2.7'", "pip @ file:///w/pip.whl ; os.name == 'nt'"]


def write_seed(directory, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, hashlib.sha1(data).hexdigest()), "wb") as stream:
        stream.write(data)


def metadata_seeds(archive, name):
    seeds = [name]
    for info in archive.infolist():
        member = info.filename
        if member.endswith((".dist-info/METADATA", ".dist-info/WHEEL", ".dist-info/entry_points.txt")) \
                or "/scripts/" in member:
            data = archive.read(member)
            seeds.append(data)
            if member.endswith("/METADATA"):
                seeds += [line.split(b":", 1)[1].strip() for line in data.splitlines()
                          if line.startswith(b"Requires-Python:")]
    return seeds


TARGETS = ("fuzz_install", "fuzz_wheel", "fuzz_record", "fuzz_metadata", "fuzz_markers")


def seed_from_wheel(path, outdir):
    name = os.path.basename(path)
    with open(path, "rb") as stream:
        data = stream.read()
    if len(data) <= MAX_WHEEL:
        write_seed(os.path.join(outdir, "fuzz_wheel"), data)
        write_seed(os.path.join(outdir, "fuzz_install"), data)
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.endswith(".dist-info/RECORD"):
                    write_seed(os.path.join(outdir, "fuzz_record"), archive.read(info))
            for info in archive.infolist():
                if info.filename.endswith(".dist-info/METADATA"):
                    for line in archive.read(info).splitlines():
                        if line.startswith(b"Requires-Dist:"):
                            write_seed(os.path.join(outdir, "fuzz_markers"), line.split(b":", 1)[1].strip())
            for seed in metadata_seeds(archive, name):
                write_seed(os.path.join(outdir, "fuzz_metadata"), seed)
    except Exception:  # hostile archives: zipfile refuses many of them
        write_seed(os.path.join(outdir, "fuzz_metadata"), name)


def main(argv):
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    outdir = argv[0]
    for target in TARGETS:
        os.makedirs(os.path.join(outdir, target), exist_ok=True)
    for version in VERSIONS:
        write_seed(os.path.join(outdir, "fuzz_metadata"), version)
    for marker in MARKERS:
        write_seed(os.path.join(outdir, "fuzz_markers"), marker)
    with tempfile.TemporaryDirectory(prefix="whlinst-corpus-") as wheels:
        for generator in GENERATORS:
            subprocess.run([sys.executable, generator, wheels], check=True, stdout=subprocess.DEVNULL)
        for name in sorted(os.listdir(wheels)):
            seed_from_wheel(os.path.join(wheels, name), outdir)
    for target in TARGETS:
        print(f"{target}: {len(os.listdir(os.path.join(outdir, target)))} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
