#include "requirement_names.h"

#include "text.h"
#include "wheel_name.h"

#include <cctype>

namespace whlinst {

namespace {
bool name_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

std::string_view without_comment(std::string_view line) {
  for (size_t at = line.find('#'); at != std::string_view::npos; at = line.find('#', at + 1))
    if (at == 0 || line[at - 1] == ' ' || line[at - 1] == '\t')
      return line.substr(0, at);
  return line;
}

// The project of a wheel file named by a path or URL, or "".
std::string wheel_project(std::string_view requirement) {
  if (!ends_with(requirement, ".whl"))
    return "";
  std::string_view file = requirement.substr(requirement.rfind('/') + 1);
  auto name = parse_wheel_name(file);
  return name ? name->distribution : "";
}

Result<std::string> name_of(std::string_view requirement) {
  std::string project = wheel_project(requirement);
  if (!project.empty() && requirement.find_first_of(" @;") == std::string_view::npos)
    return project;
  size_t end = 0;
  while (end < requirement.size() && name_character(requirement[end]))
    ++end;
  std::string_view name = requirement.substr(0, end);
  bool valid = !name.empty() && std::isalnum(static_cast<unsigned char>(name.front())) &&
               std::isalnum(static_cast<unsigned char>(name.back()));
  std::string_view rest = trim(requirement.substr(end));
  if (!valid || (!rest.empty() && std::string_view("[(<>=!~;@").find(rest.front()) == std::string_view::npos))
    return make_error("not a requirement: '", std::string(requirement), "'");
  return std::string(name);
}
} // namespace

Result<std::vector<std::string>> project_names_in_requirements(std::string_view text,
                                                               const std::string& file_path) {
  std::vector<std::string> names;
  std::string logical;
  size_t line_number = 0, first_line = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (logical.empty())
      first_line = line_number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (!line.empty() && line.back() == '\\') {
      logical += line.substr(0, line.size() - 1);
      continue;
    }
    logical += line;
    std::string_view requirement = trim(without_comment(logical));
    if (!requirement.empty() && requirement.front() != '-') {
      auto name = name_of(requirement);
      if (!name)
        return make_error(file_path, ":", std::to_string(first_line), ": ", name.error().message);
      names.push_back(std::move(*name));
    }
    logical.clear();
  }
  return names;
}

} // namespace whlinst
