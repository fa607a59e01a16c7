#include "journal.h"

#include "confined_removal.h"
#include "directory_hiding.h"
#include "file_lock.h"
#include "file_system.h"
#include "file_system_calls.h"
#include "journal_scope.h"
#include "paths.h"
#include "process_identity.h"
#include "text.h"
#include "utf8.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <map>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace whlinst {

namespace {
std::string escape(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '%') escaped += "%25";
    else if (c == '\t') escaped += "%09";
    else if (c == '\n') escaped += "%0A";
    else escaped.push_back(c);
  }
  return escaped;
}

std::string unescape(std::string_view text) {
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "%25") plain.push_back('%'), i += 2;
    else if (text.substr(i, 3) == "%09") plain.push_back('\t'), i += 2;
    else if (text.substr(i, 3) == "%0A") plain.push_back('\n'), i += 2;
    else plain.push_back(text[i]);
  }
  return plain;
}

bool known_action(char c) { return std::string_view("DTBHPRCMYW").find(c) != std::string_view::npos; }

bool exists(const std::string& path) { return file_kind(path) != FileKind::missing; }
} // namespace

std::string encode_journal_record(const JournalRecord& record) {
  return std::string(1, static_cast<char>(record.action)) + "\t" + escape(record.path) + "\t" +
         escape(record.other) + "\n";
}

Result<std::vector<JournalRecord>> decode_journal(std::string_view text) {
  std::vector<JournalRecord> records;
  // A record is complete only with its newline: a torn last line is dropped.
  size_t complete = text.rfind('\n');
  text = complete == std::string_view::npos ? std::string_view() : text.substr(0, complete + 1);
  for (std::string_view line : split_lines(text)) {
    auto fields = split(line, '\t');
    if (fields.size() != 3 || fields[0].size() != 1 || !known_action(fields[0][0]))
      return make_error("line ", std::to_string(records.size() + 1), " is not a journal record: '",
                        printable_name(line.substr(0, 80)), line.size() > 80 ? "...'" : "'");
    records.push_back({static_cast<JournalAction>(fields[0][0]), unescape(fields[1]), unescape(fields[2])});
  }
  return records;
}

namespace {
constexpr std::string_view kUnpublished = ".journal.new";

// flock(LOCK_EX), waiting out a process probing the file (writer_alive).
Status lock_exclusively(int fd, const std::string& path) {
  while (::flock(fd, LOCK_EX) != 0)
    if (errno != EINTR)
      return errno_error("cannot lock journal", path);
  return {};
}
} // namespace

Result<Journal> Journal::create(const std::string& state_dir, const std::string& project_key,
                                const std::string& id) {
  std::string path = join_path(state_dir, project_key + "." + id + ".journal");
  std::string unpublished = join_path(state_dir, project_key + "." + id + std::string(kUnpublished));
  TRY(make_directories(state_dir));
  Fd fd(file_system_calls().open(unpublished.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC,
                                 0666));
  if (!fd.valid())
    return errno_error("cannot create journal", unpublished);
  Status published = lock_exclusively(fd.get(), unpublished);
  if (published)
    published = rename_path(unpublished, path);
  if (!published) {
    (void)remove_file(unpublished);
    return published.take_error();
  }
  return Journal(std::move(path), std::move(fd));
}

Status Journal::append(JournalRecord record) {
  TRY(write_all(fd_.get(), encode_journal_record(record), path_));
  records_.push_back(std::move(record));
  return {};
}

Status Journal::append_all(std::vector<JournalRecord> records) {
  std::string text;
  for (const JournalRecord& record : records)
    text += encode_journal_record(record);
  TRY(write_all(fd_.get(), text, path_));
  records_.insert(records_.end(), std::make_move_iterator(records.begin()), std::make_move_iterator(records.end()));
  return {};
}

Status Journal::sync() {
  if (file_system_calls().fdatasync(fd_.get()) != 0)
    return errno_error("cannot sync journal", path_);
  return {};
}

void Journal::discard() {
  (void)remove_file(path_);
  fd_.reset();
}

