#pragma once
// Projects already installed in a library directory, found by their
// .dist-info directory ("Recording installed projects" specification).

#include "result.h"
#include "scheme.h"

#include <string>
#include <vector>

namespace whlinst {

struct InstalledProject {
  std::string dist_info_path; // final path of the .dist-info directory
  std::string lib_dir;        // directory holding it
  std::string name, version;  // from the directory name
};

// Every .dist-info in `lib_dir` (on disk, under `root`), in directory order.
Result<std::vector<InstalledProject>> installed_in(const std::string& root, const std::string& lib_dir);

// Every .dist-info in the scheme's library directories (purelib, platlib)
// whose project name normalizes to `project_key`.
Result<std::vector<InstalledProject>> find_installed(const Scheme& scheme, const std::string& project_key);

// Every installed project of the scheme, sorted by name (case-insensitive).
Result<std::vector<InstalledProject>> all_installed(const Scheme& scheme);

// Final absolute paths of the files listed in an installed RECORD, sorted,
// plus the byte-compiled files of each listed .py source (any optimization
// level, `cache_tag` as in Interpreter) that exist: they may exist without
// being listed. Each __pycache__ is listed once.
Result<std::vector<std::string>> installed_files(const std::string& root,
                                                 const InstalledProject& project,
                                                 const std::string& cache_tag);

// The tool that installed the project: the first line of its INSTALLER,
// trimmed; "" when the file is missing or unreadable.
std::string installer_of(const std::string& root, const InstalledProject& project);

} // namespace whlinst
