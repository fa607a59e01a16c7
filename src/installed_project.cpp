#include "installed_project.h"

#include "bytecode.h"
#include "file_system.h"
#include "installed_record.h"
#include "paths.h"
#include "project_name.h"
#include "text.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>

namespace whlinst {

namespace {
// The project a directory entry of `lib_dir` describes, if it is a .dist-info.
std::optional<InstalledProject> project_of_entry(const std::string& lib_dir, const std::string& entry) {
  if (!ends_with(entry, ".dist-info") || starts_with(entry, "."))
    return std::nullopt;
  std::string_view stem = std::string_view(entry).substr(0, entry.size() - 10);
  size_t dash = stem.find('-');
  std::string version(dash == std::string_view::npos ? "" : stem.substr(dash + 1));
  return InstalledProject{join_path(lib_dir, entry), lib_dir, std::string(stem.substr(0, dash)), version};
}
} // namespace

Result<std::vector<InstalledProject>> installed_in(const std::string& root, const std::string& lib_dir) {
  std::vector<InstalledProject> found;
  TRY_ASSIGN(names, list_directory(reroot_path(root, lib_dir)));
  for (const std::string& entry : names)
    if (auto project = project_of_entry(lib_dir, entry))
      found.push_back(std::move(*project));
  return found;
}

Result<std::vector<InstalledProject>> find_installed(const Scheme& scheme, const std::string& project_key) {
  TRY_ASSIGN(all, all_installed(scheme));
  std::vector<InstalledProject> found;
  for (InstalledProject& project : all)
    if (normalize_project_name(project.name) == project_key)
      found.push_back(std::move(project));
  return found;
}

Result<std::vector<InstalledProject>> all_installed(const Scheme& scheme) {
  std::vector<InstalledProject> projects;
  for (const std::string& lib_dir : std::set<std::string>{scheme.purelib, scheme.platlib}) {
    TRY_ASSIGN(found, installed_in(scheme.root, lib_dir));
    projects.insert(projects.end(), found.begin(), found.end());
  }
  std::sort(projects.begin(), projects.end(),
            [](const auto& a, const auto& b) { return to_lower(a.name) < to_lower(b.name); });
  return projects;
}

namespace {
// The byte-compiled files of the sources `stems` (names without ".py") of
// the directory `directory` (final path) that exist: its __pycache__ is
// listed once, and an entry counts when it is STEM.CACHE_TAG.pyc or
// STEM.CACHE_TAG.opt-N.pyc for N 1 or 2. A 100,000-module project holds
// what is on disk, not three possible paths per module. When __pycache__
// cannot be listed (not missing: unreadable), every possible path.
void add_bytecode_of(std::vector<std::string>& files, const std::string& root, const std::string& directory,
                     const std::set<std::string_view>& stems, const std::string& cache_tag) {
  std::string cache_directory = join_path(directory, "__pycache__");
  auto names = list_directory(reroot_path(root, cache_directory));
  if (!names) {
    for (std::string_view stem : stems)
      for (int level = 0; level <= 2; ++level)
        files.push_back(cache_path_for(join_path(directory, std::string(stem) + ".py"), cache_tag, level));
    return;
  }
  for (const std::string& name : *names)
    if (auto stem = cached_source_stem(name, cache_tag); stem && stems.count(*stem) != 0)
      files.push_back(join_path(cache_directory, name));
}
} // namespace

Result<std::vector<std::string>> installed_files(const std::string& root,
                                                 const InstalledProject& project,
                                                 const std::string& cache_tag) {
  TRY_ASSIGN(files, read_installed_paths(root, project));
  std::map<std::string_view, std::set<std::string_view>> sources; // directory -> stems of its .py files
  for (const std::string& file : files)
    if (ends_with(file, ".py") && file.find('/') != std::string::npos) {
      std::string_view path = file;
      size_t slash = path.rfind('/');
      sources[path.substr(0, std::max<size_t>(slash, 1))].insert(path.substr(slash + 1, path.size() - slash - 4));
    }
  std::vector<std::string> bytecode;
  for (const auto& [directory, stems] : sources)
    add_bytecode_of(bytecode, root, std::string(directory), stems, cache_tag);
  sources.clear();
  files.insert(files.end(), std::make_move_iterator(bytecode.begin()), std::make_move_iterator(bytecode.end()));
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::string installer_of(const std::string& root, const InstalledProject& project) {
  auto text = read_file(reroot_path(root, join_path(project.dist_info_path, "INSTALLER")));
  if (!text)
    return "";
  std::string_view content = *text;
  return std::string(trim(content.substr(0, content.find('\n'))));
}

} // namespace whlinst
