"""The benchmark corpus: builds (once, into a cache directory) and lists the
wheels that bench/run_bench.py and bench/check_ratios.py install.

Groups:
  fixtures  the synthetic wheels of wheels-fixtures/make_fixtures.py
  real      the real wheels of wheels-fixtures/gather_real_wheels.sh
  cython    the Cython wheel of wheels-fixtures/make_cython_wheel.py
  rebuild   faithful rebuilds of large projects installed in a pyenv
            site-packages: their RECORD'd files, minus pyc and the files an
            installer writes, re-zipped with a fresh RECORD
  files     bench_files_N: N small .py modules, 100 per package (scaling in files)
  bytes     bench_bytes_S: 64 data files of S bytes each, and bench_bigfile:
            one large entry (scaling in bytes, memory bound)

Every wheel is written deterministically (fixed timestamps, sorted entries),
under a temporary name renamed into place, so an interrupted build leaves no
half wheel. A wheel already in the cache is not rebuilt.
"""

import base64
import csv
import glob
import hashlib
import io
import os
import random
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES_DIR = os.path.join(HERE, "..", "wheels-fixtures")
ZIP_DATE = (1980, 1, 2, 0, 0, 0)
SITE_PACKAGES = sysconfig.get_paths()["purelib"]  # of the interpreter running the bench
# Large pure-Python projects installed by pip in SITE_PACKAGES (RECORD rows):
# sympy ~1,570 files (1,533 .py), botocore ~1,970 (mostly JSON), cfn-lint
# ~6,460 (the largest there).
REBUILDS_QUICK = ["sympy-1.14.0", "botocore-1.43.11"]
REBUILDS_FULL = REBUILDS_QUICK + ["cfn_lint-1.51.0"]
INSTALLER_WRITTEN = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
FILE_COUNTS_QUICK = [1000, 3000, 10000]
FILE_COUNTS_FULL = [1000, 3000, 10000, 30000, 100000, 300000]
BYTES_SERIES_QUICK = [16 << 10, 256 << 10, 1 << 20]
BYTES_SERIES_FULL = [16 << 10, 256 << 10, 4 << 20]
BYTES_FILES = 64
BIGFILE_QUICK = 128 << 20
BIGFILE_FULL = 512 << 20
FILE_MODE = 0o100644 << 16


class CorpusWheel:
    """One wheel of the corpus: its path, group and, for the scaling series,
    the number of payload files and their total uncompressed bytes."""

    def __init__(self, path, group, files=None, size=None):
        self.path = path
        self.group = group
        self.files = files
        self.size = size

    @property
    def name(self):
        return os.path.basename(self.path)[: -len(".whl")]


def record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode()


def write_wheel(path, entries):
    """Write PATH from ENTRIES, (name, bytes or chunk iterable, mode), in that
    order, with a fresh RECORD (name given by the last element) appended."""
    dist_info = next(n.split("/")[0] for n, _, _ in entries if ".dist-info/" in n)
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    outdir = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".whl", dir=outdir)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for name, content, mode in entries:
                info = zipfile.ZipInfo(name, ZIP_DATE)
                info.external_attr = mode
                info.create_system = 3
                info.compress_type = zipfile.ZIP_DEFLATED
                digest, size = hashlib.sha256(), 0
                with archive.open(info, "w", force_zip64=True) as out:
                    chunks = [content] if isinstance(content, bytes) else content
                    for chunk in chunks:
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
                encoded = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
                writer.writerow([name, "sha256=" + encoded, size])
            writer.writerow([f"{dist_info}/RECORD", "", ""])
            info = zipfile.ZipInfo(f"{dist_info}/RECORD", ZIP_DATE)
            info.external_attr = FILE_MODE
            info.create_system = 3
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, record.getvalue())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def dist_info_entries(name, version, metadata, extra=()):
    di = f"{name}-{version}.dist-info"
    wheel = "Wheel-Version: 1.0\nGenerator: whlinst-bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    return [(f"{di}/METADATA", metadata.encode(), FILE_MODE),
            (f"{di}/WHEEL", wheel.encode(), FILE_MODE)] + list(extra)


