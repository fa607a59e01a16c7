#pragma once
// The JSON report of an install command (--report FILE): what happened to
// each wheel and each removal, with each project's metadata.

#include "install_outcome.h"
#include "interpreter.h"
#include "uninstaller.h"

#include <string>
#include <vector>

namespace whlinst {

struct InstallRecordContext {
  const Interpreter* interpreter = nullptr;
  bool dry_run = false;
  double seconds = 0;
  // The projects the command removed (a sync's): they appear under "removed".
  const std::vector<UninstallSummary>* removals = nullptr;
};

// {"whlinst": VERSION, "interpreter": {...}, "dry_run": bool, "seconds": S,
//  "projects": [{"name", "version", "summary", "license_expression",
//  "license", "status": "installed"|"skipped"|"planned"|"failed",
//  "wheel": {"path", "sha256"}, "dist_info", "replaced_version", "files",
//  "scripts", "compiled", "seconds", "error"}],
//  "removed": [{"name", "version", "status": "uninstalled"|"planned",
//  "files", "not_removed": [...]}]}
// "summary" and "license_expression" are METADATA's Summary and
// License-Expression (null when absent); "license", the legacy License
// field, is there only when License-Expression is not and License is.
// Texts from the wheel or the disk are JSON-escaped; the error is the error
// line's text (printable_name).
std::string install_report_json(const std::vector<InstallOutcome>& outcomes,
                                const InstallRecordContext& context);

} // namespace whlinst