namespace {
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

Status undo(const JournalRecord& record, bool backed_up_before_it) {
  const std::string& path = record.path;
  switch (record.action) {
  case JournalAction::make_directory: return remove_if_empty(path);
  case JournalAction::create_file: return remove_tree(path);
  case JournalAction::backup: return exists(record.other) ? restore_backup(record.other, path) : Status{};
  case JournalAction::hide: return restore_hidden(record.other, path);
  case JournalAction::put_in_place:
    // Renamed already when the temporary is gone; a backup, if any, is
    // restored over it by its own record (earlier in the journal).
    if (!exists(record.other) && exists(path) && !backed_up_before_it)
      return remove_tree(path);
    return {};
  case JournalAction::tree_member: return remove_tree_member(record);
  case JournalAction::put_tree:
  case JournalAction::remove:
  case JournalAction::worker:
  case JournalAction::commit: return {};
  }
  return {};
}
} // namespace

Replay roll_back(const std::vector<JournalRecord>& records) {
  std::map<std::string, size_t> first_backup = first_backups(records);
  Replay replay = Replay::complete;
  for (size_t i = records.size(); i-- > 0;)
    if (!undo(records[i], backed_up_before(first_backup, records[i].path, i)).ok())
      replay = Replay::incomplete;
  return replay;
}

std::vector<std::string> roll_forward(const std::vector<JournalRecord>& records) {
  std::vector<std::string> failures;
  auto note = [&failures](Status status) {
    if (!status.ok())
      failures.push_back(status.error().message);
  };
  for (const JournalRecord& record : records)
    if (record.action == JournalAction::commit && exists(record.other) && !exists(record.path))
      note(rename_path(record.other, record.path));
  for (const JournalRecord& record : records) {
    switch (record.action) {
    case JournalAction::backup:
    case JournalAction::hide:
    case JournalAction::put_in_place:
    case JournalAction::put_tree: note(remove_tree(record.other)); break;
    case JournalAction::remove: note(remove_confined(record.path, record.other)); break;
    default: break;
    }
  }
  return failures;
}

