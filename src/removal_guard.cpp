#include "removal_guard.h"

#include "file_system.h"
#include "paths.h"

namespace whlinst {

std::optional<std::string> removal_refusal(const Scheme& scheme, const std::string& final_path) {
  std::string owner = scheme.owning_directory(final_path);
  if (owner == "/")
    return std::string("outside the scheme directories");
  for (size_t slash = final_path.find('/', owner.size() + 1); slash != std::string::npos;
       slash = final_path.find('/', slash + 1)) {
    std::string directory = final_path.substr(0, slash);
    if (file_kind(scheme.on_disk(directory)) == FileKind::symlink)
      return directory + " is a symbolic link";
  }
  return std::nullopt;
}

} // namespace whlinst
