#pragma once
// One thing an install is asked to install, as written on the command line
// or on a line of a requirements file: a wheel file (a plain path, a
// `file://` URL, or a PEP 508 direct reference `NAME @ file:///...whl`) or a
// requirement resolved against the --find-links directories (`NAME`,
// `NAME==VER`, `NAME[extra]>=1; MARKER`), with the hashes it is pinned to.
// Pure functions, no I/O.

#include "hash.h"
#include "requirement.h"
#include "result.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// One allowed digest (pip's hash-checking mode): `--hash=ALGORITHM:HEX` or
// a `#ALGORITHM=HEX` URL fragment; sha256, sha384 or sha512.
struct PinnedHash {
  HashAlgorithm algorithm;
  std::string hex; // lower case
};

struct InstallInput {
  std::string text;   // as written, for messages
  std::string origin; // "FILE:LINE" for a requirements file line, "" for an argument
  std::optional<std::string> path;        // the wheel file, when one is named
  std::optional<Requirement> requirement; // the requirement, when one is written
  std::vector<PinnedHash> hashes;         // any of them must match the wheel file

  // "TEXT" or "FILE:LINE: TEXT", to begin an error message.
  std::string describe() const;
  // The project it names, as written: the requirement's name, or the
  // distribution of the wheel file's name. Error: `not a wheel file name: FILE`.
  Result<std::string> project_name() const;
};

// Reads `text`: a path when it ends in ".whl" or contains '/' (relative
// paths are relative to `base_directory`), a `file://` URL, a requirement
// otherwise (a direct reference with a file:// URL gives both the path and
// the requirement). A `#sha256=HEX` fragment of a URL becomes a pinned hash.
// URLs of other schemes, editables and directories are refused.
Result<InstallInput> parse_install_input(std::string_view text, const std::string& base_directory);

// Parses "ALGORITHM:HEX" (the value of --hash). Error: `invalid --hash 'TEXT'...`.
Result<PinnedHash> parse_pinned_hash(std::string_view text);

} // namespace whlinst