namespace {
// py_compile writes "X.pyc.<digits>" and renames it to "X.pyc".
void remove_compile_leftovers(const std::string& pyc) {
  std::string directory = parent_path(pyc);
  std::string prefix = std::string(base_name(pyc)) + ".";
  auto names = list_directory(directory);
  if (!names)
    return;
  for (const std::string& name : *names) {
    if (!starts_with(name, prefix) || name.size() == prefix.size())
      continue;
    if (name.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
      (void)remove_file(join_path(directory, name));
  }
}

bool is_committed(const std::vector<JournalRecord>& records) {
  for (const JournalRecord& record : records)
    if (record.action == JournalAction::commit)
      return true;
  return false;
}

void wait_for_workers(const std::vector<JournalRecord>& records) {
  for (const JournalRecord& record : records)
    if (record.action == JournalAction::worker)
      if (auto identity = parse_process_identity(record.path))
        (void)wait_for_process_exit(*identity, std::chrono::seconds(10));
}

void warn(const std::string& message) { std::fprintf(stderr, "whlinst: warning: %s\n", message.c_str()); }

// A journal that does not parse is renamed aside ("<name>.corrupt", never
// read again) so that it blocks no later run; what it recorded stays undone.
void quarantine(const std::string& path, const Error& error) {
  std::string aside = path + ".corrupt";
  Status moved = rename_path(path, aside);
  warn("unreadable journal " + printable_name(path) + " (" + error.message + "): " +
       (moved.ok() ? "moved to " + printable_name(aside) : "left in place (" + moved.error().message + ")") +
       "; the transaction it recorded was not undone, check for .whlinst-* names");
}

// Where a journal stands after recover_journal.
enum class Recovery { writer_alive, replayed, kept };

Recovery replay(const std::string& path, const std::vector<JournalRecord>& records) {
  wait_for_workers(records);
  if (is_committed(records)) {
    for (const std::string& failure : roll_forward(records))
      warn(failure);
  } else {
    if (roll_back(records) == Replay::incomplete) {
      warn("could not finish undoing the transaction of journal " + printable_name(path) +
           "; it is kept for the next run");
      return Recovery::kept;
    }
    for (const JournalRecord& record : records)
      if (record.action == JournalAction::create_file && ends_with(record.path, ".pyc"))
        remove_compile_leftovers(record.path);
  }
  (void)remove_file(path);
  return Recovery::replayed;
}

// Replays one journal if its writer is dead and every record lies in `scope`.
Result<Recovery> recover_journal(const std::string& path, const JournalScope& scope) {
  Fd fd(file_system_calls().open(path.c_str(), O_RDWR | O_CLOEXEC, 0));
  if (!fd.valid())
    return errno == ENOENT ? Result<Recovery>(Recovery::writer_alive)
                           : Result<Recovery>(errno_error("cannot open journal", path));
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0)
    return Recovery::writer_alive;
  TRY_ASSIGN(text, read_file(path));
  auto records = decode_journal(text);
  if (!records) {
    quarantine(path, records.error());
    return Recovery::kept;
  }
  for (const JournalRecord& record : *records) {
    if (Status inside = scope.check(record); !inside.ok()) {
      warn("journal " + printable_name(path) + " refused, not replayed: " + printable_name(inside.error().message));
      return Recovery::kept;
    }
  }
  return replay(path, *records);
}

bool writer_alive(const std::string& path) {
  Fd fd(file_system_calls().open(path.c_str(), O_RDONLY | O_CLOEXEC, 0));
  return fd.valid() && ::flock(fd.get(), LOCK_SH | LOCK_NB) != 0;
}

std::string project_of_journal(std::string_view name) { return std::string(name.substr(0, name.find('.'))); }

// A lock file no process holds: left by one killed after it deleted its
// journal and before it released its lock. Taken without waiting and
// released, which removes it (and the state directory once empty); one that
// a live process holds, or takes meanwhile, is left alone.
void remove_abandoned_locks(const std::string& state_dir, const std::vector<std::string>& names) {
  const LockWait at_once{std::chrono::milliseconds(0), WaitReport::silent};
  for (const std::string& name : names)
    if (ends_with(name, ".lock"))
      (void)FileLock::acquire(join_path(state_dir, name), LockMode::exclusive, LockFile::removed, at_once);
}
} // namespace

Result<size_t> recover_project_journals(const std::string& state_dir, const std::string& project_key,
                                        const JournalScope& scope) {
  TRY_ASSIGN(names, list_directory(state_dir));
  size_t recovered = 0;
  for (const std::string& name : names) {
    if (project_of_journal(name) != project_key)
      continue;
    std::string path = join_path(state_dir, name);
    if (ends_with(name, kUnpublished) && !writer_alive(path)) {
      (void)remove_file(path); // a writer killed before its first record
    } else if (ends_with(name, ".journal")) {
      TRY_ASSIGN(done, recover_journal(path, scope));
      recovered += done == Recovery::replayed ? 1 : 0;
    }
  }
  return recovered;
}

Result<size_t> recover_journals(const std::string& state_dir, const JournalScope& scope, const LockWait& wait) {
  TRY_ASSIGN(names, list_directory(state_dir));
  std::vector<std::string> projects;
  for (const std::string& name : names) {
    std::string project = project_of_journal(name);
    if ((ends_with(name, ".journal") || ends_with(name, kUnpublished)) &&
        !writer_alive(join_path(state_dir, name)) &&
        std::find(projects.begin(), projects.end(), project) == projects.end())
      projects.push_back(project);
  }
  size_t recovered = 0;
  for (const std::string& project : projects) {
    TRY_ASSIGN(lock, FileLock::acquire(join_path(state_dir, project + ".lock"), LockMode::exclusive,
                                       LockFile::removed, wait));
    TRY_ASSIGN(count, recover_project_journals(state_dir, project, scope));
    recovered += count;
  }
  remove_abandoned_locks(state_dir, names);
  return recovered;
}

} // namespace whlinst
