#!/usr/bin/env python3
"""Hostile and broken wheels are refused cleanly (PRODUCT.md, "Hostile and
broken input"; invariants 1, 4 and 7).

Usage: test_hostile.py --whlinst W --hostile-dir D --fixtures-dir F
                       [--python PY] [--pip] [--keep]

D holds make_hostile_fixtures.py's output, F make_fixtures.py's. Into a prefix
that already holds fixture_pure, each hostile_* wheel (and the bad wheel name
and incompatible tag cases) must give exit status 1, exactly one stderr line
`whlinst: error: WHEEL: ...` holding the words EXPECTED lists for it, the
prefix snapshot unchanged (paths, bytes, modes; no lock file or state
directory of whlinst's left either), nothing beside the prefix
and no escape target written. The odd but valid wheels (oddity_* in D,
fixture_record in F: CRLF RECORD, quoted paths, directory entries, non-ASCII
names) must install. With --pip, pip (`PY -m pip install -I --no-deps
--no-index --prefix X`) is run on every wheel of D and which ones it accepts
is printed (information only, never a failure). Exit 0, 1 on failure, 77
when the binary or interpreter is missing.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import concurrent.futures  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_support as e2e  # noqa: E402
from tree_snapshot import diff_entries, snapshot  # noqa: E402

DEFAULT_PYTHON = sys.executable
PURE = "fixture_pure-1.0-py3-none-any.whl"
RECORD_QUIRKS = "fixture_record-1.0-py3-none-any.whl"
# Escape targets of make_hostile_fixtures.py: absolute, or in the directory
# holding the prefix.
ESCAPES_ABSOLUTE = ("/tmp/whlinst-hostile-escape-absolute.txt", "/tmp/whlinst-hostile-escape-script")

# Wheel file name (without "-1.0-py3-none-any.whl" when it has it) -> words the
# error line must contain after "whlinst: error: WHEEL: ".
EXPECTED = {
    "hostile_absolute_path": ["whlinst-hostile-escape-absolute.txt", "absolute path"],
    "hostile_backslash_path": ["backslash"],
    "hostile_bad_crc": ["hostile_bad_crc/data.txt", "CRC"],
    "hostile_bad_entry_points": ["entry_points.txt", "line 2"],
    "hostile_bad_wheel_name.whl": ["not a wheel file name"],
    "hostile_bomb_declared_size": ["zeros.bin", "inflates past its declared size"],
    "hostile_bomb_ratio": ["zeros.bin", "decompression bomb"],
    "hostile_bomb_total_size": ["part2.bin", "add up to more than", "decompression bomb"],
    "hostile_control_character_name": [r"new\x0Aline.txt", "control character"],
    "hostile_corrupt_data": ["hostile_corrupt_data/data.txt", "corrupt compressed data"],
    "hostile_cp437_name": [r"caf\x82.txt", "not valid UTF-8"],
    "hostile_data_into_dist_info": ["INSTALLER", ".dist-info directory"],
    "hostile_data_path_escape": ["data/purelib/../", "path escapes"],
    "hostile_device_entry": ["hostile_device_entry/device", "special file"],
    "hostile_directory_with_data": ["hostile_directory_with_data/sub/", "directory entry with data"],
    "hostile_dist_info_version": ["hostile_dist_info_version-2.0.dist-info", "version"],
    "hostile_dotdot_path": ["whlinst-hostile-escape-dotdot.txt", "path escapes"],
    "hostile_duplicate_entry": ["hostile_duplicate_entry/data.txt", "duplicate entry"],
    "hostile_empty_archive": ["empty archive"],
    "hostile_empty_file": ["empty file"],
    "hostile_encrypted_entry": ["hostile_encrypted_entry/data.txt", "encrypted"],
    "hostile_entry_missing_from_record": ["data.txt", "not listed in RECORD"],
    "hostile_entry_point_absolute": ["entry point script name '/tmp/", "not a plain file name"],
    "hostile_entry_point_escape": ["entry point script name '../../", "not a plain file name"],
    "hostile_file_and_directory": ["hostile_file_and_directory/x", "needs a directory"],
    "hostile_file_directly_in_data": ["hostile_file_directly_in_data-1.0.data/purelib",
                                      "directly in a .data directory"],
    "hostile_hash_mismatch": ["hostile_hash_mismatch/data.txt", "hash mismatch"],
    "hostile_incompatible_abi-1.0-py3-cp27mu-any.whl": ["no compatible tag", "py3-cp27mu-any"],
    "hostile_incompatible_platform-1.0-py3-none-win_amd64.whl": ["no compatible tag",
                                                                  "py3-none-win_amd64"],
    "hostile_md5_hash": ["data.txt", "weak hash algorithm 'md5'"],
    "hostile_metadata_missing": ["METADATA", "missing"],
    "hostile_misnamed_dist_info": ["hostile_other_project-1.0.dist-info", "project name"],
    "hostile_no_dist_info": ["no .dist-info directory"],
    "hostile_no_hash": ["data.txt", "no hash in RECORD"],
    "hostile_non_utf8_name": [r"caf\xE9.txt", "not valid UTF-8"],
    "hostile_normalization_collision": ["hostile_normalization_collision/caf",
                                        "name the same file after Unicode normalization (NFC)"],
    "hostile_normalization_collision_across_data": [
        "hostile_normalization_collision_across_data-1.0.data/purelib/",
        "installs to the same path as", "after Unicode normalization (NFC)"],
    "hostile_normalization_file_and_directory": [
        "hostile_normalization_file_and_directory-1.0.data/purelib/",
        "needs a directory after Unicode normalization (NFC)"],
    "hostile_not_a_zip": ["not a zip archive"],
    "hostile_record_malformed": ["RECORD", "line 6", "3 fields"],
    "hostile_record_missing": ["RECORD", "missing"],
    "hostile_record_row_without_entry": ["ghost.py", "missing from the archive"],
    # Escaped, so the refusal stays one line and drives no terminal (issue 13).
    "hostile_record_row_escape_sequences": [r"ghost\x0D\x1B[2K\x1B[32mwhlinst: installed OK\x1B[0m\x0Asecond",
                                            "missing from the archive"],
    "hostile_metadata_not_utf8": ["METADATA", "not valid UTF-8 (byte offset 79)"],
    "hostile_wheel_not_utf8": ["WHEEL", "not valid UTF-8 (byte offset 33)"],
    "hostile_entry_points_not_utf8": ["entry_points.txt", "not valid UTF-8 (byte offset 21)"],
    "hostile_requires_python": ["requires Python <3"],
    "hostile_reserved_name": [".whlinst/", "reserved"],
    "hostile_same_destination": ["data.txt", "same path"],
    "hostile_sha1_hash": ["data.txt", "weak hash algorithm 'sha1'"],
    "hostile_size_mismatch": ["data.txt", "differs from RECORD"],
    "hostile_symlink_entry": ["hostile_symlink_entry/link", "symbolic link"],
    "hostile_truncated_archive": ["truncated zip archive"],
    "hostile_two_dist_infos": ["more than one .dist-info directory"],
    "hostile_unknown_data_category": ["nonsense", "unknown .data category"],
    "hostile_unknown_hash": ["data.txt", "unknown hash algorithm 'crc32'"],
    "hostile_unsupported_compression": ["data.txt", "compression method 98", "not supported"],
    "hostile_wheel_missing": ["WHEEL", "missing"],
    "hostile_wheel_version_2": ["Wheel-Version 2.0"],
    "hostile_wheel_without_version": ["WHEEL", "Wheel-Version"],
}
# Odd but valid wheel -> a path (relative to site-packages) it must install.
ODDITIES = {
    "oddity_archive_comment": "oddity_archive_comment/data.txt",
    "oddity_data_descriptors": "oddity_data_descriptors/data.txt",
    "oddity_names_differing_by_case": "oddity_names_differing_by_case/Data.txt",
    "oddity_stored_entries": "oddity_stored_entries/data.txt",
    "oddity_utf8_without_flag": "oddity_utf8_without_flag/café.txt",
    "oddity_zip64_headers": "oddity_zip64_headers/data.txt",
}
SUFFIX = "-1.0-py3-none-any.whl"


def case_key(file_name):
    return file_name[:-len(SUFFIX)] if file_name.endswith(SUFFIX) else file_name


def run(command, cwd=None):
    """stdout and stderr as text, undecodable bytes kept as surrogates."""
    result = subprocess.run(command, env=e2e.clean_environment(), cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=e2e.TIMEOUT)
    result.stdout = result.stdout.decode("utf-8", "surrogateescape")
    result.stderr = result.stderr.decode("utf-8", "surrogateescape")
    return result


class Hostile:
    def __init__(self, args):
        self.checks = e2e.Checks()
        self.args = args
        self.python = args.python
        self.workdir = tempfile.mkdtemp(prefix="whlinst-hostile-")
        self.base = os.path.join(self.workdir, "base")
        self.prefix = os.path.join(self.base, "prefix")
        self.sibling = os.path.join(self.base, "sibling")
        os.makedirs(self.sibling)

    def check(self, name, ok, detail=""):
        return self.checks.check(name, ok, detail)

    def whlinst(self, wheel, prefix):
        return run([self.args.whlinst, wheel, "--prefix", prefix, "--python", self.python])

    def hostile_wheels(self):
        return sorted(name for name in os.listdir(self.args.hostile_dir)
                      if name.endswith(".whl") and name.startswith("hostile_"))

    def check_table(self):
        keys = {case_key(name) for name in self.hostile_wheels()}
        self.check("every hostile wheel has its expected words", keys <= set(EXPECTED),
                   sorted(keys - set(EXPECTED)))
        self.check("every expected case has its wheel", set(EXPECTED) <= keys,
                   sorted(set(EXPECTED) - keys))

    def check_error_line(self, label, result, file_name, words):
        lines = result.stderr.splitlines()
        head = f"whlinst: error: {file_name}: "
        self.check(f"{label}: exit 1", result.returncode == 1, e2e.describe(result))
        self.check(f"{label}: one line `{head}...`",
                   len(lines) == 1 and lines[0].startswith(head), result.stderr)
        raw = [c for c in "\x1b\r\x9b" if c in result.stderr]
        self.check(f"{label}: no raw control character on stderr", not raw, repr(result.stderr))
        missing = [word for word in words if word not in result.stderr]
        self.check(f"{label}: the message says {words}", not missing, result.stderr)

    def check_confined(self, label, before):
        after = snapshot(self.prefix)
        differences = [message for path, message in diff_entries(before, after, ("before", "after"))
                       if not (path not in before and e2e.is_lock_file(path))]
        self.check(f"{label}: prefix unchanged", not differences, "; ".join(differences[:4]))
        around = sorted(os.listdir(self.base))
        self.check(f"{label}: nothing written beside the prefix",
                   around == ["prefix", "sibling"] and not os.listdir(self.sibling), around)
        written = [path for path in ESCAPES_ABSOLUTE if os.path.lexists(path)]
        self.check(f"{label}: nothing written at the absolute escape targets", not written, written)

    def test_hostile(self):
        self.check_table()
        installed = self.whlinst(os.path.join(self.args.fixtures_dir, PURE), self.prefix)
        if not self.check("fixture_pure installs into the prefix first", installed.returncode == 0,
                          e2e.describe(installed)):
            return
        for path in ESCAPES_ABSOLUTE:
            if os.path.lexists(path):
                os.unlink(path)
        before = snapshot(self.prefix)
        for file_name in self.hostile_wheels():
            label = case_key(file_name)
            result = self.whlinst(os.path.join(self.args.hostile_dir, file_name), self.prefix)
            self.check_error_line(label, result, file_name, EXPECTED.get(label, []))
            self.check_confined(label, before)

    def test_valid(self):
        wheels = [os.path.join(self.args.fixtures_dir, RECORD_QUIRKS)]
        wheels += [os.path.join(self.args.hostile_dir, f"{name}{SUFFIX}") for name in ODDITIES]
        for wheel in wheels:
            label = case_key(os.path.basename(wheel))
            prefix = os.path.join(self.workdir, "valid", label)
            result = self.whlinst(wheel, prefix)
            self.check(f"{label}: installs (exit 0, no message)",
                       result.returncode == 0 and not result.stderr, e2e.describe(result))
            site = e2e.site_packages(prefix)
            if label in ODDITIES:
                self.check(f"{label}: {ODDITIES[label]} installed",
                           os.path.isfile(os.path.join(site, ODDITIES[label])))
            listed_only, present_only = e2e.record_versus_tree(prefix)
            self.check(f"{label}: RECORD lists exactly the files present",
                       not listed_only and not present_only, (listed_only, present_only))

    def pip_accepts(self, index, file_name):
        base = os.path.join(self.workdir, "pip", str(index))
        prefix = os.path.join(base, "prefix")
        os.makedirs(prefix)
        command = [self.python, "-m", "pip", "install", "-I", "--no-deps", "--no-index",
                   "--disable-pip-version-check", "--no-compile", "--prefix", prefix,
                   os.path.join(self.args.hostile_dir, file_name)]
        result = run(command)
        escaped = sorted(set(os.listdir(base)) - {"prefix"})
        for path in ESCAPES_ABSOLUTE:
            if os.path.lexists(path):
                escaped.append(path)
                os.unlink(path)
        shutil.rmtree(base)
        lines = result.stderr.strip().splitlines()
        return file_name, result.returncode == 0, escaped, lines[-1] if lines else ""

    def report_pip(self):
        """Which wheels pip accepts (information for the closing note)."""
        names = sorted(name for name in os.listdir(self.args.hostile_dir) if name.endswith(".whl"))
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(pool.map(self.pip_accepts, range(len(names)), names))
        for file_name, accepted, escaped, message in outcomes:
            verdict = "accepts" if accepted else "refuses"
            extra = f", and wrote outside its prefix: {escaped}" if escaped else ""
            print(f"INFO pip {verdict} {file_name}{extra}" + ("" if accepted else f": {message[:160]}"))
        hostile = [name for name, accepted, _, _ in outcomes if accepted and name.startswith("hostile_")]
        print(f"INFO pip accepts {len(hostile)} hostile wheels: {' '.join(map(case_key, hostile))}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--hostile-dir", required=True)
    parser.add_argument("--fixtures-dir", required=True)
    parser.add_argument("--python", default=DEFAULT_PYTHON)
    parser.add_argument("--pip", action="store_true", help="also report what pip accepts")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    if not os.access(args.whlinst, os.X_OK) or not os.access(args.python, os.X_OK):
        print(f"SKIP: {args.whlinst} or {args.python} missing")
        return e2e.SKIP
    args.whlinst = os.path.abspath(args.whlinst)
    session = Hostile(args)
    session.test_hostile()
    session.test_valid()
    if args.pip:
        session.report_pip()
    status = session.checks.finish()
    if status == 0 and not args.keep:
        shutil.rmtree(session.workdir)
    else:
        print(f"work directory kept: {session.workdir}")
    return status


if __name__ == "__main__":
    sys.exit(main())
