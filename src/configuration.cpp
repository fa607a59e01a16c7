#include "configuration.h"

#include "file_system.h"
#include "paths.h"
#include "size_value.h"

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

template <typename T> Result<T> as(const Table& value, const Location& where, const char* expected) {
  try {
    return toml::get<T>(value);
  } catch (const toml::type_error&) {
    return error_at(where, std::string("expected ") + expected);
  }
}

Result<std::vector<int>> optimize_levels(const Table& value, const Location& where) {
  TRY_ASSIGN(levels, as<std::vector<int>>(value, where, "a list of levels, e.g. [0, 1]"));
  for (int level : levels)
    if (level < 0 || level > 2)
      return error_at(where, "optimize: levels are 0, 1 or 2");
  return levels;
}

template <auto Member> Status set_bool(Configuration& config, const Table& value, const Location& where) {
  TRY_ASSIGN(flag, as<bool>(value, where, "true or false"));
  config.*Member = flag;
  return {};
}

template <auto Member> Status set_string(Configuration& config, const Table& value, const Location& where) {
  TRY_ASSIGN(text, as<std::string>(value, where, "a string"));
  config.*Member = text;
  return {};
}

template <auto Member> Status set_path(Configuration& config, const Table& value, const Location& where) {
  TRY_ASSIGN(path, as<std::string>(value, where, "a file path"));
  config.*Member = path;
  return {};
}

Status set_optimize(Configuration& config, const Table& value, const Location& where) {
  TRY_ASSIGN(levels, optimize_levels(value, where));
  config.optimize = levels;
  return {};
}

Status set_invalidation_mode(Configuration& config, const Table& value, const Location& where) {
  TRY_ASSIGN(name, as<std::string>(value, where, "a string"));
  auto mode = invalidation_mode_named(name);
  if (!mode)
    return error_at(where, mode.error().message);
  config.invalidation_mode = *mode;
  return {};
}

Status set_jobs(Configuration& config, const Table& value, const Location& where) {
  TRY_ASSIGN(jobs, as<int>(value, where, "a number"));
  if (jobs < 0 || jobs > 1024)
    return error_at(where, "jobs: expected 0 (all cores) to 1024");
  config.jobs = static_cast<unsigned>(jobs);
  return {};
}

// A number of bytes, or a string with a unit ("2GiB", see size_value.h).
Status set_max_unpacked_size(Configuration& config, const Table& value, const Location& where) {
  std::string text;
  if (value.is_integer())
    text = std::to_string(value.as_integer());
  else if (value.is_string())
    text = value.as_string().str;
  else
    return error_at(where, "max-unpacked-size: expected a number of bytes or a string such as \"2GiB\"");
  auto size = parse_size(text);
  if (!size)
    return error_at(where, "max-unpacked-size: " + size.error().message);
  config.max_unpacked_size = *size;
  return {};
}

Status set_max_compression_ratio(Configuration& config, const Table& value, const Location& where) {
  if (!value.is_integer() || value.as_integer() < 1)
    return error_at(where, "max-compression-ratio: expected a whole number above 0");
  config.max_compression_ratio = static_cast<uint64_t>(value.as_integer());
  return {};
}

// Seconds, integer or fractional, not negative.
Status set_lock_timeout(Configuration& config, const Table& value, const Location& where) {
  double seconds = value.is_integer() ? static_cast<double>(value.as_integer())
                   : value.is_floating() ? value.as_floating()
                                         : -1;
  if (!(seconds >= 0 && seconds <= 1e9))
    return error_at(where, "lock-timeout: expected a number of seconds");
  config.lock_timeout = seconds;
  return {};
}

struct Key {
  std::string_view name;
  Status (*apply)(Configuration&, const Table&, const Location&);
};

constexpr Key kKeys[] = {
    {"python", set_string<&Configuration::python>},
    {"compile", set_bool<&Configuration::compile>},
    {"optimize", set_optimize},
    {"invalidation-mode", set_invalidation_mode},
    {"jobs", set_jobs},
    {"installer", set_string<&Configuration::installer>},
    {"requested", set_bool<&Configuration::requested>},
    {"direct-url", set_string<&Configuration::direct_url>},
    {"ignore-requires-python", set_bool<&Configuration::ignore_requires_python>},
    {"report", set_path<&Configuration::report>},
    {"sbom", set_path<&Configuration::sbom>},
    {"fsync", set_bool<&Configuration::fsync>},
    {"max-unpacked-size", set_max_unpacked_size},
    {"max-compression-ratio", set_max_compression_ratio},
    {"lock-timeout", set_lock_timeout},
    {"break-system-packages", set_bool<&Configuration::break_system_packages>},
};

Status apply_key(Configuration& config, std::string key, const Table& value, const Location& where) {
  std::replace(key.begin(), key.end(), '_', '-');
  for (const Key& known : kKeys)
    if (known.name == key)
      return known.apply(config, value, where);
  return error_at(where, "unknown key '" + key + "'");
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
