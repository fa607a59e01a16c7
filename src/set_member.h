#pragma once
// What a set (set_install.h) asks of each of its members, a wheel's install
// (wheel_install.h) or a project's removal (project_removal.h): survey under
// the project's lock, prepare inside a transaction of the set, commit once
// the set has decided.

#include "project_lock.h"
#include "result.h"
#include "set_commit.h"

#include <string>

namespace whlinst {

class SetMember {
public:
  virtual ~SetMember() = default;
  virtual std::string project_key() const = 0;
  virtual Status survey() = 0;
  // Nothing to do (the same version is installed): neither prepared nor committed.
  virtual bool skipped() const = 0;
  virtual Status prepare(const ExclusiveProjectLock& lock, const SetCommit* set) = 0;
  virtual Status commit() = 0;
};

} // namespace whlinst
