#pragma once
// An install or removal as a transaction on the file system (PRODUCT.md
// invariants 2-4): new files are written under temporary names in their final
// directories, replaced files are kept as hard-linked backups, old paths are
// hidden by renaming. Nothing is deleted until commit(); the destructor of an
// uncommitted transaction rolls everything back, in reverse order.
//
// Temporary names are ".whlinst-<id>-<n>" in the directory of their final
// path, so that every leftover of a crashed run is recognisable.

#include "result.h"

#include <string>
#include <vector>

namespace whlinst {

class Transaction {
public:
  Transaction();
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const std::string& id() const { return id_; }

  // Creates `directory` and its missing parents, remembering the ones it
  // created so that rollback removes them again (when empty).
  Status make_directories(const std::string& directory);

  // A fresh temporary path beside `final_path` (its directory is created).
  // The file written there is removed on rollback.
  Result<std::string> temporary_beside(const std::string& final_path);

  // Renames `temporary` to `final_path`. An existing file at `final_path` is
  // kept as a backup until commit, and restored on rollback.
  Status put_in_place(const std::string& temporary, const std::string& final_path);

  // Renames `path` to a hidden name; restored on rollback, deleted on commit.
  Status hide(const std::string& path);

  // A file created outside the transaction's own calls (e.g. a pyc written by
  // a worker) that rollback must remove; an existing file it replaces should
  // first be saved with keep_backup().
  void note_created(const std::string& path);
  Status keep_backup(const std::string& path);

  // Removes `path` at commit time (old files of a replaced version).
  void remove_at_commit(const std::string& path, const std::string& prune_stop);

  // Makes the changes permanent: deletes backups, hidden paths and the files
  // scheduled for removal, prunes emptied directories.
  void commit();
  void rollback();

private:
  struct Step;
  std::string next_temporary_name(const std::string& directory);
  std::string id_;
  unsigned counter_ = 0;
  std::vector<Step> steps_;
  std::vector<std::pair<std::string, std::string>> removals_; // path, prune stop
  bool finished_ = false;
};

} // namespace whlinst
