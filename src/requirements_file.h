#pragma once
// `-r FILE`: pip's requirements file format, for the lines builders write:
// wheels ("NAME @ file:///path/NAME-VER-TAGS.whl", `file://` URLs, plain
// paths), requirements resolved against --find-links (`NAME==VER`, PEP 508
// with markers), per-line `--hash=ALGORITHM:HEX` options, and the option
// lines `-r`/`--requirement`, `-f`/`--find-links`, `--require-hashes`,
// `--pre`, `--no-index` (and the index and binary options, which mean nothing
// offline). Lines ending in '\' continue on the next; `#` at the start or
// after whitespace begins a comment; blank lines are skipped.

#include "install_input.h"
#include "result.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

enum class RequireHashes { no, yes };
enum class PreReleases { when_asked, allowed };

struct RequirementsFile {
  std::vector<InstallInput> inputs;     // file order
  std::vector<std::string> find_links;  // relative paths made relative to the file's directory
  std::vector<std::string> included;    // -r FILE, relative to the file's directory
  RequireHashes require_hashes = RequireHashes::no;
  PreReleases pre = PreReleases::when_asked;
  std::vector<std::string> warnings;    // options ignored because whlinst is offline
};

// Parses one file. Relative paths are relative to the directory of
// `file_path`. Errors name the file and line: "FILE:LINE: what is wrong".
Result<RequirementsFile> parse_requirements_file(std::string_view text, const std::string& file_path);

// Appends `from`'s inputs, --find-links and warnings to `into`; either's
// --require-hashes or --pre holds for both. (`included` is not merged.)
void merge_requirements(RequirementsFile& into, RequirementsFile from);

// Reads `path` and, recursively, the files it includes (at most 16 deep),
// merging them in order.
Result<RequirementsFile> read_requirements_file(const std::string& path);

// "file:///a%20b" -> "/a b"; errors for other schemes or hosts.
Result<std::string> path_from_file_url(std::string_view url);

} // namespace whlinst
