#include "commands.h"

#include "externally_managed.h"
#include "file_lock.h"
#include "file_system.h"
#include "hash.h"
#include "install_output.h"
#include "install_report.h"
#include "install_set.h"
#include "installer.h"
#include "paths.h"
#include "pip_compatibility.h"
#include "requirements_file.h"
#include "scheme_command.h"
#include "set_install.h"
#include "size_value.h"
#include "target_interpreter.h"
#include "text.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"install", "usage: whlinst [install] WHEEL... [options]"};

const std::vector<OptionSpec>& install_options() {
  static const std::vector<OptionSpec> options = command_options({
      {"compile", 0, TakesValue::no, "byte-compile installed .py files (default)"},
      {"no-compile", 0, TakesValue::no, "do not byte-compile"},
      {"optimize", 0, TakesValue::yes, "optimization levels to compile, e.g. 0,1,2"},
      {"invalidation-mode", 0, TakesValue::yes, "timestamp, checked-hash or unchecked-hash"},
      {"ignore-requires-python", 0, TakesValue::no, "install despite Requires-Python"},
      {"force-reinstall", 0, TakesValue::no, "reinstall when the same version is installed"},
      {"overwrite", 0, TakesValue::no, "leave an installed version alone, overwrite its files"},
      {"jobs", 'j', TakesValue::yes, "parallel workers (default: all cores)"},
      {"dry-run", 0, TakesValue::no, "check the wheels and the plan, change nothing"},
      {"requirement", 'r', TakesValue::yes, "install the wheels and requirements listed in FILE"},
      {"lock", 0, TakesValue::yes, "hold a shared flock on FILE while installing"},
      {"lock-timeout", 0, TakesValue::yes, "give up waiting for a lock after SECONDS"},
      {"break-system-packages", 0, TakesValue::no, "install into an EXTERNALLY-MANAGED interpreter"},
      {"installer", 0, TakesValue::yes, "content of INSTALLER (default whlinst)"},
      {"direct-url", 0, TakesValue::yes, "URL for direct_url.json, or none"},
      {"no-requested", 0, TakesValue::no, "do not write REQUESTED"},
      {"report", 0, TakesValue::yes, "write a JSON report of the install to FILE"},
      {"sbom", 0, TakesValue::yes, "write a CycloneDX XML bill of materials to FILE"},
      {"fsync", 0, TakesValue::no, "also make the install durable against power loss"},
      {"no-fsync", 0, TakesValue::no, "durable against a killed process only (default)"},
      {"max-unpacked-size", 0, TakesValue::yes, "refuse wheels declaring more bytes (default 4G)"},
      {"max-compression-ratio", 0, TakesValue::yes, "refuse big entries compressed more (default 1000)"},
      {"no-deps", 0, TakesValue::no, "do not install dependencies from the --find-links directories"},
      {"no-index", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
      {"isolated", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
      {"no-cache-dir", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
      {"disable-pip-version-check", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
      {"no-warn-script-location", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
      {"find-links", 'f', TakesValue::yes, "look for wheels of requirements and dependencies in DIR"},
      {"require-hashes", 0, TakesValue::no, "every requirement must be pinned with --hash"},
      {"pre", 0, TakesValue::no, "also choose pre-releases and development versions"},
  });
  return options;
}

Result<std::vector<int>> parse_levels(const std::string& text) {
  if (text == "all") // gpep517's --optimize all
    return std::vector<int>{0, 1, 2};
  std::vector<int> levels;
  for (std::string_view part : split(text, ',')) {
    part = trim(part);
    if (part != "0" && part != "1" && part != "2")
      return make_error("--optimize: levels are 0, 1 or 2, got '", std::string(part), "'");
    int level = part[0] - '0';
    if (std::find(levels.begin(), levels.end(), level) == levels.end())
      levels.push_back(level);
  }
  return levels;
}


Result<unsigned> parse_jobs(const std::optional<std::string>& text) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (!text)
    return cores;
  char* end = nullptr;
  long value = std::strtol(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || value < 0 || value > 1024)
    return make_error("--jobs: expected a number, got '", *text, "'");
  return value == 0 ? cores : static_cast<unsigned>(value);
}

Status fill_compile_options(const ParsedArguments& parsed, const Configuration& config,
                            InstallOptions& options) {
  options.compile = parsed.has("compile") || parsed.has("no-compile") ? parsed.has("compile")
                                                                      : config.compile.value_or(true);
  options.optimize_levels = config.optimize.value_or(options.optimize_levels);
  if (auto levels = parsed.last("optimize")) {
    TRY_ASSIGN(parsed_levels, parse_levels(*levels));
    options.optimize_levels = parsed_levels;
  }
  options.invalidation_mode = config.invalidation_mode.value_or(options.invalidation_mode);
  if (auto mode = parsed.last("invalidation-mode")) {
    auto parsed_mode = invalidation_mode_named(*mode);
    if (!parsed_mode)
      return make_error("--", parsed_mode.error().message);
    options.invalidation_mode = *parsed_mode;
  }
  std::optional<std::string> jobs_text = parsed.last("jobs");
  if (!jobs_text && config.jobs)
    jobs_text = std::to_string(*config.jobs);
  TRY_ASSIGN(jobs, parse_jobs(jobs_text));
  options.jobs = jobs;
  return {};
}

void fill_record_options(const ParsedArguments& parsed, const Configuration& config, InstallOptions& options) {
  options.installer_name = parsed.last("installer").value_or(config.installer.value_or("whlinst"));
  auto url = parsed.last("direct-url");
  if (!url)
    url = config.direct_url;
  if (url) {
    options.write_direct_url = *url != "none";
    options.direct_url = *url;
  }
  options.requested = !parsed.has("no-requested") && config.requested.value_or(true);
}

// Flags win over the configuration, which wins over SizeLimits' defaults.
Result<SizeLimits> size_limits(const ParsedArguments& parsed, const Configuration& config) {
  SizeLimits limits;
  limits.max_total_size = config.max_unpacked_size.value_or(limits.max_total_size);
  limits.max_ratio = config.max_compression_ratio.value_or(limits.max_ratio);
  if (auto text = parsed.last("max-unpacked-size")) {
    auto size = parse_size(*text);
    if (!size)
      return make_error("--max-unpacked-size: ", size.error().message);
    limits.max_total_size = *size;
  }
  if (auto text = parsed.last("max-compression-ratio")) {
    auto ratio = parse_positive_number(*text);
    if (!ratio)
      return make_error("--max-compression-ratio: ", ratio.error().message);
    limits.max_ratio = *ratio;
  }
  return limits;
}

Result<InstallOptions> make_options(const CommandLine& command_line) {
  const ParsedArguments& parsed = command_line.arguments;
  const Configuration& config = command_line.config;
  InstallOptions options;
  SchemePlacement placement = scheme_placement(parsed);
  options.prefix = placement.prefix;
  options.scheme_kind = placement.kind;
  if (parsed.last("progress-bar") == "off")
    options.progress_bar = ProgressBar::off;
  if (auto root = parsed.last("root"))
    options.root = absolute_path(*root);
  options.overrides = scheme_overrides(parsed);
  TRY(fill_compile_options(parsed, config, options));
  fill_record_options(parsed, config, options);
  TRY_ASSIGN(limits, size_limits(parsed, config));
  options.size_limits = limits;
  options.fsync = fsync_of(command_line);
  options.ignore_requires_python =
      parsed.has("ignore-requires-python") || config.ignore_requires_python.value_or(false);
  options.dry_run = parsed.has("dry-run");
  options.report = parsed.last("report") ? parsed.last("report") : config.report;
  options.sbom = parsed.last("sbom") ? parsed.last("sbom") : config.sbom;
  options.wheel_digest = options.report || options.sbom;
  options.force_reinstall = parsed.has("force-reinstall");
  options.overwrite = parsed.has("overwrite") || parsed.has("ignore-installed");
  options.verbosity = verbosity_of(parsed);
  TRY_ASSIGN(lock_wait, lock_wait_of(command_line));
  options.lock_wait = lock_wait;
  options.break_system_packages =
      parsed.has("break-system-packages") || config.break_system_packages.value_or(false);
  return options;
}

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
  static const std::vector<OptionSpec> all_options = concatenate_options(install_options(), pip_install_options());
  int status = 0;
  auto command_line = parse_command_line(arguments, all_options, kSyntax, status);
  if (!command_line)
    return status;
  auto options = make_options(*command_line);
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
