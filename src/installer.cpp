#include "installer.h"

#include "wheel_install.h"

#include <optional>

namespace whlinst {

namespace {
// `lock` is the caller's, so that it outlives the install's transaction: a
// rollback happens under it.
Result<InstallSummary> install(WheelInstall& install, const InstallOptions& options,
                               std::optional<ExclusiveProjectLock>& lock) {
  TRY(install.plan());
  if (options.dry_run) {
    TRY(install.survey());
    return install.take_summary();
  }
  auto locked = lock_project_for_change(install.scheme(), install.project_key(), options.lock_wait);
  if (!locked)
    return in_wheel(locked.take_error(), install.file_name());
  lock.emplace(std::move(*locked));
  TRY(install.survey());
  if (install.skipped())
    return install.take_summary();
  TRY(install.prepare(*lock, nullptr));
  TRY(install.commit());
  return install.take_summary();
}
} // namespace

Result<InstallSummary> install_wheel(Wheel& wheel, const Interpreter& interpreter,
                                     const InstallOptions& options, const InstallServices& services) {
  std::optional<ExclusiveProjectLock> lock;
  WheelInstall one(wheel, interpreter, options, services);
  return install(one, options, lock);
}

} // namespace whlinst
