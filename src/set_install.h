#pragma once
// Several wheels installed as one set (docs/design.md, "Sets"): all or
// none. Every wheel is planned, then every project is locked (in key order)
// and surveyed, before anything is written; then each is prepared in its
// own transaction (up to `jobs` at once), the set decides, and each
// commits. A failure anywhere before the decision rolls every project back;
// after a kill -9 the next run completes or undoes the set as a whole.

#include "installer.h"

#include <optional>
#include <vector>

namespace whlinst {

struct SetInstallResult {
  // One per wheel, in order. When the set failed, every wheel's result is
  // an error: the failing wheel's own, and for the others "not installed".
  std::vector<Result<InstallSummary>> results;
  std::optional<size_t> failed; // the wheel that stopped the set
};

// `options[i]` are wheel i's (options_for); the scheme, lock, fsync and
// dry-run options are those of the first.
SetInstallResult install_as_set(std::vector<Wheel*> wheels, const std::vector<InstallOptions>& options,
                                const Interpreter& interpreter, const InstallServices& services, unsigned jobs);

} // namespace whlinst
