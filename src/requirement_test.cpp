#include "requirement.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
Requirement parsed(std::string_view text) {
  auto requirement = parse_requirement(text);
  REQUIRE_MESSAGE(requirement.ok(), requirement.error().message);
  return std::move(requirement).value();
}

std::string error_of(std::string_view text) {
  auto requirement = parse_requirement(text);
  REQUIRE_FALSE_MESSAGE(requirement.ok(), text);
  return requirement.error().message;
}

Version v(std::string_view text) { return *parse_version(text); }

MarkerEnvironment target() {
  MarkerEnvironment environment;
  environment.variables = {{"python_version", "3.11"}, {"sys_platform", "linux"}, {"os_name", "posix"}};
  return environment;
}
} // namespace

TEST_CASE("parse_requirement: a bare name and pinned versions") {
  Requirement bare = parsed("Foo.Bar");
  CHECK(bare.name == "Foo.Bar");
  CHECK(bare.project_key() == "foo-bar");
  CHECK(bare.specifiers.specifiers.empty());
  CHECK_FALSE(bare.url);
  CHECK_FALSE(bare.marker);

  Requirement pinned = parsed("six==1.17.0");
  CHECK(pinned.name == "six");
  CHECK(pinned.specifier_text == "==1.17.0");
  CHECK(pinned.specifiers.contains(v("1.17.0")));
  CHECK_FALSE(pinned.specifiers.contains(v("1.16.0")));

  Requirement arbitrary = parsed("six===1.17.0");
  CHECK(arbitrary.specifiers.specifiers.at(0).op == Operator::arbitrary);
  CHECK(arbitrary.specifiers.contains(v("1.17.0")));
}

TEST_CASE("parse_requirement: extras, spaced and parenthesized specifiers, markers") {
  Requirement full = parsed(" requests [ socks , security ] >= 2.8.1 , == 2.8.* ; python_version < '2.7' ");
  CHECK(full.name == "requests");
  CHECK(full.extras == std::vector<std::string>{"socks", "security"});
  CHECK(full.specifiers.contains(v("2.8.5")));
  CHECK_FALSE(full.specifiers.contains(v("2.9")));
  REQUIRE(full.marker);
  CHECK_FALSE(*full.applies(target()));
  CHECK(full.to_string() == "requests[socks,security]>= 2.8.1 , == 2.8.*; python_version < \"2.7\"");

  Requirement old_style = parsed("name (>=1.0,<2)");
  CHECK(old_style.specifiers.contains(v("1.5")));
  CHECK_FALSE(old_style.specifiers.contains(v("2.0")));

  Requirement no_space = parsed("name>=1;sys_platform=='linux'");
  CHECK(*no_space.applies(target()));
  CHECK(parsed("name[]").extras.empty());
  CHECK(parsed("name[a,a]").extras == std::vector<std::string>{"a"});
}

TEST_CASE("parse_requirement: direct references keep ';' in the URL unless spaced") {
  Requirement direct = parsed("pip @ file:///w/pip-23.0-py3-none-any.whl ; python_version >= '3.7'");
  CHECK(direct.url == "file:///w/pip-23.0-py3-none-any.whl");
  CHECK(*direct.applies(target()));
  CHECK(parsed("p@file:///a;b.whl").url == "file:///a;b.whl");
  CHECK(parsed("p @ file:///a.whl").to_string() == "p @ file:///a.whl");
}

TEST_CASE("parse_requirement: markers with extras hold for any extra requested") {
  Requirement socks = parsed("PySocks!=1.5.7,>=1.5.6; extra == 'socks'");
  CHECK_FALSE(*socks.applies(target()));
  CHECK_FALSE(*socks.applies(target(), {"security"}));
  CHECK(*socks.applies(target(), {"security", "Socks"}));
  Requirement always = parsed("idna; python_version >= '3'");
  CHECK(*always.applies(target(), {"socks"}));
}

TEST_CASE("parse_requirement: errors say what is wrong") {
  CHECK(error_of("") == "invalid requirement '': expected a project name");
  CHECK(error_of("-foo") == "invalid requirement '-foo': invalid project name");
  CHECK(error_of(">=1") == "invalid requirement '>=1': expected a project name");
  CHECK(error_of("foo-") == "invalid requirement 'foo-': invalid project name");
  CHECK(error_of("foo[bar") == "invalid requirement 'foo[bar': missing ']' after the extras");
  CHECK(error_of("foo[b r]") == "invalid requirement 'foo[b r]': invalid extra 'b r'");
  CHECK(error_of("foo 1.0") == "invalid requirement 'foo 1.0': expected a version specifier, '@' or ';' at '1.0'");
  CHECK(error_of("foo>=") == "invalid requirement 'foo>=': invalid specifier '>='");
  CHECK(error_of("foo (>=1.0") == "invalid requirement 'foo (>=1.0': missing ')' after the version specifiers");
  CHECK(error_of("foo @") == "invalid requirement 'foo @': missing URL after '@'");
  CHECK(error_of("foo @ file:///a.whl x") ==
        "invalid requirement 'foo @ file:///a.whl x': expected ';' or the end after the URL");
  CHECK(error_of("foo; bogus == '1'").find("unknown variable 'bogus'") != std::string::npos);
  CHECK(error_of("foo;").find("expected a variable or a quoted string") != std::string::npos);
}
