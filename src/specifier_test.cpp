#include "specifier.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace whlinst;

namespace {

Version v(std::string_view text) {
  auto version = parse_version(text);
  REQUIRE_MESSAGE(version.ok(), text);
  return *version;
}

bool matches(std::string_view specifiers, std::string_view candidate) {
  auto set = parse_specifier_set(specifiers);
  REQUIRE_MESSAGE(set.ok(), specifiers);
  return set->contains(v(candidate));
}

std::string set_error(std::string_view specifiers) {
  auto set = parse_specifier_set(specifiers);
  return set ? "valid" : set.error().message;
}

} // namespace

// Expected values below were produced by packaging 24.1 (pip 24.2's vendored
// copy, Python 3.13): SpecifierSet(spec).contains(Version(candidate),
// prereleases=True).

TEST_CASE("SpecifierSet::contains agrees with packaging") {
  // One column per candidate.
  const std::vector<std::string_view> candidates{"3.11.7",       "3.11.0",       "3.12.1", "3.13.0rc1", "3.13.0",
                                                 "3.11.7+local", "3.11.7.post1", "3.11",   "2.7.18"};
  const std::vector<std::pair<std::string_view, std::string_view>> cases{
      {">=3.8", "111111110"},          {">=3.8,<4", "111111110"},
      {">=3.12", "001110000"},         {"<3.11", "000000001"},
      {"<=3.11", "010000011"},         {"<=3.11.7", "110001011"},
      {"==3.11", "010000010"},         {"==3.11.*", "110001110"},
      {"==3.*", "111111110"},          {"!=3.11.*", "001110001"},
      {"!=3.11.7", "011110111"},       {"~=3.10", "111111110"},
      {"~=3.11.0", "110001110"},       {"~=3.11.8", "000000000"},
      {">3.11", "101111100"},          {">3.11.7", "001110000"},
      {"<3.12", "110001111"},          {"<3.13", "111001111"},
      {"<3.13.0rc2", "111101111"},     {">3.13.0rc1", "000010000"},
      {">=3.13.0rc1", "000110000"},    {"==3.13.0rc1", "000100000"},
      {">3.11.7.post1", "001110000"},  {"===3.11.7", "100000000"},
      {"===3.11.07", "000000000"},     {"~=3.11.0rc1", "110001110"},
      {"==3.11.7+local", "000001000"}, {">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*", "111111111"},
      {"==1!3.11", "000000000"},       {">=1!0.1", "000000000"},
      {"==3.11.7.0.0", "100001000"},   {"== 3.11.*", "110001110"},
      {"==3.11.7.*", "100001100"},     {"==3.11.0.*", "010000010"},
      {"~=3.11.7.post1", "000000100"},
  };
  for (const auto& entry : cases)
    for (size_t i = 0; i < candidates.size(); ++i) {
      CAPTURE(entry.first);
      CAPTURE(candidates[i]);
      CHECK(matches(entry.first, candidates[i]) == (entry.second[i] == '1'));
    }
}

TEST_CASE("Requires-Python with pre-release interpreters") {
  CHECK(matches(">=3.8", "3.13.0rc1"));
  CHECK(matches(">=3.13", "3.13.0b1") == false);
  CHECK(matches(">=3.13.0b1", "3.13.0b1"));
  CHECK(matches("<3.13", "3.13.0a1") == false);
  CHECK(matches("<3.13", "3.13.0.dev0") == false);
  CHECK(matches("<3.13.0rc1", "3.13.0b4"));
  CHECK(matches("==3.13.*", "3.13.0a1"));
  CHECK(matches("!=3.13.*", "3.13.0a1") == false);
  CHECK(matches("~=3.12", "3.13.0rc1"));
  CHECK(matches(">3.12", "3.13.0a1"));
}

TEST_CASE("~= takes its prefix from the release numbers however the suffix is spelled") {
  // ~=V.N.suffix means >=V.N.suffix, ==V.*. packaging 24.1 disagrees on these
  // spellings because it splits the specifier text as written.
  CHECK(matches("~=3.0rc.2", "3.11.0rc1"));
  CHECK(matches("~=3.1c0", "3.11.0rc1"));
  CHECK(matches("~=1.0.POST1", "1.1"));
  CHECK(matches("~=v3.10", "3.11.7"));
  CHECK(matches("~=3.1.preview1", "3.9"));
  CHECK_FALSE(matches("~=3.1.preview1", "4.0"));
}

TEST_CASE("parse_specifier_set accepts empty clauses and whitespace") {
  CHECK(parse_specifier_set("")->specifiers.empty());
  CHECK(parse_specifier_set(" , ")->specifiers.empty());
  CHECK(parse_specifier_set(">=3.6,")->specifiers.size() == 1);
  auto set = parse_specifier_set(" >= 3.6 , < 4 ");
  REQUIRE(set.ok());
  REQUIRE(set->specifiers.size() == 2);
  CHECK(set->specifiers[0].op == Operator::greater_equal);
  CHECK(set->specifiers[1].op == Operator::less);
  CHECK(to_string(set->specifiers[1].version) == "4");
  CHECK(matches("", "2.7.18"));
  auto wildcard = parse_specifier("!= 3.1.*");
  REQUIRE(wildcard.ok());
  CHECK(wildcard->op == Operator::not_equal);
  CHECK(wildcard->wildcard);
  CHECK(to_string(wildcard->version) == "3.1");
  auto arbitrary = parse_specifier("=== foobar");
  REQUIRE(arbitrary.ok());
  CHECK(arbitrary->arbitrary == "foobar");
  CHECK(arbitrary->contains(v("3.11.7")) == false);
}

TEST_CASE("parse_specifier_set refuses what packaging refuses, naming the clause") {
  for (std::string_view text :
       {">=3.x",       "=>3",  "> = 3",   ">==3",      "3.6",       "~=3",     "~=3.*",   ">=3.6.*a",
        ">=3.6+local", "<3.*", "==3.*.*", "==3.0a1.*", "==3.0+l.*", "== 3 .*", "===a b",  "===a;",
        ">=3.6 <4",    "^3.6", "~3.6",    ">=3.6;",    "!=",        ">=",      ">=3.6.*", "<=3.11.7+local"}) {
    CAPTURE(text);
    CHECK(set_error(text) == "invalid specifier '" + std::string(text) + "'");
  }
  CHECK(set_error(">=3.6, <4.x") == "invalid specifier '<4.x' in '>=3.6, <4.x'");
  CHECK(set_error(" >=3.x ,") == "invalid specifier '>=3.x' in '>=3.x ,'");
  CHECK(parse_specifier(" >=3.x ").error().message == "invalid specifier '>=3.x'");
}
