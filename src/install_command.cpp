#include "commands.h"

#include "command_line.h"
#include "configuration.h"

#include <algorithm>
#include "file_lock.h"
#include "file_system.h"
#include "install_output.h"
#include "install_report.h"
#include "hash.h"
#include "installer.h"
#include "paths.h"
#include "requirements_file.h"
#include "target_interpreter.h"
#include "text.h"

#include <cstdio>
#include <cstdlib>
#include <atomic>
#include <chrono>
#include <thread>

namespace whlinst {

namespace {
constexpr OptionSpec kOptions[] = {
    {"prefix", 0, TakesValue::yes, "install scheme rooted at DIR"},
    {"root", 0, TakesValue::yes, "prepend DIR to every path written (staging)"},
    {"python", 0, TakesValue::yes, "the target interpreter"},
    {"compile", 0, TakesValue::no, "byte-compile installed .py files (default)"},
    {"no-compile", 0, TakesValue::no, "do not byte-compile"},
    {"optimize", 0, TakesValue::yes, "optimization levels to compile, e.g. 0,1,2"},
    {"invalidation-mode", 0, TakesValue::yes, "timestamp, checked-hash or unchecked-hash"},
    {"ignore-requires-python", 0, TakesValue::no, "install despite Requires-Python"},
    {"force-reinstall", 0, TakesValue::no, "reinstall when the same version is installed"},
    {"overwrite", 0, TakesValue::no, "leave an installed version alone, overwrite its files"},
    {"jobs", 'j', TakesValue::yes, "parallel workers (default: all cores)"},
    {"quiet", 'q', TakesValue::no, "print errors only"},
    {"verbose", 'v', TakesValue::no, "print each installed project"},
    {"dry-run", 0, TakesValue::no, "check the wheels and the plan, change nothing"},
    {"requirement", 'r', TakesValue::yes, "install the wheels listed in FILE"},
    {"lock", 0, TakesValue::yes, "hold a shared flock on FILE while installing"},
    {"installer", 0, TakesValue::yes, "content of INSTALLER (default whlinst)"},
    {"direct-url", 0, TakesValue::yes, "URL for direct_url.json, or none"},
    {"no-requested", 0, TakesValue::no, "do not write REQUESTED"},
    {"purelib", 0, TakesValue::yes, "override the purelib directory"},
    {"platlib", 0, TakesValue::yes, "override the platlib directory"},
    {"headers", 0, TakesValue::yes, "override the headers directory"},
    {"scripts", 0, TakesValue::yes, "override the scripts directory"},
    {"data", 0, TakesValue::yes, "override the data directory"},
    {"no-deps", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
    {"no-index", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
    {"isolated", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
    {"no-cache-dir", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
    {"disable-pip-version-check", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
    {"no-warn-script-location", 0, TakesValue::no, "accepted for pip compatibility; no effect"},
    {"find-links", 'f', TakesValue::yes, "accepted for pip compatibility; no effect"},
    {"config", 0, TakesValue::yes, "read defaults from FILE (default: PREFIX/etc/whlinst.toml)"},
    {"report", 0, TakesValue::yes, "write a JSON report of the install to FILE"},
    {"sbom", 0, TakesValue::yes, "write a CycloneDX XML bill of materials to FILE"},
    {"help", 'h', TakesValue::no, "show this help"},
};

struct UsageError {
  std::string message;
};

Result<std::vector<int>> parse_levels(const std::string& text) {
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

std::optional<std::string> absolute_if_given(const ParsedArguments& parsed, std::string_view name) {
  auto value = parsed.last(name);
  return value ? std::optional<std::string>(absolute_path(*value)) : std::nullopt;
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

// --config FILE, else PREFIX/etc/whlinst.toml when it exists.
Result<Configuration> load_configuration(const ParsedArguments& parsed) {
  if (auto file = parsed.last("config"))
    return read_configuration(*file);
  if (auto prefix = parsed.last("prefix"))
    return read_prefix_configuration(absolute_path(*prefix));
  return Configuration{};
}

Result<InstallOptions> make_options(const ParsedArguments& parsed, const Configuration& config) {
  InstallOptions options;
  options.prefix = absolute_if_given(parsed, "prefix");
  options.root = absolute_if_given(parsed, "root").value_or("");
  options.overrides = {absolute_if_given(parsed, "purelib"), absolute_if_given(parsed, "platlib"),
                       absolute_if_given(parsed, "headers"), absolute_if_given(parsed, "scripts"),
                       absolute_if_given(parsed, "data")};
  TRY(fill_compile_options(parsed, config, options));
  fill_record_options(parsed, config, options);
  options.ignore_requires_python =
      parsed.has("ignore-requires-python") || config.ignore_requires_python.value_or(false);
  options.dry_run = parsed.has("dry-run");
  options.report = parsed.last("report") ? parsed.last("report") : config.report;
  options.sbom = parsed.last("sbom") ? parsed.last("sbom") : config.sbom;
  options.wheel_digest = options.report || options.sbom;
  options.force_reinstall = parsed.has("force-reinstall");
  options.overwrite = parsed.has("overwrite");
  options.verbosity = parsed.has("quiet")     ? Verbosity::quiet
                      : parsed.has("verbose") ? Verbosity::verbose
                                              : Verbosity::normal;
  return options;
}

Result<std::vector<std::string>> collect_wheels(const ParsedArguments& parsed) {
  std::vector<std::string> wheels = parsed.positionals;
  auto files = parsed.values.find("requirement");
  if (files != parsed.values.end())
    for (const std::string& file : files->second) {
      TRY_ASSIGN(text, read_file(file));
      TRY_ASSIGN(listed, parse_requirements_file(text, file));
      wheels.insert(wheels.end(), listed.begin(), listed.end());
    }
  return wheels;
}

void print_usage(FILE* stream) {
  std::fprintf(stream, "usage: whlinst [install] WHEEL... [options]\n\noptions:\n%s",
               describe_options(kOptions).c_str());
}

int fail(const std::string& message) {
  std::fprintf(stderr, "whlinst: error: %s\n", message.c_str());
  return 1;
}


// Opens every wheel before installing any: a broken one stops the command
// with nothing installed.
Result<std::vector<Wheel>> open_wheels(const std::vector<std::string>& paths) {
  std::vector<Wheel> wheels;
  for (const std::string& path : paths) {
    auto wheel = Wheel::open(path);
    if (!wheel)
      return make_error(std::string(base_name(path)), ": ", wheel.error().message);
    wheels.push_back(std::move(*wheel));
  }
  return wheels;
}

// Installs the wheels concurrently, at most `jobs` at a time; returns the
// exit status after reporting each failure.
// Installs the wheels concurrently, at most `jobs` at a time.
std::vector<InstallOutcome> install_concurrently(std::vector<Wheel>& wheels, const Interpreter& interpreter,
                                                 const InstallOptions& options, const InstallServices& services) {
  std::vector<InstallOutcome> outcomes(wheels.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < wheels.size(); i = next++) {
      auto summary = install_wheel(wheels[i], interpreter, options, services);
      outcomes[i].wheel_path = absolute_path(wheels[i].path);
      outcomes[i].project = wheels[i].name.distribution;
      outcomes[i].version = wheels[i].name.version;
      if (options.wheel_digest)
        if (auto digest = digest_file(outcomes[i].wheel_path, HashAlgorithm::sha256))
          outcomes[i].wheel_sha256 = digest->hex;
      if (summary)
        outcomes[i].summary = std::move(*summary);
      else
        outcomes[i].error = summary.error().message;
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < std::min<size_t>(options.jobs, wheels.size()); ++t)
    threads.emplace_back(work);
  work();
  for (std::thread& thread : threads)
    thread.join();
  return outcomes;
}

// Prints each outcome, writes --report and --sbom; returns the exit status.
int finish(const std::vector<InstallOutcome>& outcomes, const InstallOptions& options,
           const InstallRecordContext& context) {
  int status = 0;
  for (const InstallOutcome& outcome : outcomes) {
    if (outcome.summary)
      print_summary(*outcome.summary, options);
    else
      status = fail(outcome.error);
  }
  if (const auto& report = options.report)
    if (Status written = write_file_atomically(absolute_path(*report), install_report_json(outcomes, context));
        !written)
      status = fail(written.error().message);
  if (const auto& sbom = options.sbom)
    if (Status written = write_file_atomically(absolute_path(*sbom), cyclonedx_sbom_xml(outcomes)); !written)
      status = fail(written.error().message);
  return status;
}

int run_installs(std::vector<Wheel>& wheels, const Interpreter& interpreter, const InstallOptions& options) {
  auto start = std::chrono::steady_clock::now();
  BytecodePool pool(interpreter, options.invalidation_mode, options.jobs);
  if (options.compile && !options.dry_run) {
    if (Status started = pool.start(); !started)
      return fail(started.error().message);
  }
  bool show_bar = stderr_is_terminal() && options.verbosity != Verbosity::quiet && !options.dry_run;
  std::optional<Progress> progress;
  progress.emplace(show_bar ? ProgressBar::on : ProgressBar::off,
                   options.verbosity == Verbosity::verbose ? StepLines::on : StepLines::off);
  InstallServices services{options.compile ? &pool : nullptr, &*progress};
  auto outcomes = install_concurrently(wheels, interpreter, options, services);
  progress.reset();
  InstallRecordContext context{&interpreter, options.dry_run,
                               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
  return finish(outcomes, options, context);
}

int install_all(const std::vector<std::string>& paths, const InstallOptions& options,
                const ParsedArguments& parsed, const std::optional<std::string>& configured_python) {
  std::optional<FileLock> lock;
  if (auto lock_path = parsed.last("lock")) {
    auto acquired = FileLock::acquire(absolute_path(*lock_path), LockMode::shared);
    if (!acquired)
      return fail(acquired.error().message);
    lock.emplace(std::move(*acquired));
  }
  auto wheels = open_wheels(paths);
  if (!wheels)
    return fail(wheels.error().message);
  auto python = parsed.last("python");
  auto interpreter = find_target_interpreter(python ? python : configured_python, parsed.last("prefix"));
  if (!interpreter)
    return fail(interpreter.error().message);
  if (options.compile && interpreter->cache_tag.empty())
    return fail("cannot byte-compile for " + interpreter->path + " (Python " + interpreter->major_minor() +
                " has no __pycache__ layout); use --no-compile");
  return run_installs(*wheels, *interpreter, options);
}
} // namespace

int run_install_command(const std::vector<std::string>& arguments) {
  auto parsed = parse_arguments(arguments, kOptions);
  if (!parsed) {
    std::fprintf(stderr, "whlinst: error: %s (see whlinst install --help)\n", parsed.error().message.c_str());
    return 2;
  }
  if (parsed->has("help")) {
    print_usage(stdout);
    return 0;
  }
  auto config = load_configuration(*parsed);
  if (!config) {
    std::fprintf(stderr, "whlinst: error: %s\n", config.error().message.c_str());
    return 2;
  }
  auto options = make_options(*parsed, *config);
  if (!options) {
    std::fprintf(stderr, "whlinst: error: %s\n", options.error().message.c_str());
    return 2;
  }
  auto wheels = collect_wheels(*parsed);
  if (!wheels)
    return fail(wheels.error().message);
  if (wheels->empty()) {
    std::fprintf(stderr, "whlinst: error: no wheel given\n");
    print_usage(stderr);
    return 2;
  }
  return install_all(*wheels, *options, *parsed, config->python);
}

} // namespace whlinst
