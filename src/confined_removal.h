#pragma once
// Deleting what a committed transaction scheduled for removal (journal
// records `R`: a file and the scheme directory it lies in) without
// following a symbolic link below that directory, even one planted after
// the removal was planned or while it runs: every directory between the
// scheme directory and the file is opened from the one above it with
// O_NOFOLLOW, and the file is unlinked relative to its parent's descriptor.
// A directory found to be a link stops the removal there (see
// docs/design.md, "Uninstall and writes stay inside the scheme").
//
// ConfinedRemoval removes many files so: the directories it opened stay
// open for the next file (files of one directory, listed together, cost one
// unlinkat each), and the directories the files leave empty are removed
// once, after all the files.

#include "fd.h"
#include "result.h"

#include <set>
#include <string>
#include <vector>

namespace whlinst {

// The directories stop/names[0]/.../names[k-1], each opened (O_PATH) from
// the one above without following a link and kept open, so that the next
// walk opens only what it does not share with the last one.
class DirectoryWalk {
public:
  enum class Reached { opened, missing, link, failed };
  // Opens stop/parts[0..count): Reached::opened with directory() its
  // descriptor; missing when a component is not there or not a directory;
  // link, with depth() the number of components up to the link; failed,
  // errno set, when a call failed otherwise.
  Reached open(const std::string& stop, const std::vector<std::string>& parts, size_t count);
  int directory() const;
  size_t depth() const { return depth_; }
  // Forgets the directories from stop/names[0..count) down (one was removed).
  void forget_from(size_t count);

private:
  std::string stop_;
  std::vector<std::string> names_;
  std::vector<Fd> opened_; // opened_[i]: stop/names[0..i)
  Fd deep_;                // the directory reached, when deeper than those kept
  size_t depth_ = 0;
};

class ConfinedRemoval {
public:
  // Deletes the file `path` lying below the directory `stop` (the scheme
  // directory on disk; itself followed if it is a link). Nothing to do when
  // the file is already gone. Errors: "DIR is a symbolic link: PATH not
  // removed" when a directory on the way is a link (nothing is deleted
  // through it), "cannot remove PATH: ..." otherwise. A `path` not below
  // `stop` is removed as it is named, and no directory is pruned for it.
  Status remove(const std::string& path, const std::string& stop);

  // Removes the directories between each removed file (or one already gone)
  // and its `stop` that are left empty, deepest first, going on past those
  // already gone (a run killed while pruning); a directory that is not
  // empty, or not reachable without following a link, stays with all its
  // ancestors. One "cannot remove directory DIR: ..." per directory that is
  // empty and could not be removed (an emptied directory that stays would
  // still import as a namespace package).
  std::vector<std::string> prune_emptied();

private:
  struct Directory {
    size_t depth; // components below stop
    std::string stop, relative;
    bool operator<(const Directory& other) const; // deepest first
  };
  void add_candidate(const std::string& stop, const std::vector<std::string>& parts, size_t count);
  void keep_with_ancestors(const Directory& directory);
  DirectoryWalk walk_;
  std::set<Directory> candidates_;
  std::set<std::pair<std::string, std::string>> kept_; // (stop, relative): not empty
};

} // namespace whlinst
