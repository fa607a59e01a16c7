#pragma once
// `-r FILE` in the form SageMath writes them: one wheel per line, either
// "NAME @ file:///path/NAME-VER-TAGS.whl" (PEP 508 direct reference) or a
// plain path; blank lines and '#' comments are skipped.

#include "result.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// Wheel paths in file order. Relative plain paths are relative to the
// directory of the requirements file. Errors name the file and line.
Result<std::vector<std::string>> parse_requirements_file(std::string_view text,
                                                         const std::string& file_path);

// "file:///a%20b" -> "/a b"; errors for other schemes or hosts.
Result<std::string> path_from_file_url(std::string_view url);

} // namespace whlinst
