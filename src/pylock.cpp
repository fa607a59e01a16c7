#include "pylock.h"

#include "file_system.h"
#include "paths.h"
#include "project_name.h"
#include "pylock_fields.h"
#include "pylock_sources.h"
#include "text.h"

#include <charconv>
#include <sstream>

namespace whlinst {

bool is_pylock_file_name(std::string_view file_name) {
  if (file_name == "pylock.toml")
    return true;
  if (!starts_with(file_name, "pylock.") || !ends_with(file_name, ".toml") || file_name.size() <= 12)
    return false;
  std::string_view name = file_name.substr(7, file_name.size() - 12);
  return name.find('.') == std::string_view::npos;
}

namespace {

// toml11 reports a syntax error over several lines: "[error] what\n --> file
// \n   |\n 3 | text\n   |   ^ detail". Keeps "what" and the line number.
Error toml_syntax_error(const std::string& path, const std::string& what) {
  std::string first = what.substr(0, what.find('\n'));
  if (size_t tag = first.find("] "); tag != std::string::npos)
    first.erase(0, tag + 2);
  std::string line;
  for (std::string_view row : split_lines(what)) {
    std::string_view number = trim(row.substr(0, row.find('|')));
    if (row.find('|') != std::string_view::npos && !number.empty() &&
        number.find_first_not_of("0123456789") == std::string_view::npos) {
      line = std::string(number);
      break;
    }
  }
  return line.empty() ? make_error(path, ": invalid TOML: ", first)
                      : make_error(path, ":", line, ": invalid TOML: ", first);
}

// Deep enough for any lock (a wheel's hashes are at depth 4).
constexpr size_t kMaxNesting = 64;

Result<TomlValue> parse_toml(std::string_view text, const std::string& path) {
  if (size_t invalid = first_invalid_utf8(text); invalid != std::string_view::npos)
    return make_error(path, ": invalid TOML: not UTF-8 at byte ", std::to_string(invalid));
  if (toml_nesting_depth(text) > kMaxNesting)
    return make_error(path, ": invalid TOML: arrays and tables nested deeper than ", std::to_string(kMaxNesting));
  try {
    std::istringstream stream{std::string(text)};
    return toml::parse<toml::discard_comments, std::map, std::vector>(stream, path);
  } catch (const toml::syntax_error& error) {
    return toml_syntax_error(path, error.what());
  } catch (const std::exception& error) {
    return toml_syntax_error(path, error.what());
  }
}

// "lock-version": "MAJOR.MINOR"; another major version is refused.
Status read_lock_version(const LockFields& fields, PyLock& lock) {
  TRY_ASSIGN(text, fields.required_string("lock-version"));
  auto parts = split(text, '.');
  auto number = [](std::string_view part, int& into) {
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), into);
    return !part.empty() && error == std::errc() && end == part.data() + part.size();
  };
  if (parts.size() != 2 || !number(parts[0], lock.major_version) || !number(parts[1], lock.minor_version))
    return fields.error("lock-version", "expected MAJOR.MINOR, got '" + text + "'");
  if (lock.major_version != kPylockMajorVersion)
    return fields.error("lock-version", text + " is not supported (whlinst reads " +
                                            std::to_string(kPylockMajorVersion) + ".x)");
  return {};
}

Result<std::optional<SpecifierSet>> read_specifiers(const LockFields& fields, std::string& text) {
  TRY_ASSIGN(value, fields.string("requires-python"));
  if (!value)
    return std::optional<SpecifierSet>();
  text = *value;
  auto specifiers = parse_specifier_set(text);
  if (!specifiers)
    return fields.error("requires-python", specifiers.error().message);
  return std::optional<SpecifierSet>(*specifiers);
}

Result<std::optional<Marker>> read_marker(const LockFields& fields, std::string& text) {
  TRY_ASSIGN(value, fields.string("marker"));
  if (!value)
    return std::optional<Marker>();
  text = *value;
  auto marker = Marker::parse(text);
  if (!marker)
    return fields.error("marker", marker.error().message);
  return std::optional<Marker>(*marker);
}

Status read_name(const LockFields& fields, LockedPackage& package) {
  TRY_ASSIGN(name, fields.required_string("name"));
  if (!is_valid_project_name(name))
    return fields.error("name", "invalid project name '" + name + "'");
  if (normalize_project_name(name) != name)
    return fields.error("name", "'" + name + "' is not normalized (expected '" + normalize_project_name(name) + "')");
  package.name = name;
  return {};
}

Status read_version(const LockFields& fields, LockedPackage& package) {
  TRY_ASSIGN(version, fields.string("version"));
  if (!version)
    return {};
  auto parsed = parse_version(*version);
  if (!parsed)
    return fields.error("version", parsed.error().message);
  package.version = *version;
  package.parsed_version = *parsed;
  return {};
}

