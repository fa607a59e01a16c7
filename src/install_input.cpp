#include "install_input.h"

#include "paths.h"
#include "requirements_file.h"
#include "text.h"
#include "wheel_name.h"

namespace whlinst {

namespace {
bool is_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  return !text.empty();
}

Result<PinnedHash> pinned(std::string_view algorithm_name, std::string_view hex, std::string_view text) {
  size_t length = 0;
  HashAlgorithm algorithm = HashAlgorithm::sha256;
  if (algorithm_name == "sha256") {
    length = 64;
  } else if (algorithm_name == "sha384") {
    algorithm = HashAlgorithm::sha384;
    length = 96;
  } else if (algorithm_name == "sha512") {
    algorithm = HashAlgorithm::sha512;
    length = 128;
  } else {
    return make_error("invalid hash '", std::string(text), "': the algorithm must be sha256, sha384 or sha512");
  }
  std::string lower = to_lower(hex);
  if (lower.size() != length || !is_hex(lower))
    return make_error("invalid hash '", std::string(text), "': expected ", std::to_string(length),
                      " hexadecimal digits after '", std::string(algorithm_name), "'");
  return PinnedHash{algorithm, lower};
}

// "file:///x.whl#sha256=HEX" -> the path, and the hash into `input`.
Result<std::string> path_of_url(std::string_view url, InstallInput& input) {
  size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    std::string_view fragment = url.substr(hash + 1);
    url = url.substr(0, hash);
    size_t equals = fragment.find('=');
    if (equals != std::string_view::npos && fragment.substr(0, equals) != "egg" &&
        fragment.substr(0, equals) != "subdirectory") {
      TRY_ASSIGN(digest, pinned(fragment.substr(0, equals), fragment.substr(equals + 1), fragment));
      input.hashes.push_back(std::move(digest));
    }
  }
  TRY_ASSIGN(path, path_from_file_url(url));
  if (!ends_with(path, ".whl"))
    return make_error("not a wheel file: ", path, " (whlinst installs wheels only)");
  return path;
}

bool looks_like_path(std::string_view text) {
  return ends_with(text, ".whl") || text.find('/') != std::string_view::npos;
}
} // namespace

std::string InstallInput::describe() const { return origin.empty() ? text : origin + ": " + text; }

Result<std::string> InstallInput::project_name() const {
  if (requirement)
    return requirement->name;
  auto name = parse_wheel_name(base_name(*path));
  if (!name)
    return make_error("not a wheel file name: ", std::string(base_name(*path)));
  return name->distribution;
}

Result<PinnedHash> parse_pinned_hash(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos)
    return make_error("invalid hash '", std::string(text), "': expected ALGORITHM:HEX, e.g. sha256:...");
  return pinned(text.substr(0, colon), text.substr(colon + 1), text);
}

Result<InstallInput> parse_install_input(std::string_view text, const std::string& base_directory) {
  InstallInput input;
  input.text = std::string(trim(text));
  std::string_view line = input.text;
  if (starts_with(line, "-e") || starts_with(line, "--editable"))
    return make_error("editable installs are not supported: ", input.text, " (whlinst installs wheels only)");
  if (line.find("://") != std::string_view::npos && line.find('@') == std::string_view::npos) {
    TRY_ASSIGN(path, path_of_url(line, input));
    input.path = std::move(path);
    return input;
  }
  if (starts_with(line, "file:")) {
    TRY_ASSIGN(path, path_of_url(line, input));
    input.path = std::move(path);
    return input;
  }
  if (starts_with(line, "/") || starts_with(line, ".") ||
      (line.find('@') == std::string_view::npos && looks_like_path(line))) {
    input.path = line.front() == '/' ? std::string(line) : join_path(base_directory, line);
    return input;
  }
  TRY_ASSIGN(requirement, parse_requirement(line));
  if (requirement.url) {
    TRY_ASSIGN(path, path_of_url(*requirement.url, input));
    input.path = std::move(path);
  }
  input.requirement = std::move(requirement);
  return input;
}

} // namespace whlinst
