#include "transaction.h"

#include "set_commit.h"

#include "directory_hiding.h"
#include "exclusive_rename.h"
#include "file_system.h"
#include "file_system_calls.h"
#include "journal_replay.h"
#include "paths.h"
#include "utf8.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace whlinst {

std::string make_id() {
  auto now = std::chrono::system_clock::now().time_since_epoch().count();
  unsigned long mixed = static_cast<unsigned long>(now);
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";
  std::string id = std::to_string(::getpid()) + "x";
  for (int i = 0; i < 8; ++i, mixed >>= 5)
    id.push_back(kDigits[mixed & 31]);
  return id;
}

namespace {
// How often a rename into a directory pruned meanwhile is tried.
constexpr int kRenameAttempts = 4;

// Whether a rename of `from` failed because the destination's directory is
// gone while `from` is still there: another process removed it the moment
// it was empty (an uninstall, or the rollback of a killed install, pruning
// a namespace package's directory this install merges its tree into; a
// temporary beside its destination keeps that directory from being empty).
bool pruned_meanwhile(const Error& failed, const std::string& from) {
  return failed.system_error == ENOENT && file_kind(from) != FileKind::missing;
}

Status sync_file_system(const std::string& path) {
  Fd fd(file_system_calls().open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0));
  if (!fd.valid() || file_system_calls().syncfs(fd.get()) != 0)
    return errno_error("cannot sync the file system of", path);
  return {};
}
} // namespace

Transaction::Transaction(std::string id, Journal journal, std::string state_dir, Durability durability,
                         FdReserve reserve, const SetCommit* set)
    : id_(std::move(id)), journal_(std::move(journal)), state_dir_(std::move(state_dir)), durability_(durability),
      reserve_(std::move(reserve)), set_(set) {}

Result<std::unique_ptr<Transaction>> Transaction::begin(const ExclusiveProjectLock& lock, Durability durability,
                                                        const SetCommit* set) {
  std::string id = make_id();
  TRY_ASSIGN(reserve, FdReserve::take());
  TRY_ASSIGN(journal, Journal::create(lock.state_dir(), lock.project_key(), id));
  if (set)
    TRY(journal.append({JournalAction::set_member, set->marker(), ""}));
  return std::unique_ptr<Transaction>(
      new Transaction(id, std::move(journal), lock.state_dir(), durability, std::move(reserve), set));
}

Status Transaction::sync_journal() { return durability_ == Durability::power_loss ? journal_.sync() : Status{}; }

Transaction::~Transaction() {
  if (!finished_)
    rollback();
}

std::string Transaction::hidden_name(const std::string& directory, unsigned number) const {
  return join_path(directory, ".whlinst-" + id_ + "-" + std::to_string(number));
}

std::string Transaction::next_hidden_name(const std::string& directory) { return hidden_name(directory, counter_++); }

Status Transaction::make_directories(const DiskPath& disk_directory) {
  const std::string& directory = disk_directory.str();
  if (directory.empty() || file_kind(directory) == FileKind::directory)
    return {};
  TRY(make_directories(DiskPath(parent_path(directory))));
  TRY(journal_.append({JournalAction::make_directory, directory, ""}));
  return whlinst::make_directories(directory);
}

Result<DiskPath> Transaction::temporary_beside(const DiskPath& destination) {
  TRY_ASSIGN(move, pending_move(destination));
  return temporary(move);
}

Result<PendingMove> Transaction::pending_move(const DiskPath& destination) {
  TRY(make_directories(DiskPath(parent_path(destination.str()))));
  PendingMove move{destination, counter_++};
  TRY(will_create(temporary(move)));
  return move;
}

DiskPath Transaction::temporary(const PendingMove& move) const {
  return DiskPath(hidden_name(parent_path(move.destination.str()), move.number));
}

Status Transaction::will_create(const DiskPath& path) {
  return journal_.append({JournalAction::create_file, path.str(), ""});
}

Status Transaction::note_workers(const std::vector<std::string>& identities) {
  std::vector<JournalRecord> records;
  for (const std::string& identity : identities)
    records.push_back({JournalAction::worker, identity, ""});
  return journal_.append_all(records);
}

