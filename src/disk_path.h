#pragma once
// Two kinds of absolute paths meet in an install. A final path is where a
// file lives for Python at run time: what the scheme, RECORD and the plan
// name. Its disk path is where whlinst writes it: the same path under
// --root when one is given (Scheme::on_disk). They are equal without
// --root, which is how mixing them up goes unnoticed; so a disk path is a
// type of its own, made only by Scheme::on_disk (or explicitly, for paths
// that are on disk by nature: a temporary, a hidden tree), and everything
// that touches the file system inside a transaction takes one. A final
// path handed to the transaction does not compile.

#include <compare>
#include <string>
#include <utility>

namespace whlinst {

class DiskPath {
public:
  DiskPath() = default;
  explicit DiskPath(std::string path) : path_(std::move(path)) {}

  const std::string& str() const { return path_; }
  bool empty() const { return path_.empty(); }

  friend bool operator==(const DiskPath&, const DiskPath&) = default;
  friend auto operator<=>(const DiskPath&, const DiskPath&) = default;

private:
  std::string path_;
};

} // namespace whlinst
