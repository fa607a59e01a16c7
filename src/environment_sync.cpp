#include "environment_sync.h"

#include "project_name.h"

#include <algorithm>
#include <set>

namespace whlinst {

namespace {
std::string installed_by(const PresentInstall& project) {
  return project.installer.empty() ? "an unknown tool" : project.installer;
}
} // namespace

SyncRemovals plan_sync_removals(const std::vector<PresentInstall>& present, const std::vector<std::string>& locked_keys,
                                const std::string& installer_name, SyncScope scope) {
  std::set<std::string> locked(locked_keys.begin(), locked_keys.end());
  std::set<std::string> named;
  SyncRemovals removals;
  for (const PresentInstall& project : present) {
    std::string key = normalize_project_name(project.name);
    if (locked.count(key) != 0 || !named.insert(key).second)
      continue;
    if (scope == SyncScope::exact || project.installer == installer_name)
      removals.removed.push_back(project.name);
    else
      removals.kept.push_back(project.name + " " + project.version + " (installed by " + installed_by(project) + ")");
  }
  return removals;
}

} // namespace whlinst
