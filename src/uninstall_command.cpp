#include "commands.h"

#include "externally_managed.h"
#include "file_lock.h"
#include "scheme_command.h"
#include "target_interpreter.h"
#include "uninstaller.h"

#include <cstdio>
#include <optional>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"uninstall", "usage: whlinst uninstall NAME... [options]"};

Result<UninstallOptions> make_options(const CommandLine& command_line) {
  UninstallOptions options;
  options.fsync = fsync_of(command_line);
  options.verbosity = verbosity_of(command_line.arguments);
  TRY_ASSIGN(lock_wait, lock_wait_of(command_line));
  options.lock_wait = lock_wait;
  options.break_system_packages = command_line.arguments.has("break-system-packages") ||
                                  command_line.config.break_system_packages.value_or(false);
  return options;
}

int uninstall_all(const SchemeContext& context, const std::vector<std::string>& names,
                  const UninstallOptions& options) {
  for (const std::string& name : names) {
    auto summary = uninstall_project(context.scheme, name, context.interpreter.cache_tag, options.lock_wait,
                                     options.fsync ? Durability::power_loss : Durability::process_crash);
    if (!summary)
      return report_failure(summary.error().message);
    if (options.verbosity == Verbosity::verbose)
      std::printf("uninstalled %s %s (%zu files)\n", summary->name.c_str(), summary->version.c_str(),
                  summary->files);
  }
  return 0;
}
} // namespace

int run_uninstall_command(const std::vector<std::string>& arguments) {
  static const std::vector<OptionSpec> options = command_options({
      {"lock", 0, TakesValue::yes, "hold an exclusive flock on FILE while uninstalling"},
      {"lock-timeout", 0, TakesValue::yes, "give up waiting for a lock after SECONDS"},
      {"break-system-packages", 0, TakesValue::no, "uninstall from an EXTERNALLY-MANAGED interpreter"},
      {"fsync", 0, TakesValue::no, "also make the uninstall durable against power loss"},
      {"no-fsync", 0, TakesValue::no, "durable against a killed process only (default)"},
      {"yes", 'y', TakesValue::no, "accepted for pip compatibility; no effect"},
  });
  int status = 0;
  auto command_line = parse_command_line(arguments, options, kSyntax, status);
  if (!command_line)
    return status;
  if (command_line->arguments.positionals.empty())
    return report_usage_error("no project named", kSyntax);
  auto uninstall_options = make_options(*command_line);
  if (!uninstall_options)
    return report_usage_error(uninstall_options.error().message, kSyntax);
  std::optional<FileLock> lock;
  if (auto lock_path = command_line->arguments.last("lock")) {
    auto acquired =
        FileLock::acquire(absolute_path(*lock_path), LockMode::exclusive, LockFile::kept, uninstall_options->lock_wait);
    if (!acquired)
      return report_failure(acquired.error().message);
    lock.emplace(std::move(*acquired));
  }
  auto context = scheme_context(*command_line);
  if (!context)
    return report_failure(context.error().message);
  if (Status allowed = check_externally_managed(context->interpreter, scheme_choice(command_line->arguments),
                                                uninstall_options->break_system_packages ? BreakSystemPackages::yes
                                                                                         : BreakSystemPackages::no);
      !allowed)
    return report_failure(allowed.error().message);
  return uninstall_all(*context, command_line->arguments.positionals, *uninstall_options);
}

} // namespace whlinst
