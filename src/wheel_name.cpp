#include "wheel_name.h"

#include "project_name.h"
#include "text.h"

#include <algorithm>

namespace whlinst {

namespace {

constexpr std::string_view kShapeError =
    "not a wheel file name (expected NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl)";

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

Result<std::vector<std::string>> parse_tag_set(std::string_view text, std::string_view what) {
  if (text.empty())
    return make_error("empty ", what);
  std::vector<std::string> tags;
  for (std::string_view tag : split(text, '.')) {
    if (tag.empty())
      return make_error("empty ", what, " in ", quoted(text));
    tags.emplace_back(tag);
  }
  return tags;
}

Status check_distribution(std::string_view distribution) {
  if (distribution.empty())
    return make_error("empty distribution name");
  std::string dashed(distribution);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  if (!is_valid_project_name(dashed))
    return make_error("invalid distribution name ", quoted(distribution));
  return Ok{};
}

Status check_version(std::string_view version) {
  if (version.empty())
    return make_error("empty version");
  if (version.find_first_of(" \t\r\n\f\v") != std::string_view::npos)
    return make_error("version ", quoted(version), " contains whitespace");
  return Ok{};
}

Status check_build_tag(std::string_view build_tag) {
  if (build_tag.empty())
    return make_error("empty build tag");
  if (build_tag.front() < '0' || build_tag.front() > '9')
    return make_error("build tag ", quoted(build_tag), " must start with a digit");
  return Ok{};
}

} // namespace

std::vector<std::string> WheelName::expanded_tags() const {
  std::vector<std::string> tags;
  for (const std::string& python : python_tags)
    for (const std::string& abi : abi_tags)
      for (const std::string& platform : platform_tags)
        tags.push_back(python + "-" + abi + "-" + platform);
  return tags;
}

std::string WheelName::project_key() const { return normalize_project_name(distribution); }

Result<WheelName> parse_wheel_name(std::string_view file_name) {
  constexpr std::string_view suffix = ".whl";
  if (!ends_with(file_name, suffix))
    return make_error(kShapeError);
  file_name.remove_suffix(suffix.size());
  std::vector<std::string_view> parts = split(file_name, '-');
  if (parts.size() != 5 && parts.size() != 6)
    return make_error(kShapeError);

  WheelName name;
  TRY(check_distribution(parts[0]));
  TRY(check_version(parts[1]));
  name.distribution = parts[0];
  name.version = parts[1];
  if (parts.size() == 6) {
    TRY(check_build_tag(parts[2]));
    name.build_tag = parts[2];
  }
  size_t tags_at = parts.size() - 3;
  TRY_ASSIGN(python_tags, parse_tag_set(parts[tags_at], "python tag"));
  TRY_ASSIGN(abi_tags, parse_tag_set(parts[tags_at + 1], "ABI tag"));
  TRY_ASSIGN(platform_tags, parse_tag_set(parts[tags_at + 2], "platform tag"));
  name.python_tags = std::move(python_tags);
  name.abi_tags = std::move(abi_tags);
  name.platform_tags = std::move(platform_tags);
  return name;
}

} // namespace whlinst
