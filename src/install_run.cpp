#include "install_run.h"

#include "bom.h"
#include "compile_order.h"
#include "externally_managed.h"
#include "file_system.h"
#include "hash.h"
#include "install_output.h"
#include "install_report.h"
#include "installer.h"
#include "paths.h"
#include "set_install.h"
#include "target_interpreter.h"
#include "text.h"
#include "utf8.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace whlinst {

namespace {
InstallOutcome outcome_of(const Wheel& wheel, Result<InstallSummary> summary, const InstallOptions& options) {
  InstallOutcome outcome;
  outcome.wheel_path = absolute_path(wheel.path);
  outcome.project = wheel.name.distribution;
  outcome.version = wheel.name.version;
  outcome.metadata = project_metadata(wheel.metadata);
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

struct WorkOutcome {
  std::vector<InstallOutcome> installs;
  std::vector<Result<UninstallSummary>> removals;
  std::optional<size_t> failed; // the member that stopped the set (set_install.h)
};

// The wheels and removals of one invocation as one set (set_install.h); one
// wheel alone is its own transaction.
WorkOutcome install_work(InstallWork& work, const Scheme& scheme, const Interpreter& interpreter,
                         const InstallOptions& options, const InstallServices& services) {
  WorkOutcome outcome;
  if (work.wheels.size() == 1 && work.removals.empty()) {
    InstallOptions one = options_for(options, work.wheels[0].resolved);
    outcome.installs.push_back(
        outcome_of(work.wheels[0].wheel, install_wheel(work.wheels[0].wheel, interpreter, one, services), options));
    return outcome;
  }
  SetMembers members;
  for (WheelToInstall& wheel : work.wheels) {
    members.wheels.push_back(&wheel.wheel);
    members.wheel_options.push_back(options_for(options, wheel.resolved));
  }
  members.removals = work.removals;
  SetInstallResult done = install_as_set(members, options, scheme, interpreter, services, options.jobs);
  for (size_t i = 0; i < work.wheels.size(); ++i) {
    outcome.installs.push_back(outcome_of(work.wheels[i].wheel, std::move(done.installs[i]), options));
    outcome.installs.back().rolled_back = done.failed && *done.failed != i;
  }
  outcome.removals = std::move(done.removals);
  outcome.failed = done.failed;
  return outcome;
}

void print_removal(const UninstallSummary& removal, const InstallOptions& options) {
  const char* done = options.dry_run ? "would uninstall" : "uninstalled";
  if (options.verbosity == Verbosity::verbose || (options.dry_run && options.verbosity != Verbosity::quiet))
    std::printf("%s %s %s (%zu files)\n", done, printable_name(removal.name).c_str(),
                printable_name(removal.version).c_str(), removal.files);
}

// The removals made (or planned, in a dry run).
std::vector<UninstallSummary> removals_made(const WorkOutcome& outcome) {
  std::vector<UninstallSummary> made;
  for (const Result<UninstallSummary>& removal : outcome.removals)
    if (removal && !removal->version.empty())
      made.push_back(*removal);
  return made;
}

// Prints each removal's outcome; returns the exit status. A removal the set
// did not make because another member failed says nothing: that member's
// line says why.
int report_removals(const WorkOutcome& outcome, const InstallOptions& options) {
  int status = 0;
  for (size_t j = 0; j < outcome.removals.size(); ++j) {
    const Result<UninstallSummary>& removal = outcome.removals[j];
    if (!removal) {
      bool stopped_here = !outcome.failed || *outcome.failed == outcome.installs.size() + j;
      status = stopped_here ? report_failure(removal.error().message) : 1;
      continue;
    }
    if (!removal->name.empty() && removal->version.empty()) // removed meanwhile by another process
      continue;
    print_removal(*removal, options);
    for (const std::string& message : removal->not_removed) {
      std::fprintf(stderr, "whlinst: warning: %s: %s\n", printable_name(removal->name).c_str(),
                   printable_name(message).c_str());
      status = 1;
    }
  }
  return status;
}

// Prints each install's outcome, writes --report and --sbom; returns the
// exit status.
int report_installs(const std::vector<InstallOutcome>& outcomes, const InstallOptions& options,
                    const InstallRecordContext& context) {
  int status = 0;
  for (const InstallOutcome& outcome : outcomes) {
    if (outcome.summary)
      print_summary(*outcome.summary, options);
    else if (outcome.rolled_back) // the failing member's line says why
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
  if (const auto& sbom = options.sbom) {
    std::string document = sbom_document(bom_of(outcomes), options.sbom_format);
    if (Status written = write_file_atomically(absolute_path(*sbom), document); !written)
      status = report_failure(written.error().message);
  }
  return status;
}
} // namespace

void print_warnings(const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings)
    std::fprintf(stderr, "whlinst: warning: %s\n", printable_name(warning).c_str());
}

Result<InstallTarget> open_install_target(const CommandLine& command_line, const InstallOptions& options) {
  std::optional<FileLock> lock;
  if (auto lock_path = command_line.arguments.last("lock")) {
    TRY_ASSIGN(acquired, FileLock::acquire(absolute_path(*lock_path), LockMode::shared, LockFile::kept,
                                           options.lock_wait));
    lock.emplace(std::move(acquired));
  }
  TRY_ASSIGN(interpreter, target_interpreter(command_line));
  TRY(check_externally_managed(interpreter, scheme_choice(command_line.arguments),
                               options.break_system_packages ? BreakSystemPackages::yes : BreakSystemPackages::no));
  if (options.compile && interpreter.cache_tag.empty())
    return make_error("cannot byte-compile for ", interpreter.path, " (Python ", interpreter.major_minor(),
                      " has no __pycache__ layout); use --no-compile");
  TRY_ASSIGN(scheme, install_scheme(interpreter, options));
  return InstallTarget{std::move(lock), std::move(interpreter), std::move(scheme)};
}

Result<std::unique_ptr<BytecodePool>> start_bytecode_pool(const InstallTarget& target, const InstallOptions& options) {
  if (!options.compile || options.dry_run)
    return std::unique_ptr<BytecodePool>();
  auto pool = std::make_unique<BytecodePool>(target.interpreter, options.invalidation_mode, options.jobs);
  TRY(pool->start(1));
  return pool;
}

namespace {
// The workers the wheels' sources keep busy, all started before any is
// installed (BytecodePool::start).
Status start_workers_needed(BytecodePool& pool, const InstallWork& work, unsigned limit) {
  uint64_t work_estimate = 0;
  for (const WheelToInstall& wheel : work.wheels)
    work_estimate += estimated_work(wheel.wheel.archive.entries());
  return pool.start(workers_for(work_estimate, limit));
}
} // namespace

int run_install_work(InstallWork& work, const InstallTarget& target, const InstallOptions& options,
                     BytecodePool* pool) {
  const Interpreter& interpreter = target.interpreter;
  const Scheme& scheme = target.scheme;
  auto start = std::chrono::steady_clock::now();
  if (pool)
    if (Status started = start_workers_needed(*pool, work, options.jobs); !started)
      return report_failure(started.error().message);
  bool show_bar = stderr_is_terminal() && options.verbosity != Verbosity::quiet && !options.dry_run &&
                  options.progress_bar == ProgressBar::on;
  std::optional<Progress> progress;
  progress.emplace(show_bar ? ProgressBar::on : ProgressBar::off,
                   options.verbosity == Verbosity::verbose ? StepLines::on : StepLines::off);
  // The cores are shared between the wheels installed at once.
  unsigned concurrent =
      static_cast<unsigned>(std::clamp<size_t>(work.wheels.size(), 1, std::max(options.jobs, 1u)));
  InstallServices services{pool, &*progress, std::max(options.jobs / concurrent, 1u)};
  WorkOutcome outcome = install_work(work, scheme, interpreter, options, services);
  progress.reset();
  std::vector<UninstallSummary> removed = removals_made(outcome);
  InstallRecordContext context{&interpreter, options.dry_run,
                               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                               &removed};
  int removals = report_removals(outcome, options);
  int installs = report_installs(outcome.installs, options, context);
  return std::max(installs, removals);
}

} // namespace whlinst
