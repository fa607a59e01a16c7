#include "pylock_sources.h"

#include "paths.h"
#include "project_name.h"
#include "requirements_file.h"
#include "text.h"
#include "wheel_name.h"

#include <algorithm>

namespace whlinst {

std::string locked_file_base_name(std::string_view path_or_url) {
  size_t scheme = path_or_url.find("://");
  if (scheme == std::string_view::npos)
    return std::string(base_name(path_or_url));
  std::string_view rest = path_or_url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos)
    return "";
  // The percent-decoding of file:// URLs, applied to the URL's path.
  auto path = path_from_file_url("file://" + std::string(rest.substr(slash)));
  return path ? std::string(base_name(*path)) : "";
}

namespace {

bool is_hex_digest(std::string_view text) {
  return !text.empty() && text.size() % 2 == 0 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

// "hashes": a non-empty table of algorithm -> hexadecimal digest.
Result<std::map<std::string, std::string>> parse_hashes(const LockFields& fields) {
  TRY_ASSIGN(table, fields.table("hashes"));
  if (table == nullptr)
    return fields.error("", "missing required key 'hashes'");
  std::map<std::string, std::string> hashes;
  for (const auto& [algorithm, digest] : table->as_table()) {
    if (!digest.is_string() || !is_hex_digest(digest.as_string().str))
      return fields.error("hashes", "'" + algorithm + "' must be a hexadecimal digest");
    hashes[to_lower(algorithm)] = to_lower(digest.as_string().str);
  }
  if (hashes.empty())
    return fields.error("hashes", "must list at least one hash");
  return hashes;
}

enum class LockedFileKind { wheel, sdist, archive };

Result<LockedFile> parse_locked_file(const LockFields& fields, LockedFileKind kind) {
  if (kind == LockedFileKind::archive)
    TRY(fields.check_keys({"url", "path", "size", "upload-time", "hashes", "subdirectory"}));
  else
    TRY(fields.check_keys({"name", "url", "path", "size", "upload-time", "hashes"}));
  LockedFile file;
  TRY_ASSIGN(url, fields.string("url"));
  TRY_ASSIGN(path, fields.string("path"));
  if (!url && !path)
    return fields.error("", "'path' or 'url' is required");
  file.url = url.value_or("");
  file.path = path.value_or("");
  TRY_ASSIGN(size, fields.size("size"));
  file.size = size;
  TRY_ASSIGN(upload_time, fields.datetime("upload-time"));
  file.upload_time = upload_time.value_or("");
  TRY_ASSIGN(hashes, parse_hashes(fields));
  file.hashes = std::move(hashes);
  TRY_ASSIGN(subdirectory, fields.string("subdirectory"));
  file.subdirectory = subdirectory.value_or("");
  TRY_ASSIGN(name, fields.string("name"));
  file.name = name ? *name : locked_file_base_name(path ? *path : *url);
  if (file.name.empty() && kind != LockedFileKind::archive)
    return fields.error("", "'name' is required when the path or URL does not end in the file name");
  return file;
}

Result<LockedVcs> parse_locked_vcs(const LockFields& fields) {
  TRY(fields.check_keys({"type", "url", "path", "requested-revision", "commit-id", "subdirectory"}));
  LockedVcs vcs;
  TRY_ASSIGN(type, fields.required_string("type"));
  TRY_ASSIGN(url, fields.string("url"));
  TRY_ASSIGN(path, fields.string("path"));
  if (!url && !path)
    return fields.error("", "'path' or 'url' is required");
  TRY_ASSIGN(requested, fields.string("requested-revision"));
  TRY_ASSIGN(commit, fields.required_string("commit-id"));
  TRY_ASSIGN(subdirectory, fields.string("subdirectory"));
  return LockedVcs{type, url.value_or(""), path.value_or(""), requested.value_or(""), commit,
                   subdirectory.value_or("")};
}

Result<LockedDirectory> parse_locked_directory(const LockFields& fields) {
  TRY(fields.check_keys({"path", "editable", "subdirectory"}));
  TRY_ASSIGN(path, fields.required_string("path"));
  TRY_ASSIGN(editable, fields.boolean("editable", false));
  TRY_ASSIGN(subdirectory, fields.string("subdirectory"));
  return LockedDirectory{path, editable, subdirectory.value_or("")};
}

// Reads the table `key` of `package` with `parse`, into `into`.
template <typename T, typename Parse>
Status read_source(const LockFields& package, std::string_view key, Parse parse, std::optional<T>& into) {
  TRY_ASSIGN(table, package.table(key));
  if (table == nullptr)
    return {};
  LockFields fields(*table, package.context_of(key), package.unknown_keys(), package.warnings());
  TRY_ASSIGN(value, parse(fields));
  into = std::move(value);
  return {};
}

Status read_wheels(const LockFields& package_fields, LockedPackage& package) {
  TRY_ASSIGN(tables, package_fields.tables("wheels"));
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string key = "wheels[" + std::to_string(i) + "]";
    LockFields fields(*tables[i], package_fields.context_of(key), package_fields.unknown_keys(),
                      package_fields.warnings());
    TRY_ASSIGN(wheel, parse_locked_file(fields, LockedFileKind::wheel));
    package.wheels.push_back(std::move(wheel));
  }
  return {};
}

// The wheel's file name is valid and names the package (and its version,
// when the package has one).
Status check_wheel_name(const LockFields& fields, const LockedPackage& package, size_t i) {
  std::string key = "wheels[" + std::to_string(i) + "]";
  const std::string& file = package.wheels[i].name;
  auto name = parse_wheel_name(file);
  if (!name)
    return fields.error(key, "'" + file + "': " + name.error().message);
  if (name->project_key() != package.name)
    return fields.error(key, "'" + file + "' is not a wheel of '" + package.name + "'");
  if (!package.parsed_version)
    return {};
  auto version = parse_version(name->version);
  if (!version || *version != *package.parsed_version)
    return fields.error(key, "'" + file + "' is not version " + package.version);
  return {};
}

Status check_source_combination(const LockFields& fields, const LockedPackage& package) {
  int direct = int(package.vcs.has_value()) + int(package.directory.has_value()) + int(package.archive.has_value());
  bool distributions = package.sdist.has_value() || !package.wheels.empty();
  if (distributions && direct > 0)
    return fields.error("", "vcs, directory and archive cannot be combined with sdist or wheels");
  if (!distributions && direct != 1)
    return fields.error("", direct == 0 ? "no source: one of vcs, directory, archive, sdist or wheels is required"
                                        : "only one of vcs, directory and archive can be given");
  return {};
}

} // namespace

Status parse_package_sources(const LockFields& fields, LockedPackage& package) {
  TRY(read_source<LockedVcs>(fields, "vcs", parse_locked_vcs, package.vcs));
  TRY(read_source<LockedDirectory>(fields, "directory", parse_locked_directory, package.directory));
  auto archive = [](const LockFields& f) { return parse_locked_file(f, LockedFileKind::archive); };
  TRY(read_source<LockedFile>(fields, "archive", archive, package.archive));
  auto sdist = [](const LockFields& f) { return parse_locked_file(f, LockedFileKind::sdist); };
  TRY(read_source<LockedFile>(fields, "sdist", sdist, package.sdist));
  TRY(read_wheels(fields, package));
  for (size_t i = 0; i < package.wheels.size(); ++i)
    TRY(check_wheel_name(fields, package, i));
  return check_source_combination(fields, package);
}

} // namespace whlinst