def module_source(i):
    """A small, valid, varied Python module (~0.6 KiB)."""
    return (f'"""Module {i} of the whlinst benchmark corpus."""\n\n'
            f"CONSTANT_{i} = {i}\nNAMES_{i} = {[f'n{i}_{k}' for k in range(i % 5 + 1)]!r}\n\n\n"
            f"def function_{i}(x, y={i % 7}):\n    total = 0\n    for k in range(x):\n"
            f"        total += k * y + CONSTANT_{i}\n    return total\n\n\n"
            f"class Class{i}:\n    \"\"\"Holds a value.\"\"\"\n\n    def __init__(self, value):\n"
            f"        self.value = value\n\n    def method(self, other):\n"
            f"        return function_{i}(self.value + other) + {i * 31 % 1000}\n").encode()


def files_wheel(cache, count):
    """bench_files_COUNT: COUNT .py files, packages of 100 (COUNT // 100 dirs)."""
    name = f"bench_files_{count}"
    path = os.path.join(cache, f"{name}-1.0-py3-none-any.whl")
    if not os.path.exists(path):
        entries = []
        for i in range(count):
            directory, index = divmod(i, 100)
            base = "__init__" if index == 0 else f"m{index}"
            entries.append((f"{name}/p{directory // 100}/q{directory}/{base}.py", module_source(i), FILE_MODE))
        meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
        write_wheel(path, entries + dist_info_entries(name, "1.0", meta))
    return CorpusWheel(path, "files", count, None)


def text_pool(size=4 << 20):
    """Deterministic pseudo-text that deflates about 3:1, like source code."""
    rng = random.Random(6)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz_") for _ in range(rng.randint(2, 10)))
             for _ in range(4000)]
    out, length = [], 0
    while length < size:
        line = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + "\n"
        out.append(line)
        length += len(line)
    return "".join(out).encode()[:size]


def chunks_of(pool, size, seed):
    """SIZE bytes taken from POOL starting at an offset given by SEED."""
    offset = (seed * 7919) % len(pool)
    left = size
    while left:
        piece = pool[offset: offset + min(left, 1 << 20)]
        yield piece
        left -= len(piece)
        offset = (offset + len(piece)) % len(pool)


def bytes_wheel(cache, pool, size, files=BYTES_FILES, name=None):
    """NAME (default bench_bytes_SIZE): FILES data files of SIZE bytes each."""
    name = name or f"bench_bytes_{size}"
    path = os.path.join(cache, f"{name}-1.0-py3-none-any.whl")
    if not os.path.exists(path):
        entries = [(f"{name}/data/f{i}.dat", chunks_of(pool, size, i), FILE_MODE) for i in range(files)]
        meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"
        write_wheel(path, [(f"{name}/__init__.py", b"", FILE_MODE)] + entries
                    + dist_info_entries(name, "1.0", meta))
    return CorpusWheel(path, "bytes", files + 1, files * size)


def console_scripts(dist_info_dir):
    path = os.path.join(dist_info_dir, "entry_points.txt")
    names, section = set(), None
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if line.startswith("["):
                section = line
            elif "=" in line and section in ("[console_scripts]", "[gui_scripts]"):
                names.add(line.split("=")[0].strip())
    return names


def rebuild_entries(site, project):
    """Entries of the wheel PROJECT (NAME-VERSION) was installed from: its
    RECORD'd files in RECORD order, pyc and installer-written files left out,
    scripts outside site-packages that entry points do not generate put
    back under .data/scripts with a #!python line."""
    dist_info = f"{project}.dist-info"
    scripts = console_scripts(os.path.join(site, dist_info))
    payload, meta = [], []
    with open(os.path.join(site, dist_info, "RECORD"), newline="", encoding="utf-8") as record:
        rows = [row[0] for row in csv.reader(record) if row]
    for name in rows:
        if name.endswith(".pyc") or "/__pycache__/" in name:
            continue
        if name.startswith(f"{dist_info}/") and name.split("/", 1)[1] in INSTALLER_WRITTEN:
            continue
        full = os.path.normpath(os.path.join(site, name))
        mode = (os.stat(full).st_mode & 0o777 | 0o100000) << 16
        data = open(full, "rb").read()
        if name.startswith("../"):
            if os.path.basename(name) in scripts:
                continue
            if data.startswith(b"#!"):
                data = b"#!python" + data[data.index(b"\n"):]
            name = f"{project}.data/scripts/{os.path.basename(name)}"
        (meta if name.startswith(f"{dist_info}/") else payload).append((name, data, mode))
    return payload + meta


