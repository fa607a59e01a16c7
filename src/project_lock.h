#pragma once
// The locks an operation on one installed project takes (docs/design.md
// invariant 5), in this order so that no two whlinst processes deadlock:
//   1. the environment lock uv takes on a venv, VENV/.lock, held shared so
//      that whlinst and uv exclude each other while whlinsts run in parallel;
//   2. the project lock, STATE_DIR/<normalized name>.lock: exclusive to
//      change the project (install, reinstall, upgrade, uninstall: the same
//      project is serialized, different projects proceed in parallel),
//      shared to read it consistently (verify).
// Project lock files and the state directory are removed on release when
// no other process uses them (file_lock.h), so nothing of whlinst's stays
// in the tree (invariant 9); a venv's .lock stays, as uv leaves it.
//
// An exclusive lock_project first recovers, under the environment lock, the
// journals dead processes left in the state directory (each under its
// project's lock, one at a time), then takes the project lock.

#include "file_lock.h"
#include "scheme.h"

#include <optional>
#include <string>

namespace whlinst {

// whlinst's state directory (locks, journals): PURELIB/.whlinst on disk
// (under --root when given). Locks are flock(2) locks on its files, so every
// spelling of one site-packages directory (--root /, a symlinked prefix)
// shares them.
std::string state_directory(const Scheme& scheme);

struct ProjectLock {
  std::optional<FileLock> environment;
  FileLock project;
  std::string state_dir;
};

Result<ProjectLock> lock_project(const Scheme& scheme, const std::string& project_key, LockMode mode,
                                 const LockWait& wait);

} // namespace whlinst
