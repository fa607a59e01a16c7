#pragma once
// Replaying a journal's records (docs/design.md, "The journal"): undoing an
// unfinished transaction, or completing a committed one. Used by a
// transaction on itself (rollback, the clean-up after commit) and by the
// recovery of a dead process's journal. Every step checks the disk first,
// so that a replay interrupted at any point (killed, or a call failing) can
// be replayed again from the start.

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

// Completes a committed transaction: publishes (the commit record's rename
// of the new .dist-info, unless done), then deletes backups, hidden paths
// and scheduled removals, and any temporary file still present, pruning
// emptied directories (past ones already gone). Returns one message per
// path that could not be removed (EACCES, EPERM on an immutable file...).
// Errors: the publishing rename failed; then nothing was deleted (the
// previous version's hidden .dist-info above all), and the journal must be
// kept for a later run.
Result<std::vector<std::string>> roll_forward(const std::vector<JournalRecord>& records);

// Whether roll_forward acts on records of `action` (the others only a
// rollback undoes).
bool completed_by_roll_forward(JournalAction action);

} // namespace whlinst
