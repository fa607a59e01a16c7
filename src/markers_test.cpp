#include "markers.h"

#include <doctest/doctest.h>

#include <string>

using namespace whlinst;

namespace {

// CPython 3.11.7 on Linux x86_64, as interpreter_query.py reports it.
MarkerEnvironment linux_311() {
  MarkerEnvironment environment;
  environment.variables = {
      {"os_name", "posix"},
      {"sys_platform", "linux"},
      {"platform_machine", "x86_64"},
      {"platform_python_implementation", "CPython"},
      {"platform_release", "6.1.0-18-amd64"},
      {"platform_system", "Linux"},
      {"platform_version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)"},
      {"python_version", "3.11"},
      {"python_full_version", "3.11.7"},
      {"implementation_name", "cpython"},
      {"implementation_version", "3.11.7"},
  };
  return environment;
}

bool holds(std::string_view text, const MarkerEnvironment& environment = linux_311()) {
  auto marker = Marker::parse(text);
  REQUIRE_MESSAGE(marker.ok(), marker.error().message);
  auto value = marker->evaluate(environment);
  REQUIRE_MESSAGE(value.ok(), value.error().message);
  return *value;
}

std::string parse_error(std::string_view text) {
  auto marker = Marker::parse(text);
  REQUIRE_FALSE_MESSAGE(marker.ok(), text);
  return marker.error().message;
}

std::string evaluation_error(std::string_view text) {
  auto marker = Marker::parse(text);
  REQUIRE_MESSAGE(marker.ok(), marker.error().message);
  auto value = marker->evaluate(linux_311());
  REQUIRE_FALSE(value.ok());
  return value.error().message;
}

std::string canonical(std::string_view text) {
  auto marker = Marker::parse(text);
  REQUIRE_MESSAGE(marker.ok(), marker.error().message);
  return marker->to_string();
}

MarkerEnvironment with_extra(std::string extra) {
  MarkerEnvironment environment = linux_311();
  environment.extra = std::move(extra);
  return environment;
}

} // namespace

TEST_CASE("markers: python_version compares as PEP 440 versions, not strings") {
  CHECK(holds("python_version >= '3.8'"));
  CHECK(holds("python_version > '3.9'")); // "3.11" < "3.9" as strings
  CHECK_FALSE(holds("python_version < '3.10'"));
  CHECK(holds("python_version == '3.11'"));
  CHECK(holds("python_version == '3.11.0'")); // zero padding
  CHECK(holds("python_version == '3.*'"));
  CHECK_FALSE(holds("python_version == '3.1.*'"));
  CHECK(holds("python_version != '2.7'"));
  CHECK(holds("python_version ~= '3.9'"));
  CHECK_FALSE(holds("python_version ~= '3.12'"));
  CHECK(holds("python_full_version >= '3.11.7'"));
  CHECK_FALSE(holds("python_full_version > '3.11.7'"));
  CHECK(holds("python_full_version === '3.11.7'"));
  CHECK_FALSE(holds("python_full_version === '3.11.07'"));
}

TEST_CASE("markers: the variable may stand on either side") {
  CHECK(holds("'3.8' <= python_version"));
  CHECK_FALSE(holds("'3.12' <= python_version"));
  CHECK(holds("'linux' == sys_platform"));
}

TEST_CASE("markers: a pre-release interpreter satisfies its own release's comparisons") {
  MarkerEnvironment environment = linux_311();
  environment.variables["python_full_version"] = "3.13.0rc1";
  CHECK(holds("python_full_version >= '3.13.0rc1'", environment));
  CHECK_FALSE(holds("python_full_version >= '3.13.0'", environment));
  // "Exclusive ordered comparison": <V excludes the pre-releases of V.
  CHECK_FALSE(holds("python_full_version < '3.13'", environment));
  CHECK(holds("python_full_version < '3.13.1'", environment));
}

TEST_CASE("markers: strings compare as Python strings when they are not versions") {
  CHECK(holds("sys_platform == 'linux'"));
  CHECK_FALSE(holds("sys_platform == 'win32'"));
  CHECK(holds("sys_platform != 'win32'"));
  CHECK(holds("platform_system == \"Linux\""));
  CHECK(holds("platform_machine in 'x86_64 aarch64'"));
  CHECK_FALSE(holds("platform_machine not in 'x86_64 aarch64'"));
  CHECK(holds("'linux' in sys_platform"));
  CHECK(holds("'arm' not in platform_machine"));
  CHECK(holds("platform_release >= '5'"));   // "6.1.0-18-amd64" is no version
  CHECK(holds("os_name < 'posixx'"));
  CHECK(holds("implementation_name === 'CPython'")); // case-insensitive
  CHECK(holds("platform_python_implementation == 'CPython'"));
  CHECK(holds("platform_version in '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x'"));
}

TEST_CASE("markers: ~= on strings that are not versions is an error") {
  CHECK(evaluation_error("platform_release ~= '6.1'") ==
        "cannot compare '6.1.0-18-amd64' ~= '6.1' in marker 'platform_release ~= \"6.1\"'");
  CHECK(evaluation_error("sys_platform ~= 'linux'").find("cannot compare 'linux' ~= 'linux'") == 0);
}

