#include "installed_record.h"

#include "file_system.h"
#include "paths.h"

namespace whlinst {

std::string installed_path(std::string_view lib_dir, std::string_view record_path) {
  bool absolute = !record_path.empty() && record_path.front() == '/';
  return normalize_path(absolute ? std::string(record_path) : join_path(lib_dir, record_path));
}

InstalledRecord resolve_installed_rows(ParsedRecord record, std::string_view lib_dir) {
  InstalledRecord resolved{std::move(record.text), {}};
  resolved.rows.reserve(record.rows.size());
  for (const RecordRow& row : record.rows)
    resolved.rows.push_back({installed_path(lib_dir, row.path), row});
  return resolved;
}

namespace {
std::string record_path_of(const InstalledProject& project) { return join_path(project.dist_info_path, "RECORD"); }
} // namespace

Result<InstalledRecord> read_installed_record(const std::string& root, const InstalledProject& project) {
  std::string record_path = record_path_of(project);
  TRY_ASSIGN(text, read_file(reroot_path(root, record_path)));
  auto rows = parse_record(std::move(text));
  if (!rows)
    return make_error(record_path, ": ", rows.error().message);
  return resolve_installed_rows(std::move(*rows), project.lib_dir);
}

Result<std::vector<std::string>> read_installed_paths(const std::string& root, const InstalledProject& project) {
  std::string record_path = record_path_of(project);
  TRY_ASSIGN(text, read_file(reroot_path(root, record_path)));
  std::vector<std::string> paths;
  Status parsed = for_each_record_row(text, [&](const RecordRow& row) {
    paths.push_back(installed_path(project.lib_dir, row.path));
    return Status{};
  });
  if (!parsed)
    return make_error(record_path, ": ", parsed.error().message);
  return paths;
}

} // namespace whlinst
