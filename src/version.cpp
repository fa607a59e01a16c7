#include "version.h"

#include "text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace whlinst {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); }

// Reads a lower-cased version text left to right. Each optional part either
// consumes its text or leaves the position where it was.
class Cursor {
public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }
  char peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  size_t position() const { return pos_; }
  void rewind(size_t position) { pos_ = position; }
  bool overflowed() const { return overflowed_; }

  bool accept(char c) {
    if (at_end() || text_[pos_] != c)
      return false;
    ++pos_;
    return true;
  }
  bool accept_separator() { return accept('-') || accept('_') || accept('.'); }
  bool accept_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word)
      return false;
    pos_ += word.size();
    return true;
  }
  // Reads `[0-9]+`; nothing when there is no digit here.
  std::optional<std::uint64_t> number() {
    if (!is_digit(peek()))
      return std::nullopt;
    std::uint64_t value = 0;
    for (; is_digit(peek()); ++pos_) {
      auto digit = static_cast<std::uint64_t>(peek() - '0');
      if (value > (UINT64_MAX - digit) / 10)
        overflowed_ = true;
      value = value * 10 + digit;
    }
    return value;
  }
  // Reads `[a-z0-9]+`.
  std::string_view alnum_run() {
    size_t start = pos_;
    while (is_alnum(peek()))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }

private:
  std::string_view text_;
  size_t pos_ = 0;
  bool overflowed_ = false;
};

// `[N!]N(.N)*`
bool parse_epoch_and_release(Cursor& cursor, Version& version) {
  auto first = cursor.number();
  if (!first)
    return false;
  if (cursor.accept('!')) {
    version.epoch = *first;
    first = cursor.number();
    if (!first)
      return false;
  }
  version.release.push_back(*first);
  while (cursor.peek() == '.' && is_digit(cursor.peek(1))) {
    cursor.accept('.');
    version.release.push_back(*cursor.number());
  }
  return true;
}

// `[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*`
void parse_pre(Cursor& cursor, Version& version) {
  static constexpr std::array<std::pair<std::string_view, PrePhase>, 8> words{{
      {"alpha", PrePhase::alpha},
      {"a", PrePhase::alpha},
      {"beta", PrePhase::beta},
      {"b", PrePhase::beta},
      {"preview", PrePhase::candidate},
      {"pre", PrePhase::candidate},
      {"c", PrePhase::candidate},
      {"rc", PrePhase::candidate},
  }};
  size_t start = cursor.position();
  cursor.accept_separator();
  for (const auto& [word, phase] : words) {
    if (cursor.accept_word(word)) {
      cursor.accept_separator();
      version.pre = PreRelease{phase, cursor.number().value_or(0)};
      return;
    }
  }
  cursor.rewind(start);
}

// `-N` or `[-_.]?(post|rev|r)[-_.]?[0-9]*`
void parse_post(Cursor& cursor, Version& version) {
  size_t start = cursor.position();
  if (cursor.accept('-')) {
    if (auto number = cursor.number()) {
      version.post = *number;
      return;
    }
    cursor.rewind(start);
  }
  cursor.accept_separator();
  if (cursor.accept_word("post") || cursor.accept_word("rev") || cursor.accept_word("r")) {
    cursor.accept_separator();
    version.post = cursor.number().value_or(0);
    return;
  }
  cursor.rewind(start);
}

// `[-_.]?dev[-_.]?[0-9]*`
void parse_dev(Cursor& cursor, Version& version) {
  size_t start = cursor.position();
  cursor.accept_separator();
  if (cursor.accept_word("dev")) {
    cursor.accept_separator();
    version.dev = cursor.number().value_or(0);
    return;
  }
  cursor.rewind(start);
}

std::string strip_leading_zeros(std::string_view digits) {
  size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? "0" : std::string(digits.substr(first));
}

bool is_number(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), is_digit); }

// `+[a-z0-9]+([-_.][a-z0-9]+)*`
bool parse_local(Cursor& cursor, Version& version) {
  if (!cursor.accept('+'))
    return true;
  do {
    auto segment = cursor.alnum_run();
    if (segment.empty())
      return false;
    version.local.push_back(is_number(segment) ? strip_leading_zeros(segment) : std::string(segment));
  } while (cursor.accept_separator());
  return true;
}

