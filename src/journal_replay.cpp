#include "journal_replay.h"

#include "confined_removal.h"
#include "directory_hiding.h"
#include "file_system.h"
#include "file_system_calls.h"
#include "text.h"

#include <cerrno>
#include <map>

namespace whlinst {

namespace {
bool exists(const std::string& path) { return file_kind(path) != FileKind::missing; }

// Position of the first backup record of each path: a put_in_place after
// it is undone by restoring that backup over it.
std::map<std::string, size_t> first_backups(const std::vector<JournalRecord>& records) {
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < records.size(); ++i)
    if (records[i].action == JournalAction::backup)
      first.emplace(records[i].path, i);
  return first;
}

bool backed_up_before(const std::map<std::string, size_t>& first_backup, const std::string& path,
                      size_t position) {
  auto backup = first_backup.find(path);
  return backup != first_backup.end() && backup->second < position;
}

// A directory removed only when empty (another process may have put files
// into it since): a non-empty or missing one is success.
Status remove_if_empty(const std::string& directory) {
  if (file_system_calls().rmdir(directory.c_str()) == 0 || errno == ENOTEMPTY || errno == EEXIST ||
      errno == ENOENT)
    return {};
  return errno_error("cannot remove directory", directory);
}

// A member of a tree that was renamed into place (its hidden root is gone):
// removed, directories only when empty.
Status remove_tree_member(const JournalRecord& record) {
  if (exists(record.other))
    return {};
  if (file_kind(record.path) == FileKind::directory)
    return remove_if_empty(record.path);
  return remove_file(record.path);
}

// A backup made by hard link: renamed back over its path, or removed when
// both names are still links of one inode (the new file never replaced the
// path; rename(2) would then do nothing and leave the backup name).
Status restore_backup(const std::string& backup, const std::string& path) {
  if (same_file(backup, path))
    return remove_file(backup);
  return rename_path(backup, path);
}

// Whether `path` is, or lies under, a path that a hide record before
// `position` moved aside and that is back already (its hidden name is
// gone): a replay of a rollback that could not finish, where what is at
// `path` now is the previous version's, restored, and not the file or tree
// this transaction put there. (The hide never happened when the journal
// ends at its record; then nothing was put in place after it either.)
bool restored_before(const std::vector<JournalRecord>& records, const std::string& path, size_t position) {
  for (size_t i = 0; i < position; ++i) {
    const JournalRecord& hidden = records[i];
    if (hidden.action == JournalAction::hide && (path == hidden.path || starts_with(path, hidden.path + "/")) &&
        !exists(hidden.other))
      return true;
  }
  return false;
}

// What undoing one record needs to know of the records before it.
struct Earlier {
  bool backed_up = false; // the path has a backup record: restoring it undoes the put
  bool restored = false;  // see restored_before
};

Status undo(const JournalRecord& record, Earlier earlier) {
  const std::string& path = record.path;
  switch (record.action) {
  case JournalAction::make_directory: return remove_if_empty(path);
  case JournalAction::create_file: return remove_tree(path);
  case JournalAction::backup: return exists(record.other) ? restore_backup(record.other, path) : Status{};
  case JournalAction::hide: return restore_hidden(record.other, path);
  case JournalAction::put_in_place:
    // Renamed already when the temporary is gone; a backup, if any, is
    // restored over it by its own record (earlier in the journal).
    // Only a file is ever put in place: a directory there is a previous
    // version's, brought back (maybe in part) by a hide record's undo.
    if (!exists(record.other) && file_kind(path) != FileKind::missing && file_kind(path) != FileKind::directory &&
        !earlier.backed_up && !earlier.restored)
      return remove_file(path);
    return {};
  case JournalAction::tree_member: return earlier.restored ? Status{} : remove_tree_member(record);
  case JournalAction::put_tree:
  case JournalAction::remove:
  case JournalAction::worker:
  case JournalAction::commit:
  case JournalAction::set_member:
  case JournalAction::prepared: return {};
  }
  return {};
}
} // namespace

Replay roll_back(const std::vector<JournalRecord>& records) {
  std::map<std::string, size_t> first_backup = first_backups(records);
  Replay replay = Replay::complete;
  for (size_t i = records.size(); i-- > 0;) {
    Earlier earlier{backed_up_before(first_backup, records[i].path, i), restored_before(records, records[i].path, i)};
    if (!undo(records[i], earlier).ok())
      replay = Replay::incomplete;
  }
  return replay;
}

namespace {
// A backup or hidden path deleted after the commit; a hidden directory that
// stays (with what could not be deleted in it) is named whole.
Status remove_aside(const std::string& path) {
  Status removed = remove_tree(path);
  if (removed.ok() || file_kind(path) != FileKind::directory)
    return removed;
  return make_error(path, " not removed: ", removed.error().message);
}
} // namespace

void CommittedCleanup::clean_up(const JournalRecord& record) {
  Status status;
  switch (record.action) {
  case JournalAction::backup:
  case JournalAction::hide:
  case JournalAction::put_in_place:
  case JournalAction::put_tree: status = remove_aside(record.other); break;
  case JournalAction::remove: status = removal_.remove(record.path, record.other); break;
  default: break;
  }
  if (!status.ok())
    failures_.push_back(status.error().message);
}

std::vector<std::string> CommittedCleanup::finish() {
  for (std::string& failure : removal_.prune_emptied())
    failures_.push_back(std::move(failure));
  return std::move(failures_);
}

Result<std::vector<std::string>> roll_forward(const std::vector<JournalRecord>& records) {
  for (const JournalRecord& record : records)
    if (record.action == JournalAction::commit && exists(record.other) && !exists(record.path))
      TRY(rename_path(record.other, record.path));
  CommittedCleanup cleanup;
  for (const JournalRecord& record : records)
    cleanup.clean_up(record);
  return cleanup.finish();
}

} // namespace whlinst
