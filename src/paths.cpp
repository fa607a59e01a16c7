#include "paths.h"

#include "text.h"

#include <vector>

namespace whlinst {

std::string join_path(std::string_view base, std::string_view rest) {
  if (base.empty())
    return std::string(rest);
  if (rest.empty())
    return std::string(base);
  std::string joined(base);
  if (joined.back() != '/')
    joined.push_back('/');
  joined.append(rest);
  return joined;
}

std::string parent_path(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos)
    return "";
  if (slash == 0)
    return "/";
  return std::string(path.substr(0, slash));
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

namespace {
std::vector<std::string_view> normalized_parts(std::string_view path, bool absolute) {
  std::vector<std::string_view> parts;
  for (std::string_view part : split(path, '/')) {
    if (part.empty() || part == ".")
      continue;
    if (part == ".." && !parts.empty() && parts.back() != "..")
      parts.pop_back();
    else if (part != ".." || !absolute)
      parts.push_back(part);
  }
  return parts;
}

std::string join_parts(const std::vector<std::string_view>& parts, size_t from) {
  std::string joined;
  for (size_t i = from; i < parts.size(); ++i) {
    if (!joined.empty())
      joined.push_back('/');
    joined.append(parts[i]);
  }
  return joined;
}
} // namespace

std::string normalize_path(std::string_view path) {
  bool absolute = starts_with(path, "/");
  std::string joined = join_parts(normalized_parts(path, absolute), 0);
  if (absolute)
    return "/" + joined;
  return joined.empty() ? "." : joined;
}

std::string relative_path(std::string_view path, std::string_view base) {
  auto path_parts = normalized_parts(path, true);
  auto base_parts = normalized_parts(base, true);
  size_t common = 0;
  while (common < path_parts.size() && common < base_parts.size() &&
         path_parts[common] == base_parts[common])
    ++common;
  std::string relative;
  for (size_t i = common; i < base_parts.size(); ++i)
    relative = join_path(relative, "..");
  relative = join_path(relative, join_parts(path_parts, common));
  return relative.empty() ? "." : relative;
}

std::string reroot_path(std::string_view root, std::string_view path) {
  if (root.empty())
    return std::string(path);
  while (starts_with(path, "/"))
    path.remove_prefix(1);
  return join_path(root, path);
}

} // namespace whlinst
