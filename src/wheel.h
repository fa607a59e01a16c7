#pragma once
// A wheel opened for installation: the archive, its file name, and its
// .dist-info metadata, with the structural checks of the binary distribution
// format applied (one .dist-info, at most one .data, safe entry names, no
// symlinks or duplicates, no two paths equal after Unicode NFC normalization,
// RECORD covering exactly the archive's files with accepted hashes). Hash
// verification of contents happens while extracting.

#include "archive.h"
#include "entry_points.h"
#include "hash.h"
#include "headers.h"
#include "record.h"
#include "wheel_info.h"
#include "wheel_name.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

// Decompression-bomb limits on the sizes the archive declares, checked when
// the wheel is opened, before anything is extracted (extraction then refuses
// any entry inflating past its declared size).
struct SizeLimits {
  uint64_t max_total_size = uint64_t{4} << 30;  // sum of the declared sizes
  uint64_t max_ratio = 1000;                     // declared / compressed size...
  uint64_t ratio_min_size = uint64_t{100} << 20; // ...for entries above this size
};

// What RECORD says one archive file must be.
struct ExpectedFile {
  const ArchiveEntry* entry = nullptr;
  std::optional<HashAlgorithm> algorithm; // nullopt only for RECORD itself and signatures
  std::string digest;
  std::optional<uint64_t> size;
  const RecordRow* row = nullptr;
};

struct Wheel {
  std::string path;      // as given on the command line
  std::string file_name; // base name
  WheelName name;
  Archive archive;
  std::string dist_info;         // "name-1.0.dist-info"
  std::optional<std::string> data_dir; // "name-1.0.data"
  WheelInfo info;
  std::string metadata_text;
  Headers metadata;
  std::vector<RecordRow> record;
  std::vector<EntryPoint> entry_points;
  std::vector<ExpectedFile> files; // every file entry, archive order

  // Opens and checks `path`. Errors are one line naming the entry concerned,
  // prefixed by nothing: the caller adds the wheel's name.
  static Result<Wheel> open(const std::string& path, const SizeLimits& limits = {});
  // The same checks on an archive already open; `path` gives the file name.
  static Result<Wheel> from_archive(const std::string& path, Archive archive,
                                    const SizeLimits& limits = {});

  // The contents of a small dist-info file, verified against RECORD.
  Result<std::string> read_verified(const ExpectedFile& file);
  const ExpectedFile* find(std::string_view entry_name) const;
};

// Checks that an archive entry name is a safe relative path: valid UTF-8
// (binary distribution format: archive names are UTF-8), not absolute, no
// backslash, no "." / ".." / empty component, no NUL or control byte, no
// component reserved for whlinst's own files (".whlinst", ".whlinst-*").
// Names that differ only by case are accepted (Linux file names are case
// sensitive); Wheel::open refuses names equal after NFC normalization.
Status check_entry_name(std::string_view name);

} // namespace whlinst
