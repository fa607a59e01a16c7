#pragma once
// Replaying a journal's records (docs/design.md, "The journal"): undoing an
// unfinished transaction, or completing a committed one. Used by a
// transaction on itself (rollback, the clean-up after commit) and by the
// recovery of a dead process's journal. Every step checks the disk first,
// so that a replay interrupted at any point (killed, or a call failing) can
// be replayed again from the start.

#include "confined_removal.h"
#include "journal.h"
#include "result.h"

#include <string>
#include <vector>

namespace whlinst {

// Undoes the records, last first, going on after a failure: what cannot be
// undone stays, and the result is then Replay::incomplete (the journal must
// then be kept for a later run). Needs one file descriptor at a time.
enum class Replay { complete, incomplete };
Replay roll_back(const std::vector<JournalRecord>& records);

// Deletes what a committed transaction's records put aside (backups, hidden
// paths and trees' hidden roots, temporaries still present) or scheduled for
// removal, record by record in the journal's order, then the directories
// the removals emptied (past ones already gone). A commit hands it its
// records as it reads them back: 100,000 are never held at once.
class CommittedCleanup {
public:
  void clean_up(const JournalRecord& record);
  // Prunes; one message per path that could not be removed (EACCES, EPERM
  // on an immutable file...).
  std::vector<std::string> finish();

private:
  ConfinedRemoval removal_;
  std::vector<std::string> failures_;
};

// Completes a committed transaction: publishes (the commit record's rename
// of the new .dist-info, unless done), then cleans up as CommittedCleanup.
// Returns one message per path that could not be removed. Errors: the
// publishing rename failed; then nothing was deleted (the previous
// version's hidden .dist-info above all), and the journal must be kept for
// a later run.
Result<std::vector<std::string>> roll_forward(const std::vector<JournalRecord>& records);

} // namespace whlinst
