#pragma once
// The files an installer adds to a .dist-info ("Recording installed
// projects" and "Direct URL data structure" specifications), in the exact
// form pip 23 writes them.

#include "install_options.h"
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

// A .dist-info file the installer writes itself, which the wheel must not
// ship (check_generated_dist_info).
struct GeneratedFile {
  std::string name; // in the .dist-info directory
  std::string content;
};

// The names of the files `options` make the installer write: INSTALLER,
// then REQUESTED and direct_url.json unless turned off.
std::vector<std::string> generated_file_names(const InstallOptions& options);

// Those files with their contents; direct_url.json names the wheel at
// `wheel_path` (absolute) unless the options give the URL, with the wheel's
// digest `wheel_sha256` (hex).
std::vector<GeneratedFile> generated_files(const InstallOptions& options, const std::string& wheel_path,
                                           const std::string& wheel_sha256);

} // namespace whlinst
