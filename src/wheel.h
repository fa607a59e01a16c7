#pragma once
// A wheel opened for installation: the archive, its file name, and its
// contents and .dist-info metadata, with the structural checks of the binary distribution
// format applied (one .dist-info, at most one .data, safe entry names, no
// symlinks or duplicates, no two paths equal after Unicode NFC normalization,
// RECORD covering exactly the archive's files with accepted hashes). Hash
// verification of contents happens while extracting.

#include "archive.h"
#include "headers.h"
#include "wheel_contents.h"

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

// The largest RECORD a wheel of `archive_entries` entries may have: 16 MiB,
// or 512 bytes per entry when that is more (other metadata files: 16 MiB).
uint64_t max_record_size(size_t archive_entries);

// A wheel opened for installation: its contents (wheel_contents.h) and the
// archive they are read from.
struct Wheel : WheelContents {
  std::string path;      // as given on the command line
  std::string file_name; // base name
  Archive archive;
  std::string metadata_text;
  Headers metadata;

  // Opens and checks `path`. Errors are one line naming the entry concerned,
  // prefixed by nothing: the caller adds the wheel's name.
  static Result<Wheel> open(const std::string& path, const SizeLimits& limits = {});
  // The same checks on an archive already open; `path` gives the file name.
  static Result<Wheel> from_archive(const std::string& path, Archive archive,
                                    const SizeLimits& limits = {});

  // The wheel's sha256 (hex), of the bytes installed: the snapshot read when
  // opening when there is one, else the file (which Archive::
  // check_unchanged compares at commit).
  Result<std::string> sha256_hex() const;

  // The contents of a small dist-info file, verified against RECORD.
  Result<std::string> read_verified(const ExpectedFile& file);
};

// Checks that an archive entry name is a safe relative path: valid UTF-8
// (binary distribution format: archive names are UTF-8), not absolute, no
// backslash, no "." / ".." / empty component, no NUL or control byte, no
// component reserved for whlinst's own files (".whlinst", ".whlinst-*").
// Names that differ only by case are accepted (Linux file names are case
// sensitive); Wheel::open refuses names equal after NFC normalization.
Status check_entry_name(std::string_view name);

} // namespace whlinst
