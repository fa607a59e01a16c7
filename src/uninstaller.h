#pragma once
// Removes installed projects using their RECORD ("Recording installed
// projects" specification), as a transaction under the project lock: the
// .dist-info is hidden first (the project disappears at once), then every
// listed file, the byte-compiled files of every optimization level of listed
// sources, and directories left empty are removed at commit. Directories
// still holding other projects' files (namespace packages, bin) stay. Files
// outside the scheme directories or behind a symbolic link to a directory
// are never removed (removal_guard.h): they are listed in `skipped`. Files
// another installed project also lists stay (file_owners.h), in `kept`.

#include "result.h"
#include "scheme.h"
#include "transaction.h"

#include <string>
#include <vector>

namespace whlinst {

struct UninstallSummary {
  std::string name, version;
  size_t files = 0;
  std::vector<std::string> skipped; // "PATH: why it was not removed"
  std::vector<std::string> kept;    // "PATH: also listed by NAME VERSION"
  std::vector<std::string> not_removed; // one message per file that could not be removed
};

// Errors: the project is not installed, unreadable RECORD, I/O.
Result<UninstallSummary> uninstall_project(const Scheme& scheme, const std::string& name,
                                           const std::string& cache_tag, const LockWait& wait,
                                           Durability durability = Durability::process_crash);

} // namespace whlinst
