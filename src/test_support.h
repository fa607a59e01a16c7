#pragma once
// Helpers for the unit tests only (never linked into whlinst): zip files
// written with libzip, small wheels built from their payload, a temporary
// directory per test, and whole-tree snapshots.

#include "result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst::testing {

struct ZipEntry {
  std::string name;    // stored as is; directories end with '/'
  std::string content; // for a symlink: its target
  // st_mode stored in the external attributes with the Unix "made by" system;
  // nullopt stores MS-DOS attributes 0 (no Unix mode at all).
  std::optional<uint32_t> mode = 0100644;
  // The zip compression method: 0 stored, 8 deflated, 12 bzip2...
  uint16_t method = 8;
};

// Writes a zip holding `entries` in order, each with its method. An existing file is
// replaced.
Status write_zip(const std::string& path, const std::vector<ZipEntry>& entries);

// Replaces every occurrence of `from` in the file by `to`, which must have the
// same length; returns the number of occurrences. Used to give two zip entries
// the same name, which libzip's writer refuses to do.
size_t patch_file(const std::string& path, std::string_view from, std::string_view to);

// The RECORD row of an entry: "name,sha256=DIGEST,SIZE\n".
std::string record_line(const ZipEntry& entry);

// A valid wheel's entries: `payload`, then NAME_VERSION.dist-info/WHEEL
// (Root-Is-Purelib `root_is_purelib`), METADATA and RECORD, which lists every
// file entry (directories excepted) with its sha256 and size, and itself with
// neither.
std::vector<ZipEntry> wheel_entries(std::string_view name_version,
                                    std::vector<ZipEntry> payload,
                                    std::string_view root_is_purelib = "true");

// Recomputes the content of the entry named "*.dist-info/RECORD" as
// wheel_entries() does, from the other entries as they are now.
void refresh_record(std::vector<ZipEntry>& entries);

// The entry named `name`; REQUIREs that it exists.
ZipEntry& entry_named(std::vector<ZipEntry>& entries, std::string_view name);

// A fresh directory under $TMPDIR (or /tmp), or under `base` when given,
// removed with its contents by the destructor unless an assertion of the
// current test case failed: then it is kept and its path printed for
// inspection.
class TemporaryDirectory {
public:
  explicit TemporaryDirectory(const std::string& base = "");
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + relative
  std::string operator/(std::string_view relative) const;

private:
  std::string path_;
};

void write_text_file(const std::string& path, std::string_view content);
std::string read_text_file(const std::string& path);

// `length` bytes (7i + 3) mod 256, Python's bytes((7 * i + 3) % 256 for i in
// range(length)): every byte value, no two neighbours equal.
std::string patterned_bytes(size_t length);

// Text that compresses but not to nothing: `size` bytes of numbered lines.
std::string numbered_lines(size_t size);

// Every path under `directory` relative to it, mapped to the file's content,
// to "->TARGET" for a symlink, or to "<dir>" for a directory.
std::map<std::string, std::string> snapshot(const std::string& directory);
using Tree = std::map<std::string, std::string>; // what snapshot() gives

// The names in a state directory (journals, markers...) but lock files,
// sorted; none when it does not exist.
std::vector<std::string> state_names(const std::string& state_dir);

// REQUIREs that `status` is ok, with its error as the message.
void require_ok(const Status& status);

// An installed project in `lib_dir`: NAME_VERSION.dist-info with a METADATA
// and a RECORD listing `files` (paths relative to lib_dir, no hash) and
// itself. The files themselves are not written.
void install_record(const std::string& lib_dir, const std::string& name_version,
                    const std::vector<std::string>& files);

} // namespace whlinst::testing
