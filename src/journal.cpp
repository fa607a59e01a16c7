#include "journal.h"

#include "set_commit.h"

#include "file_lock.h"
#include "file_system.h"
#include "file_system_calls.h"
#include "journal_replay.h"
#include "journal_scope.h"
#include "paths.h"
#include "process_identity.h"
#include "text.h"
#include "utf8.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
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
  if (text.find('%') == std::string_view::npos)
    return std::string(text); // most paths: nothing escaped
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "%25") plain.push_back('%'), i += 2;
    else if (text.substr(i, 3) == "%09") plain.push_back('\t'), i += 2;
    else if (text.substr(i, 3) == "%0A") plain.push_back('\n'), i += 2;
    else plain.push_back(text[i]);
  }
  return plain;
}

bool known_action(char c) { return std::string_view("DTBHPRCMYWSQ").find(c) != std::string_view::npos; }

} // namespace

std::string encode_journal_record(const JournalRecord& record) {
  return std::string(1, static_cast<char>(record.action)) + "\t" + escape(record.path) + "\t" +
         escape(record.other) + "\n";
}

namespace {
// Decodes the complete lines of `text` (each ending in a newline), counting
// them in `number`, each record handed to `visit`.
Status decode_lines(std::string_view text, size_t& number, const RecordVisitor& visit) {
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    // ACTION TAB PATH TAB OTHER, neither field holding a tab (escaped)
    size_t first = line.find('\t'), second = line.find('\t', first + 1);
    if (first != 1 || second == std::string_view::npos || line.find('\t', second + 1) != std::string_view::npos ||
        !known_action(line[0]))
      return make_error("line ", std::to_string(number), " is not a journal record: '",
                        printable_name(line.substr(0, 80)), line.size() > 80 ? "...'" : "'");
    visit(
        {static_cast<JournalAction>(line[0]), unescape(line.substr(2, second - 2)), unescape(line.substr(second + 1))});
  }
  return {};
}

// The part of `text` up to its last newline: a record is complete only with
// its newline, and a torn last line is dropped.
std::string_view complete_lines(std::string_view text) {
  size_t complete = text.rfind('\n');
  return complete == std::string_view::npos ? std::string_view() : text.substr(0, complete + 1);
}
} // namespace

Result<std::vector<JournalRecord>> decode_journal(std::string_view text) {
  std::vector<JournalRecord> records;
  size_t number = 0;
  TRY(decode_lines(complete_lines(text), number,
                   [&records](JournalRecord&& record) { records.push_back(std::move(record)); }));
  return records;
}

namespace {
constexpr std::string_view kUnpublished = ".journal.new";

// flock(LOCK_EX), waiting out a process probing the file (held_by_a_process).
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
  Fd fd(file_system_calls().open(unpublished.c_str(), O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC,
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

Status Journal::append(JournalRecord record) { return write_all(fd_.get(), encode_journal_record(record), path_); }

Status Journal::append_all(const std::vector<JournalRecord>& records) {
  constexpr size_t kWriteSize = 64 << 10;
  std::string text;
  for (size_t i = 0; i < records.size(); ++i) {
    text += encode_journal_record(records[i]);
    if (text.size() >= kWriteSize || i + 1 == records.size()) {
      TRY(write_all(fd_.get(), text, path_));
      text.clear();
    }
  }
  return {};
}

Status JournalBatch::add(JournalRecord record) {
  records_.push_back(std::move(record));
  return records_.size() < kRecords ? Status{} : flush();
}

Status JournalBatch::flush() {
  Status appended = journal_.append_all(records_);
  records_.clear();
  return appended;
}

Status Journal::for_each_record(const RecordVisitor& visit) const {
  // O_APPEND: later appends still go to the end.
  if (::lseek(fd_.get(), 0, SEEK_SET) != 0)
    return errno_error("cannot read journal", path_);
  std::string text; // what was read and not yet decoded: a line not yet complete
  size_t number = 0;
  TRY(read_in_chunks(fd_.get(), "cannot read journal", path_, 64 << 10, [&](std::string_view piece) -> Status {
    text.append(piece);
    std::string_view lines = complete_lines(text);
    TRY(decode_lines(lines, number, visit));
    text.erase(0, lines.size());
    return {};
  }));
  return {}; // what is left in `text` is a torn last line: dropped
}

Result<std::vector<JournalRecord>> Journal::read_back() const {
  std::vector<JournalRecord> records;
  TRY(for_each_record([&records](JournalRecord&& record) { records.push_back(std::move(record)); }));
  return records;
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

// A member of a set (set_commit.h) that was prepared when its set
// committed, which its marker proves: the commit record its own commit
// would have written.
std::optional<JournalRecord> set_commit_record(const std::vector<JournalRecord>& records) {
  const JournalRecord* member = nullptr;
  const JournalRecord* prepared = nullptr;
  for (const JournalRecord& record : records) {
    if (record.action == JournalAction::set_member)
      member = &record;
    if (record.action == JournalAction::prepared)
      prepared = &record;
  }
  if (member == nullptr || prepared == nullptr || file_kind(member->path) != FileKind::regular)
    return std::nullopt;
  return JournalRecord{JournalAction::commit, prepared->path, prepared->other};
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

Recovery replay(const std::string& path, std::vector<JournalRecord> records) {
  wait_for_workers(records);
  if (std::optional<JournalRecord> commit = set_commit_record(records))
    records.push_back(*commit);
  if (is_committed(records)) {
    auto cleaned = roll_forward(records);
    if (!cleaned) {
      warn(cleaned.error().message + "; journal " + printable_name(path) + " kept for the next run");
      return Recovery::kept;
    }
    for (const std::string& failure : *cleaned)
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
    if (ends_with(name, kUnpublished) && !held_by_a_process(path)) {
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
        !held_by_a_process(join_path(state_dir, name)) &&
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
  remove_finished_set_markers(state_dir);
  // Left empty by a process killed between creating it and its lock file,
  // or whose removal of it failed.
  (void)file_system_calls().rmdir(state_dir.c_str());
  return recovered;
}

} // namespace whlinst
