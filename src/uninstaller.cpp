#include "uninstaller.h"

#include "project_lock.h"
#include "project_name.h"
#include "project_removal.h"

namespace whlinst {

Result<UninstallSummary> uninstall_project(const Scheme& scheme, const std::string& name,
                                           const std::string& cache_tag, const LockWait& wait,
                                           Durability durability) {
  TRY_ASSIGN(lock, lock_project_for_change(scheme, normalize_project_name(name), wait));
  ProjectRemoval removal(scheme, name, cache_tag, durability); // its transaction ends before the lock
  TRY(removal.survey());
  TRY(removal.prepare(lock, nullptr));
  TRY(removal.commit());
  return removal.summary();
}

} // namespace whlinst
