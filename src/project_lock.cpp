#include "project_lock.h"

#include "file_system.h"
#include "journal.h"
#include "journal_scope.h"
#include "paths.h"

namespace whlinst {

std::string state_directory(const Scheme& scheme) {
  if (!scheme.root.empty())
    return join_path(scheme.root, ".whlinst");
  return join_path(scheme.on_disk(scheme.purelib), ".whlinst");
}

namespace {
Result<std::optional<FileLock>> lock_environment(const Scheme& scheme) {
  std::string venv = scheme.on_disk(scheme.data);
  if (file_kind(join_path(venv, "pyvenv.cfg")) != FileKind::regular)
    return std::optional<FileLock>();
  TRY_ASSIGN(lock, FileLock::acquire(join_path(venv, ".lock"), LockMode::shared));
  return std::optional<FileLock>(std::move(lock));
}
} // namespace

Result<ProjectLock> lock_project(const Scheme& scheme, const std::string& project_key) {
  TRY_ASSIGN(environment, lock_environment(scheme));
  std::string state_dir = state_directory(scheme);
  TRY_ASSIGN(project, FileLock::acquire(join_path(state_dir, project_key + ".lock"), LockMode::exclusive));
  TRY(recover_project_journals(state_dir, project_key, journal_scope(scheme)));
  return ProjectLock{std::move(environment), std::move(project), state_dir};
}

Status recover_interrupted(const Scheme& scheme) {
  TRY(recover_journals(state_directory(scheme), journal_scope(scheme)));
  return {};
}

} // namespace whlinst
