#include "command_line.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

using Strings = std::vector<std::string>;

constexpr OptionSpec kOptions[] = {
    {"prefix", 0, TakesValue::yes, "install scheme rooted at DIR"},
    {"jobs", 'j', TakesValue::yes, "parallel jobs"},
    {"quiet", 'q', TakesValue::no, "less output"},
    {"verbose", 'v', TakesValue::no, "more output"},
    {"requirement", 'r', TakesValue::yes, "requirements file"},
    {"no-compile", 0, TakesValue::no, "do not byte-compile"},
};

ParsedArguments parse(const Strings& arguments) {
  Result<ParsedArguments> parsed = parse_arguments(arguments, kOptions);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
  return std::move(parsed).value();
}

std::string parse_error(const Strings& arguments) {
  Result<ParsedArguments> parsed = parse_arguments(arguments, kOptions);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error().message;
}

} // namespace

TEST_CASE("parse_arguments: positionals and long options with separate or inline values") {
  ParsedArguments parsed = parse({"a.whl", "--prefix", "/p", "b.whl", "--jobs=4", "--no-compile"});
  CHECK(parsed.positionals == Strings{"a.whl", "b.whl"});
  CHECK(parsed.last("prefix") == "/p");
  CHECK(parsed.last("jobs") == "4");
  CHECK(parsed.has("no-compile"));
  CHECK(parsed.values.at("no-compile") == Strings{""});
  CHECK_FALSE(parsed.has("quiet"));
  CHECK_FALSE(parsed.last("quiet"));
  CHECK_FALSE(parsed.last("unknown"));
}

TEST_CASE("parse_arguments: inline values keep '=' and may be empty") {
  ParsedArguments parsed = parse({"--prefix=/p=q", "--requirement="});
  CHECK(parsed.last("prefix") == "/p=q");
  CHECK(parsed.last("requirement") == "");
  CHECK(parse({"--prefix", "--looks-like-an-option"}).last("prefix") == "--looks-like-an-option");
  CHECK(parse({"--prefix", "-"}).last("prefix") == "-");
}

TEST_CASE("parse_arguments: short options, with attached or separate values") {
  ParsedArguments parsed = parse({"-j", "2", "-r", "reqs.txt", "-q", "-v", "-j8", "-rmore.txt"});
  CHECK(parsed.values.at("jobs") == Strings{"2", "8"});
  CHECK(parsed.last("jobs") == "8");
  CHECK(parsed.values.at("requirement") == Strings{"reqs.txt", "more.txt"});
  CHECK(parsed.has("quiet"));
  CHECK(parsed.has("verbose"));
  CHECK(parsed.positionals.empty());
  // Short and long spellings share one key; repeated flags are counted.
  ParsedArguments mixed = parse({"-q", "--quiet", "-q"});
  CHECK(mixed.values.at("quiet").size() == 3);
  // A lone "-" is a positional (standard input, by convention).
  CHECK(parse({"-"}).positionals == Strings{"-"});
}

TEST_CASE("parse_arguments: grouped short flags, as pip's -vvv, the last may take a value") {
  ParsedArguments parsed = parse({"-vvv", "-qv", "-vj4", "-vr", "reqs.txt"});
  CHECK(parsed.values.at("verbose").size() == 6);
  CHECK(parsed.values.at("quiet").size() == 1);
  CHECK(parsed.last("jobs") == "4");
  CHECK(parsed.last("requirement") == "reqs.txt");
}

TEST_CASE("parse_arguments: '--' ends the options") {
  ParsedArguments parsed = parse({"-q", "--", "--prefix", "-j", "--", "x.whl"});
  CHECK(parsed.has("quiet"));
  CHECK_FALSE(parsed.has("prefix"));
  CHECK(parsed.positionals == Strings{"--prefix", "-j", "--", "x.whl"});
  CHECK(parse({"--"}).positionals.empty());
  CHECK(parse({}).positionals.empty());
}

TEST_CASE("parse_arguments: usage errors") {
  CHECK(parse_error({"--unknown"}) == "unknown option '--unknown'");
  CHECK(parse_error({"--unknown=3"}) == "unknown option '--unknown'");
  CHECK(parse_error({"--pre"}) == "unknown option '--pre'");
  CHECK(parse_error({"--"
                     "="}) == "unknown option '--'");
  CHECK(parse_error({"-x"}) == "unknown option '-x'");
  CHECK(parse_error({"-xvalue"}) == "unknown option '-xvalue'");
  CHECK(parse_error({"-qx"}) == "unknown option '-x'");
  CHECK(parse_error({"-vj"}) == "option '-j' needs a value");
  CHECK(parse_error({"a.whl", "--prefix"}) == "option '--prefix' needs a value");
  CHECK(parse_error({"-j"}) == "option '-j' needs a value");
  CHECK(parse_error({"--quiet=yes"}) == "option '--quiet' takes no value");
  CHECK(parse_error({"--no-compile="}) == "option '--no-compile' takes no value");
  // The first error wins.
  CHECK(parse_error({"--bad", "--prefix"}) == "unknown option '--bad'");
}

TEST_CASE("describe_options lists every option with its help") {
  std::span<const OptionSpec> options(kOptions, 2);
  CHECK(describe_options(options) == "      --prefix VALUE                install scheme rooted at DIR\n"
                                     "  -j, --jobs VALUE                  parallel jobs\n");
  OptionSpec long_name[] = {{"a-very-long-option-name-indeed", 'x', TakesValue::yes, "help"}};
  CHECK(describe_options(long_name) == "  -x, --a-very-long-option-name-indeed VALUE  help\n");
  CHECK(describe_options({}).empty());
}
