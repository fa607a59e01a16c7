#include "installed_project.h"

#include "file_system.h"
#include "paths.h"
#include "project_name.h"
#include "record.h"
#include "text.h"

namespace whlinst {

Result<std::vector<InstalledProject>> find_installed(const std::string& root, const std::string& lib_dir,
                                                     const std::string& project_key) {
  std::vector<InstalledProject> found;
  TRY_ASSIGN(names, list_directory(reroot_path(root, lib_dir)));
  for (const std::string& entry : names) {
    if (!ends_with(entry, ".dist-info") || starts_with(entry, "."))
      continue;
    std::string_view stem = std::string_view(entry).substr(0, entry.size() - 10);
    size_t dash = stem.find('-');
    std::string_view name = stem.substr(0, dash);
    if (normalize_project_name(name) != project_key)
      continue;
    std::string version(dash == std::string_view::npos ? "" : stem.substr(dash + 1));
    found.push_back({join_path(lib_dir, entry), lib_dir, std::string(name), version});
  }
  return found;
}

Result<std::vector<std::string>> installed_files(const std::string& root,
                                                 const InstalledProject& project) {
  std::string record_path = join_path(project.dist_info_path, "RECORD");
  TRY_ASSIGN(text, read_file(reroot_path(root, record_path)));
  auto rows = parse_record(text);
  if (!rows)
    return make_error(record_path, ": ", rows.error().message);
  std::vector<std::string> files;
  for (const RecordRow& row : *rows) {
    std::string path = row.path.front() == '/' ? row.path : join_path(project.lib_dir, row.path);
    files.push_back(normalize_path(path));
  }
  return files;
}

} // namespace whlinst
