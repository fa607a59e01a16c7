#include "scheme.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

Interpreter test_interpreter() {
  Interpreter interpreter;
  interpreter.path = "/usr/bin/python3";
  interpreter.major = 3;
  interpreter.minor = 11;
  interpreter.prefix_scheme = {"/@WHLINST_PREFIX@/lib/python3.11/site-packages",
                               "/@WHLINST_PREFIX@/lib64/python3.11/site-packages",
                               "/@WHLINST_PREFIX@/include/python3.11/@WHLINST_DIST@",
                               "/@WHLINST_PREFIX@/bin", "/@WHLINST_PREFIX@"};
  interpreter.default_scheme = {"/usr/local/lib/python3.11/dist-packages",
                                "/usr/local/lib/python3.11/dist-packages",
                                "/usr/local/include/python3.11/@WHLINST_DIST@", "/usr/local/bin",
                                "/usr/local"};
  return interpreter;
}

Scheme scheme_for(const SchemeRequest& request, const Interpreter& interpreter = test_interpreter()) {
  Result<Scheme> scheme = make_scheme(interpreter, request);
  REQUIRE_MESSAGE(scheme.ok(), scheme.error().message);
  return std::move(scheme).value();
}

std::string scheme_error(const Interpreter& interpreter, const SchemeRequest& request) {
  Result<Scheme> scheme = make_scheme(interpreter, request);
  REQUIRE_FALSE(scheme.ok());
  return scheme.error().message;
}

} // namespace

TEST_CASE("make_scheme substitutes the prefix and the project name") {
  Scheme scheme = scheme_for({"/opt/sage/local", "", "my-project"});
  CHECK(scheme.purelib == "/opt/sage/local/lib/python3.11/site-packages");
  CHECK(scheme.platlib == "/opt/sage/local/lib64/python3.11/site-packages");
  CHECK(scheme.headers == "/opt/sage/local/include/python3.11/my-project");
  CHECK(scheme.scripts == "/opt/sage/local/bin");
  CHECK(scheme.data == "/opt/sage/local");
  CHECK(scheme.root.empty());
}

TEST_CASE("make_scheme normalizes the prefix it is given") {
  Scheme scheme = scheme_for({"/opt/p/", "", "pkg"});
  CHECK(scheme.purelib == "/opt/p/lib/python3.11/site-packages");
  CHECK(scheme.data == "/opt/p");
  CHECK(scheme_for({"/opt//x/../p/.", "", "pkg"}).scripts == "/opt/p/bin");
  CHECK(scheme_for({"/", "", "pkg"}).scripts == "/bin");
  CHECK(scheme_for({"/", "", "pkg"}).data == "/");
}

TEST_CASE("make_scheme without a prefix uses the interpreter's default scheme") {
  Scheme scheme = scheme_for({std::nullopt, "", "pkg"});
  CHECK(scheme.purelib == "/usr/local/lib/python3.11/dist-packages");
  CHECK(scheme.platlib == "/usr/local/lib/python3.11/dist-packages");
  CHECK(scheme.headers == "/usr/local/include/python3.11/pkg");
  CHECK(scheme.scripts == "/usr/local/bin");
  CHECK(scheme.data == "/usr/local");
  // The default scheme need not lie under a prefix placeholder.
  Interpreter venv = test_interpreter();
  venv.default_scheme.data = "/srv/venv";
  CHECK(scheme_for({std::nullopt, "", "pkg"}, venv).data == "/srv/venv");
}

TEST_CASE("make_scheme keeps the root apart from the final paths") {
  Scheme scheme = scheme_for({"/usr", "/tmp/stage", "pkg"});
  CHECK(scheme.root == "/tmp/stage");
  CHECK(scheme.purelib == "/usr/lib/python3.11/site-packages");
  CHECK(scheme.on_disk(scheme.scripts + "/tool").str() == "/tmp/stage/usr/bin/tool");
  CHECK(scheme.on_disk("/usr/lib/python3.11/site-packages").str() == "/tmp/stage/usr/lib/python3.11/site-packages");
  Scheme unrooted = scheme_for({"/usr", "", "pkg"});
  CHECK(unrooted.on_disk("/usr/bin/tool").str() == "/usr/bin/tool");
}

TEST_CASE("make_scheme refuses a template that is not under the prefix placeholder") {
  Interpreter interpreter = test_interpreter();
  interpreter.prefix_scheme.platlib = "/usr/lib/python3/dist-packages";
  CHECK(scheme_error(interpreter, {"/opt/p", "", "pkg"}) ==
        "the interpreter's scheme path /usr/lib/python3/dist-packages is not under its prefix");
  interpreter = test_interpreter();
  interpreter.prefix_scheme.headers = "@WHLINST_DIST@/include";
  CHECK(scheme_error(interpreter, {"/opt/p", "", "pkg"}) ==
        "the interpreter's scheme path @WHLINST_DIST@/include is not under its prefix");
  interpreter = test_interpreter();
  interpreter.prefix_scheme.data = "/opt/@WHLINST_PREFIX@";
  CHECK(scheme_error(interpreter, {"/opt/p", "", "pkg"}) ==
        "the interpreter's scheme path /opt/@WHLINST_PREFIX@ is not under its prefix");
}

TEST_CASE("Scheme::directory and scheme_key_named map the .data categories") {
  Scheme scheme = scheme_for({"/p", "", "pkg"});
  CHECK(scheme_key_named("purelib") == SchemeKey::purelib);
  CHECK(scheme_key_named("platlib") == SchemeKey::platlib);
  CHECK(scheme_key_named("headers") == SchemeKey::headers);
  CHECK(scheme_key_named("scripts") == SchemeKey::scripts);
  CHECK(scheme_key_named("data") == SchemeKey::data);
  CHECK_FALSE(scheme_key_named("Scripts"));
  CHECK_FALSE(scheme_key_named("include"));
  CHECK_FALSE(scheme_key_named(""));
  CHECK(scheme.directory(SchemeKey::purelib) == scheme.purelib);
  CHECK(scheme.directory(SchemeKey::platlib) == scheme.platlib);
  CHECK(scheme.directory(SchemeKey::headers) == scheme.headers);
  CHECK(scheme.directory(SchemeKey::scripts) == scheme.scripts);
  CHECK(scheme.directory(SchemeKey::data) == scheme.data);
}

TEST_CASE("Scheme::owning_directory is the deepest scheme directory holding a path") {
  Scheme scheme = scheme_for({"/p", "", "pkg"});
  CHECK(scheme.owning_directory("/p/lib/python3.11/site-packages/pkg/a.py") == scheme.purelib);
  CHECK(scheme.owning_directory("/p/lib64/python3.11/site-packages/_x.so") == scheme.platlib);
  CHECK(scheme.owning_directory("/p/bin/tool") == "/p/bin");
  CHECK(scheme.owning_directory("/p/include/python3.11/pkg/pkg.h") == "/p/include/python3.11");
  CHECK(scheme.owning_directory("/p/share/man/tool.1") == "/p");
  CHECK(scheme.owning_directory("/p/lib/python3.11/site-packages") == "/p");
  CHECK(scheme.owning_directory("/p/binary") == "/p");
  CHECK(scheme.owning_directory("/elsewhere/x") == "/");
}
