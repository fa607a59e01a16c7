#pragma once
// A view of at most 65,535 characters (the longest name a zip entry can
// have) in 10 bytes aligned on 1: a pointer and a 16-bit length, packed.
// ArchiveEntry, held for every entry of a wheel, names its entry with one
// and so takes 48 bytes instead of 64. Reads as a std::string_view.

#include <compare>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace whlinst {

class [[gnu::packed]] ShortView {
public:
  ShortView() = default;
  // `text` must be at most 65,535 characters long (else the program
  // aborts: a caller's bug, never input's).
  ShortView(std::string_view text) : data_(text.data()), size_(static_cast<uint16_t>(text.size())) {
    if (text.size() > UINT16_MAX)
      std::abort();
  }
  ShortView(const char* text) : ShortView(std::string_view(text)) {}
  ShortView(const std::string& text) : ShortView(std::string_view(text)) {}

  std::string_view view() const { return {data_, size_}; }
  operator std::string_view() const { return view(); }

  const char* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  char back() const { return data_[size_ - 1]; }
  std::string_view substr(size_t start, size_t count = std::string_view::npos) const {
    return view().substr(start, count);
  }
  bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }
  bool ends_with(std::string_view suffix) const { return view().ends_with(suffix); }
  size_t find(char c, size_t from = 0) const { return view().find(c, from); }
  size_t find(std::string_view text, size_t from = 0) const { return view().find(text, from); }

  friend bool operator==(ShortView a, std::string_view b) { return a.view() == b; }
  friend std::strong_ordering operator<=>(ShortView a, std::string_view b) { return a.view() <=> b; }

private:
  const char* data_ = nullptr;
  uint16_t size_ = 0;
};

static_assert(sizeof(ShortView) == sizeof(const char*) + sizeof(uint16_t));

} // namespace whlinst
