#include "fresh_trees.h"

#include "paths.h"

#include <set>

namespace whlinst {

namespace {
class RootFinder {
public:
  explicit RootFinder(const std::function<bool(const std::string&)>& directory_exists)
      : directory_exists_(directory_exists) {}

  // The highest missing ancestor-or-self of `directory`, "" if it exists.
  // Ancestors first: below a missing directory nothing exists, so a fresh
  // tree's directories are not asked about, only its root.
  std::string root_of(const std::string& directory) {
    auto known = roots_.find(directory);
    if (known != roots_.end())
      return known->second;
    std::string root;
    std::string parent = parent_path(directory);
    if (!directory.empty() && parent != directory) {
      root = root_of(parent);
      if (root.empty() && !directory_exists_(directory))
        root = directory;
    }
    roots_[directory] = root;
    return root;
  }

private:
  const std::function<bool(const std::string&)>& directory_exists_;
  std::map<std::string, std::string> roots_;
};
} // namespace

std::vector<std::string> find_fresh_roots(const std::vector<std::string_view>& files,
                                          const std::function<bool(const std::string&)>& directory_exists) {
  std::set<std::string> directories;
  for (std::string_view file : files)
    directories.insert(parent_path(file));
  return fresh_roots_of_directories(directories, directory_exists);
}

std::vector<std::string> fresh_roots_of_directories(const std::set<std::string>& directories,
                                                    const std::function<bool(const std::string&)>& directory_exists) {
  RootFinder finder(directory_exists);
  std::set<std::string> roots;
  for (const std::string& directory : directories) {
    std::string root = finder.root_of(directory);
    if (!root.empty())
      roots.insert(root);
  }
  return std::vector<std::string>(roots.begin(), roots.end());
}

std::vector<DiskPath> FreshTrees::roots() const {
  std::vector<DiskPath> roots;
  for (const auto& [root, hidden] : hidden_)
    roots.emplace_back(root);
  return roots;
}

FreshTrees::Trees::const_iterator FreshTrees::tree_of(std::string_view path) const {
  if (hidden_.empty())
    return hidden_.end();
  for (size_t slash = path.rfind('/'); slash != std::string_view::npos && slash > 0;
       slash = path.rfind('/', slash - 1)) {
    auto tree = hidden_.find(path.substr(0, slash));
    if (tree != hidden_.end())
      return tree;
  }
  return hidden_.end();
}

std::optional<DiskPath> FreshTrees::write_path(const DiskPath& disk_path) const {
  const std::string& path = disk_path.str();
  auto tree = tree_of(path);
  if (tree == hidden_.end())
    return std::nullopt;
  return DiskPath(tree->second.str() + path.substr(tree->first.size()));
}

} // namespace whlinst
