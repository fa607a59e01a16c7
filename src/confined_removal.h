#pragma once
// Deleting what a committed transaction scheduled for removal (journal
// records `R`: a file and the scheme directory it lies in) without
// following a symbolic link below that directory, even one planted after
// the removal was planned or while it runs: every directory between the
// scheme directory and the file is opened from the one above it with
// O_NOFOLLOW, and the file is unlinked relative to its parent's descriptor.
// A directory found to be a link stops the removal there (see
// docs/design.md, "Uninstall and writes stay inside the scheme").

#include "result.h"

#include <string>

namespace whlinst {

// Deletes the file `path` lying below the directory `stop` (the scheme
// directory on disk; itself followed if it is a link), then the directories
// between them left empty, deepest first, up to (not including) `stop`.
// Nothing to do when the file is already gone. Errors: "DIR is a symbolic
// link: PATH not removed" when a directory on the way is a link (nothing
// is deleted through it), "cannot remove PATH: ..." otherwise, "cannot
// remove directory DIR: ..." when the file is gone but a directory it
// emptied cannot be removed (a non-empty one is no error). A `path`
// not below `stop` is removed as it is named, and no directory is pruned.
Status remove_confined(const std::string& path, const std::string& stop);

} // namespace whlinst
