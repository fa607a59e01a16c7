#include "scheme_command.h"

#include "target_interpreter.h"

#include <doctest/doctest.h>

#include <set>

using namespace whlinst;

namespace {
ParsedArguments parse(const std::vector<std::string>& arguments) {
  auto parsed = parse_arguments(arguments, command_options({{"extra", 'x', TakesValue::no, "a flag"}}));
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
  return std::move(parsed).value();
}
} // namespace

TEST_CASE("shared options: the scheme, its overrides, --config, -q, -v, -h; names unique") {
  std::set<std::string_view> names;
  std::set<char> letters;
  for (const OptionSpec& option : shared_options()) {
    CHECK_MESSAGE(names.insert(option.long_name).second, option.long_name);
    if (option.short_name)
      CHECK(letters.insert(option.short_name).second);
  }
  for (std::string_view name : {"prefix", "root", "python", "purelib", "platlib", "headers", "scripts",
                                "data", "config", "quiet", "verbose", "help"})
    CHECK_MESSAGE(names.count(name) == 1, name);
  CHECK(command_options({{"extra", 'x', TakesValue::no, "a flag"}}).size() == names.size() + 1);
}

TEST_CASE("scheme_overrides: the directories given, made absolute") {
  ParsedArguments parsed = parse({"--purelib", "/a/lib/", "--scripts=bin", "-x"});
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
