#pragma once
// What to install from a lock file for one target: the pylock.toml
// specification, "Installation", steps 1 to 5 and the choice of a wheel of
// step 6, for an installer of wheels only. Pure functions, no I/O: where the
// chosen files are on disk is pylock_location.h's part.

#include "markers.h"
#include "pylock.h"
#include "result.h"
#include "tags.h"

#include <string>
#include <vector>

namespace whlinst {

enum class DefaultGroups { include, exclude };

// What the user asked for (`--extra`, `--group`).
struct LockRequest {
  std::vector<std::string> extras;
  std::vector<std::string> groups;
  // Whether the lock's `default-groups` are installed besides `groups`
  // (the specification's default; `exclude` for a `--no-default-groups`).
  DefaultGroups default_groups = DefaultGroups::include;
};

// Which file of a package a selection came from.
enum class LockedSource { wheels, archive };

// A package to install and the file chosen for it.
struct SelectedWheel {
  const LockedPackage* package = nullptr;
  const LockedFile* file = nullptr; // one of package->wheels, or package->archive
  LockedSource source = LockedSource::wheels;
  std::string version; // the package's, or the wheel file name's when the package has none
  std::string tag;     // the best tag of the file the target supports
};

// The marker environment to evaluate the lock's markers in: `target` with
// `extras` and `dependency_groups` set from `request` ("Installation" step
// 1: no extras unless asked for; the default groups unless excluded, and the
// requested ones). Error when a requested extra is not one of the lock's
// `extras` or a requested group is not one of its `dependency-groups` or
// `default-groups`: `PATH: the lock file has no extra 'x' (it has: a, b)`.
Result<MarkerEnvironment> lock_marker_environment(const PyLock& lock, const MarkerEnvironment& target,
                                                  const LockRequest& request);

// The packages to install for the target, in lock order, each with its
// wheel. `target` is the target's marker environment (its
// `python_full_version` also serves `requires-python`, compared as pip
// does, by release number only) and `tags` its supported tags.
// Steps: the request (lock_marker_environment); the lock's
// `requires-python`; `environments` (none true: `PATH: the lock file does
// not support this environment (environments: ...)`); then per package its
// `marker` (false: skipped), its `requires-python` (an error), a second
// package of the same name whose marker holds (an error: ambiguous), and
// its wheel: the one of `wheels` whose file name has the best-ranked tag of
// `tags` (the first in lock order on a tie), or an `archive` whose file is
// a wheel with a supported tag. A package without such a wheel is one error
// naming it: `whlinst installs wheels only: package 'NAME' ...` when it has
// only an sdist, vcs, directory or a non-wheel archive (or wheels none of
// which fits besides an sdist), `package 'NAME': no wheel for this
// target...` otherwise.
Result<std::vector<SelectedWheel>> select_locked_wheels(const PyLock& lock, const MarkerEnvironment& target,
                                                       const TagSet& tags, const LockRequest& request);

} // namespace whlinst
