#pragma once
// One commit for several transactions (docs/design.md, "Sets"): the
// projects of one invocation are installed (or removed) all or none. Each
// member transaction names the set's marker in its first journal record
// (Transaction::begin), runs until everything is in place but its
// publication, and records that point (Transaction::prepare). When every
// member is prepared, decide() creates the marker: the set's commit point.
// Then each member commits as a single transaction does, and finish()
// removes the marker.
//
// After a kill -9 the next run's recovery finds each member's journal: with
// the marker on disk a prepared member is completed (as if its commit record
// were there), without it every member is rolled back. A member whose commit
// fails after the decision is never rolled back: its journal stays for the
// next run, and so does the marker. The marker is removed by recovery once
// no journal names it and no process holds it (its writer keeps an
// exclusive flock(2) on it while running).
//
// File: STATE_DIR/_set.<id>.commit ('_' is never in a normalized project
// name, so the name is no project's).

#include "fd.h"
#include "result.h"
#include "transaction.h"

#include <string>

namespace whlinst {

class SetCommit {
public:
  // A set whose marker goes to `state_dir`; nothing is written yet.
  explicit SetCommit(const std::string& state_dir);
  SetCommit(SetCommit&&) = default;
  SetCommit& operator=(SetCommit&&) = default;

  const std::string& marker() const { return marker_; }

  // Every member is prepared: creates the marker, locked, then with
  // Durability::power_loss syncs it and its directory. Once the marker
  // exists the set has decided; a failing sync is then only a warning.
  Status decide(Durability durability);
  bool decided() const { return decided_; }

  // Every member committed: removes the marker.
  void finish();

private:
  std::string marker_;
  Fd fd_;
  bool decided_ = false;
};

// Removes the set markers of `state_dir` that no process holds and no
// journal left there names (recover_journals calls it after replaying).
void remove_finished_set_markers(const std::string& state_dir);

} // namespace whlinst
