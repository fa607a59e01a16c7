#include "requirements_file.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

using Strings = std::vector<std::string>;

Strings wheels_of(std::string_view text, const std::string& file_path = "/build/pkgs/spkg-requirements.txt") {
  auto wheels = parse_requirements_file(text, file_path);
  REQUIRE_MESSAGE(wheels.ok(), wheels.error().message);
  return std::move(wheels).value();
}

std::string requirements_error(std::string_view text, const std::string& file_path = "/r/reqs.txt") {
  auto wheels = parse_requirements_file(text, file_path);
  REQUIRE_FALSE(wheels.ok());
  return wheels.error().message;
}

std::string url_path(std::string_view url) {
  Result<std::string> path = path_from_file_url(url);
  REQUIRE_MESSAGE(path.ok(), path.error().message);
  return std::move(path).value();
}

std::string url_error(std::string_view url) {
  Result<std::string> path = path_from_file_url(url);
  REQUIRE_FALSE(path.ok());
  return path.error().message;
}

} // namespace

TEST_CASE("parse_requirements_file reads SageMath's 'NAME @ file:///...' lines") {
  CHECK(wheels_of("cysignals @ "
                  "file:///sage/venv/var/lib/sage/wheels/cysignals-1.11.4-cp311-cp311-linux_x86_64.whl\n") ==
        Strings{"/sage/venv/var/lib/sage/wheels/cysignals-1.11.4-cp311-cp311-linux_x86_64.whl"});
  CHECK(wheels_of("a @ file:///w/a-1.0-py3-none-any.whl\r\n"
                  "b@file:///w/b-1.0-py3-none-any.whl\n"
                  "  c   @   file:///w/c-1.0-py3-none-any.whl   \n"
                  "d @ file:///w/d-1.0-py3-none-any.whl ; python_version >= '3.9'\n"
                  "e[extra] @ file:///w/e-1.0-py3-none-any.whl") ==
        Strings{"/w/a-1.0-py3-none-any.whl", "/w/b-1.0-py3-none-any.whl", "/w/c-1.0-py3-none-any.whl",
                "/w/d-1.0-py3-none-any.whl", "/w/e-1.0-py3-none-any.whl"});
}

TEST_CASE("parse_requirements_file percent-decodes file URLs") {
  CHECK(wheels_of("p @ file:///home/user/my%20dir/100%25/caf%C3%A9/p-1.0-py3-none-any.whl\n") ==
        Strings{"/home/user/my dir/100%/café/p-1.0-py3-none-any.whl"});
  CHECK(wheels_of("p @ file:///a%2fb/%7e/p.whl\n") == Strings{"/a/b/~/p.whl"});
  CHECK(wheels_of("file:///w/plain%20url.whl\n") == Strings{"/w/plain url.whl"});
}

TEST_CASE("parse_requirements_file accepts file://localhost/") {
  CHECK(wheels_of("p @ file://localhost/w/p-1.0-py3-none-any.whl\n") == Strings{"/w/p-1.0-py3-none-any.whl"});
  CHECK(url_path("file://localhost/a%20b") == "/a b");
}

TEST_CASE("parse_requirements_file reads plain paths, relative to the file's directory") {
  CHECK(wheels_of("/abs/p-1.0-py3-none-any.whl\n"
                  "dist/q-1.0-py3-none-any.whl\n"
                  "./r-1.0-py3-none-any.whl\n"
                  "../s-1.0-py3-none-any.whl\n") ==
        Strings{"/abs/p-1.0-py3-none-any.whl", "/build/pkgs/dist/q-1.0-py3-none-any.whl",
                "/build/pkgs/./r-1.0-py3-none-any.whl", "/build/pkgs/../s-1.0-py3-none-any.whl"});
  CHECK(wheels_of("q.whl\n", "reqs.txt") == Strings{"q.whl"});
  CHECK(wheels_of("q.whl\n", "sub/reqs.txt") == Strings{"sub/q.whl"});
  CHECK(wheels_of("dir with space/q.whl\n", "/r/reqs.txt") == Strings{"/r/dir with space/q.whl"});
}

TEST_CASE("parse_requirements_file skips blank lines and comments") {
  CHECK(wheels_of("").empty());
  CHECK(wheels_of("\n   \n\t\n# only a comment\n  # indented comment\n").empty());
  CHECK(wheels_of("# header\n\np @ file:///w/p.whl  # trailing comment\n/w/q.whl # another\n") ==
        Strings{"/w/p.whl", "/w/q.whl"});
  // '#' not preceded by a space is part of the path.
  CHECK(wheels_of("/w/a#b.whl\n") == Strings{"/w/a#b.whl"});
}

TEST_CASE("parse_requirements_file refuses other URLs, options and bad encodings, naming file:line") {
  CHECK(requirements_error("# first\np @ https://example.org/p-1.0-py3-none-any.whl\n") ==
        "/r/reqs.txt:2: only file:// URLs are supported: https://example.org/p-1.0-py3-none-any.whl");
  CHECK(requirements_error("ok @ file:///ok.whl\n\n\np @ file://server/share/p.whl\n") ==
        "/r/reqs.txt:4: file URL with a host is not supported: file://server/share/p.whl");
  CHECK(requirements_error("file:relative/p.whl\n") ==
        "/r/reqs.txt:1: only file:// URLs are supported: file:relative/p.whl");
  CHECK(requirements_error("--find-links /w\n") ==
        "/r/reqs.txt:1: options are not supported in requirements files: --find-links /w");
  CHECK(requirements_error("-r other.txt\n") ==
        "/r/reqs.txt:1: options are not supported in requirements files: -r other.txt");
  CHECK(requirements_error("p @ file:///w/bad%2.whl\n") ==
        "/r/reqs.txt:1: bad percent-encoding in '/w/bad%2.whl'");
  CHECK(requirements_error("p @ file:///w/bad%zz.whl\n") ==
        "/r/reqs.txt:1: bad percent-encoding in '/w/bad%zz.whl'");
  CHECK(requirements_error("p @ file:///w/end%\n") == "/r/reqs.txt:1: bad percent-encoding in '/w/end%'");
}

TEST_CASE("path_from_file_url") {
  CHECK(url_path("file:///") == "/");
  CHECK(url_path("file:///a/b.whl") == "/a/b.whl");
  CHECK(url_path("file:///a%20b/%41%42") == "/a b/AB");
  CHECK(url_path("file:///a%25") == "/a%");
  CHECK(url_error("http://x/y") == "only file:// URLs are supported: http://x/y");
  CHECK(url_error("FILE:///x") == "only file:// URLs are supported: FILE:///x");
  CHECK(url_error("file://host/x") == "file URL with a host is not supported: file://host/x");
  CHECK(url_error("file://") == "file URL with a host is not supported: file://");
  CHECK(url_error("file:///a%g0") == "bad percent-encoding in '/a%g0'");
}

// pip strips `(^|\s+)#.*$`.
TEST_CASE("parse_requirements_file: a comment may follow a tab") {
  CHECK(wheels_of("/w/p.whl\t# comment\n") == Strings{"/w/p.whl"});
}
