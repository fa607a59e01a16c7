#include "headers.h"

#include "text.h"

namespace whlinst {

namespace {

struct Line {
  std::string_view text; // without its terminator
  size_t next;           // offset of the following line
};

Line line_at(std::string_view text, size_t pos) {
  size_t end = text.find('\n', pos);
  size_t next = end == std::string_view::npos ? text.size() : end + 1;
  std::string_view line =
      text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  return {line, next};
}

bool is_name_char(char c) { return c >= '!' && c <= '~' && c != ':'; }

// Length of the field name when `line` is a header line, else 0.
size_t header_name_length(std::string_view line) {
  size_t length = 0;
  while (length < line.size() && is_name_char(line[length]))
    ++length;
  return length < line.size() && line[length] == ':' ? length : 0;
}

std::string header_value(std::string_view rest) {
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
    rest.remove_prefix(1);
  return std::string(rest);
}

Status add_line(Headers& headers, std::string_view line, size_t number) {
  if (line.front() == ' ' || line.front() == '\t') {
    if (headers.fields.empty())
      return make_error("line ", std::to_string(number), ": continuation line before any header");
    headers.fields.back().second.append("\n").append(line);
    return Ok{};
  }
  size_t name_length = header_name_length(line);
  if (name_length == 0)
    return make_error("line ", std::to_string(number),
                      ": not a 'Name: value' header, a continuation line or an empty line");
  headers.fields.emplace_back(std::string(line.substr(0, name_length)),
                              header_value(line.substr(name_length + 1)));
  return Ok{};
}

} // namespace

const std::string* Headers::get(std::string_view name) const {
  std::string key = to_lower(name);
  for (const auto& [field_name, value] : fields)
    if (to_lower(field_name) == key)
      return &value;
  return nullptr;
}

std::vector<std::string> Headers::get_all(std::string_view name) const {
  std::string key = to_lower(name);
  std::vector<std::string> values;
  for (const auto& [field_name, value] : fields)
    if (to_lower(field_name) == key)
      values.push_back(value);
  return values;
}

Result<Headers> parse_headers(std::string_view text) {
  Headers headers;
  size_t pos = 0;
  for (size_t number = 1; pos < text.size(); ++number) {
    Line line = line_at(text, pos);
    pos = line.next;
    if (line.text.empty())
      break;
    TRY(add_line(headers, line.text, number));
  }
  headers.body = text.substr(pos);
  return headers;
}

} // namespace whlinst
