#!/usr/bin/env python3
"""Snapshots of a directory tree, and their differences.

snapshot(root) maps every path under root (relative, '/'-separated; the root
itself is '.') to (kind, mode, value):
  kind  'file', 'dir', 'symlink' or 'other' (fifo, socket, device)
  mode  st_mode & 0o7777 from lstat (symlinks are never followed)
  value sha256 hex digest of a file's bytes, a symlink's target, '' otherwise

diff_snapshots(a, b) lists the differences as readable lines. RECORD files
(wheel spec, "The .dist-info directory") get a row-level diff helper:
record_rows() splits one into its rows as raw bytes, diff_record_rows() and
record_row_differences() say which rows differ.

Command line:
  tree_snapshot.py --print ROOT   one line per path: KIND MODE VALUE PATH
  tree_snapshot.py --diff A B     differences between two trees; exit 1 if any
"""

import argparse
import csv
import hashlib
import io
import os
import stat
import sys

FILE, DIR, SYMLINK, OTHER = "file", "dir", "symlink", "other"


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry(path, info):
    mode = stat.S_IMODE(info.st_mode)
    if stat.S_ISLNK(info.st_mode):
        return (SYMLINK, mode, os.readlink(path))
    if stat.S_ISDIR(info.st_mode):
        return (DIR, mode, "")
    if stat.S_ISREG(info.st_mode):
        return (FILE, mode, file_sha256(path))
    return (OTHER, mode, "")


def snapshot(root):
    """Every path under root (root itself as '.') -> (kind, mode, value)."""
    result = {".": _entry(root, os.lstat(root))}
    pending = [("", root)]
    while pending:
        prefix, directory = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                relpath = prefix + entry.name
                info = entry.stat(follow_symlinks=False)
                result[relpath] = _entry(entry.path, info)
                if result[relpath][0] == DIR:
                    pending.append((relpath + "/", entry.path))
    return dict(sorted(result.items()))


def _describe(entry):
    kind, mode, value = entry
    if kind == SYMLINK:
        return f"symlink -> {value}"
    return f"{kind} {mode:04o}"


def diff_entries(a, b, labels=("a", "b")):
    """Differences between snapshots a and b as (relpath, message) pairs,
    sorted by path."""
    la, lb = labels
    found = []
    for path in sorted(set(a) | set(b)):
        if path not in b:
            found.append((path, f"only in {la}: {path} ({_describe(a[path])})"))
        elif path not in a:
            found.append((path, f"only in {lb}: {path} ({_describe(b[path])})"))
        else:
            found.extend((path, m) for m in _compare(path, a[path], b[path], labels))
    return found


def _compare(path, ea, eb, labels):
    la, lb = labels
    if ea[0] != eb[0]:
        return [f"kind differs: {path}: {la} {ea[0]}, {lb} {eb[0]}"]
    messages = []
    if ea[1] != eb[1]:
        messages.append(f"mode differs: {path}: {la} {ea[1]:04o}, {lb} {eb[1]:04o}")
    if ea[2] != eb[2]:
        what = "symlink target" if ea[0] == SYMLINK else "bytes"
        messages.append(f"{what} differ: {path}: {la} {ea[2]}, {lb} {eb[2]}")
    return messages


def diff_snapshots(a, b, labels=("a", "b")):
    """Human-readable differences between snapshots a and b; [] if equal."""
    return [message for _, message in diff_entries(a, b, labels)]


def record_rows(data):
    """Rows of a RECORD file as (raw_bytes, fields) pairs, in file order.

    raw_bytes is the row exactly as stored, line ending included (a quoted
    field may span lines); fields is the list parsed by csv."""
    lines = data.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(data.decode("utf-8", "surrogateescape"), newline=""))
    rows, consumed = [], 0
    for fields in reader:
        raw = b"".join(lines[consumed:reader.line_num])
        consumed = reader.line_num
        rows.append((raw, fields))
    return rows


def record_row_differences(a_rows, b_rows, labels=("a", "b")):
    """Which rows differ between two lists of record_rows(), as
    (fields of the row concerned, message) pairs; [] if equal.

    Rows are compared as raw bytes. Rows for the same path with other
    content are shown side by side; rows present on both sides but in
    another order are reported as an order difference."""
    la, lb = labels
    a_raw = [raw for raw, _ in a_rows]
    b_raw = [raw for raw, _ in b_rows]
    if a_raw == b_raw:
        return []
    only_a = [row for row in a_rows if row[0] not in set(b_raw)]
    only_b = [row for row in b_rows if row[0] not in set(a_raw)]
    if not only_a and not only_b:
        return [_order_difference(a_rows, b_rows, labels)]
    b_by_path = {fields[0]: raw for raw, fields in only_b if fields}
    found, paired = [], set()
    for raw, fields in only_a:
        path = fields[0] if fields else None
        if path in b_by_path:
            paired.add(path)
            found.append((fields, f"RECORD row differs: {la} {raw!r}, {lb} {b_by_path[path]!r}"))
        else:
            found.append((fields, f"RECORD row only in {la}: {raw!r}"))
    for raw, fields in only_b:
        if not fields or fields[0] not in paired:
            found.append((fields, f"RECORD row only in {lb}: {raw!r}"))
    return found


def _order_difference(a_rows, b_rows, labels):
    la, lb = labels
    if len(a_rows) != len(b_rows):
        return (None, f"RECORD rows repeated: {la} {len(a_rows)} rows, {lb} {len(b_rows)}")
    first = next(i for i, (x, y) in enumerate(zip(a_rows, b_rows)) if x[0] != y[0])
    return (a_rows[first][1], f"RECORD row order differs from row {first + 1}: "
            f"{la} {a_rows[first][0]!r}, {lb} {b_rows[first][0]!r}")


def diff_record_rows(a_rows, b_rows, labels=("a", "b")):
    """Messages of record_row_differences(); [] if the rows are equal."""
    return [message for _, message in record_row_differences(a_rows, b_rows, labels)]


def format_snapshot(snap):
    """One line per path: KIND MODE VALUE PATH (VALUE '-' when empty)."""
    return [f"{kind} {mode:04o} {value or '-'} {path}"
            for path, (kind, mode, value) in snap.items()]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--print", metavar="ROOT", dest="print_root")
    group.add_argument("--diff", nargs=2, metavar=("A", "B"))
    args = parser.parse_args(argv)
    if args.print_root is not None:
        for line in format_snapshot(snapshot(args.print_root)):
            print(line)
        return 0
    differences = diff_snapshots(snapshot(args.diff[0]), snapshot(args.diff[1]),
                                 labels=tuple(args.diff))
    for line in differences:
        print(line)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
