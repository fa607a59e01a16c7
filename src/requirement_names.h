#pragma once
// The project names of a requirements file, for `whlinst uninstall -r FILE`
// (pip uninstall -r): each line's PEP 508 name ("NAME", "NAME==1.0",
// "NAME[extra] @ file:///...", "NAME ; marker"), or the project of a wheel
// path or file:// URL given alone. Blank lines, '#' comments (at the start
// or after whitespace), backslash-continued lines joined, and option lines
// ("--hash", "-f DIR", "-r FILE": nested files are not followed) skipped.

#include "result.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// Names in file order, as written. Errors name the file and line.
Result<std::vector<std::string>> project_names_in_requirements(std::string_view text,
                                                               const std::string& file_path);

} // namespace whlinst
