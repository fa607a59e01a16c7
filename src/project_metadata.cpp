#include "project_metadata.h"

#include "text.h"

namespace whlinst {

namespace {
// Python's string.punctuation.
bool is_ascii_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

std::string field_or_empty(const Headers& metadata, std::string_view name) {
  const std::string* value = metadata.get(name);
  return value != nullptr ? *value : std::string();
}

std::string trimmed_field(const Headers& metadata, std::string_view name) {
  return std::string(trim(field_or_empty(metadata, name)));
}

std::string home_page_of(const Headers& metadata) {
  std::string home_page = trimmed_field(metadata, "Home-page");
  if (!home_page.empty())
    return home_page;
  for (const std::string& value : metadata.get_all("Project-URL")) {
    ProjectUrl url = parse_project_url(value);
    if (normalized_url_label(url.label) == "homepage" && !url.url.empty())
      return url.url;
  }
  return {};
}
} // namespace

ProjectMetadata project_metadata(const Headers& metadata) {
  ProjectMetadata project;
  project.name = field_or_empty(metadata, "Name");
  project.version = field_or_empty(metadata, "Version");
  project.summary = field_or_empty(metadata, "Summary");
  project.license_expression = trimmed_field(metadata, "License-Expression");
  project.license = field_or_empty(metadata, "License");
  for (const std::string& path : metadata.get_all("License-File"))
    project.license_files.emplace_back(trim(path));
  project.home_page = home_page_of(metadata);
  return project;
}

ProjectUrl parse_project_url(std::string_view value) {
  size_t comma = value.find(',');
  if (comma == std::string_view::npos)
    return {std::string(trim(value)), ""};
  return {std::string(trim(value.substr(0, comma))), std::string(trim(value.substr(comma + 1)))};
}

std::string normalized_url_label(std::string_view label) {
  std::string kept;
  for (char c : label)
    if (!is_ascii_punctuation(c) && !is_ascii_space(c))
      kept.push_back(c);
  return to_lower(kept);
}

} // namespace whlinst
