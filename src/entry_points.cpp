#include "entry_points.h"

#include "project_name.h"
#include "text.h"

#include <algorithm>

namespace whlinst {

namespace {

std::string line_prefix(size_t line) { return "line " + std::to_string(line) + ": "; }

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_identifier_char(char c) { return is_identifier_start(c) || (c >= '0' && c <= '9'); }

bool is_identifier(std::string_view text) {
  if (text.empty() || !is_identifier_start(text.front()))
    return false;
  for (char c : text)
    if (!is_identifier_char(c))
      return false;
  return true;
}

bool is_dotted_identifier(std::string_view text) {
  for (std::string_view part : split(text, '.'))
    if (!is_identifier(part))
      return false;
  return true;
}

bool parse_extras(std::string_view text, std::vector<std::string>& extras) {
  for (std::string_view extra : split(text, ',')) {
    extra = trim(extra);
    if (!is_valid_project_name(extra))
      return false;
    extras.emplace_back(extra);
  }
  return true;
}

// Fills module, attribute and extras from `value`; false when malformed.
bool parse_value(std::string_view value, EntryPoint& entry_point) {
  std::string_view reference = value;
  size_t bracket = value.find('[');
  if (bracket != std::string_view::npos) {
    if (value.back() != ']')
      return false;
    reference = value.substr(0, bracket);
    std::string_view extras = value.substr(bracket + 1, value.size() - bracket - 2);
    if (!parse_extras(extras, entry_point.extras))
      return false;
  }
  size_t colon = reference.find(':');
  entry_point.module = trim(reference.substr(0, colon));
  if (colon != std::string_view::npos) {
    entry_point.attribute = trim(reference.substr(colon + 1));
    if (!is_dotted_identifier(entry_point.attribute))
      return false;
  }
  return is_dotted_identifier(entry_point.module);
}

Result<EntryPoint> parse_entry(std::string_view line, size_t number, const std::string& group) {
  if (group.empty())
    return make_error(line_prefix(number), "entry point outside a [group] section");
  size_t equals = line.find('=');
  if (equals == std::string_view::npos)
    return make_error(line_prefix(number), "expected 'name = value'");
  EntryPoint entry_point;
  entry_point.group = group;
  entry_point.name = trim(line.substr(0, equals));
  entry_point.value = trim(line.substr(equals + 1));
  if (entry_point.name.empty())
    return make_error(line_prefix(number), "empty entry point name");
  if (!parse_value(entry_point.value, entry_point))
    return make_error(line_prefix(number), "malformed entry point value '", entry_point.value,
                      "' (expected module[:attr] [[extra, ...]])");
  return entry_point;
}

Result<std::string> parse_section(std::string_view line, size_t number) {
  std::string_view group = line.substr(1, line.size() >= 2 ? line.size() - 2 : 0);
  if (line.size() < 3 || line.back() != ']' || trim(group).empty() ||
      group.find_first_of("[]") != std::string_view::npos)
    return make_error(line_prefix(number), "malformed section header '", line, "'");
  return std::string(group);
}

} // namespace

Result<std::vector<EntryPoint>> parse_entry_points(std::string_view text) {
  std::vector<EntryPoint> entry_points;
  std::string group;
  std::vector<std::string_view> lines = split_lines(text);
  for (size_t index = 0; index < lines.size(); ++index) {
    std::string_view line = trim(lines[index]);
    if (line.empty() || line.front() == '#' || line.front() == ';')
      continue;
    if (line.front() == '[') {
      TRY_ASSIGN(section, parse_section(line, index + 1));
      group = std::move(section);
      continue;
    }
    TRY_ASSIGN(entry_point, parse_entry(line, index + 1, group));
    entry_points.push_back(std::move(entry_point));
  }
  return entry_points;
}

std::vector<EntryPoint> scripts_of_group(const std::vector<EntryPoint>& entry_points,
                                         std::string_view group) {
  std::vector<EntryPoint> scripts;
  for (const EntryPoint& entry_point : entry_points) {
    if (entry_point.group != group)
      continue;
    auto same_name = [&](const EntryPoint& seen) { return seen.name == entry_point.name; };
    auto seen = std::find_if(scripts.begin(), scripts.end(), same_name);
    if (seen == scripts.end())
      scripts.push_back(entry_point);
    else
      *seen = entry_point;
  }
  return scripts;
}

} // namespace whlinst
