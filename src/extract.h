#pragma once
// Writes one archive entry to a (temporary) file while verifying it against
// RECORD in the same pass: the bytes are inflated, hashed and written
// together, and the file is rejected unless digest and size match.

#include "disk_path.h"
#include "plan.h"
#include "record.h"
#include "record_rows.h"

#include <cstdint>
#include <optional>
#include <string>

namespace whlinst {

// RECORD values of the file as installed: the wheel's own row unless
// whlinst wrote bytes of its own; none where the wheel's RECORD has no row.
struct InstalledFile {
  const ExpectedFile* recorded = nullptr; // listed in the wheel's RECORD: the file is as its row says
  std::string written_digest;             // sha256, urlsafe base64, of bytes whlinst wrote; else ""
  std::optional<uint64_t> written_size;

  // The installed RECORD's row for it at `path` (text `rows` holds or
  // keeps), its hash and size viewing the wheel's row or kept by `rows`.
  RecordRow record_row(std::string_view path, RecordRows& rows) const;
};

// Extracts `placement` into the new file `path_on_disk`, applying the
// "#!python" rewrite to data scripts and pip's modes: 0666 & ~umask, or
// (0777 & ~umask) | 0111 for entries with an executable bit.
Result<InstalledFile> extract_placement(Archive& archive, const Placement& placement,
                                        const DiskPath& path_on_disk, const std::string& interpreter);

// Writes a generated file (entry-point script, dist-info file): mode
// 0666 & ~umask, plus 0555 when `executable` (as distlib's set_mode does).
enum class Executable { no, yes };
Result<InstalledFile> write_generated(const DiskPath& path_on_disk, std::string_view content,
                                      Executable executable);

} // namespace whlinst
