#pragma once
// The files an installer adds to a .dist-info ("Recording installed
// projects" and "Direct URL data structure" specifications), in the exact
// form pip 23 writes them.

#include "record.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// "file://" URL of an absolute path, percent-encoded like Python's
// urllib.request.pathname2url.
std::string file_url(std::string_view absolute_path);

// direct_url.json for an archive: keys sorted, Python json.dumps spacing.
std::string direct_url_json(std::string_view url, std::string_view sha256_hex);

// INSTALLER content: the name and a newline.
std::string installer_file(std::string_view installer_name);

} // namespace whlinst
