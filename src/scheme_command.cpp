#include "scheme_command.h"

#include "target_interpreter.h"

#include <cstdio>

namespace whlinst {

std::vector<OptionSpec> scheme_options(std::initializer_list<OptionSpec> extra) {
  std::vector<OptionSpec> options = {
      {"prefix", 0, TakesValue::yes, "the scheme rooted at DIR"},
      {"root", 0, TakesValue::yes, "the scheme under the staging directory DIR"},
      {"python", 0, TakesValue::yes, "the target interpreter"},
      {"quiet", 'q', TakesValue::no, "print errors only"},
      {"verbose", 'v', TakesValue::no, "print more"},
      {"help", 'h', TakesValue::no, "show this help"},
  };
  options.insert(options.end(), extra.begin(), extra.end());
  return options;
}

Result<SchemeContext> scheme_context(const ParsedArguments& arguments) {
  auto prefix = arguments.last("prefix");
  TRY_ASSIGN(interpreter, find_target_interpreter(arguments.last("python"), prefix));
  SchemeRequest request;
  if (prefix)
    request.prefix = absolute_path(*prefix);
  if (auto root = arguments.last("root"))
    request.root = absolute_path(*root);
  TRY_ASSIGN(scheme, make_scheme(interpreter, request));
  return SchemeContext{std::move(interpreter), std::move(scheme)};
}

std::optional<ParsedArguments> parse_command_line(const std::vector<std::string>& arguments,
                                                  const std::vector<OptionSpec>& options,
                                                  std::string_view usage, int& exit_status) {
  auto parsed = parse_arguments(arguments, options);
  if (!parsed) {
    std::fprintf(stderr, "whlinst: error: %s\n%.*s\n", parsed.error().message.c_str(),
                 static_cast<int>(usage.size()), usage.data());
    exit_status = 2;
    return std::nullopt;
  }
  if (parsed->has("help")) {
    std::printf("%.*s\n\noptions:\n%s", static_cast<int>(usage.size()), usage.data(),
                describe_options(options).c_str());
    exit_status = 0;
    return std::nullopt;
  }
  return std::move(*parsed);
}

int report_failure(const std::string& message) {
  std::fprintf(stderr, "whlinst: error: %s\n", message.c_str());
  return 1;
}

} // namespace whlinst
