#include "string_arena.h"

#include <algorithm>
#include <cstring>

namespace whlinst {

char* StringArena::room(size_t size) {
  if (size > left_) {
    size_t block = std::max(size, kBlockSize);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block));
    free_ = blocks_.back().get();
    left_ = block;
  }
  char* start = free_;
  free_ += size;
  left_ -= size;
  return start;
}

std::string_view StringArena::add(std::string_view text) {
  if (text.empty())
    return {};
  char* start = room(text.size());
  std::memcpy(start, text.data(), text.size());
  return {start, text.size()};
}

} // namespace whlinst