def rebuild_wheel(cache, project, site=SITE_PACKAGES):
    path = os.path.join(cache, f"{project}-py3-none-any.whl")
    if not os.path.exists(path):
        if not os.path.isdir(os.path.join(site, f"{project}.dist-info")):
            print(f"corpus: {project} is not installed in {site} (skipped)", file=sys.stderr)
            return None
        write_wheel(path, rebuild_entries(site, project))
    return CorpusWheel(path, "rebuild")


def run_script(args, what):
    """Run a wheels-fixtures script; its output goes to stderr."""
    result = subprocess.run(args, stdout=sys.stderr)
    if result.returncode == 77:
        print(f"corpus: {what} skipped", file=sys.stderr)
    elif result.returncode != 0:
        sys.exit(f"corpus: {what} failed (exit {result.returncode})")


def generated_dir(cache, sub, args, what):
    """CACHE/SUB, filled by the script ARGS + [directory]; filled again when
    the script (ARGS' last item) has changed since, so that a fixture added
    to it is not missing from an older cache."""
    directory = os.path.join(cache, sub)
    stamp = os.path.join(directory, ".script-sha256")
    with open(args[-1], "rb") as script:
        digest = hashlib.sha256(script.read()).hexdigest()
    wheels = glob.glob(os.path.join(directory, "*.whl"))
    made_by = open(stamp, encoding="utf-8").read().strip() if os.path.exists(stamp) else None
    if not wheels or made_by != digest:
        for stale in wheels:
            os.remove(stale)
        os.makedirs(directory, exist_ok=True)
        run_script(args + [directory], what)
        with open(stamp, "w", encoding="utf-8") as out:
            out.write(digest + "\n")
    return sorted(glob.glob(os.path.join(directory, "*.whl")))


def build(cache, full=False, groups=None):
    """Build what is missing in CACHE; return the CorpusWheels of GROUPS (all
    by default), in corpus order."""
    os.makedirs(cache, exist_ok=True)
    wanted = set(groups or ["fixtures", "real", "cython", "rebuild", "files", "bytes"])
    wheels = []
    if "fixtures" in wanted:
        script = os.path.join(FIXTURES_DIR, "make_fixtures.py")
        wheels += [CorpusWheel(p, "fixtures")
                   for p in generated_dir(cache, "fixtures", [sys.executable, script], "make_fixtures.py")]
    if "real" in wanted:
        script = os.path.join(FIXTURES_DIR, "gather_real_wheels.sh")
        wheels += [CorpusWheel(p, "real") for p in generated_dir(cache, "real", ["bash", script], "gather")]
    if "cython" in wanted:
        script = os.path.join(FIXTURES_DIR, "make_cython_wheel.py")
        wheels += [CorpusWheel(p, "cython")
                   for p in generated_dir(cache, "cython", [sys.executable, script], "Cython wheel")]
    if "rebuild" in wanted:
        directory = os.path.join(cache, "rebuild")
        os.makedirs(directory, exist_ok=True)
        rebuilt = [rebuild_wheel(directory, p) for p in (REBUILDS_FULL if full else REBUILDS_QUICK)]
        wheels += [w for w in rebuilt if w]
    if "files" in wanted:
        directory = os.path.join(cache, "files")
        os.makedirs(directory, exist_ok=True)
        wheels += [files_wheel(directory, n) for n in (FILE_COUNTS_FULL if full else FILE_COUNTS_QUICK)]
    if "bytes" in wanted:
        directory = os.path.join(cache, "bytes")
        os.makedirs(directory, exist_ok=True)
        pool = text_pool()
        wheels += [bytes_wheel(directory, pool, s) for s in (BYTES_SERIES_FULL if full else BYTES_SERIES_QUICK)]
        big = BIGFILE_FULL if full else BIGFILE_QUICK
        wheels.append(bytes_wheel(directory, pool, big, files=1, name=f"bench_bigfile_{big >> 20}m"))
    return wheels


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "cache")
    for wheel in build(target, full="--full" in sys.argv):
        print(wheel.group, wheel.path, os.path.getsize(wheel.path))
