#include "scheme_command.h"

#include "paths.h"
#include "pip_compatibility.h"
#include "target_interpreter.h"
#include "utf8.h"

#include <cstdio>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace whlinst {

namespace {
Result<Configuration> load_configuration(const ParsedArguments& arguments) {
  if (auto file = arguments.last("config"))
    return read_configuration(*file);
  if (auto prefix = arguments.last("prefix"))
    return read_prefix_configuration(absolute_path(*prefix));
  return Configuration{};
}

std::optional<std::string> absolute_if_given(const ParsedArguments& arguments, std::string_view name) {
  auto value = arguments.last(name);
  return value ? std::optional<std::string>(absolute_path(*value)) : std::nullopt;
}
} // namespace

std::optional<CommandLine> parse_command_line(const std::vector<std::string>& arguments,
                                              std::span<const OptionSpec> options,
                                              const CommandSyntax& syntax, int& exit_status) {
  exit_status = 2;
  auto parsed = parse_arguments(arguments, options);
  if (parsed)
    if (Status compatible = apply_pip_compatibility(*parsed); !compatible)
      parsed = compatible.error();
  if (!parsed) {
    report_usage_error(parsed.error().message, syntax);
    return std::nullopt;
  }
  if (parsed->has("help")) {
    std::printf("%.*s\n\noptions:\n%s", static_cast<int>(syntax.usage.size()), syntax.usage.data(),
                describe_options(options).c_str());
    exit_status = 0;
    return std::nullopt;
  }
  auto config = load_configuration(*parsed);
  if (!config) {
    std::fprintf(stderr, "whlinst: error: %s\n", printable_name(config.error().message).c_str());
    return std::nullopt;
  }
  return CommandLine{std::move(*parsed), std::move(*config)};
}

SchemeOverrides scheme_overrides(const ParsedArguments& arguments) {
  return {absolute_if_given(arguments, "purelib"), absolute_if_given(arguments, "platlib"),
          absolute_if_given(arguments, "headers"), absolute_if_given(arguments, "scripts"),
          absolute_if_given(arguments, "data")};
}

Result<Interpreter> target_interpreter(const CommandLine& command_line) {
  auto python = command_line.arguments.last("python");
  return find_target_interpreter(python ? python : command_line.config.python,
                                 command_line.arguments.last("prefix"));
}

SchemeChoice scheme_choice(const ParsedArguments& arguments) {
  for (std::string_view name : {"prefix", "root", "target", "purelib", "platlib", "headers", "scripts", "data"})
    if (arguments.has(name))
      return SchemeChoice::explicit_directories;
  return SchemeChoice::interpreter_default;
}

Verbosity verbosity_of(const ParsedArguments& arguments) {
  return arguments.has("quiet")     ? Verbosity::quiet
         : arguments.has("verbose") ? Verbosity::verbose
                                    : Verbosity::normal;
}

bool fsync_of(const CommandLine& command_line) {
  const ParsedArguments& arguments = command_line.arguments;
  return arguments.has("fsync") || (!arguments.has("no-fsync") && command_line.config.fsync.value_or(false));
}

SchemePlacement scheme_placement(const ParsedArguments& arguments) {
  if (auto target = absolute_if_given(arguments, "target"))
    return {target, SchemeKind::target};
  if (!arguments.has("user"))
    return {absolute_if_given(arguments, "prefix"), SchemeKind::standard};
  const char* base = std::getenv("PYTHONUSERBASE");
  if (base != nullptr && *base != '\0')
    return {absolute_path(base), SchemeKind::user};
  const char* home = std::getenv("HOME");
  std::string home_directory = home != nullptr && *home != '\0' ? home : "/";
  if (home == nullptr || *home == '\0')
    if (const passwd* entry = ::getpwuid(::getuid()); entry != nullptr && entry->pw_dir != nullptr)
      home_directory = entry->pw_dir;
  return {absolute_path(join_path(home_directory, ".local")), SchemeKind::user};
}

Result<LockWait> lock_wait_of(const CommandLine& command_line) {
  LockWait wait;
  if (verbosity_of(command_line.arguments) == Verbosity::quiet)
    wait.report = WaitReport::silent;
  if (auto text = command_line.arguments.last("lock-timeout")) {
    TRY_ASSIGN(timeout, parse_lock_timeout(*text));
    wait.timeout = timeout;
  } else if (auto seconds = command_line.config.lock_timeout) {
    wait.timeout = std::chrono::milliseconds(static_cast<long long>(*seconds * 1000));
  }
  return wait;
}

Result<SchemeContext> scheme_context(const CommandLine& command_line) {
  const ParsedArguments& arguments = command_line.arguments;
  TRY_ASSIGN(interpreter, target_interpreter(command_line));
  SchemeRequest request;
  SchemePlacement placement = scheme_placement(arguments);
  request.prefix = placement.prefix;
  request.kind = placement.kind;
  request.root = absolute_if_given(arguments, "root").value_or("");
  TRY_ASSIGN(scheme, make_scheme(interpreter, request));
  apply_overrides(scheme, scheme_overrides(arguments));
  return SchemeContext{std::move(interpreter), std::move(scheme)};
}

int report_failure(const std::string& message) {
  std::fprintf(stderr, "whlinst: error: %s\n", printable_name(message).c_str());
  return 1;
}

int report_usage_error(const std::string& message, const CommandSyntax& syntax) {
  std::fprintf(stderr, "whlinst: error: %s (see whlinst %.*s --help)\n", printable_name(message).c_str(),
               static_cast<int>(syntax.name.size()), syntax.name.data());
  return 2;
}

} // namespace whlinst
