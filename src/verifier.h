#pragma once
// Checks installed files against their project's RECORD: every listed file
// exists, and files with a hash have that hash and size. A missing file
// listed under the wheel's own "NAME-VER.data/" path is not a problem: pip
// keeps those rows for the setuptools wrappers it does not install.

#include "installed_project.h"
#include "result.h"
#include "scheme.h"

#include <string>
#include <vector>

namespace whlinst {

struct VerifyProblem {
  std::string path;    // final path
  std::string problem; // "missing", "hash mismatch", ...
};

Result<std::vector<VerifyProblem>> verify_project(const Scheme& scheme, const InstalledProject& project);

} // namespace whlinst
