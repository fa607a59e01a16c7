#include "pylock_selection.h"

#include "project_name.h"
#include "text.h"
#include "wheel_name.h"

#include <algorithm>
#include <map>

namespace whlinst {

namespace {

bool has_name(const std::vector<std::string>& names, std::string_view name) {
  std::string key = normalize_project_name(name);
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& item) { return normalize_project_name(item) == key; });
}

std::string listed(const std::vector<std::string>& names) {
  return names.empty() ? "none" : join(names, ", ");
}

void add_once(std::vector<std::string>& names, const std::string& name) {
  if (!has_name(names, name))
    names.push_back(normalize_project_name(name));
}

// The target's Python version as pip compares it: sys.version_info[:3].
Result<Version> target_python(const PyLock& lock, const MarkerEnvironment& target) {
  auto found = target.variables.find("python_full_version");
  if (found == target.variables.end())
    return make_error(lock.path, ": the target's python_full_version is unknown");
  auto version = parse_version(found->second);
  if (!version)
    return make_error(lock.path, ": the target's Python version: ", version.error().message);
  return version->base_version();
}

Result<bool> holds(const Marker& marker, const MarkerEnvironment& environment, std::string_view context) {
  auto value = marker.evaluate(environment);
  if (!value)
    return make_error(context, value.error().message);
  return *value;
}

Status check_environments(const PyLock& lock, const MarkerEnvironment& environment, const Version& python) {
  if (lock.parsed_requires_python && !lock.parsed_requires_python->contains(python))
    return make_error(lock.path, ": the lock file requires Python ", lock.requires_python, ", the target is ",
                      to_string(python));
  if (lock.parsed_environments.empty())
    return {};
  for (const Marker& marker : lock.parsed_environments) {
    TRY_ASSIGN(value, holds(marker, environment, lock.path + ": environments: "));
    if (value)
      return {};
  }
  return make_error(lock.path, ": the lock file does not support this environment (environments: ",
                    join(lock.environments, "; "), ")");
}

struct Candidate {
  const LockedFile* file = nullptr;
  std::string tag;
  size_t rank = 0;
};

// The file's best supported tag, if it is a wheel of `package` the target
// accepts.
std::optional<Candidate> as_candidate(const LockedFile& file, const LockedPackage& package, const TagSet& tags) {
  auto name = parse_wheel_name(file.name);
  if (!name || name->project_key() != package.name)
    return std::nullopt;
  auto best = tags.best(name->expanded_tags());
  if (!best)
    return std::nullopt;
  return Candidate{&file, *best, tags.rank(*best).value_or(0)};
}

std::string wheel_names(const LockedPackage& package) {
  std::vector<std::string> names;
  for (size_t i = 0; i < package.wheels.size() && i < 3; ++i)
    names.push_back(package.wheels[i].name);
  if (package.wheels.size() > 3)
    names.push_back("and " + std::to_string(package.wheels.size() - 3) + " more");
  return join(names, ", ");
}

Error no_wheel(const PyLock& lock, const LockedPackage& package, const TagSet& tags) {
  std::string prefix = lock.path + ": whlinst installs wheels only: package '" + package.name + "' ";
  if (package.vcs)
    return make_error(prefix, "is locked as a ", package.vcs->type, " checkout (",
                      package.vcs->url.empty() ? package.vcs->path : package.vcs->url, ")");
  if (package.directory)
    return make_error(prefix, "is locked as a source directory (", package.directory->path, ")");
  if (package.archive)
    return make_error(prefix, "is locked as an archive that is not a wheel for this target (",
                      package.archive->url.empty() ? package.archive->path : package.archive->url, ")");
  if (package.wheels.empty())
    return make_error(prefix, "is locked as an sdist only (", package.sdist->name, ")");
  std::string best = tags.first().empty() ? "nothing" : tags.first();
  if (package.sdist)
    return make_error(prefix, "has no wheel for this target, only an sdist (", package.sdist->name,
                      "); its wheels: ", wheel_names(package), "; the target supports e.g. ", best);
  return make_error(lock.path, ": package '", package.name, "': no wheel for this target: the lock has ",
                    wheel_names(package), "; the target supports e.g. ", best);
}

