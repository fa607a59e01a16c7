#include "requirement.h"

#include "project_name.h"
#include "text.h"

#include <algorithm>

namespace whlinst {

namespace {
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}
bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view take_name(std::string_view& rest) {
  size_t end = 0;
  while (end < rest.size() && is_name_char(rest[end]))
    ++end;
  std::string_view name = rest.substr(0, end);
  rest = trim(rest.substr(end));
  return name;
}

Result<std::vector<std::string>> take_extras(std::string_view& rest) {
  std::vector<std::string> extras;
  if (rest.empty() || rest.front() != '[')
    return extras;
  size_t close = rest.find(']');
  if (close == std::string_view::npos)
    return make_error("missing ']' after the extras");
  std::string_view list = trim(rest.substr(1, close - 1));
  rest = trim(rest.substr(close + 1));
  if (list.empty())
    return extras;
  for (std::string_view part : split(list, ',')) {
    std::string extra(trim(part));
    if (!is_valid_project_name(extra))
      return make_error("invalid extra '", extra, "'");
    if (std::find(extras.begin(), extras.end(), extra) == extras.end())
      extras.push_back(extra);
  }
  return extras;
}

// "URL" or "URL ; MARKER": the marker separator needs whitespace before it,
// since ';' may appear in a URL.
Status take_url(std::string_view rest, Requirement& requirement, std::string_view& marker) {
  size_t end = 0;
  while (end < rest.size() && !is_space(rest[end]))
    ++end;
  requirement.url = std::string(rest.substr(0, end));
  if (requirement.url->empty())
    return make_error("missing URL after '@'");
  std::string_view after = trim(rest.substr(end));
  if (after.empty())
    return {};
  if (after.front() != ';')
    return make_error("expected ';' or the end after the URL");
  marker = after.substr(1);
  return {};
}

Status take_specifiers(std::string_view rest, Requirement& requirement, std::string_view& marker) {
  size_t semicolon = rest.find(';');
  std::string_view specifiers = trim(rest.substr(0, semicolon));
  if (semicolon != std::string_view::npos)
    marker = rest.substr(semicolon + 1);
  if (!specifiers.empty() && specifiers.front() == '(') {
    if (specifiers.back() != ')')
      return make_error("missing ')' after the version specifiers");
    specifiers = trim(specifiers.substr(1, specifiers.size() - 2));
  }
  if (!specifiers.empty() && std::string_view("<>=!~").find(specifiers.front()) == std::string_view::npos)
    return make_error("expected a version specifier, '@' or ';' at '", std::string(specifiers), "'");
  TRY_ASSIGN(set, parse_specifier_set(specifiers));
  requirement.specifiers = std::move(set);
  requirement.specifier_text = std::string(specifiers);
  return {};
}

Status parse_into(std::string_view text, Requirement& requirement) {
  std::string_view rest = trim(text);
  std::string_view name = take_name(rest);
  if (!is_valid_project_name(name))
    return make_error(name.empty() ? "expected a project name" : "invalid project name");
  requirement.name = std::string(name);
  TRY_ASSIGN(extras, take_extras(rest));
  requirement.extras = std::move(extras);
  std::string_view marker;
  bool has_marker = false;
  if (!rest.empty() && rest.front() == '@') {
    TRY(take_url(trim(rest.substr(1)), requirement, marker));
    has_marker = marker.data() != nullptr;
  } else {
    TRY(take_specifiers(rest, requirement, marker));
    has_marker = marker.data() != nullptr;
  }
  if (has_marker) {
    TRY_ASSIGN(parsed, Marker::parse(trim(marker)));
    requirement.marker = std::move(parsed);
  }
  return {};
}
} // namespace

std::string Requirement::project_key() const { return normalize_project_name(name); }

std::string Requirement::to_string() const {
  std::string text = name;
  if (!extras.empty())
    text += "[" + join(extras, ",") + "]";
  if (url)
    text += " @ " + *url;
  else
    text += specifier_text;
  if (marker)
    text += (url ? " ; " : "; ") + marker->to_string();
  return text;
}

Result<bool> Requirement::applies(const MarkerEnvironment& environment, const std::vector<std::string>& extras) const {
  if (!marker)
    return true;
  MarkerEnvironment with_extra = environment;
  with_extra.extra = "";
  TRY_ASSIGN(without, marker->evaluate(with_extra));
  if (without)
    return true;
  for (const std::string& extra : extras) {
    with_extra.extra = extra;
    TRY_ASSIGN(value, marker->evaluate(with_extra));
    if (value)
      return true;
  }
  return false;
}

Result<Requirement> parse_requirement(std::string_view text) {
  Requirement requirement;
  if (Status parsed = parse_into(text, requirement); !parsed)
    return make_error("invalid requirement '", std::string(trim(text)), "': ", parsed.error().message);
  return requirement;
}

} // namespace whlinst
