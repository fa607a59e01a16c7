#include "requirements_file.h"

#include "file_system.h"
#include "paths.h"
#include "text.h"

#include <algorithm>
#include <array>

namespace whlinst {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> percent_decode(std::string_view text) {
  std::string decoded;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded.push_back(text[i]);
      continue;
    }
    int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0)
      return make_error("bad percent-encoding in '", std::string(text), "'");
    decoded.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return decoded;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// pip's rule: '#' at the start or after whitespace begins a comment.
std::string_view without_comment(std::string_view line) {
  for (size_t i = 0; i < line.size(); ++i)
    if (line[i] == '#' && (i == 0 || is_space(line[i - 1])))
      return line.substr(0, i);
  return line;
}

bool is_comment(std::string_view line) { return trim(without_comment(line)).empty() && !trim(line).empty(); }

struct Line {
  size_t number;
  std::string text;
};

// Joins lines ending in '\' with the next, as pip does (a comment line ends
// the continuation).
std::vector<Line> logical_lines(std::string_view text) {
  std::vector<Line> lines;
  std::optional<Line> pending;
  size_t number = 0;
  for (std::string_view raw : split_lines(text)) {
    ++number;
    if (!ends_with(raw, "\\") || is_comment(raw)) {
      if (pending) {
        pending->text += " " + std::string(raw);
        lines.push_back(std::move(*pending));
        pending.reset();
      } else {
        lines.push_back({number, std::string(raw)});
      }
      continue;
    }
    if (!pending)
      pending = Line{number, ""};
    pending->text += std::string(raw.substr(0, raw.size() - 1));
  }
  if (pending)
    lines.push_back(std::move(*pending));
  return lines;
}

std::vector<std::string_view> tokens(std::string_view text) {
  std::vector<std::string_view> result;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i]))
      ++i;
    size_t start = i;
    while (i < text.size() && !is_space(text[i]))
      ++i;
    if (i > start)
      result.push_back(text.substr(start, i - start));
  }
  return result;
}

// An option and its value from `tokens` at `index` ("--name=V", "--name V",
// "-xV", "-x V"); advances `index` past what it used.
struct OptionToken {
  std::string name; // as spelled, without any "=VALUE"
  std::optional<std::string> value;
};

OptionToken take_option(const std::vector<std::string_view>& all, size_t& index, bool takes_value) {
  std::string_view token = all[index++];
  OptionToken option;
  size_t equals = token.find('=');
  if (starts_with(token, "--") && equals != std::string_view::npos) {
    option.name = std::string(token.substr(0, equals));
    option.value = std::string(token.substr(equals + 1));
  } else if (!starts_with(token, "--") && token.size() > 2 && takes_value) {
    option.name = std::string(token.substr(0, 2));
    option.value = std::string(token.substr(2));
  } else {
    option.name = std::string(token);
    if (takes_value && index < all.size())
      option.value = std::string(all[index++]);
  }
  return option;
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string relative_to(const std::string& file_path, const std::string& value) {
  if (value.empty() || value.front() == '/' || value.find("://") != std::string::npos)
    return value;
  return join_path(parent_path(file_path), value);
}

struct FileOption {
  std::string_view long_name;
  std::string_view short_name; // "" when none
  bool takes_value;
};

constexpr std::array<FileOption, 12> kFileOptions{{
    {"--requirement", "-r", true},   {"--find-links", "-f", true},    {"--index-url", "-i", true},
    {"--extra-index-url", "", true}, {"--trusted-host", "", true},    {"--only-binary", "", true},
    {"--no-binary", "", true},       {"--use-feature", "", true},     {"--require-hashes", "", false},
    {"--pre", "", false},            {"--no-index", "", false},       {"--prefer-binary", "", false},
}};

const FileOption* find_file_option(std::string_view token) {
  std::string_view name = starts_with(token, "--") ? token.substr(0, token.find('=')) : token.substr(0, 2);
  for (const FileOption& option : kFileOptions)
    if (option.long_name == name || (!option.short_name.empty() && option.short_name == name))
      return &option;
  return nullptr;
}

Status take_file_option(const std::vector<std::string_view>& all, size_t& index, const std::string& file_path,
                        RequirementsFile& file) {
  const FileOption* spec = find_file_option(all[index]);
  if (spec == nullptr)
    return make_error("option '", std::string(all[index]), "' is not supported in requirements files");
  OptionToken option = take_option(all, index, spec->takes_value);
  if (spec->takes_value && !option.value)
    return make_error("option '", option.name, "' needs a value");
  if (!spec->takes_value && option.value)
    return make_error("option '", option.name, "' takes no value");
  if (spec->long_name == "--requirement")
    file.included.push_back(relative_to(file_path, *option.value));
  else if (spec->long_name == "--find-links")
    file.find_links.push_back(relative_to(file_path, *option.value));
  else if (spec->long_name == "--require-hashes")
    file.require_hashes = RequireHashes::yes;
  else if (spec->long_name == "--pre")
    file.pre = PreReleases::allowed;
  else if (is_one_of(spec->long_name, {"--index-url", "--extra-index-url"}))
    file.warnings.push_back(option.name + " " + *option.value + " ignored: whlinst never uses the network");
  return {};
}

Status take_option_line(std::string_view line, const std::string& file_path, RequirementsFile& file) {
  if (starts_with(line, "-e") || starts_with(line, "--editable"))
    return make_error("editable installs are not supported: ", std::string(line), " (whlinst installs wheels only)");
  if (starts_with(line, "-c") || starts_with(line, "--constraint"))
    return make_error("constraints files are not supported: ", std::string(line));
  std::vector<std::string_view> all = tokens(line);
  for (size_t index = 0; index < all.size();)
    TRY(take_file_option(all, index, file_path, file));
  return {};
}

// "REQUIREMENT [--hash=A:H ...]": pip splits at the first token starting with '-'.
Status take_requirement_line(std::string_view line, const std::string& file_path, const std::string& origin,
                             RequirementsFile& file) {
  size_t options_at = line.size();
  for (size_t i = 1; i < line.size(); ++i)
    if (line[i] == '-' && is_space(line[i - 1])) {
      options_at = i;
      break;
    }
  TRY_ASSIGN(input, parse_install_input(trim(line.substr(0, options_at)), parent_path(file_path)));
  input.origin = origin;
  std::vector<std::string_view> all = tokens(line.substr(options_at));
  for (size_t index = 0; index < all.size();) {
    OptionToken option = take_option(all, index, true);
    if (option.name != "--hash")
      return make_error("option '", option.name, "' is not supported on a requirement line (only --hash)");
    if (!option.value)
      return make_error("option '--hash' needs a value");
    TRY_ASSIGN(hash, parse_pinned_hash(*option.value));
    input.hashes.push_back(std::move(hash));
  }
  file.inputs.push_back(std::move(input));
  return {};
}
} // namespace

