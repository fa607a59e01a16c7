#include "commands.h"

#include "file_system.h"
#include "installed_project.h"
#include "lock_comparison.h"
#include "lock_install.h"
#include "option_table.h"
#include "paths.h"
#include "project_lock.h"
#include "project_name.h"
#include "scheme_command.h"
#include "unlisted_files.h"
#include "verifier.h"
#include "utf8.h"

#include <cstdio>
#include <optional>
#include <set>
#include <unistd.h>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"verify", "usage: whlinst verify [NAME...] [options]\n"
                                          "       whlinst verify --lock pylock.toml [options]"};

// The projects named (all when none), or an error naming one not installed.
Result<std::vector<InstalledProject>> select_projects(const Scheme& scheme,
                                                      const std::vector<std::string>& names) {
  TRY_ASSIGN(all, all_installed(scheme));
  if (names.empty())
    return all;
  std::vector<InstalledProject> selected;
  for (const std::string& name : names) {
    size_t before = selected.size();
    for (const InstalledProject& project : all)
      if (normalize_project_name(project.name) == normalize_project_name(name))
        selected.push_back(project);
    if (selected.size() == before)
      return make_error(name, ": not installed in ", scheme.purelib);
  }
  return selected;
}

// The project's lock, shared: no install or uninstall of it runs meanwhile.
// None when the scheme is read-only to this user (then nobody else without
// more rights can change it either), or when the lock file cannot be created
// (e.g. a full disk): then no process holds it, since every holder keeps the
// file while it holds it.
Result<std::optional<ProjectLock>> lock_for_reading(const Scheme& scheme, const std::string& key,
                                                    const LockWait& wait) {
  auto lock = lock_project_for_reading(scheme, key, wait);
  if (lock)
    return std::optional<ProjectLock>(std::move(*lock));
  if (::access(scheme.on_disk(scheme.purelib).str().c_str(), W_OK) != 0)
    return std::optional<ProjectLock>();
  if (file_kind(join_path(state_directory(scheme), key + ".lock")) == FileKind::missing)
    return std::optional<ProjectLock>();
  return lock.take_error();
}

// Verifies the projects named `key` as they are under their lock (an
// upgrade that ran since they were listed has renamed the .dist-info).
// Files in the project's directories that no RECORD lists (`listed`) are
// problems too.
size_t verify_locked(const Scheme& scheme, const std::string& key, const LockWait& wait, Verbosity verbosity,
                     const ListedPaths& listed, const std::string& cache_tag) {
  auto lock = lock_for_reading(scheme, key, wait);
  auto projects = lock ? find_installed(scheme, key) : Result<std::vector<InstalledProject>>(lock.error());
  if (!projects) {
    report_failure(key + ": " + projects.error().message);
    return 1;
  }
  size_t problems = 0;
  for (const InstalledProject& project : *projects) {
    auto found = verify_project(scheme, project);
    if (found)
      if (auto unlisted = unlisted_files(scheme, project, listed, cache_tag))
        for (std::string& path : *unlisted)
          found->push_back({std::move(path), "not listed in any RECORD"});
    if (!found) {
      ++problems;
      report_failure(project.name + ": " + found.error().message);
      continue;
    }
    for (const VerifyProblem& problem : *found)
      report_failure(project.name + " " + project.version + ": " + problem.path + ": " + problem.problem);
    problems += found->size();
    if (found->empty() && verbosity == Verbosity::verbose)
      std::printf("ok %s %s\n", printable_name(project.name).c_str(), printable_name(project.version).c_str());
  }
  return problems;
}
// The differences between the environment and what the lock selects for
// its interpreter, each reported; their count.
Result<size_t> compare_environment_with_lock(const std::string& lock_path, const SchemeContext& context,
                                             const std::vector<InstalledProject>& installed,
                                             const ParsedArguments& arguments) {
  TRY_ASSIGN(lock, read_pylock(lock_path));
  TRY_ASSIGN(selected, select_for_target(lock, context.interpreter, lock_request_of(arguments)));
  std::vector<ProjectVersion> locked, present;
  for (const SelectedWheel& wheel : selected)
    locked.push_back({wheel.package->name, wheel.version});
  for (const InstalledProject& project : installed)
    present.push_back({project.name, project.version});
  std::vector<std::string> differences = compare_with_lock(locked, present);
  for (const std::string& difference : differences)
    report_failure(printable_name(difference));
  return differences.size();
}
} // namespace

int run_verify_command(const std::vector<std::string>& arguments) {
  static const std::vector<OptionSpec> options = options_of(Command::verify);
  int status = 0;
  auto command_line = parse_command_line(arguments, options, kSyntax, status);
  if (!command_line)
    return status;
  const ParsedArguments& parsed = command_line->arguments;
  Verbosity verbosity = verbosity_of(parsed);
  auto wait = lock_wait_of(*command_line);
  if (!wait)
    return report_usage_error(wait.error().message, kSyntax);
  auto context = scheme_context(*command_line);
  if (!context)
    return report_failure(context.error().message);
  auto lock_path = parsed.last("lock");
  if (lock_path && !parsed.positionals.empty())
    return report_usage_error("--lock compares the whole environment: no project names with it", kSyntax);
  if (!lock_path && has_lock_selection(parsed))
    return report_usage_error("--extra, --group and --no-default-groups select from a lock file (--lock)", kSyntax);
  auto projects = select_projects(context->scheme, parsed.positionals);
  if (!projects)
    return report_failure(projects.error().message);
  auto all = all_installed(context->scheme);
  auto listed = all ? listed_paths(context->scheme, *all, context->interpreter.cache_tag) : Result<ListedPaths>(all.error());
  if (!listed)
    return report_failure(listed.error().message);
  size_t problems = 0;
  if (lock_path) {
    auto differences = compare_environment_with_lock(*lock_path, *context, *all, parsed);
    if (!differences)
      return report_failure(differences.error().message);
    problems += *differences;
  }
  std::set<std::string> keys;
  for (const InstalledProject& project : *projects)
    if (keys.insert(normalize_project_name(project.name)).second)
      problems += verify_locked(context->scheme, normalize_project_name(project.name), *wait, verbosity, *listed,
                                context->interpreter.cache_tag);
  if (verbosity != Verbosity::quiet)
    std::printf("%zu projects verified, %zu problems\n", projects->size(), problems);
  return problems == 0 ? 0 : 1;
}

} // namespace whlinst
