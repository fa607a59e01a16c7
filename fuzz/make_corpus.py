#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets into OUTDIR, from the fixtures.

OUTDIR/fuzz_wheel     every synthetic wheel of make_fixtures.py and
                      make_hostile_fixtures.py up to 256 KiB
OUTDIR/fuzz_install   the same wheels
OUTDIR/fuzz_plain_zip the same wheels
OUTDIR/fuzz_record    their RECORD files
OUTDIR/fuzz_markers   their Requires-Dist values and a few markers
OUTDIR/fuzz_metadata  their METADATA, WHEEL and entry_points.txt files, their
                      file names, Requires-Python values and a few versions,
                      and their .data/scripts files
OUTDIR/fuzz_pylock    a few lock files: pip lock's form, the specification's
                      example, groups and extras, every kind of source, and
                      one with a wheel per fixture wheel

Seeds are named by the sha1 of their bytes, as libFuzzer names its own.
Nothing is committed: the wheels are generated into a temporary directory.

Usage: make_corpus.py OUTDIR     prints the number of seeds per target
"""

import base64
import hashlib
import io
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


SHA = "71e1ca6b16ae3382a698c284013f66504f2581099b2ce4801f60e9536236ceee"
LOCKS = [
    f"""lock-version = "1.0"
created-by = "pip"

[[packages]]
name = "simplewheel"
version = "2.0"

[[packages.wheels]]
name = "simplewheel-2.0-1-py2.py3-none-any.whl"
url = "file:///data/packages/simplewheel-2.0-1-py2.py3-none-any.whl"
size = 2156

[packages.wheels.hashes]
sha256 = "{SHA}"
""",
    f"""lock-version = '1.0'
environments = ["sys_platform == 'win32'", "sys_platform == 'linux'"]
requires-python = '>=3.8'
extras = ['crypto']
dependency-groups = ['dev']
default-groups = ['default']
created-by = 'mousebender'

[[packages]]
name = 'attrs'
version = '25.1.0'
requires-python = '>=3.8'
marker = "'default' in dependency_groups"
wheels = [
  {{name = 'attrs-25.1.0-py3-none-any.whl', upload-time = 2025-01-25T11:30:10.164985+00:00, url = 'https://x/attrs-25.1.0-py3-none-any.whl', size = 63152, hashes = {{sha256 = '{SHA}'}}}},
]
[[packages.attestation-identities]]
kind = 'GitHub'

[[packages]]
name = 'numpy'
version = '2.2.3'
marker = "'dev' in dependency_groups or 'crypto' in extras"
dependencies = [{{name = 'attrs'}}]
sdist = {{name = 'numpy-2.2.3.tar.gz', path = 'numpy-2.2.3.tar.gz', hashes = {{sha256 = '{SHA}'}}}}
wheels = [
  {{path = 'w/numpy-2.2.3-cp311-cp311-manylinux_2_17_x86_64.whl', hashes = {{sha256 = '{SHA}', sha512 = '{SHA}'}}}},
  {{path = 'w/numpy-2.2.3-cp38-abi3-win_amd64.whl', hashes = {{sha256 = '{SHA}'}}}},
]

[tool.mousebender]
command = ['lock']
""",
    f"""lock-version = '1.1'
created-by = 'test'
future-key = 1

[[packages]]
name = 'a'
vcs = {{type = 'git', url = 'https://x/a.git', requested-revision = 'main', commit-id = 'abc', subdirectory = 's'}}

[[packages]]
name = 'b'
directory = {{path = 'b', editable = true}}

[[packages]]
name = 'c'
archive = {{path = 'c-1.0-py3-none-any.whl', size = 3, hashes = {{sha256 = '{SHA}'}}}}
""",
]


def lock_of_wheels(names):
    """A lock with one package per wheel file name."""
    text = "lock-version = '1.0'\ncreated-by = 'fixtures'\n"
    for name in names:
        parts = name[:-4].split("-")
        text += (f"\n[[packages]]\nname = '{parts[0].lower().replace('_', '-')}'\n"
                 f"wheels = [{{path = '{name}', hashes = {{sha256 = '{SHA}'}}}}]\n")
    return text


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


TARGETS = ("fuzz_install", "fuzz_wheel", "fuzz_plain_zip", "fuzz_record", "fuzz_metadata", "fuzz_markers", "fuzz_pylock")


def seed_from_wheel(path, outdir):
    name = os.path.basename(path)
    with open(path, "rb") as stream:
        data = stream.read()
    if len(data) <= MAX_WHEEL:
        write_seed(os.path.join(outdir, "fuzz_wheel"), data)
        write_seed(os.path.join(outdir, "fuzz_install"), data)
        write_seed(os.path.join(outdir, "fuzz_plain_zip"), data)
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


def force_zip64_archive():
    """A small wheel written as bench/corpus.py writes its wheels: each entry
    streamed with ZipFile.open(..., "w", force_zip64=True), so that its local
    header gives both sizes in a zip64 extra field (plain_zip.h)."""
    rows, stream = [], io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (("pkg/__init__.py", b"x = 1\n"), ("pkg/data.txt", b"data " * 40),
                              ("pkg-1.0.dist-info/METADATA", b"Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n"),
                              ("pkg-1.0.dist-info/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")):
            with archive.open(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), "w", force_zip64=True) as out:
                out.write(content)
            digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            rows.append(f"{name},sha256={digest},{len(content)}")
        rows.append("pkg-1.0.dist-info/RECORD,,")
        archive.writestr("pkg-1.0.dist-info/RECORD", "\n".join(rows) + "\n")
    return stream.getvalue()


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
    for lock in LOCKS:
        write_seed(os.path.join(outdir, "fuzz_pylock"), lock)
    with tempfile.TemporaryDirectory(prefix="whlinst-corpus-") as wheels:
        for generator in GENERATORS:
            subprocess.run([sys.executable, generator, wheels], check=True, stdout=subprocess.DEVNULL)
        for name in sorted(os.listdir(wheels)):
            seed_from_wheel(os.path.join(wheels, name), outdir)
        write_seed(os.path.join(outdir, "fuzz_pylock"),
                   lock_of_wheels(sorted(n for n in os.listdir(wheels) if n.endswith(".whl"))[:40]))
    for target in ("fuzz_wheel", "fuzz_install", "fuzz_plain_zip"):
        write_seed(os.path.join(outdir, target), force_zip64_archive())
    for target in TARGETS:
        print(f"{target}: {len(os.listdir(os.path.join(outdir, target)))} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
