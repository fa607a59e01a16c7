#pragma once
// What planning an install needs of a wheel, as values: its name, layout,
// metadata files and the file list RECORD vouches for. No archive handle:
// Wheel (wheel.h) adds the open archive; tests of pure functions build a
// WheelContents in memory.

#include "archive.h" // ArchiveEntry (a value)
#include "entry_points.h"
#include "hash.h"
#include "record.h"
#include "string_arena.h"
#include "wheel_info.h"
#include "wheel_name.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// What RECORD says one archive file must be: its row, which names the
// entry, as values (24 bytes).
struct ExpectedFile {
  const ArchiveEntry* entry = nullptr;
  const char* digest_text = nullptr;      // the row's hash_digest, held by WheelContents::digests
  uint16_t digest_length = 0;             // (a longer digest, which no algorithm has, is cut: it still matches nothing)
  std::optional<HashAlgorithm> algorithm; // nullopt only for RECORD itself and signatures
  bool listed = false;                    // RECORD has a row for it (RECORD itself and signatures may not)
  bool sized = false;                     // the row gives a size: the entry's (expected_files checks it)

  std::string_view digest() const { return {digest_text, digest_length}; }
  // The row's size.
  std::optional<uint64_t> size() const { return sized ? std::optional<uint64_t>(entry->size) : std::nullopt; }
  // The wheel's RECORD row for it, when listed: the same fields (the path
  // is the entry's name, the algorithm's name is how RECORD spells it).
  RecordRow row() const;
};

struct WheelContents {
  WheelName name;
  std::string dist_info;               // "name-1.0.dist-info"
  std::optional<std::string> data_dir; // "name-1.0.data"
  WheelInfo info;
  std::shared_ptr<const StringArena> digests; // the files' digests (expected_files)
  std::vector<EntryPoint> entry_points;
  std::vector<ExpectedFile> files; // every file entry, archive order

  const ExpectedFile* find(std::string_view entry_name) const;
};

// Hands RECORD's text to a RecordStream as it is read: feed(), then
// finish(); stops at the first error, its own (reading the file, its
// encoding) or the stream's (its syntax), and returns it as the message to
// give.
using RecordFeed = std::function<Status(RecordStream&)>;

struct ExpectedFiles {
  std::vector<ExpectedFile> files;
  std::shared_ptr<const StringArena> digests; // what the files' digests view
};

// One ExpectedFile per file entry of `entries` (archive order), matched with
// its row of RECORD as `feed` reads it (no row and no text kept, but the
// digests). Errors, the first of: `feed`'s, a row listed twice, then in
// archive order a file not listed (RECORD itself and its signatures aside),
// a listed file without hash, with a refused hash algorithm or of another
// size, then a row without a file.
Result<ExpectedFiles> expected_files(const std::vector<ArchiveEntry>& entries, const RecordFeed& feed,
                                     const std::string& dist_info);

} // namespace whlinst
