#pragma once
// Where a journal may act (docs/design.md invariant 7): a journal is replayed by
// a later run, which deletes and renames what its records name, so a record
// naming a path outside the scheme (a crafted or foreign journal) must be
// refused before anything is replayed.

#include "journal.h"
#include "result.h"
#include "scheme.h"

#include <functional>
#include <string>
#include <vector>

namespace whlinst {

class JournalScope {
public:
  // `directories`: absolute on-disk directories inside which records may
  // name paths, as spelled or with symbolic links resolved (a journal
  // written by a run that spelled the prefix through a symlink).
  explicit JournalScope(std::vector<std::string> directories);

  // Every path of the record is absolute, normalized (no ".", "..", "//")
  // and inside a scope directory; the names a replay deletes (backups,
  // hidden paths, temporaries renamed into place) are ".whlinst-" names; a
  // directory to remove when empty may also be an ancestor of a scope
  // directory (created for a fresh prefix); a pruning stop may be a scope
  // directory itself; a set's marker is a "_set.*.commit" file of a
  // ".whlinst" directory inside the scope. Errors name the record and the
  // path.
  Status check(const JournalRecord& record) const;

private:
  bool matches(const std::string& path,
               const std::function<bool(const std::string&, const std::string&)>& relation) const;
  bool inside(const std::string& path) const;
  bool ancestor_or_self(const std::string& path) const;
  bool scope_directory(const std::string& path) const;
  Status check_set_marker(const JournalRecord& record) const;
  std::vector<std::string> directories_;
};

// The scheme's directories on disk (the parent of the per-project headers
// directory), for journals of any project of that scheme.
JournalScope journal_scope(const Scheme& scheme);

} // namespace whlinst
