#include "dist_info_files.h"

#include <nlohmann/json.hpp>

namespace whlinst {

namespace {
bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~' || c == '/';
}

std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
}
} // namespace

std::string file_url(std::string_view absolute_path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (unsigned char c : absolute_path) {
    if (is_unreserved(c)) {
      url.push_back(static_cast<char>(c));
    } else {
      url.push_back('%');
      url.push_back(kHex[c >> 4]);
      url.push_back(kHex[c & 15]);
    }
  }
  return url;
}

std::string direct_url_json(std::string_view url, std::string_view sha256_hex) {
  std::string hash = "sha256=" + std::string(sha256_hex);
  return "{\"archive_info\": {\"hash\": " + json_string(hash) + ", \"hashes\": {\"sha256\": " +
         json_string(sha256_hex) + "}}, \"url\": " + json_string(url) + "}";
}

std::string installer_file(std::string_view installer_name) {
  return std::string(installer_name) + "\n";
}

std::vector<std::string> generated_file_names(const InstallOptions& options) {
  std::vector<std::string> names{"INSTALLER"};
  if (options.requested)
    names.push_back("REQUESTED");
  if (options.write_direct_url)
    names.push_back("direct_url.json");
  return names;
}

std::vector<GeneratedFile> generated_files(const InstallOptions& options, const std::string& wheel_path,
                                           const std::string& wheel_sha256) {
  std::vector<GeneratedFile> files{{"INSTALLER", installer_file(options.installer_name)}};
  if (options.requested)
    files.push_back({"REQUESTED", ""});
  if (options.write_direct_url)
    files.push_back({"direct_url.json", direct_url_json(options.direct_url.value_or(file_url(wheel_path)),
                                                        wheel_sha256)});
  return files;
}

} // namespace whlinst
