#include "removal_guard.h"

#include "file_system.h"
#include "paths.h"

#include <map>
#include <set>

namespace whlinst {

namespace {
// Looks for the first symbolic link among the directories between a scheme
// directory and a path, remembering what each directory was: checking many
// paths looks at each directory once. Nothing exists below a missing
// directory, so nothing there is looked at: a fresh tree costs one lstat.
class SymlinkSearch {
public:
  explicit SymlinkSearch(const Scheme& scheme) : scheme_(scheme) {}

  // The first symbolic link strictly between the scheme directory
  // `owner` and `final_path`, or nullopt.
  std::optional<std::string> first_symlink(const std::string& owner, const std::string& final_path) {
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

private:
  FileKind kind_of(const std::string& directory) {
    auto known = kinds_.find(directory);
    if (known != kinds_.end())
      return known->second;
    FileKind kind = file_kind(scheme_.on_disk(directory));
    kinds_.emplace(directory, kind);
    return kind;
  }

  const Scheme& scheme_;
  std::map<std::string, FileKind> kinds_;
};

std::optional<std::string> refusal_in(SymlinkSearch& search, const Scheme& scheme, const std::string& final_path) {
  std::string owner = scheme.owning_directory(final_path);
  if (owner == "/")
    return std::string("outside the scheme directories");
  if (auto link = search.first_symlink(owner, final_path))
    return *link + " is a symbolic link";
  return std::nullopt;
}
} // namespace

std::optional<std::string> removal_refusal(const Scheme& scheme, const std::string& final_path) {
  SymlinkSearch search(scheme);
  return refusal_in(search, scheme, final_path);
}

Status check_no_symlinked_directory(const Scheme& scheme, const std::vector<std::string_view>& final_paths) {
  std::set<std::string> directories;
  for (std::string_view path : final_paths)
    directories.insert(parent_path(path));
  return check_no_symlinked_directories(scheme, directories);
}

Status check_no_symlinked_directories(const Scheme& scheme, const std::set<std::string>& directories) {
  SymlinkSearch search(scheme);
  for (const std::string& directory : directories) {
    std::string inside = join_path(directory, "-"); // a name in it: the directory itself is examined
    if (scheme.owning_directory(inside) == "/")
      continue; // not a place an install writes to
    if (auto refusal = refusal_in(search, scheme, inside))
      return make_error(*refusal, ": not writing through it");
  }
  return {};
}

} // namespace whlinst
