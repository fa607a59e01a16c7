#include "scheme_command.h"

#include "option_table.h"
#include "target_interpreter.h"

#include <doctest/doctest.h>


using namespace whlinst;

namespace {
ParsedArguments parse(const std::vector<std::string>& arguments) {
  static const std::vector<OptionSpec> options = options_of(Command::show);
  auto parsed = parse_arguments(arguments, options);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
  return std::move(parsed).value();
}
} // namespace

TEST_CASE("scheme_overrides: the directories given, made absolute") {
  ParsedArguments parsed = parse({"--purelib", "/a/lib/", "--scripts=bin", "-f"});
  SchemeOverrides overrides = scheme_overrides(parsed);
  CHECK(overrides.purelib == "/a/lib");
  CHECK(overrides.scripts == absolute_path("bin"));
  CHECK_FALSE(overrides.platlib.has_value());
  CHECK_FALSE(overrides.headers.has_value());
  CHECK_FALSE(overrides.data.has_value());
}

TEST_CASE("apply_overrides replaces only the directories named") {
  Scheme scheme{"/p/purelib", "/p/platlib", "/p/include/x", "/p/bin", "/p", "/root"};
  apply_overrides(scheme, {std::string("/o/lib"), std::string("/o/lib"), std::nullopt,
                                  std::string("/o/bin"), std::nullopt});
  CHECK(scheme.purelib == "/o/lib");
  CHECK(scheme.platlib == "/o/lib");
  CHECK(scheme.headers == "/p/include/x");
  CHECK(scheme.scripts == "/o/bin");
  CHECK(scheme.data == "/p");
  CHECK(scheme.root == "/root");
}

TEST_CASE("verbosity_of: -q wins over -v") {
  CHECK(verbosity_of(parse({})) == Verbosity::normal);
  CHECK(verbosity_of(parse({"-v"})) == Verbosity::verbose);
  CHECK(verbosity_of(parse({"-v", "--quiet"})) == Verbosity::quiet);
}
