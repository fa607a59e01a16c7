#pragma once
// Files nobody accounts for: entries of an installed project's directories
// that no installed project's RECORD lists (what an uninstall or upgrade
// could not remove, leftovers of an interrupted run, files added by hand).
// Only package directories are searched (strictly inside site-packages: the
// scripts and data directories are shared with files installed by other
// means); byte-compiled files of a listed
// source (any interpreter, any optimization level) count as listed.

#include "installed_project.h"
#include "result.h"
#include "scheme.h"

#include <set>
#include <string>
#include <vector>

namespace whlinst {

// The final paths every installed project lists, and the directories
// holding them (with their ancestors).
struct ListedPaths {
  std::set<std::string> files;
  std::set<std::string> directories;
};
Result<ListedPaths> listed_paths(const Scheme& scheme, const std::vector<InstalledProject>& projects,
                                 const std::string& cache_tag);

// Final paths in the directories holding `project`'s listed files that
// `listed` does not account for, sorted; directories end with "/".
Result<std::vector<std::string>> unlisted_files(const Scheme& scheme, const InstalledProject& project,
                                                const ListedPaths& listed, const std::string& cache_tag);

} // namespace whlinst
