#include "installed_record.h"

#include "file_system.h"
#include "paths.h"

namespace whlinst {

std::string installed_path(std::string_view lib_dir, std::string_view record_path) {
  bool absolute = !record_path.empty() && record_path.front() == '/';
  return normalize_path(absolute ? std::string(record_path) : join_path(lib_dir, record_path));
}

std::vector<InstalledRow> resolve_installed_rows(std::vector<RecordRow> rows, std::string_view lib_dir) {
  std::vector<InstalledRow> resolved;
  resolved.reserve(rows.size());
  for (RecordRow& row : rows) {
    std::string path = installed_path(lib_dir, row.path);
    resolved.push_back({std::move(path), std::move(row)});
  }
  return resolved;
}

Result<std::vector<InstalledRow>> read_installed_record(const std::string& root, const InstalledProject& project) {
  std::string record_path = join_path(project.dist_info_path, "RECORD");
  TRY_ASSIGN(text, read_file(reroot_path(root, record_path)));
  auto rows = parse_record(text);
  if (!rows)
    return make_error(record_path, ": ", rows.error().message);
  return resolve_installed_rows(std::move(*rows), project.lib_dir);
}

} // namespace whlinst