Result<SelectedWheel> choose_wheel(const PyLock& lock, const LockedPackage& package, const TagSet& tags) {
  std::optional<Candidate> chosen;
  LockedSource source = LockedSource::wheels;
  for (const LockedFile& wheel : package.wheels)
    if (auto candidate = as_candidate(wheel, package, tags); candidate && (!chosen || candidate->rank < chosen->rank))
      chosen = candidate;
  if (package.archive) {
    chosen = as_candidate(*package.archive, package, tags);
    source = LockedSource::archive;
  }
  if (!chosen)
    return no_wheel(lock, package, tags);
  std::string version = package.version;
  if (version.empty())
    version = parse_wheel_name(chosen->file->name)->version;
  return SelectedWheel{&package, chosen->file, source, version, chosen->tag};
}

// Whether the package applies to the target ("Installation" step 5.1-5.2).
Result<bool> applies(const PyLock& lock, const LockedPackage& package, const MarkerEnvironment& environment,
                     const Version& python) {
  std::string context = lock.path + ": package '" + package.name + "': ";
  if (package.parsed_marker) {
    TRY_ASSIGN(value, holds(*package.parsed_marker, environment, context + "marker: "));
    if (!value)
      return false;
  }
  if (package.parsed_requires_python && !package.parsed_requires_python->contains(python))
    return make_error(context, "requires Python ", package.requires_python, ", the target is ", to_string(python));
  return true;
}

Result<MarkerEnvironment> marker_environment(const PyLock& lock, const MarkerEnvironment& target,
                                                  const LockRequest& request) {
  MarkerEnvironment environment = target;
  environment.extras.clear();
  environment.dependency_groups.clear();
  for (const std::string& extra : request.extras) {
    if (!has_name(lock.extras, extra))
      return make_error(lock.path, ": the lock file has no extra '", extra, "' (it has: ", listed(lock.extras), ")");
    add_once(environment.extras, extra);
  }
  if (request.default_groups == DefaultGroups::include)
    for (const std::string& group : lock.default_groups)
      add_once(environment.dependency_groups, group);
  for (const std::string& group : request.groups) {
    if (!has_name(lock.dependency_groups, group) && !has_name(lock.default_groups, group))
      return make_error(lock.path, ": the lock file has no dependency group '", group,
                        "' (it has: ", listed(lock.dependency_groups), ")");
    add_once(environment.dependency_groups, group);
  }
  return environment;
}

Result<std::vector<SelectedWheel>> select_wheels(const PyLock& lock, const MarkerEnvironment& target,
                                                const TagSet& tags, const LockRequest& request) {
  TRY_ASSIGN(environment, marker_environment(lock, target, request));
  TRY_ASSIGN(python, target_python(lock, environment));
  TRY(check_environments(lock, environment, python));
  std::vector<SelectedWheel> selected;
  std::map<std::string, size_t> position_of;
  for (const LockedPackage& package : lock.packages) {
    TRY_ASSIGN(applicable, applies(lock, package, environment, python));
    if (!applicable)
      continue;
    if (auto [first, added] = position_of.emplace(package.name, package.position); !added)
      return make_error(lock.path, ": package '", package.name, "' is listed twice for this environment (packages[",
                        std::to_string(first->second), "] and packages[", std::to_string(package.position),
                        "]): at most one entry of a package may apply");
    TRY_ASSIGN(wheel, choose_wheel(lock, package, tags));
    selected.push_back(std::move(wheel));
  }
  return selected;
}

} // namespace

Result<MarkerEnvironment> lock_marker_environment(const PyLock& lock, const MarkerEnvironment& target,
                                                  const LockRequest& request) {
  return printable(marker_environment(lock, target, request));
}

Result<std::vector<SelectedWheel>> select_locked_wheels(const PyLock& lock, const MarkerEnvironment& target,
                                                       const TagSet& tags, const LockRequest& request) {
  return printable(select_wheels(lock, target, tags, request));
}

} // namespace whlinst
