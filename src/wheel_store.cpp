#include "wheel_store.h"

#include "file_system.h"
#include "paths.h"
#include "requirements_file.h"
#include "target_interpreter.h"
#include "text.h"

#include <algorithm>

namespace whlinst {

namespace {
Result<std::string> location_path(const std::string& location) {
  if (location.find("://") == std::string::npos && !starts_with(location, "file:"))
    return absolute_path(location);
  auto path = path_from_file_url(location);
  if (!path)
    return make_error("--find-links ", location,
                      ": only local directories and file:// URLs are supported (whlinst never uses the network)");
  return absolute_path(*path);
}
} // namespace

void WheelStore::add(const std::string& path) {
  auto name = parse_wheel_name(base_name(path));
  if (!name)
    return;
  auto version = parse_version(name->version);
  if (!version)
    return;
  by_project_[name->project_key()].push_back(StoredWheel{path, std::move(*name), std::move(*version)});
}

Result<WheelStore> WheelStore::open(const std::vector<std::string>& locations) {
  WheelStore store;
  store.locations_ = locations;
  for (const std::string& location : locations) {
    TRY_ASSIGN(path, location_path(location));
    FileKind kind = target_kind(path);
    if (kind == FileKind::directory) {
      TRY_ASSIGN(names, list_directory(path));
      std::sort(names.begin(), names.end());
      for (const std::string& name : names)
        if (ends_with(name, ".whl") && target_kind(join_path(path, name)) == FileKind::regular)
          store.add(join_path(path, name));
    } else if (kind == FileKind::regular && ends_with(path, ".whl")) {
      store.add(path);
    } else {
      return make_error("--find-links ", location, ": no such directory");
    }
  }
  return store;
}

const std::vector<StoredWheel>& WheelStore::wheels_of(std::string_view project_key) const {
  static const std::vector<StoredWheel> none;
  auto found = by_project_.find(project_key);
  return found == by_project_.end() ? none : found->second;
}

} // namespace whlinst
