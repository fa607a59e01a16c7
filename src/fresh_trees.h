#pragma once
// The directories an install brings that do not exist yet ("fresh trees"):
// on a fresh install, usually a package's whole top-level directory. Each is
// built under a hidden name beside its final path and renamed into place in
// one step (Transaction::begin_tree, put_tree_in_place), so its files are
// created under their own names, as unzip would, with no temporary name and
// no rename each. Files of directories that exist keep the per-file
// temporary-and-rename path (docs/design.md invariant 2).

#include "disk_path.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// For each of `files` (paths of files to create), its highest ancestor
// directory that does not exist, asking `directory_exists` at most once per
// directory and never below one that does not exist: the roots of the fresh
// trees, sorted, each once.
std::vector<std::string> find_fresh_roots(const std::vector<std::string_view>& files,
                                          const std::function<bool(const std::string&)>& directory_exists);
// The same given the directories holding the files.
std::vector<std::string> fresh_roots_of_directories(const std::set<std::string>& directories,
                                                    const std::function<bool(const std::string&)>& directory_exists);

// The fresh trees being built: each root (on disk) and the hidden directory
// its tree is built in.
class FreshTrees {
public:
  void add(const DiskPath& root, DiskPath hidden_root) { hidden_[root.str()] = std::move(hidden_root); }
  std::vector<DiskPath> roots() const;
  const DiskPath& hidden_root(const DiskPath& root) const { return hidden_.at(root.str()); }

  // Where to create `path`: its place in the hidden copy of its fresh tree,
  // or nothing when it lies in no fresh tree.
  std::optional<DiskPath> write_path(const DiskPath& path) const;
  // Whether `path` lies in a fresh tree (write_path gives it a place).
  bool holds(const DiskPath& path) const { return tree_of(path.str()) != hidden_.end(); }

private:
  using Trees = std::map<std::string, DiskPath, std::less<>>; // root -> hidden root
  // The tree `path` lies in, or end().
  Trees::const_iterator tree_of(std::string_view path) const;
  Trees hidden_;
};

} // namespace whlinst
