#pragma once
// What an uninstall (or the removal of an upgraded version's leftovers) may
// delete, whatever a RECORD says: only files inside the scheme directories
// (under --root when given), reached without following a symbolic link to
// a directory. pip, in a venv, likewise removes only paths inside the
// environment. A RECORD row naming an absolute path elsewhere, a `..` path
// leaving the scheme, or a file whose directory has been replaced by a link
// to a directory elsewhere is skipped, and the reason reported.

#include "file_system.h"
#include "result.h"
#include "scheme.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace whlinst {

// Why a file must not be removed. Asked about many files, it looks at each
// directory on their way once, remembering what it was (an uninstall of
// 500 files in 57 directories: 57 lstat calls, not one per directory per
// file), and at none below a missing one (nothing exists there).
class RemovalGuard {
public:
  explicit RemovalGuard(const Scheme& scheme) : scheme_(scheme) {}
  // Why the file at the final path `final_path` (normalized, absolute) must
  // not be removed, or nullopt when it may be: "outside the scheme
  // directories", or "DIR is a symbolic link" for the first directory
  // between its scheme directory and the file that is one on disk.
  std::optional<std::string> refusal(const std::string& final_path);

private:
  // The first symbolic link strictly between the scheme directory `owner`
  // and `final_path`, or nullopt.
  std::optional<std::string> first_symlink(const std::string& owner, const std::string& final_path);
  FileKind kind_of(const std::string& directory);

  const Scheme& scheme_;
  std::map<std::string, FileKind> kinds_;
};

// The same rule for what an install writes, hides or replaces at the final
// paths `final_paths` (inside the scheme by construction): an error naming
// the first directory between a scheme directory and one of them that is a
// symbolic link on disk ("DIR is a symbolic link: not writing through
// it"), so that a directory replaced by a link to elsewhere, before the
// install or while it runs, cannot send its files or deletions outside the
// scheme. Checked when writing starts and again just before the renames
// into place; see docs/design.md, "Uninstall and writes stay inside the
// scheme".
Status check_no_symlinked_directory(const Scheme& scheme, const std::vector<std::string_view>& final_paths);
// The same given the directories holding those paths. Each directory on
// the way is looked at once, and none below one that is missing (nothing
// exists there): a fresh tree of any depth costs one lstat.
Status check_no_symlinked_directories(const Scheme& scheme, const std::set<std::string>& directories);

} // namespace whlinst
