#include "lock_comparison.h"

#include "project_name.h"
#include "text.h"
#include "version.h"

#include <map>
#include <set>

namespace whlinst {

namespace {
bool same_version(const std::string& a, const std::string& b) {
  auto first = parse_version(a);
  auto second = parse_version(b);
  return first && second ? *first == *second : a == b;
}

using InstalledByKey = std::map<std::string, std::vector<const ProjectVersion*>>;

InstalledByKey by_key(const std::vector<ProjectVersion>& installed) {
  InstalledByKey found;
  for (const ProjectVersion& project : installed)
    found[normalize_project_name(project.name)].push_back(&project);
  return found;
}

std::string versions_of(const std::vector<const ProjectVersion*>& projects) {
  std::vector<std::string> versions;
  for (const ProjectVersion* project : projects)
    versions.push_back(project->version);
  return join(versions, ", ");
}

void compare_locked(const ProjectVersion& locked, const InstalledByKey& installed, std::vector<std::string>& out) {
  auto found = installed.find(normalize_project_name(locked.name));
  if (found == installed.end())
    out.push_back(locked.name + ": the lock says " + locked.version + ", not installed");
  else if (found->second.size() > 1)
    out.push_back(locked.name + ": installed more than once (" + versions_of(found->second) + ")");
  else if (!same_version(found->second.front()->version, locked.version))
    out.push_back(locked.name + ": " + found->second.front()->version + " installed, the lock says " + locked.version);
}
} // namespace

std::vector<std::string> compare_with_lock(const std::vector<ProjectVersion>& locked,
                                           const std::vector<ProjectVersion>& installed) {
  std::vector<std::string> differences;
  InstalledByKey found = by_key(installed);
  std::set<std::string> locked_keys;
  for (const ProjectVersion& project : locked) {
    locked_keys.insert(normalize_project_name(project.name));
    compare_locked(project, found, differences);
  }
  for (const ProjectVersion& project : installed)
    if (locked_keys.count(normalize_project_name(project.name)) == 0)
      differences.push_back(project.name + " " + project.version + ": installed, not in the lock");
  return differences;
}

} // namespace whlinst
