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

// A file the install writes over, with other bytes, that another installed
// project lists.
struct OverwrittenFile {
  std::string path;  // final
  std::string owner; // "NAME VERSION"
};

// The plan's files (the .dist-info aside) that overwrite another project's
// file with other bytes. `previous` holds the final paths of the previous
// version of the same project, which are never conflicts. Reads the disk
// and other projects' RECORDs (part of the survey, target_survey.h).
// Files under one of `missing_directories` (final paths of directories
// the survey found missing: the fresh roots) are not looked for on disk.
Result<std::vector<OverwrittenFile>> find_overwritten_files(const InstallPlan& plan, const Scheme& scheme,
                                                            const std::set<std::string>& previous, FileOwners& owners,
                                                            const std::vector<std::string>& missing_directories = {});

// The decision, pure: with OwnedFiles::refuse the first overwritten file is
// an error naming the path and the owning project; with replace, one
// warning each.
Result<std::vector<std::string>> ownership_warnings(const std::vector<OverwrittenFile>& overwritten, OwnedFiles policy);

} // namespace whlinst
