#include "wheel_info.h"

#include "headers.h"
#include "text.h"

#include <charconv>

namespace whlinst {

namespace {

bool parse_number(std::string_view text, int& number) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc{} && end == text.data() + text.size();
}

Status parse_version(const Headers& headers, WheelInfo& info) {
  const std::string* value = headers.get("Wheel-Version");
  if (value == nullptr)
    return make_error("missing Wheel-Version");
  std::string_view version = trim(*value);
  std::vector<std::string_view> parts = split(version, '.');
  if (parts.size() != 2 || !parse_number(parts[0], info.version_major) ||
      !parse_number(parts[1], info.version_minor))
    return make_error("invalid Wheel-Version '", version, "' (expected MAJOR.MINOR)");
  if (info.version_major > 1)
    return make_error("unsupported Wheel-Version ", std::to_string(info.version_major), ".",
                      std::to_string(info.version_minor), " (whlinst supports up to 1.x)");
  return Ok{};
}

Status parse_root_is_purelib(const Headers& headers, WheelInfo& info) {
  const std::string* value = headers.get("Root-Is-Purelib");
  if (value == nullptr)
    return make_error("missing Root-Is-Purelib");
  std::string lowered = to_lower(*value);
  if (lowered != "true" && lowered != "false")
    return make_error("invalid Root-Is-Purelib '", *value, "' (expected 'true' or 'false')");
  info.root_is_purelib = lowered == "true";
  return Ok{};
}

} // namespace

bool WheelInfo::newer_minor() const { return version_major == 1 && version_minor > 0; }

bool WheelInfo::older_major() const { return version_major < 1; }

Result<WheelInfo> parse_wheel_info(std::string_view text) {
  TRY_ASSIGN(headers, parse_headers(text));
  WheelInfo info;
  TRY(parse_version(headers, info));
  TRY(parse_root_is_purelib(headers, info));
  info.tags = headers.get_all("Tag");
  if (const std::string* generator = headers.get("Generator"))
    info.generator = *generator;
  return info;
}

} // namespace whlinst
