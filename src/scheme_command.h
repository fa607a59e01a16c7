#pragma once
// What whlinst's commands share: the options that select the scheme and the
// target interpreter (one table, used by install, uninstall, list, verify and
// show), the configuration file, and the usage and error conventions.

#include "command_line.h"
#include "configuration.h"
#include "externally_managed.h"
#include "install_options.h"
#include "interpreter.h"
#include "scheme.h"

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// How a command is named in messages: "list", "usage: whlinst list [options]".
struct CommandSyntax {
  std::string_view name;
  std::string_view usage;
};

// A command's arguments and the configuration they select.
struct CommandLine {
  ParsedArguments arguments;
  Configuration config;
};

// Parses arguments against `options` and reads the configuration (--config
// FILE, else PREFIX/etc/whlinst.toml when it exists). On a usage error
// (report_usage_error) or a configuration error (one line naming the file and
// line) returns nullopt with `exit_status` 2; on --help prints the usage and
// options and returns nullopt with 0.
std::optional<CommandLine> parse_command_line(const std::vector<std::string>& arguments,
                                              std::span<const OptionSpec> options,
                                              const CommandSyntax& syntax, int& exit_status);

// --purelib, --platlib, --headers, --scripts and --data, made absolute.
SchemeOverrides scheme_overrides(const ParsedArguments& arguments);

// The interpreter --python names, else the configuration's `python`, else
// find_target_interpreter's default for --prefix.
Result<Interpreter> target_interpreter(const CommandLine& command_line);

// The interpreter's default scheme when no --prefix, --root or directory
// override is given.
SchemeChoice scheme_choice(const ParsedArguments& arguments);

// --quiet wins over --verbose.
Verbosity verbosity_of(const ParsedArguments& arguments);

// --fsync, else not --no-fsync and the configuration's fsync (default off).
bool fsync_of(const CommandLine& command_line);

// How locks are waited for: --lock-timeout SECONDS, else the
// configuration's lock-timeout, else forever; silent with -q.
Result<LockWait> lock_wait_of(const CommandLine& command_line);

struct SchemeContext {
  Interpreter interpreter;
  Scheme scheme;
};

// Where the scheme is rooted: --user (the user base: PYTHONUSERBASE, else
// ~/.local, as Python's site module computes it on POSIX), --target DIR, or
// --prefix DIR (nullopt: the interpreter's own scheme). Absolute.
struct SchemePlacement {
  std::optional<std::string> prefix;
  SchemeKind kind = SchemeKind::standard;
};
SchemePlacement scheme_placement(const ParsedArguments& arguments);

// The target interpreter and its scheme for --prefix and --root, with the
// per-directory overrides applied (the headers directory is the scheme's
// for no project in particular).
Result<SchemeContext> scheme_context(const CommandLine& command_line);

// Prints "whlinst: error: MESSAGE" and returns 1. MESSAGE goes through
// printable_name (utf8.h) whole: whatever a wheel or the disk put in it, the
// error stays one line and cannot drive the terminal.
int report_failure(const std::string& message);

// Prints the one line "whlinst: error: MESSAGE (see whlinst NAME --help)"
// and returns 2.
int report_usage_error(const std::string& message, const CommandSyntax& syntax);

} // namespace whlinst
