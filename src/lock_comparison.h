#pragma once
// Whether an environment holds exactly the projects a lock file selects for
// it (`whlinst verify --lock`): the same set of projects, each in the
// lock's version. Pure: the caller selects (lock_install.h) and lists the
// installed projects.

#include <string>
#include <vector>

namespace whlinst {

struct ProjectVersion {
  std::string name, version;
};

// One line per difference, in the lock's order, then the installed order:
//   `NAME: the lock says VERSION, not installed`
//   `NAME: VERSION installed, the lock says VERSION`
//   `NAME VERSION: installed, not in the lock`
//   `NAME: installed more than once (V1, V2)`
// Names are compared normalized and versions as PEP 440 versions (as text
// when one does not parse). Empty when they match.
std::vector<std::string> compare_with_lock(const std::vector<ProjectVersion>& locked,
                                           const std::vector<ProjectVersion>& installed);

} // namespace whlinst