TEST_CASE("markers: and binds tighter than or; parentheses group") {
  CHECK(holds("sys_platform == 'win32' or python_version >= '3' and os_name == 'posix'"));
  CHECK_FALSE(holds("(sys_platform == 'win32' or python_version >= '3') and os_name == 'nt'"));
  CHECK(holds("sys_platform == 'win32' or (python_version >= '3' and os_name == 'posix')"));
  CHECK_FALSE(holds("sys_platform == 'win32' and python_version >= '3' or os_name == 'nt'"));
  CHECK(holds("((((os_name == 'posix'))))"));
  CHECK(holds("os_name=='posix'and(sys_platform=='linux')"));
}

TEST_CASE("markers: extra compares normalized names and is empty without one") {
  CHECK_FALSE(holds("extra == 'test'"));
  CHECK(holds("extra == 'test'", with_extra("test")));
  CHECK(holds("extra == 'Foo_Bar'", with_extra("foo-bar")));
  CHECK(holds("extra == \"foo.bar\"", with_extra("Foo__Bar")));
  CHECK(holds("extra != 'test'", with_extra("doc")));
  CHECK(holds("python_version >= '3' and extra == 'socks'", with_extra("socks")));
  CHECK(holds("extra == ''"));
}

TEST_CASE("markers: PEP 751 extras and dependency_groups are sets") {
  MarkerEnvironment environment = linux_311();
  environment.extras = {"Socks", "test"};
  environment.dependency_groups = {"dev"};
  CHECK(holds("'socks' in extras", environment));
  CHECK(holds("'doc' not in extras", environment));
  CHECK(holds("'dev' in dependency_groups and 'test' in extras", environment));
  CHECK_FALSE(holds("'docs' in dependency_groups", environment));
  CHECK(evaluation_error("extras == 'a'").find("extras can only be used as 'STRING in extras'") != std::string::npos);
}

TEST_CASE("markers: legacy dotted names are aliases") {
  CHECK(holds("os.name == 'posix'"));
  CHECK(holds("sys.platform == 'linux'"));
  CHECK(holds("platform.machine == 'x86_64'"));
  CHECK(holds("python_implementation == 'CPython'"));
  CHECK(holds("platform.python_implementation == 'CPython'"));
  CHECK(canonical("os.name == 'posix'") == "os_name == \"posix\"");
}

TEST_CASE("markers: an unknown value of the target is an error, not a guess") {
  MarkerEnvironment environment;
  auto marker = Marker::parse("os_name == 'posix'");
  REQUIRE(marker.ok());
  auto value = marker->evaluate(environment);
  REQUIRE_FALSE(value.ok());
  CHECK(value.error().message == "marker 'os_name == \"posix\"': the target's os_name is unknown");
}

TEST_CASE("markers: syntax errors name the column") {
  CHECK(parse_error("") == "invalid marker '': expected a variable or a quoted string at column 1");
  CHECK(parse_error("os_name") == "invalid marker 'os_name': expected a comparison operator at column 8");
  CHECK(parse_error("os_name == ") == "invalid marker 'os_name == ': expected a variable or a quoted string at column 12");
  CHECK(parse_error("python_versio == '3'") ==
        "invalid marker 'python_versio == '3'': unknown variable 'python_versio' at column 1");
  CHECK(parse_error("os_name == 'posix") == "invalid marker 'os_name == 'posix': unterminated string at column 12");
  CHECK(parse_error("'a' == 'b'") == "invalid marker ''a' == 'b'': two strings compared at column 11");
  CHECK(parse_error("os_name == sys_platform").find("two variables compared") != std::string::npos);
  CHECK(parse_error("(os_name == 'a'") == "invalid marker '(os_name == 'a'': expected ')' at column 16");
  CHECK(parse_error("os_name == 'a' an os_name == 'b'").find("expected 'and', 'or' or the end") != std::string::npos);
  CHECK(parse_error("os_name notin 'a'").find("expected a comparison operator") != std::string::npos);
  CHECK(parse_error("os_name = 'a'").find("expected a comparison operator") != std::string::npos);
  CHECK(parse_error("os_name == 'a' andos_name == 'b'").find("expected 'and', 'or'") != std::string::npos);
  CHECK(parse_error(std::string(65, '(') + "os_name == 'a'" + std::string(65, ')')).find("nested too deep") !=
        std::string::npos);
  CHECK(holds(std::string(64, '(') + "os_name == 'posix'" + std::string(64, ')')));
}

TEST_CASE("markers: the canonical spelling parses back to the same marker") {
  CHECK(canonical("python_version>='3.8'") == "python_version >= \"3.8\"");
  CHECK(canonical(" os_name  not   in 'a' ") == "os_name not in \"a\"");
  CHECK(canonical("(os_name == 'a' or os_name == 'b') and sys_platform == 'c'") ==
        "(os_name == \"a\" or os_name == \"b\") and sys_platform == \"c\"");
  CHECK(canonical("os_name == 'a' or (os_name == 'b' and sys_platform == 'c')") ==
        "os_name == \"a\" or os_name == \"b\" and sys_platform == \"c\"");
  CHECK(canonical("((os_name == 'a') and (os_name == 'b')) and os_name == 'c'") ==
        "os_name == \"a\" and os_name == \"b\" and os_name == \"c\"");
  CHECK(canonical("os_name == 'say \"hi\"'") == "os_name == 'say \"hi\"'");
  for (std::string_view text : {"python_version >= \"3.8\" and (os_name == \"nt\" or extra == \"x\")",
                                "'a' in extras or 'b' not in dependency_groups"}) {
    std::string once = canonical(text);
    CHECK(canonical(once) == once);
  }
}
