#include "unicode_normalization.h"

#include "unicode_tables.h"
#include "utf8.h"

#include <algorithm>
#include <iterator>
#include <vector>

namespace whlinst {

namespace {
using unicode::CombiningClassRun;
using unicode::Decomposition;
using unicode::kCombiningClasses;
using unicode::kCompositions;
using unicode::kDecompositions;

// Hangul syllables (The Unicode Standard, section 3.12).
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr char32_t kLCount = 19, kVCount = 21, kTCount = 28;
constexpr char32_t kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

enum class Form { decomposed, composed };

uint8_t combining_class(char32_t cp) {
  auto after = std::upper_bound(std::begin(kCombiningClasses), std::end(kCombiningClasses), cp,
                                [](char32_t c, const CombiningClassRun& run) { return c < run.first; });
  if (after == std::begin(kCombiningClasses))
    return 0;
  const CombiningClassRun& run = *std::prev(after);
  return cp <= run.last ? run.ccc : 0;
}

const Decomposition* find_decomposition(char32_t cp) {
  auto found = std::lower_bound(std::begin(kDecompositions), std::end(kDecompositions), cp,
                                [](const Decomposition& d, char32_t c) { return d.code_point < c; });
  return found != std::end(kDecompositions) && found->code_point == cp ? &*found : nullptr;
}

void decompose(char32_t cp, std::u32string& out) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    char32_t index = cp - kSBase;
    out += kLBase + index / kNCount;
    out += kVBase + index % kNCount / kTCount;
    if (index % kTCount != 0)
      out += kTBase + index % kTCount;
    return;
  }
  const Decomposition* decomposition = find_decomposition(cp);
  if (decomposition == nullptr) {
    out += cp;
    return;
  }
  decompose(decomposition->first, out);
  if (decomposition->second != 0)
    decompose(decomposition->second, out);
}

// Canonical ordering: each run of non-starters sorted by combining class,
// stably.
void reorder(std::u32string& text, std::vector<uint8_t>& classes) {
  for (size_t i = 1; i < text.size(); ++i)
    for (size_t j = i; j > 0 && classes[j] != 0 && classes[j - 1] > classes[j]; --j) {
      std::swap(text[j - 1], text[j]);
      std::swap(classes[j - 1], classes[j]);
    }
}

// The primary composite of `first` and `second`, or 0.
char32_t compose_pair(char32_t first, char32_t second) {
  if (first >= kLBase && first < kLBase + kLCount && second >= kVBase && second < kVBase + kVCount)
    return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
  if (first >= kSBase && first < kSBase + kSCount && (first - kSBase) % kTCount == 0 &&
      second > kTBase && second < kTBase + kTCount)
    return first + (second - kTBase);
  auto pair_of = [](uint16_t index) {
    return std::pair(kDecompositions[index].first, kDecompositions[index].second);
  };
  auto wanted = std::pair(first, second);
  auto found = std::lower_bound(std::begin(kCompositions), std::end(kCompositions), wanted,
                                [&](uint16_t index, const auto& pair) { return pair_of(index) < pair; });
  if (found == std::end(kCompositions) || pair_of(*found) != wanted)
    return 0;
  return kDecompositions[*found].code_point;
}

// Canonical composition (UAX #15 section 3): each character joins the last
// starter when nothing between them blocks it.
void compose(std::u32string& text, const std::vector<uint8_t>& classes) {
  if (text.empty())
    return;
  size_t starter = 0;
  bool have_starter = classes[0] == 0;
  int last_class = have_starter ? 0 : 256;
  size_t kept = 1;
  for (size_t i = 1; i < text.size(); ++i) {
    int current = classes[i];
    if (have_starter && (last_class == 0 || last_class < current)) {
      if (char32_t composite = compose_pair(text[starter], text[i])) {
        text[starter] = composite;
        continue;
      }
    }
    if (current == 0) {
      starter = kept;
      have_starter = true;
    }
    last_class = current;
    text[kept++] = text[i];
  }
  text.resize(kept);
}

std::u32string decode(std::string_view utf8) {
  std::u32string text;
  for (size_t at = 0; at < utf8.size();) {
    auto byte = static_cast<unsigned char>(utf8[at]);
    size_t length = byte < 0x80 ? 1 : byte < 0xe0 ? 2 : byte < 0xf0 ? 3 : 4;
    char32_t cp = length == 1 ? byte : byte & (0x7f >> length);
    for (size_t i = 1; i < length; ++i)
      cp = cp << 6 | (static_cast<unsigned char>(utf8[at + i]) & 0x3f);
    text += cp;
    at += length;
  }
  return text;
}

std::string encode(const std::u32string& text) {
  std::string utf8;
  for (char32_t cp : text) {
    if (cp < 0x80) {
      utf8 += static_cast<char>(cp);
      continue;
    }
    size_t length = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    static constexpr unsigned char kLead[] = {0, 0, 0xc0, 0xe0, 0xf0};
    utf8 += static_cast<char>(kLead[length] | cp >> (6 * (length - 1)));
    for (size_t i = length - 1; i > 0; --i)
      utf8 += static_cast<char>(0x80 | (cp >> (6 * (i - 1)) & 0x3f));
  }
  return utf8;
}

std::string normalize(std::string_view utf8, Form form) {
  if (is_ascii(utf8) || !is_valid_utf8(utf8))
    return std::string(utf8);
  std::u32string text;
  for (char32_t cp : decode(utf8))
    decompose(cp, text);
  std::vector<uint8_t> classes(text.size());
  std::transform(text.begin(), text.end(), classes.begin(), combining_class);
  reorder(text, classes);
  if (form == Form::composed)
    compose(text, classes);
  return encode(text);
}
} // namespace

std::string nfc(std::string_view utf8) { return normalize(utf8, Form::composed); }

std::string nfd(std::string_view utf8) { return normalize(utf8, Form::decomposed); }

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string_view unicode_version() { return unicode::kUnicodeVersion; }

} // namespace whlinst