Status read_dependencies(const LockFields& fields, LockedPackage& package) {
  TRY_ASSIGN(tables, fields.tables("dependencies"));
  for (const TomlValue* table : tables) {
    LockedDependency dependency;
    for (const auto& [key, value] : table->as_table())
      dependency.keys[key] = toml_spelling(value);
    package.dependencies.push_back(std::move(dependency));
  }
  return {};
}

Status check_attestation_identities(const LockFields& fields) {
  TRY_ASSIGN(tables, fields.tables("attestation-identities"));
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string key = "attestation-identities[" + std::to_string(i) + "]";
    std::vector<std::string> ignored;
    TRY(LockFields(*tables[i], fields.context_of(key), fields.unknown_keys(), ignored).required_string("kind"));
  }
  return {};
}

Result<LockedPackage> read_package(const TomlValue& table, size_t position, const PyLock& lock,
                                   std::vector<std::string>& warnings) {
  UnknownKeys unknown = lock.minor_version > kPylockMinorVersion ? UnknownKeys::warn : UnknownKeys::refuse;
  LockedPackage package;
  package.position = position;
  TRY(read_name(LockFields(table, lock.path + ": packages[" + std::to_string(position) + "]: ", unknown, warnings),
                package));
  LockFields fields(table, lock.path + ": package '" + package.name + "': ", unknown, warnings);
  TRY(fields.check_keys({"name", "version", "marker", "requires-python", "dependencies", "index", "vcs", "directory",
                         "archive", "sdist", "wheels", "attestation-identities"}));
  TRY(read_version(fields, package));
  TRY_ASSIGN(marker, read_marker(fields, package.marker));
  package.parsed_marker = std::move(marker);
  TRY_ASSIGN(requires_python, read_specifiers(fields, package.requires_python));
  package.parsed_requires_python = std::move(requires_python);
  TRY(read_dependencies(fields, package));
  TRY_ASSIGN(index, fields.string("index"));
  package.index = index.value_or("");
  TRY(check_attestation_identities(fields));
  TRY(parse_package_sources(fields, package));
  return package;
}

Status read_environments(const LockFields& fields, PyLock& lock) {
  TRY_ASSIGN(environments, fields.strings("environments"));
  for (const std::string& text : environments) {
    auto marker = Marker::parse(text);
    if (!marker)
      return fields.error("environments", marker.error().message);
    lock.parsed_environments.push_back(*marker);
  }
  lock.environments = std::move(environments);
  return {};
}

Status read_extras(const LockFields& fields, PyLock& lock) {
  TRY_ASSIGN(extras, fields.strings("extras"));
  for (const std::string& extra : extras) {
    if (!is_valid_project_name(extra))
      return fields.error("extras", "invalid extra name '" + extra + "'");
    lock.extras.push_back(normalize_project_name(extra));
  }
  TRY_ASSIGN(groups, fields.strings("dependency-groups"));
  lock.dependency_groups = std::move(groups);
  TRY_ASSIGN(defaults, fields.strings("default-groups"));
  lock.default_groups = std::move(defaults);
  return {};
}

Status read_top_level(const LockFields& fields, PyLock& lock) {
  TRY(fields.check_keys({"lock-version", "environments", "requires-python", "extras", "dependency-groups",
                         "default-groups", "created-by", "packages"}));
  TRY(read_environments(fields, lock));
  TRY_ASSIGN(requires_python, read_specifiers(fields, lock.requires_python));
  lock.parsed_requires_python = std::move(requires_python);
  TRY(read_extras(fields, lock));
  TRY_ASSIGN(created_by, fields.required_string("created-by"));
  lock.created_by = created_by;
  if (fields.find("packages") == nullptr)
    return fields.error("", "missing required key 'packages'");
  TRY_ASSIGN(packages, fields.tables("packages"));
  for (size_t i = 0; i < packages.size(); ++i) {
    TRY_ASSIGN(package, read_package(*packages[i], i, lock, lock.warnings));
    lock.packages.push_back(std::move(package));
  }
  return {};
}

Result<PyLock> parse_lock(std::string_view text, const std::string& path) {
  TRY_ASSIGN(document, parse_toml(text, path));
  PyLock lock;
  lock.path = path;
  LockFields version_fields(document, path + ": ", UnknownKeys::refuse, lock.warnings);
  TRY(read_lock_version(version_fields, lock));
  UnknownKeys unknown = lock.minor_version > kPylockMinorVersion ? UnknownKeys::warn : UnknownKeys::refuse;
  TRY(read_top_level(LockFields(document, path + ": ", unknown, lock.warnings), lock));
  for (std::string& warning : lock.warnings)
    warning = printable_name(warning);
  return lock;
}

} // namespace

Result<PyLock> parse_pylock(std::string_view text, const std::string& path) {
  return printable(parse_lock(text, path));
}

Result<PyLock> read_pylock(const std::string& path) {
  if (!is_pylock_file_name(base_name(path)))
    return printable<PyLock>(make_error(path, ": a lock file is named pylock.toml or pylock.NAME.toml (PEP 751)"));
  TRY_ASSIGN(text, printable(read_file(path)));
  return parse_pylock(text, path);
}

} // namespace whlinst
