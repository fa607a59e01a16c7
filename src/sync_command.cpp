#include "commands.h"

#include "environment_sync.h"
#include "install_run.h"
#include "install_settings.h"
#include "installed_project.h"
#include "lock_install.h"
#include "option_table.h"
#include "phase_timing.h"
#include "scheme_command.h"
#include "utf8.h"

#include <cstdio>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"sync", "usage: whlinst sync pylock.toml [options]"};

std::vector<std::string> locked_keys(const LockedSet& set) {
  std::vector<std::string> keys;
  for (const WheelToInstall& wheel : set.wheels)
    keys.push_back(wheel.wheel.name.project_key());
  return keys;
}

// The installed projects the lock does not select: those to remove, and a
// warning for each one another tool installed that stays.
Result<std::vector<std::string>> removals_for(const LockedSet& set, const Scheme& scheme,
                                              const InstallOptions& options, SyncScope scope) {
  TRY_ASSIGN(installed, all_installed(scheme));
  std::vector<PresentInstall> present;
  for (const InstalledProject& project : installed)
    present.push_back({project.name, project.version, installer_of(scheme.root, project)});
  SyncRemovals removals = plan_sync_removals(present, locked_keys(set), options.installer_name, scope);
  for (const std::string& kept : removals.kept)
    std::fprintf(stderr, "whlinst: warning: %s is not in %s and stays (--exact removes it)\n",
                 printable_name(kept).c_str(), printable_name(set.lock.path).c_str());
  return removals.removed;
}

int sync(const std::string& lock_path, const InstallOptions& options, const CommandLine& command_line) {
  mark_phase("command line read");
  auto target = open_install_target(command_line, options);
  if (!target)
    return report_failure(target.error().message);
  mark_phase("target described");
  const ParsedArguments& arguments = command_line.arguments;
  std::vector<std::string> find_links;
  if (auto links = arguments.values.find("find-links"); links != arguments.values.end())
    find_links = links->second;
  auto set = prepare_locked_set(LockInstallRequest{lock_path, find_links, lock_request_of(arguments)},
                                target->interpreter, options);
  if (!set)
    return report_failure(set.error().message);
  print_warnings(set->lock.warnings);
  mark_phase("wheels opened and checked");
  auto removals = removals_for(*set, target->scheme, options, arguments.has("exact") ? SyncScope::exact
                                                                               : SyncScope::whlinst_only);
  if (!removals)
    return report_failure(removals.error().message);
  mark_phase("installed projects compared");
  InstallWork work{std::move(set->wheels), std::move(*removals)};
  if (work.wheels.empty() && work.removals.empty())
    return 0;
  std::unique_ptr<BytecodePool> pool;
  if (!work.wheels.empty()) {
    auto started = start_bytecode_pool(*target, options);
    if (!started)
      return report_failure(started.error().message);
    pool = std::move(*started);
    mark_phase("bytecode pool started");
  }
  return run_install_work(work, *target, options, pool.get());
}
} // namespace

int run_sync_command(const std::vector<std::string>& arguments) {
  static const std::vector<OptionSpec> all_options = options_of(Command::sync);
  int status = 0;
  auto command_line = parse_command_line(arguments, all_options, kSyntax, status);
  if (!command_line)
    return status;
  const std::vector<std::string>& positionals = command_line->arguments.positionals;
  if (positionals.size() != 1)
    return report_usage_error(positionals.empty() ? "no lock file given" : "one lock file at a time", kSyntax);
  auto options = make_install_options(*command_line);
  if (!options)
    return report_usage_error(options.error().message, kSyntax);
  return sync(positionals.front(), *options, *command_line);
}

} // namespace whlinst
