#pragma once
// The write-ahead journal of a transaction (docs/design.md invariant 6). Every
// change a transaction makes to the prefix is appended here before it is
// made, so that after kill -9 or a power cut the next whlinst run can undo an
// unfinished transaction (roll_back) or complete a committed one
// (roll_forward). Records are replayable: each step checks what is on disk,
// so replaying an already replayed journal is harmless.
//
// File: STATE_DIR/<project>.<id>.journal, one record per line, fields
// separated by tabs, '%', tab and newline percent-encoded. The writer holds an
// exclusive flock(2) on it for its lifetime, from before the file has its
// name (it is created as <project>.<id>.journal.new, locked, then renamed):
// a journal whose lock can be taken belongs to a dead process.

#include "fd.h"
#include "lock_wait.h"
#include "result.h"

#include <functional>
#include <string>
#include <vector>

namespace whlinst {

class JournalScope;

enum class JournalAction : char {
  make_directory = 'D', // path: a directory about to be created
  create_file = 'T',    // path: a file (temporary or final) about to be created
  backup = 'B',         // path -> other: hard link of an existing file
  hide = 'H',           // path -> other: rename of an existing path aside
  put_in_place = 'P',   // other -> path: rename of a created file into place
  remove = 'R',         // path: delete at commit; other: stop pruning at this directory
  tree_member = 'M',    // path: a file or directory of a tree built at other (its hidden root)
  put_tree = 'Y',       // other -> path: rename of a whole tree into place (or file-by-file merge)
  worker = 'W',         // path: "PID:START" of a process that writes files for this transaction
  commit = 'C',         // other -> path: publish (rename) the new .dist-info, then clean up
  set_member = 'S',     // path: the marker whose existence commits the set this transaction belongs to
  prepared = 'Q',       // other -> path: the publish its commit will do; the set may now commit
};

struct JournalRecord {
  JournalAction action;
  std::string path;
  std::string other;
};

std::string encode_journal_record(const JournalRecord& record);
using RecordVisitor = std::function<void(JournalRecord&&)>;
Result<std::vector<JournalRecord>> decode_journal(std::string_view text);

class Journal {
public:
  // Creates the journal file, locked before it appears under its name.
  static Result<Journal> create(const std::string& state_dir, const std::string& project_key,
                                const std::string& id);
  Status append(JournalRecord record);
  // Appends several records, a write per 64 KiB of them (a torn write
  // leaves whole records and a torn last line, which recovery drops).
  Status append_all(const std::vector<JournalRecord>& records);
  // Makes every appended record durable (fdatasync).
  Status sync();
  // Deletes the journal file (the transaction is fully done or undone).
  void discard();
  // Every record, in order, read back through the journal's own descriptor
  // a 64 KiB read at a time (a commit cleans up after 100,000 files holding
  // no record of them); a torn last line is dropped, as recovery drops it.
  Status for_each_record(const RecordVisitor& visit) const;
  // Every record at once, as for_each_record reads them (a rollback).
  Result<std::vector<JournalRecord>> read_back() const;
  const std::string& path() const { return path_; }

private:
  Journal(std::string path, Fd fd) : path_(std::move(path)), fd_(std::move(fd)) {}
  std::string path_;
  Fd fd_;
};

// Records appended to a journal a batch at a time (a write per 64 KiB of
// each batch): a transaction of 100,000 files holds neither all its records
// at once nor makes a write per record. What add() has taken is appended
// by the add that fills the batch, or by flush().
class JournalBatch {
public:
  explicit JournalBatch(Journal& journal) : journal_(journal) {}
  Status add(JournalRecord record);
  Status flush();

private:
  static constexpr size_t kRecords = 1024;
  Journal& journal_;
  std::vector<JournalRecord> records_;
};

// Before a dead process's journal is replayed, its workers (bytecode
// compilers, killed with it but possibly still finishing a write) are waited
// for, so that nothing they write lands after the replay.
//
// Recovers every journal in `state_dir` left by a dead process, each under
// its project's lock (which the caller must not hold; it holds every other
// lock an install takes, e.g. the venv's), taken as `wait` says. Returns how
// many were rolled back or forward. A journal is replayed only if every
// record lies in `scope`; one that does not parse is quarantined
// ("<name>.corrupt"), one naming paths outside `scope` left in place, one
// whose rollback could not finish kept: each with a warning on stderr naming
// it, none blocking the others or the run. Then removes the lock files no
// process holds (a process killed between deleting its journal and
// releasing its lock leaves one), and the state directory if it is empty.
class JournalScope;
Result<size_t> recover_journals(const std::string& state_dir, const JournalScope& scope, const LockWait& wait);

// The journals of one project left by dead processes, recovered while the
// caller holds that project's lock; unpublished ones (a writer killed before
// its first record) are deleted.
Result<size_t> recover_project_journals(const std::string& state_dir, const std::string& project_key,
                                        const JournalScope& scope);

} // namespace whlinst
