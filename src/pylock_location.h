#pragma once
// Where the wheels chosen from a lock file are on disk (pylock.toml
// specification, "Installation" step 6, "Get the file"), offline: a wheel's
// `path`, its `file://` `url`, or its file name in a --find-links location.
// Reads only whether files exist.

#include "pylock.h"
#include "pylock_selection.h"
#include "result.h"
#include "wheel_store.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

// A wheel to install from a lock, found on disk, not yet verified
// (pylock_verification.h).
struct LockedWheel {
  std::string package;   // normalized project name
  std::string version;   // the package's version (or the wheel file name's)
  std::string file_name; // the wheel's file name, as the lock gives it
  std::string path;      // the file on disk
  std::optional<uint64_t> size;
  std::map<std::string, std::string> hashes; // algorithm -> lower-case hex, never empty
  // `archive`: a direct URL reference (the specification's [packages.archive]),
  // to be recorded with `url` in direct_url.json; `wheels`: from an index.
  LockedSource source = LockedSource::wheels;
  std::string url; // the lock's `url` for the file, "" when it has none
};

// The file of each selected wheel, in order: the first of (1) `path`,
// relative to the lock file's directory unless absolute, (2) the path of a
// `file://` `url`, (3) a wheel of that file name in `find_links`, that is a
// regular file (or a symbolic link to one). Error, naming the package and
// the file: `PATH: package 'six': six-1.16.0-py2.py3-none-any.whl: not found
// (looked at ...)`, with, for a URL of another scheme, `whlinst does not
// download: put the file in a --find-links directory`.
Result<std::vector<LockedWheel>> locate_locked_wheels(const PyLock& lock, const std::vector<SelectedWheel>& selected,
                                                      const WheelStore& find_links);

} // namespace whlinst
