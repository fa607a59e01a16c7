#pragma once
// A wheel opened for installation: the archive, its file name, and its
// .dist-info metadata, with the structural checks of the binary distribution
// format applied (one .dist-info, at most one .data, safe entry names, no
// symlinks or duplicates, RECORD covering exactly the archive's files with
// accepted hashes). Hash verification of contents happens while extracting.

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

  // Opens and checks `path`. Errors are prefixed by nothing: the caller adds
  // the wheel's name.
  static Result<Wheel> open(const std::string& path);

  // The contents of a small dist-info file, verified against RECORD.
  Result<std::string> read_verified(const ExpectedFile& file);
  const ExpectedFile* find(std::string_view entry_name) const;
};

// Checks that an archive entry name is a safe relative path: not absolute,
// no backslash, no "." / ".." / empty component, no NUL or control byte.
Status check_entry_name(std::string_view name);

} // namespace whlinst
