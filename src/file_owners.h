#pragma once
// Which installed project owns a path: the files of a project are the rows of
// its RECORD plus the byte-compiled files of its listed sources ("Recording
// installed projects" specification; installed_files). Asked about a batch
// of paths at once: nothing is read for an empty batch, so an install that
// writes no path already on disk reads no RECORD; otherwise every other
// project's RECORD is read once and its rows matched against the batch (no
// table of the whole environment is built). A project whose RECORD is
// missing or does not parse owns nothing; one whose RECORD is there but
// cannot be read (EMFILE, EIO, EACCES) is an error: its files are unknown.
//
// Not a prefix-wide lock: a project being installed at the same moment by
// another process is not seen until its .dist-info is visible.

#include "result.h"
#include "scheme.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace whlinst {

using OwnerByPath = std::unordered_map<std::string, std::string>; // final path -> "NAME VERSION"

class FileOwners {
public:
  // Projects whose name normalizes to `excluded_key` (the project being
  // installed or removed, any version) are never owners.
  FileOwners(const Scheme& scheme, std::string excluded_key, std::string cache_tag);

  // The owner of each of `final_paths` that an installed project (not the
  // excluded one) lists: the first in name order. Errors: the library
  // directories cannot be listed, a RECORD that is there cannot be read.
  Result<OwnerByPath> owners_of(const std::vector<std::string_view>& final_paths);

  // How many RECORD files were read so far.
  size_t records_read() const { return records_read_; }

private:
  const Scheme& scheme_;
  std::string excluded_key_;
  std::string cache_tag_;
  size_t records_read_ = 0;
};

} // namespace whlinst
