#pragma once
// The listing of a plain zip archive read by whlinst alone, without libzip
// (APPNOTE.TXT 4.3): the form nearly every wheel has, as Python's zipfile,
// wheel, flit, hatchling, maturin and libzip write it. libzip builds its own
// copy of the central directory when it opens an archive (about 280 bytes
// and 22 allocations per entry: 28 MiB at 100,000 files, 84 at 300,000), so
// whlinst lists plain archives itself and leaves every other archive to
// libzip, which checks it and words the refusal (archive.cpp).
//
// Plain means all of this holds, each a check libzip makes with
// ZIP_CHECKCONS or stricter:
// - one end record, where its comment length says, on disk 0 with every
//   entry; the central directory (zip64's when there is a zip64 locator)
//   ends exactly where the (zip64) end record starts and holds exactly the
//   entries counted;
// - no two entries with the same name;
// - every entry stored, deflated or compressed with bzip2 (the methods
//   entry_reader.cpp reads without libzip), not encrypted, its extra
//   fields well formed, without Info-ZIP Unicode path or comment fields
//   (libzip would replace the name), a name flagged UTF-8 valid UTF-8,
//   zip64 fields where a size or offset says 0xffffffff;
// - every local header has the signature, the central header's method,
//   modification time and name, a version needed no higher, the same CRC-32
//   and sizes (or zeros with a data descriptor; or both sizes 0xffffffff and
//   a 16-byte zip64 extra field holding them, as Python's ZipFile.open(...,
//   "w", force_zip64=True) writes), well-formed extra fields without a
//   Unicode path, and its data ends before the central directory.
// A bzip2 entry's compression_supported says whether libbz2 loads (the
// listing loads it when it meets one): whlinst reads such entries through
// libbz2, not libzip, and describe_entry (archive_entry.cpp) says the same
// of them, whatever the libzip build supports.
// fuzz/fuzz_plain_zip.cpp checks that whatever this accepts, libzip accepts
// with the same entries.

#include "archive.h"
#include "archive_input.h"

#include <optional>
#include <vector>

namespace whlinst {

// The entries of a plain archive in central directory order, as libzip
// would describe them (archive_entry.cpp), local header offsets set;
// nullopt for any other archive (also one of 2^32 entries or more), or when
// the bytes cannot be read.
std::optional<ArchiveListing> read_plain_zip(const ArchiveInput& input);

} // namespace whlinst
