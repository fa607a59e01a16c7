#include "configuration.h"

#include "config_value.h"
#include "file_system.h"
#include "option_table.h"
#include "paths.h"

#include <algorithm>
#include <regex>
#include <toml.hpp>

namespace whlinst {

namespace {
using Table = toml::basic_value<toml::discard_comments, std::unordered_map, std::vector>;

struct Location {
  std::string file;
  unsigned line;
};

Error error_at(const Location& where, const std::string& message) {
  return make_error(where.file, ":", std::to_string(where.line), ": ", message);
}

// toml11 reports syntax errors over several lines; keep the first and the
// line number ("  3 | a = ?").
Error syntax_error(const std::string& path, const std::string& what) {
  std::smatch line;
  static const std::regex line_number(R"(\n\s*(\d+) \|)");
  std::string first = what.substr(0, what.find('\n'));
  if (auto tag = first.find("] "); tag != std::string::npos)
    first = first.substr(tag + 2);
  if (std::regex_search(what, line, line_number))
    return make_error(path, ":", line[1].str(), ": invalid TOML: ", first);
  return make_error(path, ": invalid TOML: ", first);
}

// The value as the option table's readers see it.
ConfigValue value_of(const Table& value) {
  if (value.is_boolean())
    return {value.as_boolean()};
  if (value.is_integer())
    return {value.as_integer()};
  if (value.is_floating())
    return {value.as_floating()};
  if (value.is_string())
    return {value.as_string().str};
  if (!value.is_array())
    return {};
  std::vector<int64_t> numbers;
  for (const Table& element : value.as_array()) {
    if (!element.is_integer())
      return {};
    numbers.push_back(element.as_integer());
  }
  return {std::move(numbers)};
}

Status apply_key(Configuration& config, std::string key, const Table& value, const Location& where) {
  std::replace(key.begin(), key.end(), '_', '-');
  const OptionDefinition* option = option_with_config_key(key);
  if (option == nullptr)
    return error_at(where, "unknown key '" + key + "'");
  if (Status applied = option->configure(config, value_of(value)); !applied)
    return error_at(where, applied.error().message);
  return {};
}
} // namespace

Result<InvalidationMode> invalidation_mode_named(const std::string& name) {
  if (name == "timestamp") return InvalidationMode::timestamp;
  if (name == "checked-hash") return InvalidationMode::checked_hash;
  if (name == "unchecked-hash") return InvalidationMode::unchecked_hash;
  return make_error("invalidation mode: expected timestamp, checked-hash or unchecked-hash, got '", name,
                    "'");
}

Result<Configuration> read_configuration(const std::string& path) {
  TRY_ASSIGN(text, read_file(path));
  Table data;
  try {
    std::istringstream stream(text);
    data = toml::parse<toml::discard_comments, std::unordered_map, std::vector>(stream, path);
  } catch (const toml::syntax_error& error) {
    return syntax_error(path, error.what());
  }
  Configuration config;
  for (const auto& [key, value] : data.as_table()) {
    Location where{path, static_cast<unsigned>(value.location().line())};
    TRY(apply_key(config, key, value, where));
  }
  return config;
}

Result<Configuration> read_prefix_configuration(const std::string& prefix) {
  std::string path = join_path(join_path(prefix, "etc"), "whlinst.toml");
  if (file_kind(path) == FileKind::missing)
    return Configuration{};
  return read_configuration(path);
}

} // namespace whlinst
