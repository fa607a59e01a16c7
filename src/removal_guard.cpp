#include "removal_guard.h"

#include "file_system.h"
#include "paths.h"

#include <map>
#include <set>

namespace whlinst {

std::optional<std::string> RemovalGuard::refusal(const std::string& final_path) {
  std::string owner = scheme_.owning_directory(final_path);
  if (owner == "/")
    return std::string("outside the scheme directories");
  if (auto link = first_symlink(owner, final_path))
    return *link + " is a symbolic link";
  return std::nullopt;
}

std::optional<std::string> RemovalGuard::first_symlink(const std::string& owner, const std::string& final_path) {
  for (size_t slash = final_path.find('/', owner.size() + 1); slash != std::string::npos;
       slash = final_path.find('/', slash + 1)) {
    std::string directory = final_path.substr(0, slash);
    FileKind kind = kind_of(directory);
    if (kind == FileKind::symlink)
      return directory;
    if (kind == FileKind::missing)
      return std::nullopt;
  }
  return std::nullopt;
}

FileKind RemovalGuard::kind_of(const std::string& directory) {
  auto known = kinds_.find(directory);
  if (known != kinds_.end())
    return known->second;
  FileKind kind = file_kind(scheme_.on_disk(directory));
  kinds_.emplace(directory, kind);
  return kind;
}

Status check_no_symlinked_directory(const Scheme& scheme, const std::vector<std::string_view>& final_paths) {
  std::set<std::string> directories;
  for (std::string_view path : final_paths)
    directories.insert(parent_path(path));
  return check_no_symlinked_directories(scheme, directories);
}

Status check_no_symlinked_directories(const Scheme& scheme, const std::set<std::string>& directories) {
  RemovalGuard guard(scheme);
  for (const std::string& directory : directories) {
    std::string inside = join_path(directory, "-"); // a name in it: the directory itself is examined
    if (scheme.owning_directory(inside) == "/")
      continue; // not a place an install writes to
    if (auto refusal = guard.refusal(inside))
      return make_error(*refusal, ": not writing through it");
  }
  return {};
}

} // namespace whlinst
