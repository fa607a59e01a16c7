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
#include <vector>

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

// The right to change one project: its lock held exclusively (after the
// environment lock and recovery), with the state directory its journals go
// to. Only lock_project_for_change makes one (adopt_project_lock_for_testing, in
// tests of the transaction alone), and Transaction::begin takes one: a transaction
// cannot start without the exclusive lock of its own project.
class ExclusiveProjectLock {
public:
  const std::string& project_key() const { return key_; }
  const std::string& state_dir() const { return lock_.state_dir; }

private:
  ExclusiveProjectLock(ProjectLock lock, std::string key) : lock_(std::move(lock)), key_(std::move(key)) {}
  friend Result<ExclusiveProjectLock> lock_project_for_change(const Scheme&, const std::string&, const LockWait&);
  friend class ProjectLocks;
  friend ExclusiveProjectLock adopt_project_lock_for_testing(FileLock, std::string, std::string);
  ProjectLock lock_;
  std::string key_;
};

// To install, upgrade or uninstall `project_key`.
Result<ExclusiveProjectLock> lock_project_for_change(const Scheme& scheme, const std::string& project_key,
                                                     const LockWait& wait);

// The locks of several projects changed as one set (set_commit.h): the
// environment lock and the recovery once, then each project's lock in the
// order of their keys, so that two sets sharing projects never deadlock.
class ProjectLocks {
public:
  static Result<ProjectLocks> acquire(const Scheme& scheme, std::vector<std::string> project_keys,
                                      const LockWait& wait);
  // The lock of one of the keys acquired.
  const ExclusiveProjectLock& of(const std::string& project_key) const;

  ProjectLocks() = default;
  ProjectLocks(ProjectLocks&&) = default;
  ProjectLocks& operator=(ProjectLocks&&) = default;
  // Releases in the reverse order of acquisition: the first lock created
  // the state directory (and any missing parent), which it removes on
  // release once the others' lock files are gone.
  ~ProjectLocks();

private:
  std::optional<FileLock> environment_;
  std::vector<ExclusiveProjectLock> projects_; // sorted by key
};

// Shared: to read `project_key` consistently (verify). No recovery.
Result<ProjectLock> lock_project_for_reading(const Scheme& scheme, const std::string& project_key,
                                             const LockWait& wait);

// For tests of the transaction and of recovery alone, which arrange the
// state directory and the locks themselves: `lock`, held exclusively,
// stands for the project lock (no environment lock, no recovery).
ExclusiveProjectLock adopt_project_lock_for_testing(FileLock lock, std::string state_dir, std::string project_key);

} // namespace whlinst
