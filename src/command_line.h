#pragma once
// Generic parsing of a command's arguments against a table of options:
// "--name VALUE", "--name=VALUE", "-x VALUE", "-xVALUE", flags, "--" ending
// options. Unknown options and missing values are usage errors.

#include "result.h"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace whlinst {

enum class TakesValue { no, yes };

struct OptionSpec {
  std::string_view long_name; // without "--"
  char short_name;            // 0 when none
  TakesValue takes_value;
  std::string_view help;
};

struct ParsedArguments {
  std::vector<std::string> positionals;
  std::map<std::string, std::vector<std::string>, std::less<>> values; // by long name
  bool has(std::string_view long_name) const { return values.count(long_name) != 0; }
  // The last value given, if any.
  std::optional<std::string> last(std::string_view long_name) const;
};

Result<ParsedArguments> parse_arguments(std::span<const std::string> arguments,
                                        std::span<const OptionSpec> options);

// "  --name VALUE   help" lines for a usage message.
std::string describe_options(std::span<const OptionSpec> options);

} // namespace whlinst
