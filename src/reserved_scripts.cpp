#include "reserved_scripts.h"

#include "text.h"

#include <algorithm>

namespace whlinst {

namespace {
bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view without_abi_flags(std::string_view name) {
  for (std::string_view flags : {"td", "t", "d"})
    if (ends_with(name, flags))
      return name.substr(0, name.size() - flags.size());
  return name;
}

// "python", "python3", "python3.N", the last two with ABI flags.
bool is_versioned_python(std::string_view name) {
  if (name == "python")
    return true;
  if (!starts_with(name, "python3"))
    return false;
  std::string_view rest = without_abi_flags(name.substr(7));
  return rest.empty() || (rest.front() == '.' && all_digits(rest.substr(1)));
}
} // namespace

ScriptNameKind classify_script_name(std::string_view name) {
  std::string lowered = to_lower(name);
  std::string_view bare = lowered;
  if (ends_with(bare, ".exe"))
    bare.remove_suffix(4);
  if (is_versioned_python(bare) || starts_with(bare, "pythonw") || starts_with(bare, "pypy") ||
      starts_with(bare, "graalpy"))
    return ScriptNameKind::interpreter;
  std::string_view stem = bare.substr(0, bare.find('.'));
  if (stem == "activate" || stem == "activate_this" || stem == "deactivate")
    return ScriptNameKind::activation;
  return ScriptNameKind::ordinary;
}

} // namespace whlinst
