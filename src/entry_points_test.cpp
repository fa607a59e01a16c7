#include "entry_points.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

using Strings = std::vector<std::string>;

std::string error_of(std::string_view text) {
  Result<std::vector<EntryPoint>> entry_points = parse_entry_points(text);
  REQUIRE_FALSE(entry_points.ok());
  return entry_points.error().message;
}

EntryPoint only_entry(std::string_view line) {
  Result<std::vector<EntryPoint>> entry_points = parse_entry_points("[g]\n" + std::string(line));
  REQUIRE(entry_points.ok());
  REQUIRE(entry_points->size() == 1);
  return entry_points->front();
}

std::string value_error(std::string_view value) {
  return "line 2: malformed entry point value '" + std::string(value) +
         "' (expected module[:attr] [[extra, ...]])";
}

} // namespace

TEST_CASE("parse_entry_points reads groups in file order") {
  Result<std::vector<EntryPoint>> entry_points =
      parse_entry_points("# generated\r\n"
                         "[console_scripts]\r\n"
                         "black = black:patched_main\r\n"
                         "  blackd=blackd:main [d]  \r\n"
                         "\r\n"
                         "; another comment\n"
                         "[gui_scripts]\n"
                         "app = pkg.gui:App.run\n"
                         "[pkg.plugins]\n"
                         "my plugin = pkg.plugins.mod\n");
  REQUIRE(entry_points.ok());
  REQUIRE(entry_points->size() == 4);
  const EntryPoint& black = (*entry_points)[0];
  CHECK(black.group == "console_scripts");
  CHECK(black.name == "black");
  CHECK(black.module == "black");
  CHECK(black.attribute == "patched_main");
  CHECK(black.extras.empty());
  CHECK(black.value == "black:patched_main");
  const EntryPoint& blackd = (*entry_points)[1];
  CHECK(blackd.name == "blackd");
  CHECK(blackd.extras == Strings{"d"});
  CHECK(blackd.value == "blackd:main [d]");
  CHECK((*entry_points)[2].group == "gui_scripts");
  CHECK((*entry_points)[2].module == "pkg.gui");
  CHECK((*entry_points)[2].attribute == "App.run");
  CHECK((*entry_points)[3].group == "pkg.plugins");
  CHECK((*entry_points)[3].name == "my plugin");
  CHECK((*entry_points)[3].module == "pkg.plugins.mod");
  CHECK((*entry_points)[3].attribute == "");
}

TEST_CASE("parse_entry_points: spaces around ':', '[', ',' and ']', unicode identifiers") {
  EntryPoint spaced = only_entry("x =  mod.sub : obj.attr  [ extra1 , extra-2,Extra.3 ] ");
  CHECK(spaced.module == "mod.sub");
  CHECK(spaced.attribute == "obj.attr");
  CHECK(spaced.extras == Strings{"extra1", "extra-2", "Extra.3"});
  CHECK(spaced.value == "mod.sub : obj.attr  [ extra1 , extra-2,Extra.3 ]");
  EntryPoint glued = only_entry("y=m[a]");
  CHECK(glued.module == "m");
  CHECK(glued.extras == Strings{"a"});
  EntryPoint unicode = only_entry("z = caf\xc3\xa9:_f2");
  CHECK(unicode.module == "caf\xc3\xa9");
  CHECK(unicode.attribute == "_f2");
  CHECK(parse_entry_points("")->empty());
  CHECK(parse_entry_points("[empty]\n# nothing\n")->empty());
}

TEST_CASE("parse_entry_points keeps duplicates; scripts_of_group lets the last one win") {
  // Python: d = {} ; for e in EntryPoints._from_text(text): d[e.name] = e.value
  // gives {'b': 'pkg:new_two', 'a': 'pkg:new_one', 'c': 'pkg.mod'}.
  Result<std::vector<EntryPoint>> entry_points =
      parse_entry_points("[console_scripts]\nb = pkg:two\na = pkg:one\nc=pkg.mod\n"
                         "b = pkg:new_two\na = pkg:new_one\n[gui_scripts]\nb = gui:b\n");
  REQUIRE(entry_points.ok());
  CHECK(entry_points->size() == 6);
  std::vector<EntryPoint> scripts = scripts_of_group(*entry_points, "console_scripts");
  REQUIRE(scripts.size() == 3);
  CHECK(scripts[0].name == "b");
  CHECK(scripts[0].value == "pkg:new_two");
  CHECK(scripts[1].name == "a");
  CHECK(scripts[1].value == "pkg:new_one");
  CHECK(scripts[2].name == "c");
  CHECK(scripts[2].value == "pkg.mod");
  std::vector<EntryPoint> gui = scripts_of_group(*entry_points, "gui_scripts");
  REQUIRE(gui.size() == 1);
  CHECK(gui[0].value == "gui:b");
  CHECK(scripts_of_group(*entry_points, "other").empty());
}

TEST_CASE("parse_entry_points refuses malformed lines") {
  CHECK(error_of("# c\nname = mod:f\n") == "line 2: entry point outside a [group] section");
  CHECK(error_of("[g]\njust text\n") == "line 2: expected 'name = value'");
  CHECK(error_of("[g]\nname: mod:f\n") == "line 2: expected 'name = value'");
  CHECK(error_of("[g]\n = mod:f\n") == "line 2: empty entry point name");
  for (const char* header : {"[g", "[]", "[ ]", "[a]b]", "[[a]]", "[a] x"}) {
    CAPTURE(header);
    CHECK(error_of(std::string("\n") + header + "\n") ==
          std::string("line 2: malformed section header '") + header + "'");
  }
}

TEST_CASE("parse_entry_points refuses malformed values") {
  for (const char* value :
       {"",         ":f",        "mod:",      "mod:f:g",  "mod.:f",      ".mod",  "mod..sub",
        "1mod",     "mod:2f",    "mod-x:f",   "mod:f x",  "mod x",       "mod [", "mod []",
        "mod [a,]", "mod [a b]", "mod [a] x", "mod [a]]", "mod:f[a][b]", "[a]",   "b = m:f"}) {
    CAPTURE(value);
    CHECK(error_of(std::string("[g]\nname = ") + value + "\n") == value_error(value));
  }
}
