#pragma once
// Strings copied once into large blocks and viewed where they are: one
// allocation per block instead of one (and its header) per string. A string
// added never moves, so its view stays valid as long as the arena, moves of
// the arena included. For the many short paths of a large wheel (archive
// entry names, destinations being checked).

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace whlinst {

class StringArena {
public:
  // A copy of `text`, valid while the arena lives.
  std::string_view add(std::string_view text);

private:
  char* room(size_t size);

  static constexpr size_t kBlockSize = 256 << 10;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;
  size_t left_ = 0;
};

// Strings in an arena and their views, in the order added.
struct StringList {
  StringArena arena;
  std::vector<std::string_view> views;

  void add(std::string_view text) { views.push_back(arena.add(text)); }
};

} // namespace whlinst
