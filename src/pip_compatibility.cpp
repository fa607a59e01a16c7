#include "pip_compatibility.h"

#include "project_name.h"
#include "text.h"
#include "wheel_name.h"

#include <algorithm>
#include <initializer_list>

namespace whlinst {

namespace {
// pip's general options ("pip [general options] COMMAND ...").
constexpr std::string_view kGeneralFlags[] = {
    "--verbose", "--quiet", "--isolated", "--no-input", "--no-cache-dir", "--disable-pip-version-check",
    "--no-color", "--no-python-version-warning"};
constexpr std::string_view kGeneralWithValue[] = {"--python", "--cache-dir", "--timeout", "--retries",
                                                  "--exists-action"};

template <size_t N> bool one_of(std::string_view word, const std::string_view (&names)[N]) {
  return std::find(std::begin(names), std::end(names), word) != std::end(names);
}

// How many words a leading general option takes (0: not one).
size_t general_option_words(std::string_view word) {
  if (word.size() > 1 && word[0] == '-' && word[1] != '-')
    return word.find_first_not_of("vq", 1) == std::string_view::npos ? 1 : 0;
  std::string_view name = word.substr(0, word.find('='));
  if (one_of(name, kGeneralFlags))
    return name.size() == word.size() ? 1 : 0;
  if (one_of(name, kGeneralWithValue))
    return name.size() == word.size() ? 2 : 1;
  return 0;
}

Status check_choice(const ParsedArguments& arguments, std::string_view option,
                    std::initializer_list<std::string_view> choices) {
  auto found = arguments.values.find(option);
  if (found == arguments.values.end())
    return {};
  for (const std::string& value : found->second)
    if (std::find(choices.begin(), choices.end(), value) == choices.end())
      return make_error("--", std::string(option), ": invalid choice '", value, "' (choose from ",
                        join(std::vector<std::string>(choices.begin(), choices.end()), ", "), ")");
  return {};
}

// The project a positional argument names when it is a wheel file.
std::string wheel_project(const std::string& argument) {
  std::string_view name = argument;
  if (size_t slash = name.rfind('/'); slash != std::string_view::npos)
    name = name.substr(slash + 1);
  auto parsed = parse_wheel_name(name);
  return parsed ? parsed->project_key() : "";
}

// pip's --no-binary: ":all:", ":none:" or comma-separated names; each value
// adds to (or, for :none:, clears) the set. Only wheels can be installed, so
// a wheel excluded by it cannot be installed at all.
Status check_no_binary(const ParsedArguments& arguments) {
  auto found = arguments.values.find("no-binary");
  if (found == arguments.values.end())
    return {};
  std::vector<std::string> excluded;
  for (const std::string& value : found->second)
    for (std::string_view part : split(value, ',')) {
      std::string name(trim(part));
      if (name == ":none:")
        excluded.clear();
      else if (!name.empty())
        excluded.push_back(name == ":all:" ? name : normalize_project_name(name));
    }
  bool all = std::find(excluded.begin(), excluded.end(), ":all:") != excluded.end();
  if (all && (!arguments.positionals.empty() || arguments.has("requirement")))
    return make_error("--no-binary :all: excludes every wheel, and whlinst installs only wheels");
  for (const std::string& argument : arguments.positionals) {
    std::string project = wheel_project(argument);
    if (!project.empty() && std::find(excluded.begin(), excluded.end(), project) != excluded.end())
      return make_error("--no-binary ", project, " excludes the wheel ", argument,
                        ", and whlinst installs only wheels");
  }
  return {};
}

// Moves every value of `from` to the end of `to`'s values.
void rename_option(ParsedArguments& arguments, std::string_view from, const std::string& to) {
  auto found = arguments.values.find(from);
  if (found == arguments.values.end())
    return;
  std::vector<std::string>& target = arguments.values[to];
  target.insert(target.end(), found->second.begin(), found->second.end());
  arguments.values.erase(found);
}

Status rename_compile_bytecode(ParsedArguments& arguments) {
  auto found = arguments.values.find("compile-bytecode");
  if (found != arguments.values.end()) {
    arguments.values["optimize"].push_back(join(found->second, ","));
    arguments.values["compile"].push_back("");
    arguments.values.erase(found);
  }
  if (arguments.has("compile") && arguments.has("no-compile-bytecode"))
    return make_error("--compile-bytecode and --no-compile-bytecode contradict each other");
  rename_option(arguments, "no-compile-bytecode", "no-compile");
  return {};
}

Status check_conflicts(const ParsedArguments& arguments) {
  if (arguments.has("destdir") && arguments.has("root"))
    return make_error("--destdir is another name for --root: give one of them");
  if (arguments.has("interpreter") && arguments.has("python"))
    return make_error("--interpreter is another name for --python: give one of them");
  constexpr std::string_view kPlacements[] = {"user", "target", "prefix"};
  for (size_t i = 0; i < std::size(kPlacements); ++i)
    for (size_t j = i + 1; j < std::size(kPlacements); ++j)
      if (arguments.has(kPlacements[i]) && arguments.has(kPlacements[j]))
        return make_error("--", kPlacements[i], " and --", kPlacements[j], " cannot be combined");
  return {};
}
} // namespace


std::vector<std::string> command_word_first(const std::vector<std::string>& arguments,
                                            bool (*is_command)(std::string_view)) {
  size_t index = 0;
  while (index < arguments.size()) {
    size_t words = general_option_words(arguments[index]);
    if (words == 0)
      break;
    index += words;
  }
  if (index == 0 || index >= arguments.size() || !is_command(arguments[index]))
    return arguments;
  std::vector<std::string> reordered{arguments[index]};
  reordered.insert(reordered.end(), arguments.begin(), arguments.begin() + index);
  reordered.insert(reordered.end(), arguments.begin() + index + 1, arguments.end());
  return reordered;
}

Status apply_pip_compatibility(ParsedArguments& arguments) {
  TRY(check_choice(arguments, "progress-bar", {"on", "off", "raw"}));
  TRY(check_choice(arguments, "upgrade-strategy", {"only-if-needed", "eager"}));
  TRY(check_choice(arguments, "root-user-action", {"warn", "ignore"}));
  TRY(check_choice(arguments, "exists-action", {"s", "i", "w", "b", "a"}));
  TRY(check_no_binary(arguments));
  TRY(check_conflicts(arguments));
  rename_option(arguments, "ignore-installed", "overwrite");
  rename_option(arguments, "destdir", "root");
  rename_option(arguments, "interpreter", "python");
  return rename_compile_bytecode(arguments);
}

} // namespace whlinst
