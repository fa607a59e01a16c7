#include "commands.h"

#include "externally_managed.h"
#include "file_lock.h"
#include "file_system.h"
#include "hash.h"
#include "install_output.h"
#include "install_report.h"
#include "install_set.h"
#include "install_settings.h"
#include "installer.h"
#include "option_table.h"
#include "paths.h"
#include "requirements_file.h"
#include "scheme_command.h"
#include "set_install.h"
#include "target_interpreter.h"
#include "text.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"install", "usage: whlinst [install] WHEEL... [options]"};

InstallOutcome outcome_of(const Wheel& wheel, Result<InstallSummary> summary, const InstallOptions& options) {
  InstallOutcome outcome;
  outcome.wheel_path = absolute_path(wheel.path);
  outcome.project = wheel.name.distribution;
  outcome.version = wheel.name.version;
  if (summary && !summary->wheel_sha256.empty())
    outcome.wheel_sha256 = summary->wheel_sha256;
  else if (options.wheel_digest)
    if (auto digest = digest_file(outcome.wheel_path, HashAlgorithm::sha256))
      outcome.wheel_sha256 = digest->hex;
  if (summary)
    outcome.summary = std::move(*summary);
  else
    outcome.error = summary.error();
  return outcome;
}

// The wheels of one invocation as one set (set_install.h); one wheel alone
// is its own transaction.
std::vector<InstallOutcome> install_wheels(std::vector<WheelToInstall>& set, const Interpreter& interpreter,
                                           const InstallOptions& options, const InstallServices& services) {
  std::vector<InstallOutcome> outcomes;
  if (set.size() == 1) {
    InstallOptions one = options_for(options, set[0].resolved);
    outcomes.push_back(outcome_of(set[0].wheel, install_wheel(set[0].wheel, interpreter, one, services), options));
    return outcomes;
  }
  std::vector<Wheel*> wheels;
  std::vector<InstallOptions> per_wheel;
  for (WheelToInstall& wheel : set) {
    wheels.push_back(&wheel.wheel);
    per_wheel.push_back(options_for(options, wheel.resolved));
  }
  SetInstallResult installed = install_as_set(wheels, per_wheel, interpreter, services, options.jobs);
  for (size_t i = 0; i < set.size(); ++i) {
    outcomes.push_back(outcome_of(set[i].wheel, std::move(installed.results[i]), options));
    outcomes.back().rolled_back = installed.failed && *installed.failed != i;
  }
  return outcomes;
}

// Prints each outcome, writes --report and --sbom; returns the exit status.
int finish(const std::vector<InstallOutcome>& outcomes, const InstallOptions& options,
           const InstallRecordContext& context) {
  int status = 0;
  for (const InstallOutcome& outcome : outcomes) {
    if (outcome.summary)
      print_summary(*outcome.summary, options);
    else if (outcome.rolled_back) // the failing wheel's line says why
      status = 1;
    else
      status = report_failure(outcome.error.message);
    // Installed, but the old version's files named here stay (pip: a
    // warning and exit 1).
    if (outcome.summary)
      for (const std::string& message : outcome.summary->not_removed) {
        std::fprintf(stderr, "whlinst: warning: %s: %s\n", base_name(outcome.wheel_path).data(), message.c_str());
        status = 1;
      }
  }
  if (const auto& report = options.report)
    if (Status written = write_file_atomically(absolute_path(*report), install_report_json(outcomes, context));
        !written)
      status = report_failure(written.error().message);
  if (const auto& sbom = options.sbom)
    if (Status written = write_file_atomically(absolute_path(*sbom), cyclonedx_sbom_xml(outcomes)); !written)
      status = report_failure(written.error().message);
  return status;
}

int run_installs(std::vector<WheelToInstall>& wheels, const Interpreter& interpreter, const InstallOptions& options) {
  auto start = std::chrono::steady_clock::now();
  BytecodePool pool(interpreter, options.invalidation_mode, options.jobs);
  if (options.compile && !options.dry_run) {
    if (Status started = pool.start(); !started)
      return report_failure(started.error().message);
  }
  bool show_bar = stderr_is_terminal() && options.verbosity != Verbosity::quiet && !options.dry_run &&
                  options.progress_bar == ProgressBar::on;
  std::optional<Progress> progress;
  progress.emplace(show_bar ? ProgressBar::on : ProgressBar::off,
                   options.verbosity == Verbosity::verbose ? StepLines::on : StepLines::off);
  // The cores are shared between the wheels installed at once.
  unsigned concurrent = static_cast<unsigned>(std::clamp<size_t>(wheels.size(), 1, std::max(options.jobs, 1u)));
  InstallServices services{options.compile ? &pool : nullptr, &*progress, std::max(options.jobs / concurrent, 1u)};
  auto outcomes = install_wheels(wheels, interpreter, options, services);
  progress.reset();
  InstallRecordContext context{&interpreter, options.dry_run,
                               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
  return finish(outcomes, options, context);
}

int install_all(const InstallRequest& request, const InstallOptions& options, const CommandLine& command_line) {
  std::optional<FileLock> lock;
  if (auto lock_path = command_line.arguments.last("lock")) {
    auto acquired = FileLock::acquire(absolute_path(*lock_path), LockMode::shared, LockFile::kept, options.lock_wait);
    if (!acquired)
      return report_failure(acquired.error().message);
    lock.emplace(std::move(*acquired));
  }
  auto interpreter = target_interpreter(command_line);
  if (!interpreter)
    return report_failure(interpreter.error().message);
  if (Status allowed = check_externally_managed(*interpreter, scheme_choice(command_line.arguments),
                                                options.break_system_packages ? BreakSystemPackages::yes
                                                                              : BreakSystemPackages::no);
      !allowed)
    return report_failure(allowed.error().message);
  std::vector<std::string> warnings = request.warnings;
  auto wheels = prepare_install_set(request, *interpreter, options, warnings);
  if (!wheels)
    return report_failure(wheels.error().message);
  for (const std::string& warning : warnings)
    std::fprintf(stderr, "whlinst: warning: %s\n", warning.c_str());
  if (options.compile && interpreter->cache_tag.empty())
    return report_failure("cannot byte-compile for " + interpreter->path + " (Python " +
                          interpreter->major_minor() + " has no __pycache__ layout); use --no-compile");
  return run_installs(*wheels, *interpreter, options);
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
  if (request->inputs.empty())
    return report_usage_error("no wheel given", kSyntax);
  return install_all(*request, *options, *command_line);
}

} // namespace whlinst
