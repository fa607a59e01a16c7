"""Broken and unusable wheels for the end-to-end tests, built with zipfile.

broken_wheels(source, directory)  copies of a valid wheel whose archive is
    damaged: an entry altered (same size, so the RECORD hash mismatches), an
    entry missing from RECORD, an entry not in RECORD, a truncated archive.
bad_inputs(source, directory)     files that are not installable wheels at all
    or not for this interpreter.
Both return (label, path, text the one-line error must contain) triples.
"""

import os

import e2e_support as e2e


def altered(entries, index):
    info, data = entries[index]
    changed = data[:-1] + bytes([data[-1] ^ 0x01])
    return entries[:index] + [(info, changed)] + entries[index + 1:]


def broken_wheels(source, directory):
    """(label, path, text expected in the error) for broken copies of the wheel source
    (fixture_upgrade-2.0), each installing nothing."""
    entries = e2e.read_entries(source)
    last_hashed = max(i for i, (info, _) in enumerate(entries) if not e2e.is_record(info.filename))
    last_payload = max(i for i, (info, _) in enumerate(entries)
                       if ".dist-info/" not in info.filename)
    unlisted = entries[last_payload][0].filename
    extra = (e2e.zip_info("fixture_upgrade/extra.py"), b"X = 1\n")
    cases = {
        "last hashed entry altered": (altered(entries, last_hashed), "hash mismatch"),
        "last payload entry altered": (altered(entries, last_payload), "hash mismatch"),
        "entry missing from RECORD": (e2e.with_fresh_record(entries, omit={unlisted}), unlisted),
        "extra entry not in RECORD": (e2e.with_fresh_record(entries)[:-1] + [extra, entries[-1]],
                                      "extra.py"),
    }
    wheels = []
    for label, (changed, expected) in cases.items():
        path = os.path.join(directory, label.replace(" ", "_"), os.path.basename(source))
        os.makedirs(os.path.dirname(path))
        e2e.write_entries(path, changed)
        wheels.append((label, path, expected))
    truncated = os.path.join(directory, "truncated", os.path.basename(source))
    os.makedirs(os.path.dirname(truncated))
    with open(source, "rb") as stream:
        data = stream.read()
    with open(truncated, "wb") as stream:
        stream.write(data[:len(data) * 2 // 3])
    return wheels + [("truncated archive", truncated, "")]


def bad_inputs(source, directory):
    """(label, wheel path, text expected in the error) of inputs refused with exit 1;
    source (fixture_upgrade-2.0) is copied under a bad name and with an incompatible tag."""
    def write(name, data):
        path = os.path.join(directory, name)
        with open(path, "wb") as stream:
            stream.write(data)
        return path
    with open(source, "rb") as stream:
        valid = stream.read()
    entries = [(info, data.replace(b"Tag: py3-none-any", b"Tag: cp27-cp27mu-manylinux1_i686"))
               for info, data in e2e.read_entries(source)]
    platform = os.path.join(directory, "fixture_upgrade-2.0-cp27-cp27mu-manylinux1_i686.whl")
    e2e.write_entries(platform, e2e.with_fresh_record(entries))
    return [
        ("non-existent path", os.path.join(directory, "missing-1.0-py3-none-any.whl"), ""),
        ("text file", write("x-1.0-py3-none-any.whl", b"this is not a zip archive\n"), "zip"),
        ("empty file", write("empty-1.0-py3-none-any.whl", b""), ""),
        ("bad wheel file name", write("fixture_upgrade-2.0.whl", valid), "file name"),
        ("Requires-Python >=4", future_python_wheel(directory), ">=4"),
        ("incompatible platform tag", platform, "cp27-cp27mu-manylinux1_i686"),
    ]


def future_python_wheel(directory):
    path = os.path.join(directory, "fixture_future-1.0-py3-none-any.whl")
    return e2e.make_wheel(path, "fixture_future", "1.0", {"fixture_future.py": "X = 1\n"},
                          ["Requires-Python: >=4"])
