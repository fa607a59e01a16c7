#include "project_lock.h"

#include "file_system.h"
#include "journal.h"
#include "journal_scope.h"
#include "paths.h"

#include <algorithm>
#include <stdexcept>

namespace whlinst {

std::string state_directory(const Scheme& scheme) { return join_path(scheme.on_disk(scheme.purelib).str(), ".whlinst"); }

namespace {
Result<std::optional<FileLock>> lock_environment(const Scheme& scheme, const LockWait& wait) {
  std::string venv = scheme.on_disk(scheme.data).str();
  if (file_kind(join_path(venv, "pyvenv.cfg")) != FileKind::regular)
    return std::optional<FileLock>();
  TRY_ASSIGN(lock, FileLock::acquire(join_path(venv, ".lock"), LockMode::shared, LockFile::kept, wait));
  return std::optional<FileLock>(std::move(lock));
}

// One project's lock, exclusive, then the recovery of its own journals.
Result<FileLock> lock_and_recover(const Scheme& scheme, const std::string& state_dir, const std::string& project_key,
                                  const LockWait& wait) {
  TRY_ASSIGN(project, FileLock::acquire(join_path(state_dir, project_key + ".lock"), LockMode::exclusive,
                                        LockFile::removed, wait));
  TRY(recover_project_journals(state_dir, project_key, journal_scope(scheme)));
  return project;
}
} // namespace

Result<ExclusiveProjectLock> lock_project_for_change(const Scheme& scheme, const std::string& project_key,
                                                     const LockWait& wait) {
  TRY_ASSIGN(environment, lock_environment(scheme, wait));
  std::string state_dir = state_directory(scheme);
  TRY(recover_journals(state_dir, journal_scope(scheme), wait));
  TRY_ASSIGN(project, lock_and_recover(scheme, state_dir, project_key, wait));
  return ExclusiveProjectLock(ProjectLock{std::move(environment), std::move(project), state_dir}, project_key);
}

Result<ProjectLocks> ProjectLocks::acquire(const Scheme& scheme, std::vector<std::string> project_keys,
                                           const LockWait& wait) {
  std::sort(project_keys.begin(), project_keys.end());
  project_keys.erase(std::unique(project_keys.begin(), project_keys.end()), project_keys.end());
  ProjectLocks locks;
  TRY_ASSIGN(environment, lock_environment(scheme, wait));
  locks.environment_ = std::move(environment);
  std::string state_dir = state_directory(scheme);
  TRY(recover_journals(state_dir, journal_scope(scheme), wait));
  for (const std::string& key : project_keys) {
    TRY_ASSIGN(project, lock_and_recover(scheme, state_dir, key, wait));
    locks.projects_.push_back(ExclusiveProjectLock(ProjectLock{std::nullopt, std::move(project), state_dir}, key));
  }
  return locks;
}

ProjectLocks::~ProjectLocks() {
  while (!projects_.empty())
    projects_.pop_back();
}

const ExclusiveProjectLock& ProjectLocks::of(const std::string& project_key) const {
  for (const ExclusiveProjectLock& lock : projects_)
    if (lock.project_key() == project_key)
      return lock;
  throw std::logic_error("no lock taken for " + project_key);
}

Result<ProjectLock> lock_project_for_reading(const Scheme& scheme, const std::string& project_key,
                                             const LockWait& wait) {
  TRY_ASSIGN(environment, lock_environment(scheme, wait));
  std::string state_dir = state_directory(scheme);
  TRY_ASSIGN(project, FileLock::acquire(join_path(state_dir, project_key + ".lock"), LockMode::shared,
                                        LockFile::removed, wait));
  return ProjectLock{std::move(environment), std::move(project), state_dir};
}

ExclusiveProjectLock adopt_project_lock_for_testing(FileLock lock, std::string state_dir, std::string project_key) {
  return ExclusiveProjectLock(ProjectLock{std::nullopt, std::move(lock), std::move(state_dir)}, std::move(project_key));
}

} // namespace whlinst
