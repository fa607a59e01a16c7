#include "kind_changes.h"

#include "paths.h"
#include "text.h"

namespace whlinst {

namespace {
bool is_file_kind(FileKind kind) { return kind == FileKind::regular || kind == FileKind::symlink; }

// Previous files that are now directories: ancestors of new files.
void files_becoming_directories(const std::vector<std::string_view>& new_files,
                                const std::set<std::string>& previous_files, const DiskProbe& probe,
                                std::set<std::string>& found) {
  std::set<std::string> seen;
  for (std::string_view file : new_files)
    for (std::string directory = parent_path(file); !directory.empty() && directory != "/";
         directory = parent_path(directory)) {
      if (!seen.insert(directory).second)
        break;
      if (previous_files.count(directory) != 0 && is_file_kind(probe.kind(directory)))
        found.insert(directory);
    }
}

// Whether the directory `directory` holds previous files and nothing else.
Result<bool> only_previous_files(const std::string& directory, const std::set<std::string>& previous_files,
                                 const DiskProbe& probe) {
  TRY_ASSIGN(files, probe.files_under(directory));
  bool any = false;
  for (const std::string& file : files) {
    if (previous_files.count(file) == 0)
      return false;
    any = true;
  }
  return any;
}
} // namespace

Result<std::vector<std::string>> find_kind_changes(const std::vector<std::string_view>& new_files,
                                                   const std::set<std::string>& previous_files,
                                                   const DiskProbe& probe) {
  std::set<std::string> found;
  if (previous_files.empty())
    return std::vector<std::string>();
  files_becoming_directories(new_files, previous_files, probe, found);
  for (std::string_view new_file : new_files) {
    std::string file(new_file);
    if (probe.kind(file) != FileKind::directory)
      continue;
    TRY_ASSIGN(replaceable, only_previous_files(file, previous_files, probe));
    if (replaceable)
      found.insert(file);
  }
  return std::vector<std::string>(found.begin(), found.end());
}

bool under_any(const std::string& path, const std::vector<std::string>& hidden) {
  for (const std::string& root : hidden)
    if (path == root || starts_with(path, root + "/"))
      return true;
  return false;
}

} // namespace whlinst
