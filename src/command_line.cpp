#include "command_line.h"

#include "text.h"

namespace whlinst {

namespace {
const OptionSpec* find_long(std::span<const OptionSpec> options, std::string_view name) {
  for (const OptionSpec& option : options)
    if (option.long_name == name)
      return &option;
  return nullptr;
}

const OptionSpec* find_short(std::span<const OptionSpec> options, char name) {
  for (const OptionSpec& option : options)
    if (option.short_name == name)
      return &option;
  return nullptr;
}

struct Cursor {
  std::span<const std::string> arguments;
  size_t index = 0;
};

Status take_option(Cursor& cursor, const OptionSpec* option, std::string_view spelled,
                   std::optional<std::string> inline_value, ParsedArguments& parsed) {
  if (option == nullptr)
    return make_error("unknown option '", std::string(spelled), "'");
  std::string key(option->long_name);
  if (option->takes_value == TakesValue::no) {
    if (inline_value)
      return make_error("option '", std::string(spelled), "' takes no value");
    parsed.values[key].push_back("");
    return {};
  }
  if (!inline_value) {
    if (cursor.index + 1 >= cursor.arguments.size())
      return make_error("option '", std::string(spelled), "' needs a value");
    inline_value = cursor.arguments[++cursor.index];
  }
  parsed.values[key].push_back(*inline_value);
  return {};
}

// "-x", "-xVALUE", or a cluster of flags "-vvv", "-qy" whose last letter
// may take the rest as its value ("-vj4").
Status take_short_options(Cursor& cursor, std::span<const OptionSpec> options, ParsedArguments& parsed) {
  const std::string& argument = cursor.arguments[cursor.index];
  for (size_t at = 1; at < argument.size(); ++at) {
    const OptionSpec* option = find_short(options, argument[at]);
    if (option == nullptr)
      return make_error("unknown option '", at == 1 ? argument : "-" + argument.substr(at, 1), "'");
    std::optional<std::string> value;
    if (option->takes_value == TakesValue::yes && at + 1 < argument.size())
      value = argument.substr(at + 1);
    TRY(take_option(cursor, option, "-" + argument.substr(at, 1), value, parsed));
    if (option->takes_value == TakesValue::yes)
      break;
  }
  return {};
}

Status take_argument(Cursor& cursor, std::span<const OptionSpec> options, ParsedArguments& parsed) {
  const std::string& argument = cursor.arguments[cursor.index];
  if (starts_with(argument, "--")) {
    size_t equals = argument.find('=');
    std::string name = argument.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    std::optional<std::string> value;
    if (equals != std::string::npos)
      value = argument.substr(equals + 1);
    return take_option(cursor, find_long(options, name), "--" + name, value, parsed);
  }
  if (argument.size() > 1 && argument[0] == '-')
    return take_short_options(cursor, options, parsed);
  parsed.positionals.push_back(argument);
  return {};
}
} // namespace

std::optional<std::string> ParsedArguments::last(std::string_view long_name) const {
  auto found = values.find(long_name);
  if (found == values.end() || found->second.empty())
    return std::nullopt;
  return found->second.back();
}

Result<ParsedArguments> parse_arguments(std::span<const std::string> arguments,
                                        std::span<const OptionSpec> options) {
  ParsedArguments parsed;
  Cursor cursor{arguments, 0};
  for (; cursor.index < arguments.size(); ++cursor.index) {
    if (arguments[cursor.index] == "--") {
      for (++cursor.index; cursor.index < arguments.size(); ++cursor.index)
        parsed.positionals.push_back(arguments[cursor.index]);
      break;
    }
    TRY(take_argument(cursor, options, parsed));
  }
  return parsed;
}

std::string describe_options(std::span<const OptionSpec> options) {
  std::string text;
  for (const OptionSpec& option : options) {
    std::string left = option.short_name ? std::string("-") + option.short_name + ", " : "    ";
    left += "--" + std::string(option.long_name);
    if (option.takes_value == TakesValue::yes)
      left += " VALUE";
    left.resize(std::max<size_t>(left.size() + 2, 34), ' ');
    text += "  " + left + std::string(option.help) + "\n";
  }
  return text;
}

} // namespace whlinst
