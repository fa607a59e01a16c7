#pragma once
// Removes installed projects using their RECORD ("Recording installed
// projects" specification), as a transaction under the project lock: the
// .dist-info is hidden first (the project disappears at once), then every
// listed file, the byte-compiled files of every optimization level of listed
// sources, and directories left empty are removed at commit. Directories
// still holding other projects' files (namespace packages, bin) stay.

#include "result.h"
#include "scheme.h"
#include "transaction.h"

#include <string>

namespace whlinst {

struct UninstallSummary {
  std::string name, version;
  size_t files = 0;
};

// Errors: the project is not installed, unreadable RECORD, I/O.
Result<UninstallSummary> uninstall_project(const Scheme& scheme, const std::string& name,
                                           const std::string& cache_tag, const LockWait& wait,
                                           Durability durability = Durability::process_crash);

} // namespace whlinst
