#include "utf8.h"

namespace whlinst {

namespace {
// Length of the UTF-8 sequence starting at `at`, or 0 when it is malformed.
size_t utf8_sequence_length(std::string_view bytes, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80)
    return 1;
  size_t length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3
                : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length == 0 || at + length > bytes.size())
    return 0;
  unsigned char second = byte(at + 1);
  unsigned char low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
  unsigned char high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high)
    return 0;
  for (size_t i = 2; i < length; ++i)
    if ((byte(at + i) & 0xc0) != 0x80)
      return 0;
  return length;
}

// A valid sequence that must not reach a terminal raw: a C1 control, a
// bidirectional override or isolate, a line or paragraph separator.
bool is_format_control(std::string_view sequence) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(sequence[i]); };
  if (sequence.size() == 2)
    return byte(0) == 0xc2 && byte(1) <= 0x9f;
  if (sequence.size() != 3 || byte(0) != 0xe2)
    return false;
  return (byte(1) == 0x80 && byte(2) >= 0xa8 && byte(2) <= 0xae) || (byte(1) == 0x81 && byte(2) >= 0xa6 && byte(2) <= 0xa9);
}
} // namespace

size_t first_invalid_utf8(std::string_view bytes) {
  for (size_t at = 0; at < bytes.size();) {
    size_t length = utf8_sequence_length(bytes, at);
    if (length == 0)
      return at;
    at += length;
  }
  return std::string_view::npos;
}

// A malformed sequence within the last 3 bytes may be one the next piece
// completes: those bytes are carried.
void Utf8Check::feed(std::string_view piece) {
  if (first_invalid_ != std::string_view::npos)
    return;
  std::string bytes = std::move(carried_);
  bytes.append(piece);
  constexpr size_t kLongestSequence = 4;
  size_t at = 0;
  while (at < bytes.size()) {
    size_t length = utf8_sequence_length(bytes, at);
    if (length == 0 && bytes.size() - at < kLongestSequence)
      break;
    if (length == 0) {
      first_invalid_ = carried_at_ + at;
      return;
    }
    at += length;
  }
  carried_ = bytes.substr(at);
  carried_at_ += at;
}

void Utf8Check::finish() {
  if (first_invalid_ != std::string_view::npos)
    return;
  if (size_t bad = first_invalid_utf8(carried_); bad != std::string_view::npos)
    first_invalid_ = carried_at_ + bad;
}

bool is_valid_utf8(std::string_view bytes) { return first_invalid_utf8(bytes) == std::string_view::npos; }

std::string printable_name(std::string_view name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string shown;
  for (size_t at = 0; at < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[at]);
    size_t length = utf8_sequence_length(name, at);
    bool escaped = length == 0 || c < 0x20 || c == 0x7f || is_format_control(name.substr(at, length));
    for (size_t i = 0, count = length == 0 ? 1 : length; i < count; ++i) {
      unsigned char byte = static_cast<unsigned char>(name[at + i]);
      if (!escaped) {
        shown += static_cast<char>(byte);
        continue;
      }
      shown += "\\x";
      shown += kHex[byte >> 4];
      shown += kHex[byte & 15];
    }
    at += length == 0 ? 1 : length;
  }
  return shown;
}

} // namespace whlinst
