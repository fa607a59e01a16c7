#!/usr/bin/env python3
"""Write whlinst's hostile and odd test wheels into OUTDIR, deterministically.

hostile_CASE-1.0-py3-none-any.whl   one broken or malicious wheel per CASE,
    which an installer must refuse without touching the prefix (PRODUCT.md,
    "Hostile and broken input"; invariants 1 and 7). A few are not named like
    this because their name is the case (bad wheel file name, incompatible
    tags).
oddity_CASE-1.0-py3-none-any.whl    unusual but valid wheels that must install
    (stored entries, data descriptors, zip64 headers, an archive comment,
    UTF-8 names without the zip UTF-8 flag, names differing only by case). The other malformed-but-valid
    cases (CRLF RECORD, quoted paths, directory entries, non-ASCII names) are
    in make_fixtures.py's fixture_record wheel.

Wheels are built with make_fixtures.py's writer, then altered as bytes when
zipfile cannot write the case (encryption flag, CRC, lying sizes, raw names).
Same bytes on every run with the same Python and zlib.

Usage: make_hostile_fixtures.py OUTDIR    write the wheels, print their count
       make_hostile_fixtures.py --list    print CASE and file name, write nothing
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import struct
import sys
import warnings
import zipfile
from typing import Callable, Dict, List, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

# Targets of the path-escape cases, relative to the parent of the prefix (four
# levels above PREFIX/lib/pythonX.Y/site-packages) or absolute.
ESCAPE_ABSOLUTE = "/tmp/whlinst-hostile-escape-absolute.txt"
ESCAPE_DOTDOT = "whlinst-hostile-escape-dotdot.txt"
ESCAPE_DATA = "whlinst-hostile-escape-data.txt"
ESCAPE_SYMLINK = "whlinst-hostile-escape-symlink.txt"
ESCAPE_SCRIPT = "whlinst-hostile-escape-script"
UP = "../../../../"

# zip header field offsets: (local file header, central directory header, struct format)
FIELDS = {
    "flags": (6, 8, "<H"),
    "method": (8, 10, "<H"),
    "crc": (14, 16, "<I"),
    "compressed_size": (18, 20, "<I"),
    "size": (22, 24, "<I"),
}
FLAG_ENCRYPTED = 0x0001
FLAG_UTF8 = 0x0800
METHOD_PPMD = 98


# ------------------------------------------------------------------ building


def project(case: str) -> str:
    return f"hostile_{case}"


def payload_text(name: str) -> bytes:
    """About 40 KiB of text: large enough that corrupting it fails mid-stream."""
    lines = [f"{name}: line {i} of the payload data file\n" for i in range(800)]
    return "".join(lines).encode("ascii")


def base_wheel(name: str, extra: List[mf.Entry] = (), **options) -> mf.Wheel:
    """NAME 1.0: NAME/__init__.py, NAME/data.txt and `extra`."""
    payload = [mf.module(f"{name}/__init__.py"), mf.file(f"{name}/data.txt", payload_text(name))]
    headers = options.pop("headers", ())
    metadata = mf.simple_metadata(name, "1.0", *headers)
    return mf.Wheel(name, "1.0", metadata, payload + list(extra), **options)


def zip_bytes(entries: List[mf.Entry]) -> bytes:
    stream = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        mf.write_zip(stream, entries)
    return stream.getvalue()


def with_record(wheel: mf.Wheel, entries: List[mf.Entry]) -> List[mf.Entry]:
    """entries without their RECORD, then a RECORD listing them."""
    record = f"{wheel.dist_info}/RECORD"
    kept = [e for e in entries if e.path != record]
    return kept + [mf.file(record, mf.record_text(wheel, kept))]


def replaced(entries: List[mf.Entry], path: str, data) -> List[mf.Entry]:
    found = [e for e in entries if e.path == path]
    assert found, path
    return [mf.Entry(e.path, mf.as_bytes(data), e.external_attr, e.create_system)
            if e.path == path else e for e in entries]


def without(entries: List[mf.Entry], path: str) -> List[mf.Entry]:
    assert any(e.path == path for e in entries), path
    return [e for e in entries if e.path != path]


def edit_record(wheel: mf.Wheel, entries: List[mf.Entry], edit: Callable[[str], str]):
    record = f"{wheel.dist_info}/RECORD"
    text = next(e.data for e in entries if e.path == record).decode("utf-8")
    changed = edit(text)
    assert changed != text
    return replaced(entries, record, changed)


def record_row(path: str, data: bytes, size=None) -> str:
    return f"{path},{mf.record_hash('sha256', data)},{len(data) if size is None else size}\n"


# -------------------------------------------------------------- byte patches


def central_directory(data: bytes) -> Dict[bytes, Tuple[int, int]]:
    """Entry name -> (local header offset, central header offset); the last
    entry of a name wins."""
    end = data.rfind(b"PK\x05\x06")
    count, _, offset = struct.unpack_from("<HII", data, end + 10)
    found = {}
    for _ in range(count):
        assert data[offset:offset + 4] == b"PK\x01\x02"
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, offset + 28)
        (local,) = struct.unpack_from("<I", data, offset + 42)
        found[bytes(data[offset + 46:offset + 46 + name_length])] = (local, offset)
        offset += 46 + name_length + extra_length + comment_length
    return found


def patch_field(data: bytearray, name: str, field: str, change: Callable[[int], int]) -> None:
    """Changes a header field of entry `name` in both its local and central headers."""
    local, central = central_directory(bytes(data))[name.encode("utf-8")]
    local_at, central_at, form = FIELDS[field]
    for at in (local + local_at, central + central_at):
        (value,) = struct.unpack_from(form, data, at)
        struct.pack_into(form, data, at, change(value))


def patch_name(data: bytearray, name: str, raw: bytes) -> None:
    """Renames entry `name` to the bytes `raw` (same length) in both headers."""
    assert len(raw) == len(name.encode("utf-8"))
    local, central = central_directory(bytes(data))[name.encode("utf-8")]
    data[local + 30:local + 30 + len(raw)] = raw
    data[central + 46:central + 46 + len(raw)] = raw


def compressed_data_offset(data: bytes, name: str) -> int:
    local, _ = central_directory(data)[name.encode("utf-8")]
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    return local + 30 + name_length + extra_length


def pseudo_random(size: int, seed: bytes) -> bytes:
    """Incompressible, deterministic bytes (sha256 in counter mode)."""
    blocks = (hashlib.sha256(seed + i.to_bytes(8, "little")).digest()
              for i in range((size + 31) // 32))
    return b"".join(blocks)[:size]


# ------------------------------------------------------------------- cases
# Each case returns (file name, bytes).

CASES: Dict[str, Callable[[], Tuple[str, bytes]]] = {}


def case(function):
    CASES[function.__name__] = function
    return function


def from_wheel(wheel: mf.Wheel, edit=None) -> Tuple[str, bytes]:
    entries = mf.wheel_entries(wheel)
    return wheel.filename, zip_bytes(edit(entries) if edit else entries)


def patched(wheel: mf.Wheel, patch: Callable[[bytearray], None], entries=None):
    data = bytearray(zip_bytes(entries or mf.wheel_entries(wheel)))
    patch(data)
    return wheel.filename, bytes(data)


@case
def not_a_zip():
    return f"{project('not_a_zip')}-1.0-py3-none-any.whl", b"This is not a zip archive.\n" * 20


@case
def empty_file():
    return f"{project('empty_file')}-1.0-py3-none-any.whl", b""


@case
def empty_archive():
    return f"{project('empty_archive')}-1.0-py3-none-any.whl", zip_bytes([])


@case
def truncated_archive():
    name, data = from_wheel(base_wheel(project("truncated_archive")))
    return name, data[:len(data) * 2 // 3]


@case
def corrupt_data():
    wheel = base_wheel(project("corrupt_data"))
    member = f"{wheel.dist_name}/data.txt"
    # First deflate block header: BFINAL=1, BTYPE=11 (reserved, invalid).
    return patched(wheel, lambda data: data.__setitem__(compressed_data_offset(data, member), 0x07))


@case
def bad_crc():
    wheel = base_wheel(project("bad_crc"))
    return patched(wheel, lambda data: patch_field(data, f"{wheel.dist_name}/data.txt", "crc",
                                                   lambda crc: crc ^ 0x00010000))


@case
def bad_wheel_name():
    wheel = base_wheel(project("bad_wheel_name"))
    return f"{wheel.dist_name}.whl", zip_bytes(mf.wheel_entries(wheel))


@case
def no_dist_info():
    wheel = base_wheel(project("no_dist_info"))
    return from_wheel(wheel, lambda entries: [e for e in entries if ".dist-info/" not in e.path])


@case
def two_dist_infos():
    wheel = base_wheel(project("two_dist_infos"))
    other = mf.file("hostile_other-1.0.dist-info/METADATA", mf.simple_metadata("hostile_other", "1.0"))
    return from_wheel(wheel, lambda entries: with_record(wheel, entries[:-1] + [other]))


@case
def misnamed_dist_info():
    wheel = base_wheel(project("misnamed_dist_info"))
    renamed = base_wheel(project("misnamed_dist_info"))
    renamed.dist_name = "hostile_other_project"
    return wheel.filename, zip_bytes(mf.wheel_entries(renamed))


@case
def dist_info_version():
    wheel = base_wheel(project("dist_info_version"))
    other = base_wheel(project("dist_info_version"))
    other.version = "2.0"
    return wheel.filename, zip_bytes(mf.wheel_entries(other))


@case
def wheel_missing():
    wheel = base_wheel(project("wheel_missing"))
    return from_wheel(wheel, lambda entries: with_record(
        wheel, without(entries, f"{wheel.dist_info}/WHEEL")))


@case
def metadata_missing():
    wheel = base_wheel(project("metadata_missing"))
    return from_wheel(wheel, lambda entries: with_record(
        wheel, without(entries, f"{wheel.dist_info}/METADATA")))


@case
def wheel_version_2():
    wheel = base_wheel(project("wheel_version_2"))
    path = f"{wheel.dist_info}/WHEEL"
    text = mf.wheel_file_text(wheel).replace("Wheel-Version: 1.0", "Wheel-Version: 2.0")
    return from_wheel(wheel, lambda entries: with_record(wheel, replaced(entries, path, text)))


@case
def wheel_without_version():
    wheel = base_wheel(project("wheel_without_version"))
    path = f"{wheel.dist_info}/WHEEL"
    text = mf.wheel_file_text(wheel).replace("Wheel-Version: 1.0\n", "")
    return from_wheel(wheel, lambda entries: with_record(wheel, replaced(entries, path, text)))


@case
def record_missing():
    wheel = base_wheel(project("record_missing"))
    return from_wheel(wheel, lambda entries: without(entries, f"{wheel.dist_info}/RECORD"))


@case
def record_malformed():
    wheel = base_wheel(project("record_malformed"))
    return from_wheel(wheel, lambda entries: edit_record(
        wheel, entries, lambda text: text + f"{wheel.dist_name}/x.py,sha256=abc\n"))


@case
def hash_mismatch():
    wheel = base_wheel(project("hash_mismatch"))
    path = f"{wheel.dist_name}/data.txt"
    data = payload_text(wheel.dist_name)
    altered = data[:-2] + b"X\n"
    return from_wheel(wheel, lambda entries: replaced(entries, path, altered))


@case
def size_mismatch():
    wheel = base_wheel(project("size_mismatch"))
    path = f"{wheel.dist_name}/data.txt"
    data = payload_text(wheel.dist_name)
    return from_wheel(wheel, lambda entries: edit_record(
        wheel, entries, lambda text: text.replace(record_row(path, data),
                                                  record_row(path, data, len(data) + 1))))


def hash_replaced(case_name: str, new_hash: str) -> Tuple[str, bytes]:
    wheel = base_wheel(project(case_name))
    path = f"{wheel.dist_name}/data.txt"
    data = payload_text(wheel.dist_name)
    row = record_row(path, data)
    return from_wheel(wheel, lambda entries: edit_record(
        wheel, entries, lambda text: text.replace(row, f"{path},{new_hash},{len(data)}\n")))


@case
def md5_hash():
    data = payload_text(project("md5_hash"))
    return hash_replaced("md5_hash", mf.record_hash("md5", data))


@case
def sha1_hash():
    data = payload_text(project("sha1_hash"))
    return hash_replaced("sha1_hash", mf.record_hash("sha1", data))


@case
def unknown_hash():
    return hash_replaced("unknown_hash", "crc32=AAAAAA")


@case
def no_hash():
    return hash_replaced("no_hash", "")


@case
def entry_missing_from_record():
    wheel = base_wheel(project("entry_missing_from_record"))
    path = f"{wheel.dist_name}/data.txt"
    row = record_row(path, payload_text(wheel.dist_name))
    return from_wheel(wheel, lambda entries: edit_record(
        wheel, entries, lambda text: text.replace(row, "")))


@case
def record_row_without_entry():
    wheel = base_wheel(project("record_row_without_entry"))
    path = f"{wheel.dist_name}/data.txt"
    return from_wheel(wheel, lambda entries: edit_record(
        wheel, entries, lambda text: text.replace(
            path + ",", f"{wheel.dist_name}/ghost.py,{mf.record_hash('sha256', b'')},0\n{path},")))


# A RECORD row naming a file the archive lacks, whose path would, echoed raw,
# return the cursor, erase the line and print a fake success in green.
FORGED_OUTPUT = "\r\x1b[2K\x1b[32mwhlinst: installed OK\x1b[0m"


@case
def record_row_escape_sequences():
    wheel = base_wheel(project("record_row_escape_sequences"))
    path = f"{wheel.dist_name}/data.txt"
    ghost = f'"{wheel.dist_name}/ghost{FORGED_OUTPUT}\nsecond line.py"'
    return from_wheel(wheel, lambda entries: edit_record(
        wheel, entries, lambda text: text.replace(
            path + ",", f"{ghost},{mf.record_hash('sha256', b'')},0\n{path},")))


def non_utf8_file(case_name: str, file_name: str, text: bytes, extra=()) -> Tuple[str, bytes]:
    """A wheel whose dist-info file `file_name` holds `text` (not UTF-8),
    listed in RECORD with its true hash."""
    wheel = base_wheel(project(case_name), dist_info_extra=list(extra))
    path = f"{wheel.dist_info}/{file_name}"
    return from_wheel(wheel, lambda entries: with_record(wheel, replaced(entries, path, text)))


# Latin-1 'é' (0xE9) where UTF-8 is required; the error names its byte offset.
NON_UTF8_METADATA = b"Metadata-Version: 2.1\nName: hostile_metadata_not_utf8\nVersion: 1.0\nSummary: caf\xe9\n"
NON_UTF8_WHEEL = b"Wheel-Version: 1.0\nGenerator: caf\xe9\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
NON_UTF8_ENTRY_POINTS = b"[console_scripts]\ncaf\xe9 = hostile_entry_points_not_utf8:main\n"


@case
def metadata_not_utf8():
    return non_utf8_file("metadata_not_utf8", "METADATA", NON_UTF8_METADATA)


@case
def wheel_not_utf8():
    return non_utf8_file("wheel_not_utf8", "WHEEL", NON_UTF8_WHEEL)


@case
def entry_points_not_utf8():
    placeholder = mf.file("entry_points.txt", "[console_scripts]\n")
    return non_utf8_file("entry_points_not_utf8", "entry_points.txt", NON_UTF8_ENTRY_POINTS, [placeholder])


def with_extra(case_name: str, *extra: mf.Entry, **options) -> Tuple[str, bytes]:
    """A wheel holding `extra` entries too, every one listed in RECORD."""
    return from_wheel(base_wheel(project(case_name), list(extra), **options))


@case
def absolute_path():
    return with_extra("absolute_path", mf.file(ESCAPE_ABSOLUTE, "escaped\n"))


@case
def dotdot_path():
    return with_extra("dotdot_path", mf.file(UP + ESCAPE_DOTDOT, "escaped\n"))


@case
def backslash_path():
    return with_extra("backslash_path",
                      mf.file(UP.replace("/", "\\") + "whlinst-hostile-backslash.txt", "escaped\n"))


@case
def data_path_escape():
    name = project("data_path_escape")
    return with_extra("data_path_escape", mf.file(f"{name}-1.0.data/purelib/{UP}{ESCAPE_DATA}",
                                                  "escaped\n"))


@case
def symlink_entry():
    name = project("symlink_entry")
    return with_extra("symlink_entry", mf.file(f"{name}/link", UP + ESCAPE_SYMLINK, 0o120777))


@case
def device_entry():
    name = project("device_entry")
    return with_extra("device_entry", mf.file(f"{name}/device", "", 0o020644))


@case
def duplicate_entry():
    wheel = base_wheel(project("duplicate_entry"))
    path = f"{wheel.dist_name}/data.txt"
    second = mf.file(path, b"a second data.txt, installed over the first\n")
    return from_wheel(wheel, lambda entries: entries[:-1] + [second, entries[-1]])


@case
def unknown_data_category():
    name = project("unknown_data_category")
    return with_extra("unknown_data_category", mf.file(f"{name}-1.0.data/nonsense/file.txt", "x\n"))


@case
def file_directly_in_data():
    name = project("file_directly_in_data")
    return with_extra("file_directly_in_data", mf.file(f"{name}-1.0.data/purelib", "x\n"))


@case
def data_into_dist_info():
    name = project("data_into_dist_info")
    return with_extra("data_into_dist_info",
                      mf.file(f"{name}-1.0.data/purelib/{name}-1.0.dist-info/INSTALLER", "evil\n"))


@case
def same_destination():
    name = project("same_destination")
    return with_extra("same_destination", mf.file(f"{name}-1.0.data/purelib/{name}/data.txt", "x\n"))


@case
def reserved_name():
    return with_extra("reserved_name", mf.file(".whlinst/hostile_reserved_name.lock", "x\n"))


@case
def file_and_directory():
    name = project("file_and_directory")
    return with_extra("file_and_directory", mf.file(f"{name}/x", "a file\n"),
                      mf.file(f"{name}/x/y", "x must be a directory\n"))


def entry_point_wheel(case_name: str, script: str) -> Tuple[str, bytes]:
    name = project(case_name)
    entry_points = mf.file("entry_points.txt", f"[console_scripts]\n{script} = {name}:main\n")
    return from_wheel(base_wheel(name, dist_info_extra=[entry_points]))


@case
def entry_point_escape():
    """A console script named "../../NAME": two levels above PREFIX/bin."""
    return entry_point_wheel("entry_point_escape", "../../" + ESCAPE_SCRIPT)


@case
def entry_point_absolute():
    return entry_point_wheel("entry_point_absolute", "/tmp/" + ESCAPE_SCRIPT)


@case
def incompatible_platform():
    return from_wheel(base_wheel(project("incompatible_platform"), tags="py3-none-win_amd64"))


@case
def incompatible_abi():
    return from_wheel(base_wheel(project("incompatible_abi"), tags="py3-cp27mu-any"))


@case
def requires_python():
    return from_wheel(base_wheel(project("requires_python"), headers=["Requires-Python: <3"]))


@case
def bad_entry_points():
    entry_points = mf.file("entry_points.txt", "[console_scripts]\nno equals sign here\n")
    return from_wheel(base_wheel(project("bad_entry_points"), dist_info_extra=[entry_points]))


@case
def bomb_declared_size():
    """An entry of 1 MiB declaring 1000 bytes (RECORD agrees with the lie)."""
    wheel = base_wheel(project("bomb_declared_size"))
    path = f"{wheel.dist_name}/zeros.bin"
    zeros = bytes(1 << 20)
    entries = mf.wheel_entries(base_wheel(wheel.dist_name, [mf.file(path, zeros)]))
    entries = edit_record(wheel, entries, lambda text: text.replace(
        record_row(path, zeros), record_row(path, zeros, 1000)))
    return patched(wheel, lambda data: patch_field(data, path, "size", lambda _: 1000), entries)


@case
def bomb_ratio():
    """200 MiB of zeros, deflated about 1029:1 (honest sizes, RECORD correct)."""
    wheel = base_wheel(project("bomb_ratio"))
    path = f"{wheel.dist_name}/zeros.bin"
    zeros = bytes(200 << 20)
    return from_wheel(base_wheel(wheel.dist_name, [mf.file(path, zeros)]))


@case
def bomb_total_size():
    """Three entries of 1.6 MB declaring 1.45 GB each: 4.35 GB in all, over
    4 GiB, each at a ratio (about 906) below 1000."""
    wheel = base_wheel(project("bomb_total_size"))
    declared = 1_450_000_000
    parts = [mf.file(f"{wheel.dist_name}/part{i}.bin", pseudo_random(1_600_000, bytes([i])))
             for i in range(3)]
    entries = mf.wheel_entries(base_wheel(wheel.dist_name, parts))
    for part in parts:
        entries = edit_record(wheel, entries, lambda text, part=part: text.replace(
            record_row(part.path, part.data), record_row(part.path, part.data, declared)))

    def patch(data):
        for part in parts:
            patch_field(data, part.path, "size", lambda _: declared)
    return patched(wheel, patch, entries)


@case
def encrypted_entry():
    wheel = base_wheel(project("encrypted_entry"))
    return patched(wheel, lambda data: patch_field(data, f"{wheel.dist_name}/data.txt", "flags",
                                                   lambda flags: flags | FLAG_ENCRYPTED))


@case
def unsupported_compression():
    wheel = base_wheel(project("unsupported_compression"))
    return patched(wheel, lambda data: patch_field(data, f"{wheel.dist_name}/data.txt", "method",
                                                   lambda _: METHOD_PPMD))


@case
def non_utf8_name():
    """A name with byte 0xE9 (Latin-1 'é') although the zip UTF-8 flag is set."""
    name = project("non_utf8_name")
    path = f"{name}/cafX.txt"
    wheel = base_wheel(name, [mf.file(path, "latin-1 name\n")])

    def patch(data):
        patch_field(data, path, "flags", lambda flags: flags | FLAG_UTF8)
        patch_name(data, path, f"{name}/caf".encode() + b"\xe9.txt")
    return patched(wheel, patch)


@case
def cp437_name():
    """Byte 0x82 ('é' in CP437) without the zip UTF-8 flag; RECORD lists the
    CP437 reading, so pip (zipfile decodes CP437) installs café.txt."""
    name = project("cp437_name")
    placeholder = f"{name}/cafX.txt"
    wheel = base_wheel(name, [mf.file(placeholder, "cp437 name\n")])
    entries = edit_record(wheel, mf.wheel_entries(wheel), lambda text: text.replace(
        placeholder + ",", f"{name}/café.txt,"))
    return patched(wheel, lambda data: patch_name(data, placeholder, f"{name}/caf".encode() + b"\x82.txt"),
                   entries)


@case
def control_character_name():
    name = project("control_character_name")
    return with_extra("control_character_name", mf.file(f"{name}/new\nline.txt", "x\n"))


@case
def normalization_collision():
    """"café.py" twice: precomposed U+00E9, then "e" + U+0301. Different bytes,
    one name after NFC: two files on Linux, one on a normalizing file system,
    and the same to the eye everywhere."""
    name = project("normalization_collision")
    return with_extra("normalization_collision", mf.file(f"{name}/caf\u00e9.py", "A = 1\n"),
                      mf.file(f"{name}/cafe\u0301.py", "A = 2\n"))


@case
def normalization_collision_across_data():
    """"café.py" precomposed under NAME-1.0.data/purelib/ and decomposed at the
    root: the entry names differ even after NFC, but both install into
    site-packages, under names equal after NFC."""
    name = project("normalization_collision_across_data")
    return with_extra("normalization_collision_across_data",
                      mf.file(f"{name}-1.0.data/purelib/{name}/caf\u00e9.py", "A = 1\n"),
                      mf.file(f"{name}/cafe\u0301.py", "A = 2\n"))


@case
def normalization_file_and_directory():
    """A file "café" (precomposed) from NAME-1.0.data/purelib/ where a root
    entry needs the directory "café" (decomposed): one path after NFC."""
    name = project("normalization_file_and_directory")
    return with_extra("normalization_file_and_directory",
                      mf.file(f"{name}-1.0.data/purelib/{name}/caf\u00e9", "a file\n"),
                      mf.file(f"{name}/cafe\u0301/x.py", "X = 1\n"))


@case
def directory_with_data():
    """A file entry renamed "NAME/sub/" in the bytes (zipfile drops the data
    of names ending in '/')."""
    name = project("directory_with_data")
    placeholder = f"{name}/sub_"
    wheel = base_wheel(name, [mf.Entry(placeholder, b"directory data\n", (mf.MODE_DIR << 16) | 0x10)])
    entries = edit_record(wheel, mf.wheel_entries(wheel), lambda text: text.replace(
        placeholder + ",", f"{name}/sub/,"))
    return patched(wheel, lambda data: patch_name(data, placeholder, f"{name}/sub/".encode()), entries)


# ------------------------------------------------------------------ oddities


ODDITIES: Dict[str, Callable[[], Tuple[str, bytes]]] = {}


def oddity(function):
    ODDITIES[function.__name__] = function
    return function


def odd_wheel(case_name: str) -> mf.Wheel:
    name = f"oddity_{case_name}"
    return mf.Wheel(name, "1.0", mf.simple_metadata(name, "1.0"),
                    [mf.module(f"{name}/__init__.py"), mf.file(f"{name}/data.txt", payload_text(name))])


def custom_zip(entries: List[mf.Entry], write: Callable[[zipfile.ZipFile, zipfile.ZipInfo, bytes], None],
               stream=None, comment: bytes = b"") -> bytes:
    stream = stream or io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.comment = comment
        for entry in entries:
            info = zipfile.ZipInfo(entry.path, mf.ZIP_DATE)
            info.external_attr = entry.external_attr
            info.create_system = entry.create_system
            write(archive, info, entry.data)
    return stream.getvalue()


def write_stored(archive, info, data):
    info.compress_type = zipfile.ZIP_STORED
    archive.writestr(info, data)


def write_deflated(archive, info, data):
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=9)


def write_zip64(archive, info, data):
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        member.write(data)


class Unseekable(io.BytesIO):
    """zipfile writes data descriptors (flag bit 3) to streams it cannot seek."""

    def seekable(self):
        return False

    def seek(self, *args):
        raise io.UnsupportedOperation("seek")


@oddity
def stored_entries():
    wheel = odd_wheel("stored_entries")
    return wheel.filename, custom_zip(mf.wheel_entries(wheel), write_stored)


@oddity
def data_descriptors():
    wheel = odd_wheel("data_descriptors")
    return wheel.filename, custom_zip(mf.wheel_entries(wheel), write_deflated, Unseekable())


@oddity
def zip64_headers():
    wheel = odd_wheel("zip64_headers")
    return wheel.filename, custom_zip(mf.wheel_entries(wheel), write_zip64)


@oddity
def archive_comment():
    wheel = odd_wheel("archive_comment")
    return wheel.filename, custom_zip(mf.wheel_entries(wheel), write_deflated,
                                      comment=b"an archive comment\n")


@oddity
def utf8_without_flag():
    """UTF-8 names without the zip UTF-8 flag: whlinst reads them as UTF-8 (the
    wheel specification's encoding, matching RECORD); zipfile reads CP437."""
    wheel = odd_wheel("utf8_without_flag")
    wheel.payload.append(mf.file(f"{wheel.dist_name}/café.txt", "utf-8 name, no flag\n"))
    data = bytearray(zip_bytes(mf.wheel_entries(wheel)))
    patch_field(data, f"{wheel.dist_name}/café.txt", "flags", lambda flags: flags & ~FLAG_UTF8)
    return wheel.filename, bytes(data)


@oddity
def names_differing_by_case():
    """data.txt and Data.txt: distinct files on Linux, so installed both (only
    names equal after Unicode normalization are refused)."""
    wheel = odd_wheel("names_differing_by_case")
    wheel.payload.append(mf.file(f"{wheel.dist_name}/Data.txt", "capital D\n"))
    return wheel.filename, zip_bytes(mf.wheel_entries(wheel))


# -------------------------------------------------------------------- main


def all_cases() -> Dict[str, Callable[[], Tuple[str, bytes]]]:
    return {**CASES, **{f"oddity_{name}": make for name, make in ODDITIES.items()}}


def write_atomically(path: str, data: bytes) -> None:
    temporary = path + ".tmp"
    with open(temporary, "wb") as stream:
        stream.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", help="directory to write the wheels into")
    parser.add_argument("--list", action="store_true", help="print CASE FILE_NAME lines only")
    args = parser.parse_args(argv)
    if not args.list and not args.outdir:
        parser.error("OUTDIR is required unless --list is given")
    if args.outdir:
        os.makedirs(args.outdir, exist_ok=True)
    names = set()
    for case_name, make in all_cases().items():
        file_name, data = make()
        assert file_name not in names, file_name
        names.add(file_name)
        if args.list:
            print(case_name, file_name)
        else:
            write_atomically(os.path.join(args.outdir, file_name), data)
    if not args.list:
        print(f"{len(names)} wheels")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
