#include "configuration.h"

#include "file_system.h"
#include "paths.h"

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

Status apply_key(Configuration& config, std::string key, const Table& value, const Location& where) {
  std::replace(key.begin(), key.end(), '_', '-');
  if (key == "python") {
    TRY_ASSIGN(python, as<std::string>(value, where, "a string"));
    config.python = python;
  } else if (key == "compile") {
    TRY_ASSIGN(compile, as<bool>(value, where, "true or false"));
    config.compile = compile;
  } else if (key == "optimize") {
    TRY_ASSIGN(levels, optimize_levels(value, where));
    config.optimize = levels;
  } else if (key == "invalidation-mode") {
    TRY_ASSIGN(name, as<std::string>(value, where, "a string"));
    auto mode = invalidation_mode_named(name);
    if (!mode)
      return error_at(where, mode.error().message);
    config.invalidation_mode = *mode;
  } else if (key == "jobs") {
    TRY_ASSIGN(jobs, as<int>(value, where, "a number"));
    if (jobs < 0 || jobs > 1024)
      return error_at(where, "jobs: expected 0 (all cores) to 1024");
    config.jobs = static_cast<unsigned>(jobs);
  } else if (key == "installer") {
    TRY_ASSIGN(installer, as<std::string>(value, where, "a string"));
    config.installer = installer;
  } else if (key == "requested") {
    TRY_ASSIGN(requested, as<bool>(value, where, "true or false"));
    config.requested = requested;
  } else if (key == "direct-url") {
    TRY_ASSIGN(url, as<std::string>(value, where, "a string"));
    config.direct_url = url;
  } else if (key == "report" || key == "sbom") {
    TRY_ASSIGN(path, as<std::string>(value, where, "a file path"));
    (key == "report" ? config.report : config.sbom) = path;
  } else if (key == "ignore-requires-python") {
    TRY_ASSIGN(ignore, as<bool>(value, where, "true or false"));
    config.ignore_requires_python = ignore;
  } else {
    return error_at(where, "unknown key '" + key + "'");
  }
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