Status Transaction::keep_backup(const DiskPath& disk_path) {
  const std::string& path = disk_path.str();
  FileKind kind = file_kind(path);
  if (kind == FileKind::missing)
    return {};
  if (kind == FileKind::directory)
    return make_error(path, ": is a directory, cannot be replaced by a file");
  std::string backup = next_hidden_name(parent_path(path));
  TRY(journal_.append({JournalAction::backup, path, backup}));
  return hard_link(path, backup);
}

template <typename TemporaryOf, typename DestinationOf>
Status Transaction::put_each_in_place(size_t count, const TemporaryOf& temporary_of,
                                      const DestinationOf& destination_of) {
  // Every move is journaled before the first rename, in batches: 100,000
  // replaced files are held neither as records nor as backup names at once
  // (a backup is remembered by its number, its name made again to link it).
  constexpr unsigned kNoBackup = ~0u;
  std::vector<unsigned> backups(count, kNoBackup);
  JournalBatch batch(journal_);
  for (size_t i = 0; i < count; ++i) {
    const std::string& final_path = destination_of(i);
    FileKind kind = file_kind(final_path);
    if (kind == FileKind::directory)
      return make_error(final_path, ": is a directory, cannot be replaced by a file");
    if (kind != FileKind::missing) {
      backups[i] = counter_++;
      TRY(batch.add({JournalAction::backup, final_path, hidden_name(parent_path(final_path), backups[i])}));
    }
    TRY(batch.add({JournalAction::put_in_place, final_path, temporary_of(i)}));
  }
  TRY(batch.flush());
  TRY(sync_journal());
  for (size_t i = 0; i < count; ++i) {
    const std::string& final_path = destination_of(i);
    if (backups[i] != kNoBackup)
      TRY(hard_link(final_path, hidden_name(parent_path(final_path), backups[i])));
    TRY(rename_into_directory(temporary_of(i), final_path));
  }
  return {};
}

Status Transaction::rename_into_directory(const std::string& from, const std::string& to) {
  for (int attempt = 1;; ++attempt) {
    Status renamed = rename_path(from, to);
    if (renamed.ok() || attempt == kRenameAttempts || !pruned_meanwhile(renamed.error(), from))
      return renamed;
    TRY(make_directories(DiskPath(parent_path(to))));
  }
}

Status Transaction::put_all_in_place(const std::vector<std::pair<DiskPath, DiskPath>>& moves) {
  return put_each_in_place(
      moves.size(), [&](size_t i) { return moves[i].first.str(); },
      [&](size_t i) -> const std::string& { return moves[i].second.str(); });
}

Status Transaction::put_all_in_place(const std::vector<PendingMove>& moves) {
  return put_each_in_place(
      moves.size(), [&](size_t i) { return temporary(moves[i]).str(); },
      [&](size_t i) -> const std::string& { return moves[i].destination.str(); });
}

Result<DiskPath> Transaction::begin_tree(const DiskPath& final_root) {
  std::string hidden_root = next_hidden_name(parent_path(final_root.str()));
  TRY(journal_.append({JournalAction::create_file, hidden_root, ""}));
  TRY(whlinst::make_directories(hidden_root));
  return DiskPath(hidden_root);
}

Status Transaction::put_tree_in_place(const DiskPath& hidden, const DiskPath& final) {
  const std::string& hidden_root = hidden.str();
  const std::string& final_root = final.str();
  // Listed and appended in batches: a tree of 100,000 files is held neither
  // as a list nor as records all at once; a small one is one write.
  JournalBatch batch(journal_);
  TRY(batch.add({JournalAction::tree_member, final_root, hidden_root}));
  TRY(walk_tree(hidden_root, [&](const TreeEntry& entry) {
    return batch.add({JournalAction::tree_member, join_path(final_root, entry.relative), hidden_root});
  }));
  TRY(batch.add({JournalAction::put_tree, final_root, hidden_root}));
  TRY(batch.flush());
  TRY(sync_journal());
  auto journal_claim = [&] { return journal_.append({JournalAction::make_directory, final_root, ""}); };
  TRY_ASSIGN(renamed, rename_directory_exclusive(hidden_root, final_root, journal_claim));
  if (renamed == ExclusiveRename::renamed)
    return {};
  if (file_kind(final_root) != FileKind::directory)
    return make_error("cannot put ", final_root, " in place: it exists and is not a directory");
  TRY_ASSIGN(entries, list_tree(hidden_root)); // the tree journaled above: it is ours, unchanged
  return merge_tree(hidden_root, final_root, entries);
}

