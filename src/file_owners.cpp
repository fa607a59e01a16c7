#include "file_owners.h"

#include "bytecode.h"
#include "installed_project.h"
#include "installed_record.h"
#include "paths.h"
#include "project_name.h"
#include "string_arena.h"
#include "text.h"

#include <cerrno>
#include <cstdint>
#include <unordered_map>

namespace whlinst {

namespace {
// The source a byte-compiled path of `cache_tag` would come from
// ("DIR/__pycache__/STEM.TAG[.opt-N].pyc" -> "DIR/STEM.py"), or "".
std::string source_of_cached(std::string_view path, const std::string& cache_tag) {
  std::string directory = parent_path(path);
  if (base_name(directory) != "__pycache__")
    return "";
  auto stem = cached_source_stem(base_name(path), cache_tag);
  return stem ? join_path(parent_path(directory), std::string(*stem) + ".py") : "";
}

// The batch, indexed by the listed path that makes a project own each entry
// (the path itself, and for a byte-compiled file its source): positions in
// the batch, under views of its paths or of sources kept in an arena. An
// uninstall of 100,000 files asks about all of them at once.
struct BatchIndex {
  StringArena sources;
  std::unordered_multimap<std::string_view, uint32_t> by_listed;
};

void index_batch(BatchIndex& index, const std::vector<std::string_view>& paths, const std::string& cache_tag) {
  index.by_listed.reserve(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    index.by_listed.emplace(paths[i], static_cast<uint32_t>(i));
    std::string source = source_of_cached(paths[i], cache_tag);
    if (!source.empty())
      index.by_listed.emplace(index.sources.add(source), static_cast<uint32_t>(i));
  }
}

// A RECORD that is there but could not be read (EMFILE, EIO, EACCES...),
// unlike one that is missing (a project being removed) or does not parse.
bool is_unreadable(const Error& error) {
  return error.system_error != 0 && error.system_error != ENOENT && error.system_error != ENOTDIR;
}

bool is_cached_form_of(std::string_view path, const std::string& source, const std::string& cache_tag) {
  for (int level = 0; level <= 2; ++level)
    if (cache_path_for(source, cache_tag, level) == path)
      return true;
  return false;
}
} // namespace

FileOwners::FileOwners(const Scheme& scheme, std::string excluded_key, std::string cache_tag)
    : scheme_(scheme), excluded_key_(std::move(excluded_key)), cache_tag_(std::move(cache_tag)) {}

Result<OwnerByPath> FileOwners::owners_of(const std::vector<std::string_view>& final_paths) {
  OwnerByPath owners;
  if (final_paths.empty())
    return owners;
  BatchIndex index;
  index_batch(index, final_paths, cache_tag_);
  TRY_ASSIGN(projects, all_installed(scheme_));
  for (const InstalledProject& project : projects) {
    if (normalize_project_name(project.name) == excluded_key_)
      continue;
    auto listed = read_installed_paths(scheme_.root, project);
    ++records_read_;
    if (!listed && is_unreadable(listed.error()))
      return make_error("cannot tell which files ", project.name, " ", project.version,
                        " owns: ", listed.error().message);
    if (!listed)
      continue;
    std::string owner = project.name + " " + project.version;
    for (const std::string& path : *listed) {
      auto [first, last] = index.by_listed.equal_range(path);
      for (auto found = first; found != last; ++found) {
        std::string_view asked = final_paths[found->second];
        if (asked == path || is_cached_form_of(asked, path, cache_tag_))
          owners.try_emplace(std::string(asked), owner);
      }
    }
  }
  return owners;
}

} // namespace whlinst
