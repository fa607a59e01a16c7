#pragma once
// What planning an install needs of a wheel, as values: its name, layout,
// metadata files and the file list RECORD vouches for. No archive handle:
// Wheel (wheel.h) adds the open archive; tests of pure functions build a
// WheelContents in memory.

#include "archive.h" // ArchiveEntry (a value)
#include "entry_points.h"
#include "hash.h"
#include "record.h"
#include "wheel_info.h"
#include "wheel_name.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// What RECORD says one archive file must be: its row, which names the
// entry, as values (48 bytes).
struct ExpectedFile {
  const ArchiveEntry* entry = nullptr;
  std::string_view digest;                // the row's hash_digest: views RECORD's text, then WheelContents::digests
  std::optional<uint64_t> size;           // the row's size
  std::optional<HashAlgorithm> algorithm; // nullopt only for RECORD itself and signatures
  bool listed = false;                    // RECORD has a row for it (RECORD itself and signatures may not)

  // The wheel's RECORD row for it, when listed: the same fields (the path
  // is the entry's name, the algorithm's name is how RECORD spells it).
  RecordRow row() const;
};

struct WheelContents {
  WheelName name;
  std::string dist_info;               // "name-1.0.dist-info"
  std::optional<std::string> data_dir; // "name-1.0.data"
  WheelInfo info;
  std::shared_ptr<const std::string> digests; // the files' digests, one after another (hold_digests)
  std::vector<EntryPoint> entry_points;
  std::vector<ExpectedFile> files; // every file entry, archive order

  const ExpectedFile* find(std::string_view entry_name) const;
};

// One ExpectedFile per file entry of `entries` (archive order), matched with
// its row of RECORD, `record_text` (parsed one row at a time, unquoted in
// place: the digests view it until hold_digests; no row is kept). Errors,
// the first of: RECORD unparseable ("DIST_INFO/RECORD: line N: ..."), a
// row listed twice, then in archive order a file not listed (RECORD itself
// and its signatures aside), a listed file without hash, with a refused
// hash algorithm or of another size, then a row without a file.
Result<std::vector<ExpectedFile>> expected_files(const std::vector<ArchiveEntry>& entries, std::string& record_text,
                                                 const std::string& dist_info);

// Copies the digests of `files` into one string, which they view from then
// on: RECORD's text (twice as large) need not be kept.
std::shared_ptr<const std::string> hold_digests(std::vector<ExpectedFile>& files);

} // namespace whlinst
