#include "unlisted_files.h"

#include "file_system.h"
#include "paths.h"
#include "text.h"

#include <algorithm>

namespace whlinst {

namespace {
// A package directory: strictly inside site-packages (the scripts and data
// directories are shared with files installed by other means).
bool in_library(const Scheme& scheme, const std::string& directory) {
  return starts_with(directory, scheme.purelib + "/") || starts_with(directory, scheme.platlib + "/");
}

// "__pycache__/mod.TAG[.opt-N].pyc" whose source "mod.py" is listed.
bool bytecode_of_listed(const std::string& path, const ListedPaths& listed) {
  std::string directory = parent_path(path);
  std::string_view name = base_name(path);
  if (base_name(directory) != "__pycache__" || !ends_with(name, ".pyc"))
    return false;
  std::string module(name.substr(0, name.find('.')));
  return listed.files.count(join_path(parent_path(directory), module + ".py")) != 0;
}
} // namespace

Result<ListedPaths> listed_paths(const Scheme& scheme, const std::vector<InstalledProject>& projects,
                                 const std::string& cache_tag) {
  ListedPaths listed;
  for (const InstalledProject& project : projects) {
    TRY_ASSIGN(files, installed_files(scheme.root, project, cache_tag));
    for (std::string& file : files) {
      for (std::string directory = parent_path(file);
           directory.size() > 1 && listed.directories.insert(directory).second;)
        directory = parent_path(directory);
      listed.files.insert(std::move(file));
    }
  }
  return listed;
}

Result<std::vector<std::string>> unlisted_files(const Scheme& scheme, const InstalledProject& project,
                                                const ListedPaths& listed, const std::string& cache_tag) {
  TRY_ASSIGN(files, installed_files(scheme.root, project, cache_tag));
  std::set<std::string> directories;
  for (const std::string& file : files)
    if (std::string directory = parent_path(file); in_library(scheme, directory))
      directories.insert(directory);
  std::vector<std::string> unlisted;
  for (const std::string& directory : directories) {
    TRY_ASSIGN(names, list_directory(scheme.on_disk(directory)));
    for (const std::string& name : names) {
      std::string path = join_path(directory, name);
      if (file_kind(scheme.on_disk(path)) == FileKind::directory) {
        if (listed.directories.count(path) == 0)
          unlisted.push_back(path + "/");
      } else if (listed.files.count(path) == 0 && !bytecode_of_listed(path, listed)) {
        unlisted.push_back(path);
      }
    }
  }
  std::sort(unlisted.begin(), unlisted.end());
  return unlisted;
}

} // namespace whlinst
