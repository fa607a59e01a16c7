#pragma once
// What the commands acting on an installed scheme (uninstall, list, verify)
// share: the options that select the scheme and the target interpreter, and
// the error/usage reporting conventions of the CLI.

#include "command_line.h"
#include "interpreter.h"
#include "scheme.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// --prefix, --root, --python, -q, -v, -h; a command appends its own.
std::vector<OptionSpec> scheme_options(std::initializer_list<OptionSpec> extra);

struct SchemeContext {
  Interpreter interpreter;
  Scheme scheme;
};

Result<SchemeContext> scheme_context(const ParsedArguments& arguments);

// Parses arguments; on a usage error prints it and returns nullopt with
// `exit_status` 2; on --help prints usage and returns nullopt with 0.
std::optional<ParsedArguments> parse_command_line(const std::vector<std::string>& arguments,
                                                  const std::vector<OptionSpec>& options,
                                                  std::string_view usage, int& exit_status);

// Prints "whlinst: error: MESSAGE" and returns 1.
int report_failure(const std::string& message);

} // namespace whlinst
