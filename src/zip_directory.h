#pragma once
// The parts of the zip layout whlinst reads itself (APPNOTE.TXT 4.3.7,
// 4.3.12 to 4.3.16): where each entry's local header is, from the central
// directory, and where its data starts. libzip validates the archive when
// it is opened (ZIP_CHECKCONS: the local headers agree with the central
// directory) but gives no offsets, and its copy of the directory (about 280
// bytes per entry) is dropped once these are known: the entries are then
// read without libzip (entry_reader.cpp).

#include "archive.h"
#include "archive_input.h"
#include "result.h"

#include <vector>

namespace whlinst {

// Sets entries[i].local_header_offset for every entry; `entries` are the
// archive's entries in central directory order, as libzip listed them. The
// directory found from the end of central directory record (its zip64
// form when there is one) must list exactly as many entries, each with the
// same compression method (unless encrypted), sizes and CRC-32, else the
// error "inconsistent central directory (...)". When the archive's comment
// holds something that looks like an end record, each candidate is tried,
// the last first.
Status read_local_header_offsets(const ArchiveInput& input, std::vector<ArchiveEntry>& entries);

// Where `entry`'s data starts: after its local header, whose signature is
// checked, and its name and extra field. Errors: "bad local header",
// "truncated archive" (the data would pass the end).
Result<uint64_t> entry_data_offset(const ArchiveInput& input, const ArchiveEntry& entry);

} // namespace whlinst
