#pragma once
// Several wheels installed, and installed projects removed, as one set
// (docs/design.md, "Sets"): all or none. Every wheel is planned, then every
// project is locked (in key order) and surveyed, before anything is
// written; then each member is prepared in its own transaction (up to `jobs`
// at once), the set decides, and each commits. A failure anywhere before
// the decision rolls every project back; after a kill -9 the next run
// completes or undoes the set as a whole.

#include "installer.h"
#include "uninstaller.h"

#include <optional>
#include <string>
#include <vector>

namespace whlinst {

struct SetMembers {
  std::vector<Wheel*> wheels;
  std::vector<InstallOptions> wheel_options; // wheel i's (options_for)
  std::vector<std::string> removals;         // names of installed projects to remove
};

struct SetInstallResult {
  // One per wheel, in order, then one per removal. When the set failed,
  // every result is an error: the failing member's own, and for the others
  // "not installed" / "not removed".
  std::vector<Result<InstallSummary>> installs;
  std::vector<Result<UninstallSummary>> removals;
  // The member that stopped the set: a wheel's index, or the number of
  // wheels plus a removal's index.
  std::optional<size_t> failed;
};

// `options` are the set's (scheme, lock wait, fsync, dry run); `scheme` is
// the target's, which the removals use (and the locks, when there is no
// wheel). Both must outlive the call.
SetInstallResult install_as_set(const SetMembers& members, const InstallOptions& options, const Scheme& scheme,
                                const Interpreter& interpreter, const InstallServices& services, unsigned jobs);

} // namespace whlinst
