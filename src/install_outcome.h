#pragma once
// What one wheel of an install command came to, as the command's records
// (install_report.h, bom.h) need it: the wheel, the project's metadata, and
// the install's summary or its error.

#include "installer.h"
#include "project_metadata.h"
#include "result.h"

#include <optional>
#include <string>

namespace whlinst {

struct InstallOutcome {
  std::string wheel_path;
  std::string project, version; // from the wheel's file name
  std::string wheel_sha256;     // hex; computed for reports and SBOMs
  // From the wheel's METADATA, which the install copies unchanged into the
  // .dist-info: what the installed METADATA says (or would say, dry run).
  ProjectMetadata metadata;
  std::optional<InstallSummary> summary; // empty when it failed
  Error error;                           // when it failed
  bool rolled_back = false;              // not installed because another wheel of its set failed
};

} // namespace whlinst
