#include "installer.h"

#include "compatibility.h"
#include "complete_plan.h"
#include "dist_info_files.h"
#include "paths.h"
#include "plan_execution.h"
#include "project_lock.h"
#include "target_interpreter.h"
#include "target_survey.h"
#include "text.h"
#include "transaction.h"
#include "utf8.h"
#include "version.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace whlinst {

namespace {
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string>(value) : std::nullopt;
}

void print_warnings(const std::string& wheel_file, const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings)
    std::fprintf(stderr, "whlinst: warning: %s: %s\n", printable_name(wheel_file).c_str(),
                 printable_name(warning).c_str());
}

// One install: the plan from the wheel alone, then the lock, the survey of
// the target and the rest of the plan, then its execution (plan_execution.h).
class WheelInstall {
public:
  WheelInstall(Wheel& wheel, const Interpreter& interpreter, const InstallOptions& options,
               const InstallServices& services)
      : wheel_(wheel), interpreter_(interpreter), options_(options), services_(services) {}

  Result<InstallSummary> run();

private:
  Status plan_files();
  Status find_previous_versions();
  Status plan_target();
  bool same_version_installed() const;
  void summarize_plan();
  Status execute();

  Wheel& wheel_;
  const Interpreter& interpreter_;
  const InstallOptions& options_;
  const InstallServices& services_;
  CompletePlan plan_;
  std::vector<InstalledProject> previous_; // none with --overwrite
  std::optional<ExclusiveProjectLock> lock_;
  InstallSummary summary_;
};

Status WheelInstall::plan_files() {
  SchemeRequest request{options_.prefix, options_.root, wheel_.name.distribution, options_.scheme_kind};
  for (char& c : request.dist_name)
    if (c == '_')
      c = '-';
  TRY_ASSIGN(scheme, make_scheme(interpreter_, request));
  plan_.scheme = std::move(scheme);
  apply_overrides(plan_.scheme, options_.overrides);
  std::vector<std::string> warnings;
  TRY(check_compatibility(wheel_, interpreter_, options_, warnings));
  TRY_ASSIGN(specs, scripts_for_entry_points(wheel_.entry_points, interpreter_.major_minor(),
                                             environment("ENSUREPIP_OPTIONS")));
  TRY_ASSIGN(files, plan_install(wheel_, plan_.scheme, specs, interpreter_.path));
  plan_.files = std::move(files);
  TRY(check_generated_dist_info(plan_.files, generated_file_names(options_)));
  plan_bytecode(plan_.files, interpreter_.cache_tag,
                options_.compile ? options_.optimize_levels : std::vector<int>());
  warnings.insert(warnings.end(), plan_.files.warnings.begin(), plan_.files.warnings.end());
  print_warnings(wheel_.file_name, warnings);
  return {};
}

Status WheelInstall::find_previous_versions() {
  if (options_.overwrite)
    return {};
  TRY_ASSIGN(found, find_installed(plan_.scheme, wheel_.name.project_key()));
  previous_ = std::move(found);
  return {};
}

Status WheelInstall::plan_target() {
  SurveyRequest request{wheel_.name.project_key(), interpreter_.cache_tag, previous_};
  TRY_ASSIGN(survey, survey_target(plan_.files, plan_.scheme, request));
  TRY_ASSIGN(changes, plan_target_changes(plan_.files, survey,
                                          options_.overwrite ? OwnedFiles::replace : OwnedFiles::refuse));
  plan_.target = std::move(changes);
  return {};
}

bool WheelInstall::same_version_installed() const {
  auto wanted = parse_version(wheel_.name.version);
  for (const InstalledProject& project : previous_) {
    auto installed = parse_version(project.version);
    if (wanted && installed ? *wanted == *installed : project.version == wheel_.name.version)
      return true;
  }
  return false;
}

// --dry-run's account of the complete plan.
void WheelInstall::summarize_plan() {
  std::string record_entry = wheel_.dist_info + "/RECORD";
  for (const Placement& placement : plan_.files.placements)
    if (placement.file->entry->name != record_entry)
      summary_.planned.push_back(placement.destination);
  for (const GeneratedScript& script : plan_.files.scripts)
    summary_.planned.push_back(script.destination);
  for (const Placement& placement : plan_.files.placements)
    for (const BytecodeTarget& target : placement.bytecode)
      summary_.planned.push_back(target.pyc);
  summary_.removed = plan_.target.removed;
}

// direct_url.json needs the wheel's digest: computed only now that the
// install goes ahead.
Status WheelInstall::execute() {
  if (options_.write_direct_url || options_.wheel_digest) {
    TRY_ASSIGN(digest, wheel_.sha256_hex());
    summary_.wheel_sha256 = std::move(digest);
  }
  plan_.generated = generated_files(options_, summary_.wheel_path, summary_.wheel_sha256);
  TRY_ASSIGN(transaction,
             Transaction::begin(*lock_, options_.fsync ? Durability::power_loss : Durability::process_crash));
  ExecutionServices services{options_.compile ? services_.pool : nullptr, services_.progress,
                             services_.extraction_threads, interpreter_.path, wheel_.file_name};
  TRY_ASSIGN(result, execute_plan(plan_, wheel_.archive, *transaction, services));
  print_warnings(wheel_.file_name, result.warnings);
  summary_.compiled = result.compiled;
  summary_.record = std::move(result.record);
  summary_.not_removed = std::move(result.not_removed);
  return {};
}

Result<InstallSummary> WheelInstall::run() {
  summary_.project = wheel_.name.distribution;
  summary_.version = wheel_.name.version;
  summary_.wheel_path = absolute_path(wheel_.path);
  TRY(plan_files());
  summary_.files = plan_.files.placements.size();
  summary_.scripts = plan_.files.scripts.size();
  summary_.dist_info_path = plan_.files.dist_info_path;
  if (!options_.dry_run) {
    TRY_ASSIGN(lock, lock_project_for_change(plan_.scheme, wheel_.name.project_key(), options_.lock_wait));
    lock_.emplace(std::move(lock));
  }
  TRY(find_previous_versions());
  if (!previous_.empty())
    summary_.replaced_version = previous_.front().version;
  if (!options_.force_reinstall && same_version_installed()) {
    summary_.skipped = true;
    return summary_;
  }
  TRY(plan_target());
  print_warnings(wheel_.file_name, plan_.target.warnings);
  if (options_.dry_run) {
    summarize_plan();
    return summary_;
  }
  TRY(execute());
  return summary_;
}
} // namespace

Result<InstallSummary> install_wheel(Wheel& wheel, const Interpreter& interpreter,
                                     const InstallOptions& options, const InstallServices& services) {
  auto start = std::chrono::steady_clock::now();
  WheelInstall install(wheel, interpreter, options, services);
  auto summary = install.run();
  if (!summary)
    return in_wheel(summary.error(), wheel.file_name);
  summary->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

} // namespace whlinst
