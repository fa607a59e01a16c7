#pragma once
// What a lock file installs into one target (`whlinst install -r
// pylock.toml`, `whlinst sync pylock.toml`): the lock read, its packages
// selected for the target interpreter (markers, environments,
// requires-python, extras and groups), the file of each chosen wheel found
// offline, and every file checked against the lock's size and hashes
// before any is opened; then every wheel opened. Nothing is installed here.

#include "command_line.h"
#include "install_options.h"
#include "install_set.h"
#include "interpreter.h"
#include "pylock.h"
#include "pylock_selection.h"
#include "result.h"

#include <string>
#include <vector>

namespace whlinst {

struct LockInstallRequest {
  std::string lock_path;
  std::vector<std::string> find_links; // where wheels the lock gives only by URL may be
  LockRequest selection;               // --extra, --group, --no-default-groups
};

struct LockedSet {
  PyLock lock;
  std::vector<WheelToInstall> wheels; // in lock order
};

// --extra NAME, --group NAME (repeatable) and --no-default-groups.
LockRequest lock_request_of(const ParsedArguments& arguments);
// Whether any of them is given.
bool has_lock_selection(const ParsedArguments& arguments);

// The packages selected for `interpreter` (select_locked_wheels).
Result<std::vector<SelectedWheel>> select_for_target(const PyLock& lock, const Interpreter& interpreter,
                                                     const LockRequest& selection);

// Errors (one line, before any wheel is opened when they concern the lock
// or a file's size or hash): those of read_pylock, select_locked_wheels,
// locate_locked_wheels and verify_locked_wheel; then "WHEEL: what is wrong"
// for a wheel that does not open, or names another project or version than
// its package.
Result<LockedSet> prepare_locked_set(const LockInstallRequest& request, const Interpreter& interpreter,
                                     const InstallOptions& options);

} // namespace whlinst
