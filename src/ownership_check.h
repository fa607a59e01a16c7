#pragma once
// File ownership across installed projects (issue 11): before anything is
// written, every file an install writes over a file already on disk that
// another installed project lists is a conflict, unless the bytes on disk
// are exactly those the install writes (a namespace package's shared
// __init__.py, a shared data file). Only paths present on disk are looked
// up, all in one batch, so a fresh install reads no other project's RECORD
// (file_owners.h), and bytes are compared only for files another project
// owns.
//
// "The bytes the install writes": a package or .data file's RECORD hash and
// size; a generated entry-point script's content. A .data/scripts file whose
// "#!python" line is rewritten never has the same bytes (it is compared by
// its RECORD hash, which is that of the wheel's copy).

#include "file_owners.h"
#include "plan.h"
#include "result.h"
#include "scheme.h"

#include <set>
#include <string>
#include <vector>

namespace whlinst {

enum class OwnedFiles {
  refuse,  // a conflict is an error
  replace, // --overwrite: a conflict is a warning
};

// Checks the plan's files (the .dist-info aside) against the files on disk.
// `previous` holds the final paths of the previous version of the same
// project, which are never conflicts. Returns one warning per replaced file
// (OwnedFiles::replace); the error names the path and the owning project.
Result<std::vector<std::string>> check_file_ownership(const InstallPlan& plan, const Scheme& scheme,
                                                      const std::set<std::string>& previous, FileOwners& owners,
                                                      OwnedFiles policy);

} // namespace whlinst
