#pragma once
// Writes one archive entry to a (temporary) file while verifying it against
// RECORD in the same pass: the bytes are inflated, hashed and written
// together, and the file is rejected unless digest and size match.

#include "plan.h"

#include <string>

namespace whlinst {

// RECORD values of the file as installed.
struct InstalledFile {
  std::string hash_field; // "sha256=..." (the wheel's own unless rewritten), or ""
  std::string size;       // decimal, or "" where the wheel's RECORD has none
};

// Extracts `placement` into the new file `path_on_disk`, applying the
// "#!python" rewrite to data scripts and pip's modes: 0666 & ~umask, or
// (0777 & ~umask) | 0111 for entries with an executable bit.
Result<InstalledFile> extract_placement(Archive& archive, const Placement& placement,
                                        const std::string& path_on_disk, const std::string& interpreter);

// Writes a generated file (entry-point script, dist-info file): mode
// 0666 & ~umask, plus 0555 when `executable` (as distlib's set_mode does).
enum class Executable { no, yes };
Result<InstalledFile> write_generated(const std::string& path_on_disk, std::string_view content,
                                      Executable executable);

} // namespace whlinst
