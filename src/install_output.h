#pragma once
// What `whlinst install` prints for each wheel: nothing on success by
// default (quiet in scripts), one line per project with -v, the plan with
// --dry-run (with -v, every path), "already installed" unless -q. Errors are
// printed by the caller as "whlinst: error: ..." lines.

#include "install_options.h"
#include "installer.h"

namespace whlinst {

void print_summary(const InstallSummary& summary, const InstallOptions& options);

} // namespace whlinst
