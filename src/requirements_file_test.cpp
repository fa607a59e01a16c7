#include "requirements_file.h"
#include "text.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

using Strings = std::vector<std::string>;

Strings wheels_of(std::string_view text, const std::string& file_path = "/build/pkgs/spkg-requirements.txt") {
  auto file = parse_requirements_file(text, file_path);
  REQUIRE_MESSAGE(file.ok(), file.error().message);
  Strings paths;
  for (const InstallInput& input : file->inputs) {
    REQUIRE_MESSAGE(input.path.has_value(), input.text);
    paths.push_back(*input.path);
  }
  return paths;
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
  CHECK(requirements_error("--global-option x\n") ==
        "/r/reqs.txt:1: option '--global-option' is not supported in requirements files");
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

namespace {
RequirementsFile file_of(std::string_view text, const std::string& file_path = "/r/reqs.txt") {
  auto file = parse_requirements_file(text, file_path);
  REQUIRE_MESSAGE(file.ok(), file.error().message);
  return std::move(file).value();
}
const std::string kHex1(64, 'a');
const std::string kHex2 = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef";
} // namespace

TEST_CASE("parse_requirements_file reads requirements by name, with markers and origins") {
  RequirementsFile file = file_of("six==1.17.0\n\n"
                                  "requests[socks] >= 2 ; python_version >= '3'\n"
                                  "storepkg===1.0\n");
  REQUIRE(file.inputs.size() == 3);
  CHECK_FALSE(file.inputs[0].path);
  REQUIRE(file.inputs[0].requirement);
  CHECK(file.inputs[0].requirement->name == "six");
  CHECK(file.inputs[0].origin == "/r/reqs.txt:1");
  CHECK(file.inputs[1].origin == "/r/reqs.txt:3");
  CHECK(file.inputs[1].requirement->extras == std::vector<std::string>{"socks"});
  CHECK(file.inputs[1].requirement->marker);
  CHECK(file.inputs[1].describe() == "/r/reqs.txt:3: requests[socks] >= 2 ; python_version >= '3'");
  CHECK(file.inputs[2].requirement->specifiers.specifiers.at(0).op == Operator::arbitrary);
}

TEST_CASE("parse_requirements_file reads --hash options, continuation lines and #sha256= fragments") {
  RequirementsFile file = file_of("six==1.17.0 \\\n"
                                  "    --hash=sha256:" + kHex1 + " \\\n"
                                  "    --hash sha256:" + kHex2 + "\n"
                                  "p @ file:///w/p-1.0-py3-none-any.whl#sha256=" + kHex1 + "\n"
                                  "/w/q-1.0-py3-none-any.whl --hash=sha512:" + std::string(128, 'b') + "\n");
  REQUIRE(file.inputs.size() == 3);
  REQUIRE(file.inputs[0].hashes.size() == 2);
  CHECK(file.inputs[0].hashes[0].hex == kHex1);
  CHECK(file.inputs[0].hashes[1].hex == to_lower(kHex2));
  CHECK(file.inputs[0].origin == "/r/reqs.txt:1");
  CHECK(file.inputs[1].path == "/w/p-1.0-py3-none-any.whl");
  REQUIRE(file.inputs[1].hashes.size() == 1);
  CHECK(file.inputs[1].hashes[0].algorithm == HashAlgorithm::sha256);
  CHECK(file.inputs[1].origin == "/r/reqs.txt:4");
  CHECK(file.inputs[2].hashes.at(0).algorithm == HashAlgorithm::sha512);
}

TEST_CASE("parse_requirements_file honours the option lines builders write") {
  RequirementsFile file = file_of("--find-links wheels\n-f /abs/store\n--find-links=file:///url/store\n"
                                  "--require-hashes\n--no-index\n--pre\n-r other.txt\n-rsub/more.txt\n"
                                  "--index-url https://pypi.org/simple\n--only-binary :all:\n");
  CHECK(file.find_links == std::vector<std::string>{"/r/wheels", "/abs/store", "file:///url/store"});
  CHECK(file.included == std::vector<std::string>{"/r/other.txt", "/r/sub/more.txt"});
  CHECK(file.require_hashes == RequireHashes::yes);
  CHECK(file.pre == PreReleases::allowed);
  CHECK(file.warnings == std::vector<std::string>{"--index-url https://pypi.org/simple ignored: whlinst never uses "
                                                  "the network"});
  CHECK(file.inputs.empty());
}

TEST_CASE("parse_requirements_file refuses bad hashes, editables and unknown options") {
  CHECK(requirements_error("six==1 --hash=md5:abc\n") ==
        "/r/reqs.txt:1: invalid hash 'md5:abc': the algorithm must be sha256, sha384 or sha512");
  CHECK(requirements_error("six==1 --hash=sha256:abc\n") ==
        "/r/reqs.txt:1: invalid hash 'sha256:abc': expected 64 hexadecimal digits after 'sha256'");
  CHECK(requirements_error("six==1 --hash\n") == "/r/reqs.txt:1: option '--hash' needs a value");
  CHECK(requirements_error("six==1 --global-option=x\n") ==
        "/r/reqs.txt:1: option '--global-option' is not supported on a requirement line (only --hash)");
  CHECK(requirements_error("-e /src/project\n") ==
        "/r/reqs.txt:1: editable installs are not supported: -e /src/project (whlinst installs wheels only)");
  CHECK(requirements_error("-c constraints.txt\n") ==
        "/r/reqs.txt:1: constraints files are not supported: -c constraints.txt");
  CHECK(requirements_error("--find-links\n") == "/r/reqs.txt:1: option '--find-links' needs a value");
  CHECK(requirements_error("--pre=yes\n") == "/r/reqs.txt:1: option '--pre' takes no value");
  CHECK(requirements_error("six=1\n").find("/r/reqs.txt:1: invalid requirement 'six=1'") == 0);
  CHECK(requirements_error("p @ file:///w/p.tar.gz\n") ==
        "/r/reqs.txt:1: not a wheel file: /w/p.tar.gz (whlinst installs wheels only)");
}

TEST_CASE("InstallInput::project_name: what `uninstall -r` removes for each line") {
  auto file = parse_requirements_file("six\nCython==3.0.11\nfoo_bar[extra] >= 1 ; python_version > '3'\n"
                                      "gmpy2 @ file:///w/gmpy2-2.2.1-cp311-cp311-linux_x86_64.whl\n"
                                      "/w/pkgconfig-1.5.5-py3-none-any.whl\nfile:///w/a.b-1.0-py3-none-any.whl\n"
                                      "six \\\n  ==1.17.0 \\\n  --hash=sha256:" + std::string(64, '0') + "\n"
                                      "./not-a-wheel\n",
                                      "/r/reqs.txt");
  REQUIRE_MESSAGE(file.ok(), file.error().message);
  Strings names;
  for (const InstallInput& input : file->inputs) {
    auto name = input.project_name();
    names.push_back(name ? *name : input.describe() + ": " + name.error().message);
  }
  CHECK(names == Strings{"six", "Cython", "foo_bar", "gmpy2", "pkgconfig", "a.b", "six",
                         "/r/reqs.txt:10: ./not-a-wheel: not a wheel file name: not-a-wheel"});
}
