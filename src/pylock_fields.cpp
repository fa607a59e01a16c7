#include "pylock_fields.h"

#include <algorithm>
#include <sstream>

namespace whlinst {

LockFields::LockFields(const TomlValue& value, std::string context, UnknownKeys unknown_keys,
                       std::vector<std::string>& warnings)
    : value_(value), context_(std::move(context)), unknown_keys_(unknown_keys), warnings_(warnings) {}

Error LockFields::error(std::string_view key, std::string_view what) const {
  return make_error(context_, key, key.empty() ? "" : ": ", what);
}

std::string LockFields::context_of(std::string_view key) const {
  return context_ + std::string(key) + ": ";
}

const TomlValue* LockFields::find(std::string_view key) const {
  const auto& table = value_.as_table();
  auto found = table.find(std::string(key));
  return found == table.end() ? nullptr : &found->second;
}

namespace {
Error type_error(const std::string& context, std::string_view key, std::string_view expected) {
  return make_error(context, key, " must be ", expected);
}
} // namespace

Result<std::optional<std::string>> LockFields::string(std::string_view key) const {
  const TomlValue* value = find(key);
  if (value == nullptr)
    return std::optional<std::string>();
  if (!value->is_string())
    return type_error(context_, key, "a string");
  return std::optional<std::string>(value->as_string().str);
}

Result<std::string> LockFields::required_string(std::string_view key) const {
  TRY_ASSIGN(text, string(key));
  if (!text)
    return make_error(context_, "missing required key '", key, "'");
  return *text;
}

Result<std::vector<std::string>> LockFields::strings(std::string_view key) const {
  std::vector<std::string> texts;
  const TomlValue* value = find(key);
  if (value == nullptr)
    return texts;
  if (!value->is_array())
    return type_error(context_, key, "an array of strings");
  for (const TomlValue& item : value->as_array()) {
    if (!item.is_string())
      return type_error(context_, key, "an array of strings");
    texts.push_back(item.as_string().str);
  }
  return texts;
}

Result<std::optional<uint64_t>> LockFields::size(std::string_view key) const {
  const TomlValue* value = find(key);
  if (value == nullptr)
    return std::optional<uint64_t>();
  if (!value->is_integer())
    return type_error(context_, key, "an integer");
  if (value->as_integer() < 0)
    return error(key, "must not be negative");
  return std::optional<uint64_t>(static_cast<uint64_t>(value->as_integer()));
}

Result<bool> LockFields::boolean(std::string_view key, bool absent) const {
  const TomlValue* value = find(key);
  if (value == nullptr)
    return absent;
  if (!value->is_boolean())
    return type_error(context_, key, "true or false");
  return value->as_boolean();
}

Result<std::optional<std::string>> LockFields::datetime(std::string_view key) const {
  const TomlValue* value = find(key);
  if (value == nullptr)
    return std::optional<std::string>();
  if (!value->is_offset_datetime() && !value->is_local_datetime())
    return type_error(context_, key, "a datetime");
  return std::optional<std::string>(toml_spelling(*value));
}

Result<std::vector<const TomlValue*>> LockFields::tables(std::string_view key) const {
  std::vector<const TomlValue*> items;
  const TomlValue* value = find(key);
  if (value == nullptr)
    return items;
  if (!value->is_array())
    return type_error(context_, key, "an array of tables");
  for (const TomlValue& item : value->as_array()) {
    if (!item.is_table())
      return type_error(context_, key, "an array of tables");
    items.push_back(&item);
  }
  return items;
}

Result<const TomlValue*> LockFields::table(std::string_view key) const {
  const TomlValue* value = find(key);
  if (value != nullptr && !value->is_table())
    return type_error(context_, key, "a table");
  return value;
}

Status LockFields::check_keys(std::initializer_list<std::string_view> known) const {
  for (const auto& [key, value] : value_.as_table()) {
    if (key == "tool" || std::find(known.begin(), known.end(), key) != known.end())
      continue;
    if (unknown_keys_ == UnknownKeys::refuse)
      return make_error(context_, "unknown key '", key, "'");
    warnings_.push_back(context_ + "unknown key '" + key + "'");
  }
  return {};
}

namespace {
// The end of the string starting at `start` (a quote), past its closing
// quote(s); text.size() when it is not closed.
size_t string_end(std::string_view text, size_t start) {
  char quote = text[start];
  size_t width = text.substr(start, 3) == std::string(3, quote) ? 3 : 1;
  std::string_view delimiter = text.substr(start, width);
  for (size_t i = start + width; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
      continue;
    }
    if (text.substr(i, width) == delimiter)
      return i + width;
  }
  return text.size();
}
} // namespace

size_t toml_nesting_depth(std::string_view text) {
  size_t depth = 0;
  size_t deepest = 0;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"' || c == '\'') {
      i = string_end(text, i);
      continue;
    }
    if (c == '#')
      i = std::min(text.find('\n', i), text.size());
    else if (c == '[' || c == '{')
      deepest = std::max(deepest, ++depth);
    else if ((c == ']' || c == '}') && depth > 0)
      --depth;
    ++i;
  }
  return deepest;
}

std::string toml_spelling(const TomlValue& value) {
  if (value.is_string())
    return value.as_string().str;
  std::ostringstream out;
  out << value;
  std::string text = out.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  return text;
}

} // namespace whlinst