Status Transaction::merge_tree(const std::string& hidden_root, const std::string& final_root,
                               const std::vector<TreeEntry>& entries) {
  std::vector<std::pair<DiskPath, DiskPath>> moves;
  for (const TreeEntry& entry : entries) {
    DiskPath final_path(join_path(final_root, entry.relative));
    if (entry.directory)
      TRY(make_directories(final_path));
    else
      moves.emplace_back(DiskPath(join_path(hidden_root, entry.relative)), std::move(final_path));
  }
  return put_all_in_place(moves);
}

Status Transaction::hide(const DiskPath& disk_path) {
  const std::string& path = disk_path.str();
  std::string hidden = next_hidden_name(parent_path(path));
  TRY(journal_.append({JournalAction::hide, path, hidden}));
  TRY(sync_journal());
  return hide_path(path, hidden);
}

Status Transaction::remove_all_at_commit(size_t count, const std::function<ScheduledRemoval(size_t)>& removal_of) {
  JournalBatch batch(journal_);
  for (size_t i = 0; i < count; ++i) {
    ScheduledRemoval removal = removal_of(i);
    TRY(batch.add({JournalAction::remove, removal.path.str(), removal.prune_stop.str()}));
  }
  return batch.flush();
}

Status Transaction::sync_before_commit() {
  return durability_ == Durability::power_loss ? sync_file_system(state_dir_) : Status{};
}

Status Transaction::prepare(const DiskPath& publish_from, const DiskPath& publish_to) {
  TRY(sync_before_commit());
  TRY(journal_.append({JournalAction::prepared, publish_to.str(), publish_from.str()}));
  return sync_journal();
}

Status Transaction::commit(const DiskPath& from, const DiskPath& to) {
  const std::string& publish_from = from.str();
  const std::string& publish_to = to.str();
  TRY(sync_before_commit());
  TRY(journal_.append({JournalAction::commit, publish_to, publish_from}));
  TRY(sync_journal());
  if (!publish_to.empty())
    TRY(rename_path(publish_from, publish_to));
  finished_ = true;
  reserve_.release();
  // Published above: what is left is the clean-up. A put_in_place's
  // temporary has been renamed by now (put_all_in_place renames every one
  // or fails, and a failure rolls back): not looked for.
  CommittedCleanup cleanup;
  Status read = journal_.for_each_record([&cleanup](JournalRecord&& record) {
    if (record.action != JournalAction::put_in_place)
      cleanup.clean_up(record);
  });
  leftovers_ = cleanup.finish();
  if (!publish_to.empty() && durability_ == Durability::power_loss)
    (void)sync_directory(parent_path(publish_to));
  if (!read) { // the next whlinst run on this prefix completes the clean-up
    leftovers_.push_back(read.error().message + "; journal " + printable_name(journal_.path()) + " kept");
    return {};
  }
  journal_.discard();
  return {};
}

void Transaction::rollback() {
  finished_ = true;
  reserve_.release();
  if (set_ && set_->decided()) {
    std::fprintf(stderr,
                 "whlinst: error: a project of a committed set could not be completed; journal %s kept, the "
                 "next whlinst run on this prefix completes it\n",
                 printable_name(journal_.path()).c_str());
    return;
  }
  auto records = journal_.read_back();
  if (records && roll_back(*records) == Replay::complete) {
    journal_.discard();
    return;
  }
  std::string why = records ? std::string() : " (" + records.error().message + ")";
  std::fprintf(stderr,
               "whlinst: error: the rollback could not undo every change%s; journal %s kept, the next "
               "whlinst run on this prefix finishes it\n",
               why.c_str(), journal_.path().c_str());
}

} // namespace whlinst
