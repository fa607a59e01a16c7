#include "project_lock.h"

#include "file_system.h"
#include "journal.h"
#include "journal_scope.h"
#include "paths.h"

namespace whlinst {

std::string state_directory(const Scheme& scheme) { return join_path(scheme.on_disk(scheme.purelib), ".whlinst"); }

namespace {
Result<std::optional<FileLock>> lock_environment(const Scheme& scheme, const LockWait& wait) {
  std::string venv = scheme.on_disk(scheme.data);
  if (file_kind(join_path(venv, "pyvenv.cfg")) != FileKind::regular)
    return std::optional<FileLock>();
  TRY_ASSIGN(lock, FileLock::acquire(join_path(venv, ".lock"), LockMode::shared, LockFile::kept, wait));
  return std::optional<FileLock>(std::move(lock));
}
} // namespace

Result<ProjectLock> lock_project(const Scheme& scheme, const std::string& project_key, LockMode mode,
                                 const LockWait& wait) {
  TRY_ASSIGN(environment, lock_environment(scheme, wait));
  std::string state_dir = state_directory(scheme);
  if (mode == LockMode::exclusive)
    TRY(recover_journals(state_dir, journal_scope(scheme), wait));
  TRY_ASSIGN(project, FileLock::acquire(join_path(state_dir, project_key + ".lock"), mode, LockFile::removed, wait));
  if (mode == LockMode::exclusive)
    TRY(recover_project_journals(state_dir, project_key, journal_scope(scheme)));
  return ProjectLock{std::move(environment), std::move(project), state_dir};
}

} // namespace whlinst
