#include "version.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace whlinst;

namespace {

std::string normalized(std::string_view text) {
  auto version = parse_version(text);
  return version ? to_string(*version) : version.error().message;
}

Version v(std::string_view text) {
  auto version = parse_version(text);
  REQUIRE_MESSAGE(version.ok(), text);
  return *version;
}

} // namespace

// Expected values below were produced by packaging 24.1 (pip 24.2's vendored
// copy, Python 3.13): str(Version(text)) and Version ordering.

TEST_CASE("parse_version accepts the permitted spellings and normalizes them") {
  const std::vector<std::pair<std::string_view, std::string_view>> cases{
      {"1.0", "1.0"},
      {"v1.0", "1.0"},
      {"V1.0", "1.0"},
      {" 1.0\n", "1.0"},
      {"01.002.0003", "1.2.3"},
      {"1!2.0", "1!2.0"},
      {"0!1.0", "1.0"},
      {"1.0a1", "1.0a1"},
      {"1.0A1", "1.0a1"},
      {"1.0alpha1", "1.0a1"},
      {"1.0-alpha-1", "1.0a1"},
      {"1.0_beta.2", "1.0b2"},
      {"1.0b", "1.0b0"},
      {"1.0c1", "1.0rc1"},
      {"1.0pre1", "1.0rc1"},
      {"1.0preview1", "1.0rc1"},
      {"1.0.RC1", "1.0rc1"},
      {"1.0rc", "1.0rc0"},
      {"1.0a.", "1.0a0"},
      {"1.0.post1", "1.0.post1"},
      {"1.0post", "1.0.post0"},
      {"1.0-post-2", "1.0.post2"},
      {"1.0.rev3", "1.0.post3"},
      {"1.0r", "1.0.post0"},
      {"1.0-1", "1.0.post1"},
      {"1.0a1-1", "1.0a1.post1"},
      {"1.0.dev", "1.0.dev0"},
      {"1.0-dev-4", "1.0.dev4"},
      {"1.0dev5", "1.0.dev5"},
      {"1.0a1.post2.dev3", "1.0a1.post2.dev3"},
      {"1.0+ubuntu-1", "1.0+ubuntu.1"},
      {"1.0+Local_01.A-b", "1.0+local.1.a.b"},
      {"1.0+01", "1.0+1"},
      {"1.0.post-", "1.0.post0"},
      {"1.0.dev.+ab", "1.0.dev0+ab"},
      {"2024.1.15", "2024.1.15"},
      {"3.11.7", "3.11.7"},
      {"3.13.0rc1", "3.13.0rc1"},
      {"3.13.0b4", "3.13.0b4"},
      {"3.14.0a1", "3.14.0a1"},
      {"18446744073709551615", "18446744073709551615"},
  };
  for (const auto& entry : cases) {
    CAPTURE(entry.first);
    CHECK(normalized(entry.first) == entry.second);
  }
}

TEST_CASE("parse_version fills the fields") {
  Version version = v("2!1.2.3rc4.post5.dev6+ab.7");
  CHECK(version.epoch == 2);
  CHECK(version.release == std::vector<std::uint64_t>{1, 2, 3});
  REQUIRE(version.pre.has_value());
  CHECK(version.pre->phase == PrePhase::candidate);
  CHECK(version.pre->number == 4);
  CHECK(version.post == std::optional<std::uint64_t>(5));
  CHECK(version.dev == std::optional<std::uint64_t>(6));
  CHECK(version.local == std::vector<std::string>{"ab", "7"});
  CHECK(version.is_prerelease());
  CHECK(version.is_postrelease());
  CHECK(to_string(version.public_version()) == "2!1.2.3rc4.post5.dev6");
  CHECK(to_string(version.base_version()) == "2!1.2.3");
  CHECK_FALSE(v("3.11.7").is_prerelease());
  CHECK(v("3.11.7.dev0").is_prerelease());
}

TEST_CASE("parse_version refuses what packaging refuses, naming the text") {
  for (std::string_view text :
       {"",         " ",    "1.",      ".1",      "1..0", "1.0.*",  "1,0", "a1",           "1.0+", "1.0+a.",
        "1.0+a..b", "1.0-", "1.0a1.1", "1.0alph", "1!v2", "1.0 a1", "3.x", "1.0+\xc3\xa9", "1!",   "!1"}) {
    CAPTURE(text);
    CHECK(normalized(text) == "invalid version '" + std::string(text) + "'");
  }
}

TEST_CASE("parse_version refuses numbers beyond 64 bits (packaging accepts them)") {
  CHECK(normalized("18446744073709551616") == "invalid version '18446744073709551616'");
  CHECK(normalized("1.99999999999999999999") == "invalid version '1.99999999999999999999'");
}

TEST_CASE("compare follows the specification's total order") {
  // From the specification's ordering example, plus local versions and an epoch.
  const std::vector<std::string_view> ascending{"1.0.dev456",
                                                "1.0a1.dev1",
                                                "1.0a1",
                                                "1.0a2.dev456",
                                                "1.0a12.dev456",
                                                "1.0a12",
                                                "1.0b1.dev456",
                                                "1.0b2",
                                                "1.0b2.post345.dev456",
                                                "1.0b2.post345",
                                                "1.0rc1.dev456",
                                                "1.0rc1",
                                                "1.0",
                                                "1.0+abc.5",
                                                "1.0+abc.7",
                                                "1.0+5",
                                                "1.0.post456.dev34",
                                                "1.0.post456",
                                                "1.0.15",
                                                "1.1.dev1",
                                                "1!0.1"};
  for (size_t i = 0; i < ascending.size(); ++i)
    for (size_t j = 0; j < ascending.size(); ++j) {
      CAPTURE(ascending[i]);
      CAPTURE(ascending[j]);
      CHECK(compare(v(ascending[i]), v(ascending[j])) == (i <=> j));
    }
}

TEST_CASE("compare orders local labels: words before numbers, shorter first") {
  const std::vector<std::string_view> ascending{"1.0+a", "1.0+a.b", "1.0+a.1", "1.0+b",
                                                "1.0+1", "1.0+2",   "1.0+10",  "1.0+10.a"};
  for (size_t i = 0; i + 1 < ascending.size(); ++i) {
    CAPTURE(ascending[i]);
    CHECK(v(ascending[i]) < v(ascending[i + 1]));
  }
}

TEST_CASE("equal versions: zero padding, spelling, leading zeros") {
  CHECK(v("1.0") == v("1.0.0"));
  CHECK(v("1") == v("1.0.0.0"));
  CHECK(v("v1.0-1") == v("1.0.post1"));
  CHECK(v("1.0+01") == v("1.0+1"));
  CHECK(v("0!1.0") == v("1.0"));
  CHECK(v("1.0+A") == v("1.0+a"));
  CHECK(v("1.0") != v("1.0+0"));
  CHECK(v("3.11.7") > v("3.11"));
  CHECK(v("3.9") < v("3.10"));
}
