#pragma once
// Installs one wheel into a scheme as a transaction (docs/design.md, "One
// install, step by step"): the files planned from the wheel alone, then,
// under the project's lock, one survey of the target and the decisions on
// it (the complete plan, which --dry-run reports), then the plan executed
// (plan_execution.h): every file verified while written under a temporary
// name or in a fresh tree, the previous version hidden, files renamed into
// place, the new .dist-info appearing last, leftovers removed after that.
// Any failure before the commit rolls everything back.

#include "install_options.h"
#include "interpreter.h"
#include "progress.h"
#include "record_rows.h"
#include "result.h"
#include "wheel.h"

#include <string>
#include <vector>

namespace whlinst {

struct InstallSummary {
  std::string project;
  std::string version;
  size_t files = 0;
  size_t scripts = 0;
  size_t compiled = 0;
  std::string replaced_version; // empty if nothing was installed before
  bool skipped = false;         // the same version was installed already
  std::string wheel_path;       // absolute
  std::string wheel_sha256;     // hex, when direct_url.json or the options asked for it
  std::string dist_info_path;   // final path of the new .dist-info
  RecordRows record;            // the installed RECORD's rows (none when skipped or dry run)
  std::vector<std::string> planned; // dry run: final paths that would be written
  std::vector<std::string> removed; // dry run: files of the previous version that would go
  std::vector<std::string> not_removed; // after the commit point, what could not be removed (one message each)
  double seconds = 0;
};

// What the wheels of one invocation share.
struct InstallServices {
  BytecodePool* pool = nullptr; // null when compilation is off
  Progress* progress = nullptr; // may be null
  unsigned extraction_threads = 1; // at most, per wheel
};

// Installs an opened wheel. Errors carry the wheel's file name first:
// "NAME.whl: what is wrong".
Result<InstallSummary> install_wheel(Wheel& wheel, const Interpreter& interpreter,
                                     const InstallOptions& options, const InstallServices& services);

} // namespace whlinst
