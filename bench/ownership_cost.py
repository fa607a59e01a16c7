#!/usr/bin/env python3
"""What the file-ownership check (issue 11, src/ownership_check.h) costs.

Builds an environment of --projects installed projects holding --files
files in all (default 200 / 100,000: each a package directory of small
modules and a .dist-info whose RECORD lists them, written directly, as an
installer would leave them), then installs --probes small wheels (20 files,
distinct projects, --no-compile) once into that environment and once into
an empty prefix, interleaved, and prints the medians and their difference:
a fresh install writes no existing path, so it must read no other RECORD
(target: under 5 ms added). For scale it also times what does read every
RECORD: an install over a file another project lists with identical bytes,
and uninstalling such a project.

  python3 bench/ownership_cost.py --whlinst build/src/whlinst [--python PY]
"""

import argparse
import base64
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
import scheme_paths  # noqa: E402


def record_hash(data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest},{len(data)}"


def write_installed_project(site, name, files):
    """A project as an installer leaves it: files, then its .dist-info."""
    rows = []
    for i in range(files):
        relative = f"{name}/m{i:04}.py"
        data = f"VALUE = {i}\n".encode()
        os.makedirs(os.path.join(site, name), exist_ok=True)
        with open(os.path.join(site, relative), "wb") as out:
            out.write(data)
        rows.append(f"{relative},{record_hash(data)}")
    dist_info = os.path.join(site, f"{name}-1.0.dist-info")
    os.makedirs(dist_info)
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode()
    for file_name, data in (("METADATA", metadata), ("INSTALLER", b"bench\n")):
        with open(os.path.join(dist_info, file_name), "wb") as out:
            out.write(data)
        rows.append(f"{name}-1.0.dist-info/{file_name},{record_hash(data)}")
    rows.append(f"{name}-1.0.dist-info/RECORD,,")
    with open(os.path.join(dist_info, "RECORD"), "w") as out:
        out.write("\n".join(rows) + "\n")


def make_wheel(directory, name, payload):
    """A wheel of `payload` (path -> bytes) plus its .dist-info."""
    dist_info = f"{name}-1.0.dist-info"
    entries = dict(payload)
    entries[f"{dist_info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode()
    entries[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = "".join(f"{path},{record_hash(data)}\n" for path, data in entries.items()) + f"{dist_info}/RECORD,,\n"
    path = os.path.join(directory, f"{name}-1.0-py3-none-any.whl")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
        archive.writestr(f"{dist_info}/RECORD", record)
    return path


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, universal_newlines=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}: {result.stderr.strip()}")
    return elapsed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=30)
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args(argv)
    work = tempfile.mkdtemp(prefix="whlinst-ownership-bench-", dir=args.workdir)
    try:
        site_rel = scheme_paths.relative_scheme(args.python)["purelib"]
        big, empty, wheels = (os.path.join(work, d) for d in ("big", "empty", "wheels"))
        os.makedirs(os.path.join(big, site_rel))
        os.makedirs(wheels)
        start = time.perf_counter()
        for p in range(args.projects):
            write_installed_project(os.path.join(big, site_rel), f"bulk{p:03}", args.files // args.projects)
        print(f"environment: {args.projects} projects, {args.files} files, written in "
              f"{time.perf_counter() - start:.1f} s")
        whlinst = [os.path.abspath(args.whlinst)]
        common = ["--no-compile", "--python", args.python]
        fresh, into_empty = [], []
        for i in range(args.probes):
            payload = {f"probe{i:03}/m{j:02}.py": f"X = {j}\n".encode() for j in range(18)}
            wheel = make_wheel(wheels, f"probe{i:03}", payload)
            empty_prefix = f"{empty}{i}"
            into_empty.append(timed(whlinst + [wheel, "--prefix", empty_prefix] + common))
            fresh.append(timed(whlinst + [wheel, "--prefix", big] + common))
        shared = {"bulk000/m0000.py": b"VALUE = 0\n", "sharer/__init__.py": b""}
        sharer = make_wheel(wheels, "sharer", shared)
        over_shared = timed(whlinst + [sharer, "--prefix", big] + common)
        uninstall = timed(whlinst + ["uninstall", "sharer", "--prefix", big, "--python", args.python])
        empty_ms, fresh_ms = statistics.median(into_empty) * 1e3, statistics.median(fresh) * 1e3
        print(f"fresh 20-file install, median of {args.probes}: empty prefix {empty_ms:.2f} ms, "
              f"{args.projects}-project environment {fresh_ms:.2f} ms: {fresh_ms - empty_ms:+.2f} ms")
        print(f"install over a shared file (every RECORD read): {over_shared * 1e3:.1f} ms; "
              f"its uninstall: {uninstall * 1e3:.1f} ms")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
