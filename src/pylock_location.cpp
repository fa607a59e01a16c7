#include "pylock_location.h"

#include "file_system.h"
#include "paths.h"
#include "requirements_file.h"
#include "text.h"

#include <algorithm>

namespace whlinst {

namespace {

// The places a locked file may be, in the order they are tried.
std::vector<std::string> places(const PyLock& lock, const SelectedWheel& wheel, const WheelStore& find_links) {
  std::vector<std::string> paths;
  const LockedFile& file = *wheel.file;
  if (!file.path.empty())
    paths.push_back(starts_with(file.path, "/") ? file.path : join_path(parent_path(lock.path), file.path));
  if (starts_with(file.url, "file:"))
    if (auto path = path_from_file_url(file.url))
      paths.push_back(*path);
  for (const StoredWheel& stored : find_links.wheels_of(wheel.package->name))
    if (base_name(stored.path) == file.name)
      paths.push_back(stored.path);
  return paths;
}

Error not_found(const PyLock& lock, const SelectedWheel& wheel, const std::vector<std::string>& looked_at) {
  const LockedFile& file = *wheel.file;
  std::string message = lock.path + ": package '" + wheel.package->name + "': " + file.name + ": not found";
  if (!looked_at.empty())
    message += " (looked at " + join(looked_at, ", ") + ")";
  if (!file.url.empty() && !starts_with(file.url, "file:"))
    message += "; it is at " + file.url + " and whlinst does not download: put the file in a --find-links directory";
  return Error(message);
}

Result<std::vector<LockedWheel>> locate(const PyLock& lock, const std::vector<SelectedWheel>& selected,
                                        const WheelStore& find_links) {
  std::vector<LockedWheel> located;
  for (const SelectedWheel& wheel : selected) {
    std::vector<std::string> candidates = places(lock, wheel, find_links);
    auto found = std::find_if(candidates.begin(), candidates.end(),
                              [](const std::string& path) { return target_kind(path) == FileKind::regular; });
    if (found == candidates.end())
      return not_found(lock, wheel, candidates);
    const LockedFile& file = *wheel.file;
    located.push_back(LockedWheel{wheel.package->name, wheel.version, file.name, *found, file.size, file.hashes,
                                  wheel.source, file.url});
  }
  return located;
}

} // namespace

Result<std::vector<LockedWheel>> locate_locked_wheels(const PyLock& lock, const std::vector<SelectedWheel>& selected,
                                                      const WheelStore& find_links) {
  return printable(locate(lock, selected, find_links));
}

} // namespace whlinst
