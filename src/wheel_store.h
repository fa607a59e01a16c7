#pragma once
// The wheels of the --find-links locations (pip's "find links": local
// directories and `file://` URLs of directories or of wheel files; never
// the network), indexed by normalized project name.

#include "result.h"
#include "version.h"
#include "wheel_name.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct StoredWheel {
  std::string path; // absolute
  WheelName name;
  Version version;
};

class WheelStore {
public:
  WheelStore() = default;

  // Lists every "*.whl" file of each location whose name parses (others
  // are skipped, as pip does). A location is a directory or a wheel file,
  // as a path or a `file://` URL. Errors: a URL of another scheme (`--find-links
  // URL: only local directories and file:// URLs are supported (whlinst never
  // uses the network)`), a location that does not exist.
  static Result<WheelStore> open(const std::vector<std::string>& locations);

  // The wheels of one project (key from normalize_project_name), in no
  // particular order; empty when none.
  const std::vector<StoredWheel>& wheels_of(std::string_view project_key) const;

  // The locations searched, as given.
  const std::vector<std::string>& locations() const { return locations_; }
  bool has_locations() const { return !locations_.empty(); }

private:
  std::vector<std::string> locations_;
  std::map<std::string, std::vector<StoredWheel>, std::less<>> by_project_;

  void add(const std::string& path);
};

} // namespace whlinst
