#include "requirements_file.h"

#include "paths.h"
#include "text.h"

namespace whlinst {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> percent_decode(std::string_view text) {
  std::string decoded;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded.push_back(text[i]);
      continue;
    }
    int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0)
      return make_error("bad percent-encoding in '", std::string(text), "'");
    decoded.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return decoded;
}

// pip's rule: '#' at the start or after whitespace begins a comment.
std::string_view without_comment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i)
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
      return line.substr(0, i);
  return line;
}

Result<std::string> wheel_of_line(std::string_view line, const std::string& file_path) {
  size_t at = line.find(" @ ");
  if (at == std::string_view::npos)
    at = line.find('@');
  if (at != std::string_view::npos && line.find("://") != std::string_view::npos) {
    std::string_view url = trim(line.substr(line.find('@', at) + 1));
    url = url.substr(0, url.find(';'));
    return path_from_file_url(trim(url));
  }
  if (starts_with(line, "file:"))
    return path_from_file_url(line);
  if (starts_with(line, "-"))
    return make_error("options are not supported in requirements files: ", std::string(line));
  if (line.front() == '/')
    return std::string(line);
  return join_path(parent_path(file_path), line);
}
} // namespace

Result<std::string> path_from_file_url(std::string_view url) {
  if (!starts_with(url, "file://"))
    return make_error("only file:// URLs are supported: ", std::string(url));
  std::string_view rest = url.substr(7);
  if (starts_with(rest, "localhost/"))
    rest.remove_prefix(9);
  if (!starts_with(rest, "/"))
    return make_error("file URL with a host is not supported: ", std::string(url));
  return percent_decode(rest);
}

Result<std::vector<std::string>> parse_requirements_file(std::string_view text,
                                                         const std::string& file_path) {
  std::vector<std::string> wheels;
  size_t number = 0;
  for (std::string_view raw : split_lines(text)) {
    ++number;
    std::string_view line = trim(without_comment(raw));
    if (line.empty() || line.front() == '#')
      continue;
    auto wheel = wheel_of_line(line, file_path);
    if (!wheel)
      return make_error(file_path, ":", std::to_string(number), ": ", wheel.error().message);
    wheels.push_back(std::move(*wheel));
  }
  return wheels;
}

} // namespace whlinst
