#include "install_set.h"

#include "compatibility.h"
#include "dependencies.h"
#include "installed_project.h"
#include "paths.h"
#include "scheme.h"
#include "project_name.h"
#include "pylock.h"
#include "target_interpreter.h"
#include "utf8.h"

namespace whlinst {

namespace {
Result<std::vector<InstallInput>> argument_inputs(const ParsedArguments& parsed) {
  std::vector<InstallInput> inputs;
  for (const std::string& argument : parsed.positionals) {
    TRY_ASSIGN(input, parse_install_input(argument, ""));
    inputs.push_back(std::move(input));
  }
  return inputs;
}

Result<Wheel> open_wheel(const std::string& path, const SizeLimits& limits) {
  auto wheel = Wheel::open(path, limits);
  if (!wheel)
    return in_wheel(wheel.error(), base_name(path));
  return std::move(*wheel);
}

// A wheel found in the store whose Requires-Python excludes the target gives
// way to the next best one that fits, as pip's resolver rejects such a
// candidate; when none fits, the best one is kept and its install reports
// the Requires-Python error. Pinned wheels (hashes checked) are not swapped.
Result<Wheel> open_resolved(ResolvedWheel& resolved, const Interpreter& interpreter, const InstallOptions& options) {
  TRY_ASSIGN(wheel, open_wheel(resolved.path, options.size_limits));
  if (resolved.origin != WheelOrigin::found || options.ignore_requires_python || !resolved.hashes.empty() ||
      check_requires_python(wheel, interpreter))
    return wheel;
  for (const std::string& next : resolved.fallbacks) {
    TRY_ASSIGN(other, open_wheel(next, options.size_limits));
    if (check_requires_python(other, interpreter)) {
      resolved.path = next;
      return other;
    }
  }
  return wheel;
}

Result<std::map<std::string, PresentProject>> present_projects(const Interpreter& interpreter,
                                                               const InstallOptions& options) {
  TRY_ASSIGN(scheme, install_scheme(interpreter, options));
  TRY_ASSIGN(projects, all_installed(scheme));
  std::map<std::string, PresentProject> present;
  for (const InstalledProject& project : projects) {
    auto version = parse_version(project.version);
    present[normalize_project_name(project.name)] =
        PresentProject{project.name, version ? std::optional<Version>(*version) : std::nullopt};
  }
  return present;
}

void add_to_collector(DependencyCollector& collector, const WheelToInstall& item) {
  auto version = parse_version(item.wheel.name.version);
  if (version)
    collector.add(item.wheel.name.distribution, *version, item.wheel.metadata.get_all("Requires-Dist"),
                  item.resolved.extras);
}

Status add_dependencies(std::vector<WheelToInstall>& set, const ResolutionContext& context,
                        const Interpreter& interpreter, const InstallOptions& options, bool hash_mode,
                        std::vector<std::string>& warnings) {
  TRY_ASSIGN(present, present_projects(interpreter, options));
  DependencyCollector collector(context, std::move(present));
  collector.set_hash_checking(hash_mode);
  for (const WheelToInstall& item : set)
    add_to_collector(collector, item);
  for (;;) {
    TRY_ASSIGN(more, collector.next_wheels());
    if (more.empty())
      break;
    for (ResolvedWheel& resolved : more) {
      TRY_ASSIGN(wheel, open_resolved(resolved, interpreter, options));
      set.push_back(WheelToInstall{std::move(wheel), std::move(resolved)});
      add_to_collector(collector, set.back());
    }
  }
  for (std::string& line : collector.warnings())
    warnings.push_back(std::move(line));
  return {};
}
} // namespace

Result<InstallRequest> read_install_request(const ParsedArguments& parsed) {
  InstallRequest request;
  TRY_ASSIGN(inputs, argument_inputs(parsed));
  request.inputs = std::move(inputs);
  if (auto links = parsed.values.find("find-links"); links != parsed.values.end())
    request.find_links = links->second;
  RequirementsFile listed;
  if (auto files = parsed.values.find("requirement"); files != parsed.values.end())
    for (const std::string& path : files->second) {
      if (is_pylock_file_name(base_name(path))) {
        request.lock_files.push_back(path);
        continue;
      }
      TRY_ASSIGN(file, read_requirements_file(path));
      merge_requirements(listed, std::move(file));
    }
  for (InstallInput& input : listed.inputs)
    request.inputs.push_back(std::move(input));
  request.find_links.insert(request.find_links.end(), listed.find_links.begin(), listed.find_links.end());
  request.warnings = std::move(listed.warnings);
  request.require_hashes = listed.require_hashes;
  request.pre = listed.pre;
  if (parsed.has("require-hashes"))
    request.require_hashes = RequireHashes::yes;
  if (parsed.has("pre"))
    request.pre = PreReleases::allowed;
  if (parsed.has("no-deps"))
    request.dependencies = WithDependencies::no;
  return request;
}

// Two versions of one project in one invocation would be installed in any
// order, the last one winning: refused, as pip refuses them.
namespace {
Status one_version_per_project(const std::vector<WheelToInstall>& set) {
  for (size_t i = 0; i < set.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      const Wheel& first = set[j].wheel;
      const Wheel& second = set[i].wheel;
      if (first.name.project_key() == second.name.project_key() && first.name.version != second.name.version)
        return make_error("cannot install ", printable_name(first.name.distribution), " ",
                          printable_name(first.name.version), " and ", printable_name(second.name.version),
                          " together (", printable_name(first.file_name), ", ", printable_name(second.file_name),
                          "): one version per project");
    }
  return {};
}
} // namespace

Result<std::vector<WheelToInstall>> prepare_install_set(const InstallRequest& request, const Interpreter& interpreter,
                                                       const InstallOptions& options,
                                                       std::vector<std::string>& warnings) {
  TRY_ASSIGN(store, WheelStore::open(request.find_links));
  TagSet tags = TagSet::supported_by(target_facts(interpreter));
  ResolutionContext context{&store, &tags, interpreter.marker_environment(), request.pre, request.require_hashes};
  TRY_ASSIGN(resolved, resolve_inputs(request.inputs, context));
  for (const ResolvedWheel& wheel : resolved)
    TRY(check_pinned_hashes(wheel));
  std::vector<WheelToInstall> set;
  for (ResolvedWheel& wheel : resolved) {
    TRY_ASSIGN(opened, open_resolved(wheel, interpreter, options));
    set.push_back(WheelToInstall{std::move(opened), std::move(wheel)});
  }
  TRY(one_version_per_project(set));
  if (request.dependencies == WithDependencies::yes && store.has_locations())
    TRY(add_dependencies(set, context, interpreter, options, hash_checking(request.inputs, request.require_hashes),
                         warnings));
  return set;
}

Result<Scheme> install_scheme(const Interpreter& interpreter, const InstallOptions& options) {
  TRY_ASSIGN(scheme, make_scheme(interpreter, SchemeRequest{options.prefix, options.root, "-", options.scheme_kind}));
  apply_overrides(scheme, options.overrides);
  return scheme;
}

InstallOptions options_for(const InstallOptions& options, const ResolvedWheel& resolved) {
  InstallOptions adjusted = options;
  if (resolved.origin == WheelOrigin::found && !options.direct_url)
    adjusted.write_direct_url = false;
  if (resolved.direct_url && !options.direct_url)
    adjusted.direct_url = resolved.direct_url;
  if (resolved.requested == Requested::no)
    adjusted.requested = false;
  return adjusted;
}

} // namespace whlinst
