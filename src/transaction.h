#pragma once
// An install or removal as a journaled transaction on the file system
// (docs/design.md invariants 2-6). New files are written under temporary names in
// their final directories and renamed into place, or, in a directory that
// does not exist yet, into a whole tree built under a hidden name and renamed
// into place in one step (begin_tree); replaced files are kept as
// hard-linked backups and old paths hidden by renaming until commit. Every
// step is recorded in a Journal before it is taken, so a crash at any moment
// is undone (or, after the commit record, completed) by the next run. The
// destructor of an uncommitted transaction rolls back; it never commits.
//
// Temporary and hidden names are ".whlinst-<id>-<n>" in the directory of
// their destination, so that every leftover is recognisable. Every path
// the transaction is given is a DiskPath (disk_path.h): under --root when
// one is given.
//
// Durability. Against a killed process (kill -9, a crash of whlinst) every
// transaction is all-or-nothing as it is: what was written is in the page
// cache, which outlives the process. Against a power cut, Durability::
// power_loss adds an fdatasync of the journal before each batch of renames
// and a syncfs before the commit record, so that the project is afterwards
// either entirely the old version or entirely the new one (a transaction
// that had not reached its commit record is rolled back by the next run).
// Without it, as with pip and unzip, a power cut can lose recent writes.

#include "disk_path.h"
#include "fd_reserve.h"
#include "file_system.h"
#include "journal.h"
#include "project_lock.h"
#include "result.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace whlinst {

enum class Durability { process_crash, power_loss };

class SetCommit;

// A name for a transaction or a set, unique on the machine at one moment:
// the process id and the clock ("12345x0a1b2c3d").
std::string make_id();

// A file written under a hidden name beside its destination until
// put_all_in_place: Transaction::pending_move, Transaction::temporary.
struct PendingMove {
  DiskPath destination;
  unsigned number;
};

// A path deleted at commit, and the directory where pruning the
// directories it emptied stops (not removed itself).
struct ScheduledRemoval {
  DiskPath path;
  DiskPath prune_stop;
};

class Transaction {
public:
  // Starts a transaction for the project whose lock the caller holds
  // exclusively; the journal goes to the lock's state directory, under the
  // lock's project. The lock must outlive the transaction.
  // With `set` (which must outlive it), the transaction is a member of that
  // set (set_commit.h): its first record names the set's marker, and once
  // the set has decided it is never rolled back.
  static Result<std::unique_ptr<Transaction>> begin(const ExclusiveProjectLock& lock,
                                                    Durability durability = Durability::process_crash,
                                                    const SetCommit* set = nullptr);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const std::string& id() const { return id_; }
  bool in_set() const { return set_ != nullptr; }

  // Creates `directory` and its missing parents; rollback removes the ones
  // it created (when empty).
  Status make_directories(const DiskPath& directory);

  // A fresh temporary path beside `destination` (its directory is created).
  Result<DiskPath> temporary_beside(const DiskPath& destination);
  // The same kept small: the destination and the temporary's number, its
  // path made again by temporary() (an upgrade of 100,000 files holds one
  // path per file, not two).
  Result<PendingMove> pending_move(const DiskPath& destination);
  DiskPath temporary(const PendingMove& move) const;

  // Announces a file this transaction (or a worker for it) is about to
  // create at `path`; rollback removes it.
  Status will_create(const DiskPath& path);

  // Records the processes that will write files for this transaction (see
  // recover_journals), "PID:START" each.
  Status note_workers(const std::vector<std::string>& identities);

  // Keeps a hard-linked backup of an existing file that is about to be
  // replaced by other means than put_all_in_place (e.g. a pyc).
  Status keep_backup(const DiskPath& path);

  // Renames each (temporary, destination) pair into place, backing up
  // existing destinations. All intents are journaled and synced before the
  // first rename.
  Status put_all_in_place(const std::vector<std::pair<DiskPath, DiskPath>>& moves);
  Status put_all_in_place(const std::vector<PendingMove>& moves);

  // A directory that does not exist yet (`final_root`) is built whole under
  // a hidden name beside it, returned here (created, empty; rollback removes
  // it), so that its files need no temporary name and no rename of their own.
  Result<DiskPath> begin_tree(const DiskPath& final_root);

  // Renames the tree built at `hidden_root` to `final_root` in one step,
  // after journaling every file and directory in it. If `final_root` has
  // appeared meanwhile (another process installing into the same namespace
  // package), the tree is merged into it file by file as put_all_in_place
  // does, directories created race-free.
  Status put_tree_in_place(const DiskPath& hidden_root, const DiskPath& final_root);

  // Renames `path` to a hidden name; restored on rollback, deleted on commit.
  // A directory that cannot be renamed (overlayfs lower layer) is hidden
  // entry by entry, METADATA first (see directory_hiding.h).
  Status hide(const DiskPath& path);

  // Schedules `count` paths for deletion at commit, removal_of(i) each,
  // pruning emptied directories up to (not including) its prune_stop;
  // journaled a write per 1,024 (an uninstall of 1,000 files: one write,
  // not 1,000).
  Status remove_all_at_commit(size_t count, const std::function<ScheduledRemoval(size_t)>& removal_of);

  // A member of a set: everything is in place but the publication of
  // `publish_from` to `publish_to` (empty for a removal), which commit()
  // will do; recorded (and synced with Durability::power_loss) so that the
  // set may decide.
  Status prepare(const DiskPath& publish_from, const DiskPath& publish_to);

  // Syncs, writes the commit record, renames `publish_from` to `publish_to`
  // (the new .dist-info), then deletes backups, hidden paths and scheduled
  // removals, and the journal. What could not be deleted after the commit
  // point is in leftovers().
  Status commit(const DiskPath& publish_from, const DiskPath& publish_to);
  // The same for a removal, which publishes nothing.
  Status commit() { return commit(DiskPath(), DiskPath()); }
  // One message per path a commit could not remove (the transaction itself
  // is done: report each, as pip does, and exit 1).
  const std::vector<std::string>& leftovers() const { return leftovers_; }
  // Undoes everything, with the descriptors reserved at begin. When some
  // step cannot be undone, says so on stderr and keeps the journal, which
  // the next run replays. A member of a set that has decided is not undone:
  // its journal stays for the next run, which completes it.
  void rollback();

private:
  Transaction(std::string id, Journal journal, std::string state_dir, Durability durability, FdReserve reserve,
              const SetCommit* set);
  Status sync_before_commit();
  Status sync_journal();
  // rename(2), the destination's directory made again (journaled) when
  // another process pruned it meanwhile, a few times.
  Status rename_into_directory(const std::string& from, const std::string& to);
  template <typename TemporaryOf, typename DestinationOf>
  Status put_each_in_place(size_t count, const TemporaryOf& temporary_of, const DestinationOf& destination_of);
  // The hidden name numbered `number` in `directory`; next_hidden_name
  // takes the next number.
  std::string hidden_name(const std::string& directory, unsigned number) const;
  std::string next_hidden_name(const std::string& directory);
  Status merge_tree(const std::string& hidden_root, const std::string& final_root,
                    const std::vector<TreeEntry>& entries);
  std::string id_;
  Journal journal_;
  std::string state_dir_;
  Durability durability_;
  FdReserve reserve_;
  const SetCommit* set_;
  std::vector<std::string> leftovers_;
  unsigned counter_ = 0;
  bool finished_ = false;
};

} // namespace whlinst
