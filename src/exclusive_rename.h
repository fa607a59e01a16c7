#pragma once
// Renaming a directory into place without replacing what may have appeared
// there meanwhile, on every file system. renameat2(RENAME_NOREPLACE) does it
// in one call, but FUSE (bindfs, sshfs), NFS and 9p refuse the flag (EINVAL).
// There, per call (the same build runs on every file system), the final name
// is first claimed by mkdir(2), which is exclusive everywhere, and the tree is
// then renamed over that empty claim; rename(2) replaces an empty directory
// only, so if another process put something into the claimed directory
// meanwhile the rename fails and the caller merges as it would after EEXIST.

#include "result.h"

#include <functional>
#include <string>

namespace whlinst {

enum class ExclusiveRename {
  renamed, // `from` is now `to`
  exists,  // `to` exists (or appeared): nothing renamed, `from` unchanged
};

// Renames the directory `from` to `to` unless `to` exists. `journal_claim`
// is called before the fallback creates `to` as its claim, so that a crash
// between the claim and the rename can be undone (rmdir of the empty claim);
// after ExclusiveRename::exists the claim, if made, stays as an empty
// directory at `to` (other processes may already use it). Errors: any other
// failure of the calls, naming both paths.
Result<ExclusiveRename> rename_directory_exclusive(const std::string& from, const std::string& to,
                                                   const std::function<Status()>& journal_claim);

// The fallback alone (mkdir claim, then rename), as used where the flag is
// refused; exposed for tests.
Result<ExclusiveRename> rename_directory_by_claim(const std::string& from, const std::string& to,
                                                  const std::function<Status()>& journal_claim);

// Whether errno, after renameat2 with a flag failed, means the file system
// does not support the flag (EINVAL, ENOSYS, EOPNOTSUPP).
bool rename_flag_refused(int error);

} // namespace whlinst
