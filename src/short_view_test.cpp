#include "short_view.h"

#include <string>

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("ShortView reads, compares and orders as the std::string_view it holds") {
  std::string text = "pkg/module.py";
  ShortView name(text);
  CHECK(sizeof(ShortView) == 10);
  CHECK(name.view() == text);
  CHECK(name == text);
  CHECK(name == "pkg/module.py");
  CHECK(text == name);
  CHECK_FALSE(name == "pkg/module.p");
  CHECK(name < std::string_view("pkg/z"));
  CHECK(std::string_view("pkg/a") < name);
  CHECK(name.size() == text.size());
  CHECK(name.back() == 'y');
  CHECK(name.substr(4) == "module.py");
  CHECK(name.ends_with(".py"));
  CHECK(name.starts_with("pkg/"));
  CHECK(name.find('/') == 3);
  CHECK(ShortView().empty());
  std::string longest(UINT16_MAX, 'x');
  CHECK(ShortView(longest).size() == UINT16_MAX);
}
