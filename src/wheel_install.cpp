#include "wheel_install.h"

#include "compatibility.h"
#include "dist_info_files.h"
#include "paths.h"
#include "target_interpreter.h"
#include "target_survey.h"
#include "text.h"
#include "utf8.h"
#include "version.h"

#include <cstdio>
#include <cstdlib>

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

// Runs one phase; its error names the wheel.
Status in_wheel_phase(const std::string& file_name, Status status) {
  if (!status)
    return in_wheel(status.take_error(), file_name);
  return status;
}
} // namespace

WheelInstall::WheelInstall(Wheel& wheel, const Interpreter& interpreter, const InstallOptions& options,
                           const InstallServices& services)
    : wheel_(wheel), interpreter_(interpreter), options_(options), services_(services),
      start_(std::chrono::steady_clock::now()) {
  summary_.project = wheel_.name.distribution;
  summary_.version = wheel_.name.version;
  summary_.wheel_path = absolute_path(wheel_.path);
}

Status WheelInstall::plan() {
  TRY(in_wheel_phase(wheel_.file_name, plan_files()));
  summary_.files = plan_.files.placements.size();
  summary_.scripts = plan_.files.scripts.size();
  summary_.dist_info_path = plan_.files.dist_info_path;
  return {};
}

Status WheelInstall::survey() {
  TRY(in_wheel_phase(wheel_.file_name, find_previous_versions()));
  if (!previous_.empty())
    summary_.replaced_version = previous_.front().version;
  if (!options_.force_reinstall && same_version_installed()) {
    summary_.skipped = true;
    return {};
  }
  TRY(in_wheel_phase(wheel_.file_name, plan_target()));
  print_warnings(wheel_.file_name, plan_.target.warnings);
  if (options_.dry_run)
    summarize_plan();
  return {};
}

Status WheelInstall::prepare(const ExclusiveProjectLock& lock, const SetCommit* set) {
  return in_wheel_phase(wheel_.file_name, begin_execution(lock, set));
}

// direct_url.json needs the wheel's digest: computed only now that the
// install goes ahead.
Status WheelInstall::begin_execution(const ExclusiveProjectLock& lock, const SetCommit* set) {
  if (options_.write_direct_url || options_.wheel_digest) {
    TRY_ASSIGN(digest, wheel_.sha256_hex());
    summary_.wheel_sha256 = std::move(digest);
  }
  plan_.generated = generated_files(options_, summary_.wheel_path, summary_.wheel_sha256);
  TRY_ASSIGN(transaction, Transaction::begin(lock, options_.fsync ? Durability::power_loss : Durability::process_crash,
                                             set));
  transaction_ = std::move(transaction);
  ExecutionServices services{options_.compile ? services_.pool : nullptr,
                             services_.progress,
                             services_.extraction_threads,
                             interpreter_.path,
                             wheel_.file_name,
                             options_.sbom.has_value()};
  execution_.emplace(plan_, wheel_.archive, *transaction_, services);
  return execution_->prepare();
}

Status WheelInstall::commit() {
  auto result = execution_->commit();
  if (!result)
    return in_wheel(result.take_error(), wheel_.file_name);
  print_warnings(wheel_.file_name, result->warnings);
  summary_.compiled = result->compiled;
  summary_.record = std::move(result->record);
  summary_.not_removed = std::move(result->not_removed);
  return {};
}

InstallSummary WheelInstall::take_summary() {
  InstallSummary summary = std::move(summary_);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return summary;
}

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
  plan_.wheel_digests = wheel_.digests;
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
      summary_.planned.push_back(placement.destination());
  for (const GeneratedScript& script : plan_.files.scripts)
    summary_.planned.push_back(script.destination);
  for (const Placement& placement : plan_.files.placements)
    for (const BytecodeTarget& target : plan_.files.bytecode(placement))
      summary_.planned.push_back(target.pyc);
  summary_.removed = plan_.target.removed;
}

} // namespace whlinst
