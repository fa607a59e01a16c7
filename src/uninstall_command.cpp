#include "commands.h"

#include "externally_managed.h"
#include "file_lock.h"
#include "file_system.h"
#include "option_table.h"
#include "requirements_file.h"
#include "scheme_command.h"
#include "target_interpreter.h"
#include "uninstaller.h"
#include "utf8.h"

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

// The names given, then those of each -r FILE (and the files it includes).
Result<std::vector<std::string>> names_to_uninstall(const ParsedArguments& arguments) {
  std::vector<std::string> names = arguments.positionals;
  auto files = arguments.values.find("requirement");
  if (files != arguments.values.end())
    for (const std::string& file : files->second) {
      TRY_ASSIGN(listed, read_requirements_file(file));
      for (const InstallInput& input : listed.inputs) {
        auto name = input.project_name();
        if (!name)
          return make_error(input.describe(), ": ", name.error().message);
        names.push_back(std::move(*name));
      }
    }
  return names;
}

int uninstall_all(const SchemeContext& context, const std::vector<std::string>& names,
                  const UninstallOptions& options) {
  int status = 0;
  for (const std::string& name : names) {
    auto summary = uninstall_project(context.scheme, name, context.interpreter.cache_tag, options.lock_wait,
                                     options.fsync ? Durability::power_loss : Durability::process_crash);
    if (!summary)
      return report_failure(summary.error().message);
    for (const std::string& skipped : summary->skipped)
      std::fprintf(stderr, "whlinst: warning: %s: not removed: %s\n", printable_name(summary->name).c_str(),
                   printable_name(skipped).c_str());
    for (const std::string& message : summary->not_removed) {
      std::fprintf(stderr, "whlinst: warning: %s: %s\n", printable_name(name).c_str(), printable_name(message).c_str());
      status = 1;
    }
    if (options.verbosity == Verbosity::verbose)
      for (const std::string& kept : summary->kept)
        std::printf("kept %s\n", printable_name(kept).c_str());
    if (options.verbosity == Verbosity::verbose)
      std::printf("uninstalled %s %s (%zu files)\n", printable_name(summary->name).c_str(),
                  printable_name(summary->version).c_str(),
                  summary->files);
  }
  return status;
}
} // namespace

int run_uninstall_command(const std::vector<std::string>& arguments) {
  static const std::vector<OptionSpec> options = options_of(Command::uninstall);
  int status = 0;
  auto command_line = parse_command_line(arguments, options, kSyntax, status);
  if (!command_line)
    return status;
  auto names = names_to_uninstall(command_line->arguments);
  if (!names)
    return report_failure(names.error().message);
  if (names->empty())
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
  return uninstall_all(*context, *names, *uninstall_options);
}

} // namespace whlinst
