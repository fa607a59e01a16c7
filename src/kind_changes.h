#pragma once
// An upgrade in which a path changes kind: a file of the installed version
// is a directory of the new one (a module becoming a package), or a
// directory of the installed version is a file of the new one. pip upgrades
// these by uninstalling first; whlinst does it inside the transaction: the
// old path is hidden (Transaction::hide) just before the new files are
// renamed into place, restored on rollback and deleted at commit. Found
// before anything is written.

#include "file_system.h"
#include "result.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace whlinst {

struct DiskProbe {
  // Kind of a final path as it is on disk (not following a final symlink).
  std::function<FileKind(const std::string&)> kind;
  // Every file (not directory) under a final directory, as final paths.
  std::function<Result<std::vector<std::string>>(const std::string&)> files_under;
};

// The final paths to hide for the new files `new_files` (final paths of
// files, scripts included), given the previous version's files
// `previous_files` (final paths): each previous file that is now an
// ancestor directory of a new file, and each directory that is now a new
// file when every file under it belongs to the previous version. A
// directory holding any other file (another project's, a user's) is left
// alone: placing the file over it is then refused as before.
Result<std::vector<std::string>> find_kind_changes(const std::vector<std::string_view>& new_files,
                                                   const std::set<std::string>& previous_files, const DiskProbe& probe);

// Whether `path` is one of `hidden` or lies under one.
bool under_any(const std::string& path, const std::vector<std::string>& hidden);

} // namespace whlinst
