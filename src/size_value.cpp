#include "size_value.h"

#include "text.h"

#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace whlinst {

namespace {
constexpr std::pair<std::string_view, unsigned> kUnits[] = {
    {"", 0},   {"k", 10},   {"kib", 10}, {"m", 20},   {"mib", 20},
    {"g", 30}, {"gib", 30}, {"t", 40},   {"tib", 40},
};

// The leading digits of `text` as a number; nullopt when there are none or
// they overflow.
std::optional<uint64_t> leading_number(std::string_view text, size_t& digits) {
  uint64_t value = 0;
  for (digits = 0; digits < text.size() && text[digits] >= '0' && text[digits] <= '9'; ++digits) {
    uint64_t digit = static_cast<uint64_t>(text[digits] - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10)
      return std::nullopt;
    value = value * 10 + digit;
  }
  if (digits == 0)
    return std::nullopt;
  return value;
}

Error not_a_size(std::string_view text) {
  return make_error("expected a size in bytes, optionally followed by K, M, G, T "
                    "(or KiB, MiB, GiB, TiB), got '",
                    std::string(text), "'");
}
} // namespace

Result<uint64_t> parse_size(std::string_view text) {
  size_t digits = 0;
  std::optional<uint64_t> number = leading_number(text, digits);
  if (!number && digits > 0)
    return make_error("size too large: '", std::string(text), "'");
  if (!number)
    return not_a_size(text);
  std::string unit = to_lower(text.substr(digits));
  for (const auto& [name, shift] : kUnits) {
    if (unit != name)
      continue;
    if (*number == 0)
      return make_error("expected a size above 0, got '", std::string(text), "'");
    if (shift > 0 && *number > (std::numeric_limits<uint64_t>::max() >> shift))
      return make_error("size too large: '", std::string(text), "'");
    return *number << shift;
  }
  return not_a_size(text);
}

Result<uint64_t> parse_positive_number(std::string_view text) {
  size_t digits = 0;
  std::optional<uint64_t> number = leading_number(text, digits);
  if (!number && digits > 0)
    return make_error("number too large: '", std::string(text), "'");
  if (!number || digits != text.size() || *number == 0)
    return make_error("expected a whole number above 0, got '", std::string(text), "'");
  return *number;
}

} // namespace whlinst
