#include "project_name.h"

#include "text.h"

namespace whlinst {

namespace {

bool is_separator(char c) { return c == '-' || c == '_' || c == '.'; }

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

} // namespace

std::string normalize_project_name(std::string_view name) {
  std::string normalized;
  normalized.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    if (!is_separator(name[i])) {
      normalized.push_back(name[i]);
      continue;
    }
    normalized.push_back('-');
    while (i + 1 < name.size() && is_separator(name[i + 1]))
      ++i;
  }
  return to_lower(normalized);
}

bool is_valid_project_name(std::string_view name) {
  if (name.empty() || !is_alnum(name.front()) || !is_alnum(name.back()))
    return false;
  for (char c : name)
    if (!is_alnum(c) && !is_separator(c))
      return false;
  return true;
}

} // namespace whlinst
