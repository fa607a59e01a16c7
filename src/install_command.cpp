#include "commands.h"

#include "install_run.h"
#include "install_set.h"
#include "install_settings.h"
#include "lock_install.h"
#include "option_table.h"
#include "phase_timing.h"
#include "scheme_command.h"

#include <cstdio>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"install", "usage: whlinst [install] WHEEL... [options]\n"
                                           "       whlinst [install] -r pylock.toml [options]"};

// The wheels the arguments, requirements and -r files name, or those a
// lock file selects for the target.
Result<std::vector<WheelToInstall>> wheels_to_install(const InstallRequest& request, const CommandLine& command_line,
                                                      const Interpreter& interpreter, const InstallOptions& options) {
  if (!request.lock_files.empty()) {
    LockInstallRequest locked{request.lock_files.front(), request.find_links, lock_request_of(command_line.arguments)};
    TRY_ASSIGN(set, prepare_locked_set(locked, interpreter, options));
    print_warnings(set.lock.warnings);
    return std::move(set.wheels);
  }
  std::vector<std::string> warnings = request.warnings;
  TRY_ASSIGN(wheels, prepare_install_set(request, interpreter, options, warnings));
  print_warnings(warnings);
  return wheels;
}

int install_all(const InstallRequest& request, const InstallOptions& options, const CommandLine& command_line) {
  mark_phase("command line read");
  auto target = open_install_target(command_line, options);
  if (!target)
    return report_failure(target.error().message);
  mark_phase("target described");
  auto pool = start_bytecode_pool(*target, options);
  if (!pool)
    return report_failure(pool.error().message);
  mark_phase("bytecode pool started");
  auto wheels = wheels_to_install(request, command_line, target->interpreter, options);
  if (!wheels)
    return report_failure(wheels.error().message);
  mark_phase("wheels opened and checked");
  InstallWork work{std::move(*wheels), {}};
  if (work.wheels.empty()) // a lock with nothing for this target
    return 0;
  return run_install_work(work, *target, options, pool->get());
}

// A lock file is installed alone; --extra and --group select from one.
Status check_lock_usage(const InstallRequest& request, const ParsedArguments& arguments) {
  if (request.lock_files.size() > 1 || (!request.lock_files.empty() && !request.inputs.empty()))
    return make_error("a lock file is installed alone: ", request.lock_files.front(),
                      " with other wheels, requirements or lock files");
  if (request.lock_files.empty() && has_lock_selection(arguments))
    return make_error("--extra, --group and --no-default-groups select from a lock file (-r pylock.toml)");
  return {};
}
} // namespace

int run_install_command(const std::vector<std::string>& arguments) {
  static const std::vector<OptionSpec> all_options = options_of(Command::install);
  int status = 0;
  auto command_line = parse_command_line(arguments, all_options, kSyntax, status);
  if (!command_line)
    return status;
  auto options = make_install_options(*command_line);
  if (!options)
    return report_usage_error(options.error().message, kSyntax);
  auto request = read_install_request(command_line->arguments);
  if (!request)
    return report_failure(request.error().message);
  if (request->inputs.empty() && request->lock_files.empty())
    return report_usage_error("no wheel given", kSyntax);
  if (Status usage = check_lock_usage(*request, command_line->arguments); !usage)
    return report_usage_error(usage.error().message, kSyntax);
  return install_all(*request, *options, *command_line);
}

} // namespace whlinst