Result<std::string> path_from_file_url(std::string_view url) {
  if (!starts_with(url, "file://"))
    return make_error("only file:// URLs are supported: ", std::string(url));
  std::string_view rest = url.substr(7);
  if (starts_with(rest, "localhost/"))
    rest.remove_prefix(9);
  if (!starts_with(rest, "/"))
    return make_error("file URL with a host is not supported: ", std::string(url));
  return percent_decode(rest);
}

Result<RequirementsFile> parse_requirements_file(std::string_view text, const std::string& file_path) {
  RequirementsFile file;
  for (const Line& raw : logical_lines(text)) {
    std::string_view line = trim(without_comment(raw.text));
    if (line.empty())
      continue;
    std::string origin = file_path + ":" + std::to_string(raw.number);
    Status parsed = line.front() == '-' ? take_option_line(line, file_path, file)
                                        : take_requirement_line(line, file_path, origin, file);
    if (!parsed)
      return make_error(origin, ": ", parsed.error().message);
  }
  return file;
}

void merge_requirements(RequirementsFile& into, RequirementsFile from) {
  for (InstallInput& input : from.inputs)
    into.inputs.push_back(std::move(input));
  into.find_links.insert(into.find_links.end(), from.find_links.begin(), from.find_links.end());
  into.warnings.insert(into.warnings.end(), from.warnings.begin(), from.warnings.end());
  if (from.require_hashes == RequireHashes::yes)
    into.require_hashes = RequireHashes::yes;
  if (from.pre == PreReleases::allowed)
    into.pre = PreReleases::allowed;
}

namespace {
Status read_into(const std::string& path, int depth, RequirementsFile& merged) {
  if (depth > 16)
    return make_error(path, ": requirements files included more than 16 deep");
  TRY_ASSIGN(text, read_file(path));
  TRY_ASSIGN(file, parse_requirements_file(text, path));
  std::vector<std::string> included = std::move(file.included);
  merge_requirements(merged, std::move(file));
  for (const std::string& each : included)
    TRY(read_into(each, depth + 1, merged));
  return {};
}
} // namespace

Result<RequirementsFile> read_requirements_file(const std::string& path) {
  RequirementsFile merged;
  TRY(read_into(path, 0, merged));
  return merged;
}

} // namespace whlinst
