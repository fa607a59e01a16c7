#pragma once
// Lock files: the PyPA "pylock.toml Specification" (PEP 751), read into
// plain values and validated. Pure apart from read_pylock(); what to install
// from a lock is decided in pylock_selection.h.

#include "markers.h"
#include "result.h"
#include "utf8.h"
#include "specifier.h"
#include "version.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// A file of a package: a wheel ([[packages.wheels]]), the sdist
// ([packages.sdist]) or an archive ([packages.archive]).
struct LockedFile {
  // `name`, or the last component of `path` or `url` when it is absent.
  std::string name;
  std::string url;  // as written, "" when absent
  std::string path; // as written (relative to the lock file's directory), "" when absent
  std::optional<uint64_t> size;
  std::string upload_time; // RFC 3339, as toml11 spells it (UTC as "Z"), "" when absent
  // Algorithm (lower case) -> hex digest (lower case); never empty.
  std::map<std::string, std::string> hashes;
  std::string subdirectory; // [packages.archive] only
};

// [packages.vcs]
struct LockedVcs {
  std::string type;
  std::string url;
  std::string path;
  std::string requested_revision;
  std::string commit_id;
  std::string subdirectory;
};

// [packages.directory]
struct LockedDirectory {
  std::string path;
  bool editable = false;
  std::string subdirectory;
};

// One entry of [[packages.dependencies]]: its keys, string values as they
// are, other values in their TOML spelling. Informational only (the
// specification forbids using it to install).
struct LockedDependency {
  std::map<std::string, std::string> keys;
};

// One [[packages]] entry.
struct LockedPackage {
  size_t position = 0; // index in [[packages]]
  std::string name;    // normalized, as the specification requires
  std::string version; // as written, "" when absent
  std::optional<Version> parsed_version;
  std::string marker; // as written, "" when absent
  std::optional<Marker> parsed_marker;
  std::string requires_python; // as written, "" when absent
  std::optional<SpecifierSet> parsed_requires_python;
  std::vector<LockedDependency> dependencies;
  std::string index;
  // The sources: exactly one of vcs, directory, archive; or an sdist
  // and/or wheels.
  std::optional<LockedVcs> vcs;
  std::optional<LockedDirectory> directory;
  std::optional<LockedFile> archive;
  std::optional<LockedFile> sdist;
  std::vector<LockedFile> wheels;
};

struct PyLock {
  std::string path; // as given to the parser, for messages
  int major_version = 1;
  int minor_version = 0;
  std::vector<std::string> environments; // marker texts
  std::vector<Marker> parsed_environments;
  std::string requires_python; // "" when absent
  std::optional<SpecifierSet> parsed_requires_python;
  std::vector<std::string> extras;            // normalized
  std::vector<std::string> dependency_groups; // as written
  std::vector<std::string> default_groups;    // as written
  std::string created_by;
  std::vector<LockedPackage> packages; // lock order
  // Unknown keys of a lock whose minor version is newer than whlinst's
  // ("lock-version": a tool SHOULD warn when an unknown key is seen).
  std::vector<std::string> warnings;
};

// `result`, its error's line made printable (printable_name): the texts of
// a lock may hold control characters. Every function of pylock*.h returns
// its errors so.
template <typename T> Result<T> printable(Result<T> result) {
  if (result)
    return result;
  Error error = result.take_error();
  error.message = printable_name(error.message);
  return error;
}

// The lock-version whlinst reads: 1.0.
inline constexpr int kPylockMajorVersion = 1;
inline constexpr int kPylockMinorVersion = 0;

// "File Name": `pylock.toml`, or `pylock.NAME.toml` with NAME non-empty and
// without '.'. `file_name` is a base name.
bool is_pylock_file_name(std::string_view file_name);

// Parses and validates a lock file's text. `path` names the file in errors,
// and its directory is where relative paths in the lock start (kept in
// PyLock::path). Refused: invalid TOML; a missing `lock-version`,
// `created-by` or `[[packages]]`; a lock-version of another major version
// or not MAJOR.MINOR; a value of the wrong type; a package name that is not
// normalized; an invalid marker, version or specifier; a source combination
// other than exactly one of vcs/directory/archive or sdist and/or wheels; a
// file without `path` or `url`, or whose name is not known (nor the last
// component of its path or URL); `hashes` that are not a non-empty table of
// algorithm -> hexadecimal digest; a wheel whose file name is invalid or
// names another project or version; in a 1.0 lock, an unknown key (in a
// newer 1.x lock it is a warning). `tool` tables are not read; the text must be UTF-8.
// Errors are one line: `PATH: package 'NAME': KEY: what is wrong`, e.g.
// `pylock.toml: package 'six': wheels[1]: size must be an integer`
// (`PATH: packages[N]: ...` while the name is not known).
Result<PyLock> parse_pylock(std::string_view text, const std::string& path);

// Checks the file name (is_pylock_file_name), reads the file and parses it.
Result<PyLock> read_pylock(const std::string& path);

} // namespace whlinst
