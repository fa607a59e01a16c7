#include "ownership_check.h"

#include "file_system.h"
#include "hash.h"

#include <functional>
#include <set>
#include <string_view>

namespace whlinst {

namespace {
bool has_bytes_of(const std::string& disk_path, const ExpectedFile& file) {
  if (!file.algorithm)
    return false;
  auto digest = digest_file(disk_path, *file.algorithm);
  return digest && digest->base64url == file.digest() && (!file.size() || *file.size() == digest->size);
}

bool has_content(const std::string& disk_path, const std::string& content) {
  auto text = read_file(disk_path);
  return text && *text == content;
}

// A file the install writes over an existing regular file that is not the
// previous version's: a question for the owners.
struct Candidate {
  std::string final_path;
  std::function<bool(const std::string&)> same_bytes; // asked with the path on disk
};

// Whether an ancestor of `path` is one of `directories`.
bool under_one_of(std::string_view path, const std::set<std::string, std::less<>>& directories) {
  if (directories.empty())
    return false;
  for (size_t slash = path.rfind('/'); slash != std::string_view::npos && slash > 0; slash = path.rfind('/', slash - 1))
    if (directories.count(path.substr(0, slash)) != 0)
      return true;
  return false;
}

std::vector<Candidate> candidates(const InstallPlan& plan, const Scheme& scheme, const std::set<std::string>& previous,
                                  const std::vector<std::string>& missing_directories) {
  std::set<std::string, std::less<>> missing(missing_directories.begin(), missing_directories.end());
  std::vector<Candidate> found;
  auto consider = [&](const std::string& final_path, std::function<bool(const std::string&)> same_bytes) {
    if (previous.count(final_path) == 0 && !under_one_of(final_path, missing) &&
        file_kind(scheme.on_disk(final_path)) == FileKind::regular)
      found.push_back(Candidate{final_path, std::move(same_bytes)});
  };
  for (const Placement& placement : plan.placements)
    if (placement.role != FileRole::dist_info) {
      const ExpectedFile& file = *placement.file;
      consider(placement.destination(), [&file](const std::string& disk) { return has_bytes_of(disk, file); });
    }
  for (const GeneratedScript& script : plan.scripts)
    consider(script.destination, [&script](const std::string& disk) { return has_content(disk, script.content); });
  return found;
}
} // namespace

Result<std::vector<OverwrittenFile>> find_overwritten_files(const InstallPlan& plan, const Scheme& scheme,
                                                            const std::set<std::string>& previous, FileOwners& owners,
                                                            const std::vector<std::string>& missing_directories) {
  std::vector<Candidate> asked = candidates(plan, scheme, previous, missing_directories);
  std::vector<std::string_view> paths;
  for (const Candidate& candidate : asked)
    paths.push_back(candidate.final_path);
  TRY_ASSIGN(owner_by_path, owners.owners_of(paths));
  std::vector<OverwrittenFile> overwritten;
  for (const Candidate& candidate : asked) {
    auto owner = owner_by_path.find(candidate.final_path);
    if (owner != owner_by_path.end() && !candidate.same_bytes(scheme.on_disk(candidate.final_path).str()))
      overwritten.push_back(OverwrittenFile{candidate.final_path, owner->second});
  }
  return overwritten;
}

Result<std::vector<std::string>> ownership_warnings(const std::vector<OverwrittenFile>& overwritten,
                                                    OwnedFiles policy) {
  std::vector<std::string> warnings;
  for (const OverwrittenFile& file : overwritten) {
    if (policy == OwnedFiles::refuse)
      return make_error(file.path, ": already installed by ", file.owner,
                        " with other content (--overwrite replaces it)");
    warnings.push_back(file.path + ": replaces the file of " + file.owner + " (--overwrite)");
  }
  return warnings;
}

} // namespace whlinst
