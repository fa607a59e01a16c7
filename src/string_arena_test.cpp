#include "string_arena.h"

#include <doctest/doctest.h>
#include <string>
#include <utility>
#include <vector>

using namespace whlinst;

TEST_CASE("StringArena keeps its strings in place, moves of the arena included") {
  StringArena arena;
  std::string source = "pkg/module.py";
  std::string_view first = arena.add(source);
  source[0] = 'X';
  CHECK(first == "pkg/module.py");
  CHECK(arena.add("").empty());
  std::string large(1 << 20, 'l'); // more than a block
  std::string_view big = arena.add(large);
  std::vector<std::string_view> many;
  for (int i = 0; i < 100000; ++i)
    many.push_back(arena.add("name-" + std::to_string(i)));
  StringArena moved = std::move(arena);
  CHECK(first == "pkg/module.py");
  CHECK(big == large);
  CHECK(many[0] == "name-0");
  CHECK(many[99999] == "name-99999");
}

TEST_CASE("StringList holds copies in order") {
  StringList list;
  list.add("a");
  list.add(std::string("b/c"));
  REQUIRE(list.views.size() == 2);
  CHECK(list.views[0] == "a");
  CHECK(list.views[1] == "b/c");
}