std::strong_ordering compare_release(const Version& a, const Version& b) {
  size_t size = std::max(a.release.size(), b.release.size());
  for (size_t i = 0; i < size; ++i) {
    auto x = i < a.release.size() ? a.release[i] : 0;
    auto y = i < b.release.size() ? b.release[i] : 0;
    if (x != y)
      return x <=> y;
  }
  return std::strong_ordering::equal;
}

// 0: a .devN of a final release, 1: a pre-release, 2: neither.
int pre_rank(const Version& v) {
  if (v.pre)
    return 1;
  return v.dev && !v.post ? 0 : 2;
}

std::strong_ordering compare_pre(const Version& a, const Version& b) {
  if (auto order = pre_rank(a) <=> pre_rank(b); order != 0 || !a.pre)
    return order;
  if (a.pre->phase != b.pre->phase)
    return a.pre->phase <=> b.pre->phase;
  return a.pre->number <=> b.pre->number;
}

std::strong_ordering compare_dev(const Version& a, const Version& b) {
  if (a.dev.has_value() != b.dev.has_value())
    return a.dev ? std::strong_ordering::less : std::strong_ordering::greater;
  return a.dev.value_or(0) <=> b.dev.value_or(0);
}

std::strong_ordering compare_local_segment(const std::string& a, const std::string& b) {
  bool a_number = is_number(a);
  bool b_number = is_number(b);
  if (a_number != b_number)
    return a_number ? std::strong_ordering::greater : std::strong_ordering::less;
  if (a_number && a.size() != b.size())
    return a.size() <=> b.size();
  return a.compare(b) <=> 0;
}

std::strong_ordering compare_local(const Version& a, const Version& b) {
  size_t size = std::min(a.local.size(), b.local.size());
  for (size_t i = 0; i < size; ++i)
    if (auto order = compare_local_segment(a.local[i], b.local[i]); order != 0)
      return order;
  return a.local.size() <=> b.local.size();
}

} // namespace

Version Version::public_version() const {
  Version copy = *this;
  copy.local.clear();
  return copy;
}

Version Version::base_version() const {
  Version base;
  base.epoch = epoch;
  base.release = release;
  return base;
}

Result<Version> parse_version(std::string_view text) {
  std::string lowered = to_lower(trim(text));
  Cursor cursor(lowered);
  Version version;
  cursor.accept('v');
  bool valid = parse_epoch_and_release(cursor, version);
  if (valid) {
    parse_pre(cursor, version);
    parse_post(cursor, version);
    parse_dev(cursor, version);
    valid = parse_local(cursor, version);
  }
  if (!valid || !cursor.at_end() || cursor.overflowed())
    return make_error("invalid version '", std::string(text), "'");
  return version;
}

std::string to_string(const Version& version) {
  std::string text;
  if (version.epoch != 0)
    text += std::to_string(version.epoch) + "!";
  for (size_t i = 0; i < version.release.size(); ++i)
    text += (i == 0 ? "" : ".") + std::to_string(version.release[i]);
  if (version.pre) {
    static constexpr std::array<std::string_view, 3> phases{"a", "b", "rc"};
    text += phases[static_cast<size_t>(version.pre->phase)];
    text += std::to_string(version.pre->number);
  }
  if (version.post)
    text += ".post" + std::to_string(*version.post);
  if (version.dev)
    text += ".dev" + std::to_string(*version.dev);
  for (size_t i = 0; i < version.local.size(); ++i)
    text += (i == 0 ? "+" : ".") + version.local[i];
  return text;
}

std::strong_ordering compare(const Version& a, const Version& b) {
  if (a.epoch != b.epoch)
    return a.epoch <=> b.epoch;
  if (auto order = compare_release(a, b); order != 0)
    return order;
  if (auto order = compare_pre(a, b); order != 0)
    return order;
  if (a.post != b.post)
    return a.post <=> b.post;
  if (auto order = compare_dev(a, b); order != 0)
    return order;
  return compare_local(a, b);
}

std::strong_ordering operator<=>(const Version& a, const Version& b) { return compare(a, b); }

bool operator==(const Version& a, const Version& b) { return compare(a, b) == 0; }

} // namespace whlinst
