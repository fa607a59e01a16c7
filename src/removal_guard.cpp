#include "removal_guard.h"

#include "file_system.h"
#include "paths.h"

#include <set>

namespace whlinst {

std::optional<std::string> removal_refusal(const Scheme& scheme, const std::string& final_path) {
  std::string owner = scheme.owning_directory(final_path);
  if (owner == "/")
    return std::string("outside the scheme directories");
  for (size_t slash = final_path.find('/', owner.size() + 1); slash != std::string::npos;
       slash = final_path.find('/', slash + 1)) {
    std::string directory = final_path.substr(0, slash);
    if (file_kind(scheme.on_disk(directory)) == FileKind::symlink)
      return directory + " is a symbolic link";
  }
  return std::nullopt;
}

Status check_no_symlinked_directory(const Scheme& scheme, const std::vector<std::string_view>& final_paths) {
  std::set<std::string> directories;
  for (std::string_view path : final_paths)
    directories.insert(parent_path(path));
  return check_no_symlinked_directories(scheme, directories);
}

Status check_no_symlinked_directories(const Scheme& scheme, const std::set<std::string>& directories) {
  for (const std::string& directory : directories) {
    std::string inside = join_path(directory, "-"); // a name in it: the directory itself is examined
    if (scheme.owning_directory(inside) == "/")
      continue; // not a place an install writes to
    if (auto refusal = removal_refusal(scheme, inside))
      return make_error(*refusal, ": not writing through it");
  }
  return {};
}

} // namespace whlinst
