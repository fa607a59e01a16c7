#include "install_settings.h"

#include "configuration.h"
#include "option_table.h"
#include "size_value.h"
#include "target_interpreter.h"
#include "text.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace whlinst {

namespace {
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
// `limit` from the configuration, then from the option `name` read with
// `parse` (SizeLimits' default when neither).
Status set_limit(uint64_t& limit, std::optional<uint64_t> configured, std::string_view name,
                 const ParsedArguments& arguments, Result<uint64_t> (*parse)(std::string_view)) {
  limit = configured.value_or(limit);
  if (auto text = arguments.last(name)) {
    auto value = parse(*text);
    if (!value)
      return make_error("--", std::string(name), ": ", value.error().message);
    limit = *value;
  }
  return {};
}
} // namespace

Result<InstallOptions> make_install_options(const CommandLine& command_line) {
  InstallOptions options;
  for (const OptionDefinition& option : option_table())
    if (option.sets != nullptr && option.commands.has(Command::install)) {
      TRY(option.sets(option.spec.long_name, command_line, options));
    }
  options.wheel_digest = options.report || options.sbom;
  return options;
}

Status set_placement(std::string_view, const CommandLine& command_line, InstallOptions& options) {
  SchemePlacement placement = scheme_placement(command_line.arguments);
  options.prefix = placement.prefix;
  options.scheme_kind = placement.kind;
  return {};
}

Status set_root(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  if (auto root = command_line.arguments.last(name))
    options.root = absolute_path(*root);
  return {};
}

Status set_overrides(std::string_view, const CommandLine& command_line, InstallOptions& options) {
  options.overrides = scheme_overrides(command_line.arguments);
  return {};
}

Status set_verbosity(std::string_view, const CommandLine& command_line, InstallOptions& options) {
  options.verbosity = verbosity_of(command_line.arguments);
  return {};
}

Status set_progress_bar(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  if (command_line.arguments.last(name) == "off")
    options.progress_bar = ProgressBar::off;
  return {};
}

Status set_compile(std::string_view, const CommandLine& command_line, InstallOptions& options) {
  const ParsedArguments& parsed = command_line.arguments;
  options.compile = parsed.has("compile") || parsed.has("no-compile") ? parsed.has("compile")
                                                                      : command_line.config.compile.value_or(true);
  return {};
}

Status set_optimize(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  options.optimize_levels = command_line.config.optimize.value_or(options.optimize_levels);
  if (auto levels = command_line.arguments.last(name)) {
    TRY_ASSIGN(parsed_levels, parse_levels(*levels));
    options.optimize_levels = parsed_levels;
  }
  return {};
}

Status set_invalidation_mode(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  options.invalidation_mode = command_line.config.invalidation_mode.value_or(options.invalidation_mode);
  if (auto mode = command_line.arguments.last(name)) {
    auto parsed_mode = invalidation_mode_named(*mode);
    if (!parsed_mode)
      return make_error("--", parsed_mode.error().message);
    options.invalidation_mode = *parsed_mode;
  }
  return {};
}

Status set_sbom_format(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  options.sbom_format = command_line.config.sbom_format.value_or(options.sbom_format);
  if (auto text = command_line.arguments.last(name)) {
    auto format = sbom_format_named(*text);
    if (!format)
      return make_error("--", std::string(name), ": ", format.error().message);
    options.sbom_format = *format;
  }
  return {};
}

Status set_jobs(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  std::optional<std::string> text = command_line.arguments.last(name);
  if (!text && command_line.config.jobs)
    text = std::to_string(*command_line.config.jobs);
  TRY_ASSIGN(jobs, parse_jobs(text));
  options.jobs = jobs;
  return {};
}

Status set_direct_url(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  auto url = command_line.arguments.last(name);
  if (!url)
    url = command_line.config.direct_url;
  if (url) {
    options.write_direct_url = *url != "none";
    options.direct_url = *url;
  }
  return {};
}

Status set_requested(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  options.requested = !command_line.arguments.has(name) && command_line.config.requested.value_or(true);
  return {};
}

Status set_fsync(std::string_view, const CommandLine& command_line, InstallOptions& options) {
  options.fsync = fsync_of(command_line);
  return {};
}

Status set_max_unpacked_size(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  return set_limit(options.size_limits.max_total_size, command_line.config.max_unpacked_size, name,
                   command_line.arguments, parse_size);
}

Status set_max_compression_ratio(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  return set_limit(options.size_limits.max_ratio, command_line.config.max_compression_ratio, name,
                   command_line.arguments, parse_positive_number);
}

Status set_lock_wait(std::string_view, const CommandLine& command_line, InstallOptions& options) {
  TRY_ASSIGN(lock_wait, lock_wait_of(command_line));
  options.lock_wait = lock_wait;
  return {};
}

} // namespace whlinst
