#include "pylock.h"
#include "pylock_fields.h"
#include "pylock_sources.h"

#include "test_support.h"

#include <doctest/doctest.h>

#include <string>

using namespace whlinst;

namespace {

PyLock parsed(std::string_view text, const std::string& path = "pylock.toml") {
  auto lock = parse_pylock(text, path);
  REQUIRE_MESSAGE(lock.ok(), lock.error().message);
  return *lock;
}

std::string refusal(std::string_view text) {
  auto lock = parse_pylock(text, "pylock.toml");
  REQUIRE_FALSE(lock.ok());
  CHECK(lock.error().message.find('\n') == std::string::npos);
  return lock.error().message;
}

// One package `six` whose single wheel has the given extra lines.
std::string six_with_wheel(std::string_view wheel_lines) {
  return "lock-version = '1.0'\ncreated-by = 'test'\n[[packages]]\nname = 'six'\nversion = '1.16.0'\n"
         "[[packages.wheels]]\n" +
         std::string(wheel_lines);
}

constexpr std::string_view kSha = "1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926";

} // namespace

TEST_CASE("pylock: the form pip lock writes") {
  // pip lock simplewheel==2.0 --no-index --find-links DIR (pip's
  // tests/functional/test_lock.py): tomli_w's layout of pip's Pylock.
  std::string text = R"(lock-version = "1.0"
created-by = "pip"

[[packages]]
name = "simplewheel"
version = "2.0"

[[packages.wheels]]
name = "simplewheel-2.0-1-py2.py3-none-any.whl"
url = "file:///data/packages/simplewheel-2.0-1-py2.py3-none-any.whl"
size = 2156

[packages.wheels.hashes]
sha256 = "71e1ca6b16ae3382a698c284013f66504f2581099b2ce4801f60e9536236ceee"
)";
  PyLock lock = parsed(text);
  CHECK(lock.major_version == 1);
  CHECK(lock.minor_version == 0);
  CHECK(lock.created_by == "pip");
  CHECK(lock.warnings.empty());
  REQUIRE(lock.packages.size() == 1);
  const LockedPackage& package = lock.packages[0];
  CHECK(package.name == "simplewheel");
  CHECK(package.version == "2.0");
  REQUIRE(package.wheels.size() == 1);
  CHECK(package.wheels[0].name == "simplewheel-2.0-1-py2.py3-none-any.whl");
  CHECK(package.wheels[0].url == "file:///data/packages/simplewheel-2.0-1-py2.py3-none-any.whl");
  CHECK(package.wheels[0].size == 2156u);
  CHECK(package.wheels[0].hashes.at("sha256") == "71e1ca6b16ae3382a698c284013f66504f2581099b2ce4801f60e9536236ceee");
}

TEST_CASE("pylock: the specification's example, every top-level key") {
  std::string text = R"(lock-version = '1.0'
environments = ["sys_platform == 'win32'", "sys_platform == 'linux'"]
requires-python = '==3.12'
extras = ['Fast']
dependency-groups = ['dev']
default-groups = ['default']
created-by = 'mousebender'

[[packages]]
name = 'attrs'
version = '25.1.0'
requires-python = '>=3.8'
index = 'https://pypi.org/simple/'
wheels = [
  {name = 'attrs-25.1.0-py3-none-any.whl', upload-time = 2025-01-25T11:30:10.164985+00:00, url = 'https://files.pythonhosted.org/packages/fc/30/attrs-25.1.0-py3-none-any.whl', size = 63152, hashes = {sha256 = 'c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a'}},
]
[[packages.attestation-identities]]
environment = 'release-pypi'
kind = 'GitHub'

[[packages]]
name = 'cattrs'
version = '24.1.2'
marker = "'dev' in dependency_groups"
dependencies = [{name = 'attrs'}, {name = 'spam', version = '1.0', vcs = {url = 'x'}}]
sdist = {url = 'https://example.org/cattrs-24.1.2.tar.gz', hashes = {sha256 = '67c7495b760168d931a10233f979b28dc04daf853b30752246f4f8471c6d68d0'}}

[tool.mousebender]
command = ['.', 'lock']
)";
  PyLock lock = parsed(text);
  CHECK(lock.environments.size() == 2);
  CHECK(lock.parsed_environments.size() == 2);
  CHECK(lock.requires_python == "==3.12");
  CHECK(lock.extras == std::vector<std::string>{"fast"});
  CHECK(lock.dependency_groups == std::vector<std::string>{"dev"});
  CHECK(lock.default_groups == std::vector<std::string>{"default"});
  REQUIRE(lock.packages.size() == 2);
  CHECK(lock.packages[0].index == "https://pypi.org/simple/");
  CHECK(lock.packages[0].wheels[0].upload_time == "2025-01-25T11:30:10.164985Z");
  CHECK(lock.packages[0].parsed_requires_python.has_value());
  const LockedPackage& cattrs = lock.packages[1];
  CHECK(cattrs.position == 1);
  CHECK(cattrs.marker == "'dev' in dependency_groups");
  REQUIRE(cattrs.parsed_marker.has_value());
  REQUIRE(cattrs.dependencies.size() == 2);
  CHECK(cattrs.dependencies[0].keys.at("name") == "attrs");
  CHECK(cattrs.dependencies[1].keys.at("version") == "1.0");
  CHECK(cattrs.dependencies[1].keys.count("vcs") == 1);
  REQUIRE(cattrs.sdist.has_value());
  CHECK(cattrs.sdist->name == "cattrs-24.1.2.tar.gz");
  CHECK(cattrs.wheels.empty());
}

TEST_CASE("pylock: lock-version") {
  std::string packages = "created-by = 'x'\npackages = []\n";
  CHECK(refusal("lock-version = '2.0'\n" + packages) == "pylock.toml: lock-version: 2.0 is not supported (whlinst reads 1.x)");
  CHECK(refusal("lock-version = '0.9'\n" + packages) == "pylock.toml: lock-version: 0.9 is not supported (whlinst reads 1.x)");
  CHECK(refusal("lock-version = '1'\n" + packages) == "pylock.toml: lock-version: expected MAJOR.MINOR, got '1'");
  CHECK(refusal("lock-version = 1.0\n" + packages) == "pylock.toml: lock-version must be a string");
  CHECK(refusal(packages) == "pylock.toml: missing required key 'lock-version'");

  SUBCASE("an unknown key is refused in 1.0, a warning in a newer 1.x") {
    CHECK(refusal("lock-version = '1.0'\nfuture = 1\n" + packages) == "pylock.toml: unknown key 'future'");
    PyLock lock = parsed("lock-version = '1.3'\ncreated-by = 'x'\nfuture = 1\n"
                         "[[packages]]\nname = 'a'\nfresh = 2\ndirectory = {path = 'a', shiny = true}\n");
    CHECK(lock.minor_version == 3);
    CHECK(lock.warnings == std::vector<std::string>{"pylock.toml: unknown key 'future'",
                                                    "pylock.toml: package 'a': unknown key 'fresh'",
                                                    "pylock.toml: package 'a': directory: unknown key 'shiny'"});
  }
}

TEST_CASE("pylock: required top-level keys and types") {
  CHECK(refusal("lock-version = '1.0'\npackages = []\n") == "pylock.toml: missing required key 'created-by'");
  CHECK(refusal("lock-version = '1.0'\ncreated-by = 'x'\n") == "pylock.toml: missing required key 'packages'");
  CHECK(refusal("lock-version = '1.0'\ncreated-by = 'x'\npackages = 3\n") ==
        "pylock.toml: packages must be an array of tables");
  CHECK(refusal("lock-version = '1.0'\ncreated-by = 'x'\npackages = []\nenvironments = 'linux'\n") ==
        "pylock.toml: environments must be an array of strings");
  CHECK(refusal("lock-version = '1.0'\ncreated-by = 'x'\npackages = []\nenvironments = ['os_nam == 1']\n")
            .starts_with("pylock.toml: environments: invalid marker 'os_nam == 1'"));
  CHECK(refusal("lock-version = '1.0'\ncreated-by = 'x'\npackages = []\nrequires-python = '>=three'\n")
            .starts_with("pylock.toml: requires-python: invalid specifier"));
}

TEST_CASE("pylock: invalid TOML is one line with the line number") {
  CHECK(refusal("lock-version = '1.0'\ncreated-by = ?\n").starts_with("pylock.toml:2: invalid TOML: "));
}

TEST_CASE("pylock: nesting too deep for toml11's recursion is refused before parsing") {
  CHECK(toml_nesting_depth("a = [[1], {b = [2]}]\n[[packages]]\n") == 3);
  CHECK(toml_nesting_depth("a = '[[[' # [[[[\nb = \"\\\"[[\"\nc = \"\"\"[[[\"\"\"\nd = '''[[[['''\n") == 0);
  CHECK(toml_nesting_depth("a = \"[") == 0);
  std::string deep = "a = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK(refusal(deep) == "pylock.toml: invalid TOML: arrays and tables nested deeper than 64");
  std::string inline_tables = "a = ";
  for (int i = 0; i < 65; ++i)
    inline_tables += "{b = ";
  CHECK(refusal(inline_tables + "1" + std::string(65, '}') + "\n") ==
        "pylock.toml: invalid TOML: arrays and tables nested deeper than 64");
}

TEST_CASE("pylock: text that is not UTF-8, and control characters in errors") {
  CHECK(refusal("lock-version = '1.0'\ncreated-by = '\xff'\n") == "pylock.toml: invalid TOML: not UTF-8 at byte 35");
  CHECK(refusal("lock-version = '1.0'\ncreated-by = 'x'\n[[packages]]\nname = \"a\\nb\\u001b[31m\"\n") ==
        "pylock.toml: packages[0]: name: invalid project name 'a\\x0Ab\\x1B[31m'");
}

TEST_CASE("pylock: package names, versions, markers") {
  std::string head = "lock-version = '1.0'\ncreated-by = 'x'\n[[packages]]\n";
  std::string source = "directory = {path = 'here'}\n";
  CHECK(refusal(head + source) == "pylock.toml: packages[0]: missing required key 'name'");
  CHECK(refusal(head + "name = 'Six'\n" + source) ==
        "pylock.toml: packages[0]: name: 'Six' is not normalized (expected 'six')");
  CHECK(refusal(head + "name = 'zope.interface'\n" + source) ==
        "pylock.toml: packages[0]: name: 'zope.interface' is not normalized (expected 'zope-interface')");
  CHECK(refusal(head + "name = '-x'\n" + source) == "pylock.toml: packages[0]: name: invalid project name '-x'");
  CHECK(refusal(head + "name = 'six'\nversion = 'one'\n" + source) ==
        "pylock.toml: package 'six': version: invalid version 'one'");
  CHECK(refusal(head + "name = 'six'\nmarker = 'python_version >'\n" + source)
            .starts_with("pylock.toml: package 'six': marker: invalid marker"));
  CHECK(refusal(head + "name = 'six'\nrequires-python = 3\n" + source) ==
        "pylock.toml: package 'six': requires-python must be a string");
  CHECK(refusal(head + "name = 'six'\nattestation-identities = [{environment = 'x'}]\n" + source) ==
        "pylock.toml: package 'six': attestation-identities[0]: missing required key 'kind'");
}

TEST_CASE("pylock: the allowed source combinations") {
  std::string head = "lock-version = '1.0'\ncreated-by = 'x'\n[[packages]]\nname = 'six'\n";
  std::string vcs = "vcs = {type = 'git', url = 'https://example.org/six.git', commit-id = 'abc'}\n";
  std::string directory = "directory = {path = 'six', editable = true}\n";
  std::string archive = "archive = {path = 'six.tar.gz', hashes = {sha256 = 'ab'}}\n";
  std::string sdist = "sdist = {path = 'six-1.0.tar.gz', hashes = {sha256 = 'ab'}}\n";
  std::string wheels = "wheels = [{path = 'six-1.0-py3-none-any.whl', hashes = {sha256 = 'ab'}}]\n";
  std::string mixed = "pylock.toml: package 'six': vcs, directory and archive cannot be combined with sdist or wheels";

  CHECK(parsed(head + vcs).packages[0].vcs->commit_id == "abc");
  CHECK(parsed(head + directory).packages[0].directory->editable);
  CHECK(parsed(head + archive).packages[0].archive->name == "six.tar.gz");
  CHECK(parsed(head + sdist + wheels).packages[0].wheels.size() == 1);
  CHECK(refusal(head + vcs + wheels) == mixed);
  CHECK(refusal(head + archive + sdist) == mixed);
  CHECK(refusal(head + vcs + directory) == "pylock.toml: package 'six': only one of vcs, directory and archive can be given");
  CHECK(refusal(head) ==
        "pylock.toml: package 'six': no source: one of vcs, directory, archive, sdist or wheels is required");
  CHECK(refusal(head + "vcs = {type = 'git', url = 'u'}\n") ==
        "pylock.toml: package 'six': vcs: missing required key 'commit-id'");
  CHECK(refusal(head + "vcs = {type = 'git', commit-id = 'c'}\n") ==
        "pylock.toml: package 'six': vcs: 'path' or 'url' is required");
  CHECK(refusal(head + "directory = {editable = true}\n") ==
        "pylock.toml: package 'six': directory: missing required key 'path'");
  CHECK(refusal(head + "directory = {path = 'x', editable = 'yes'}\n") ==
        "pylock.toml: package 'six': directory: editable must be true or false");
  CHECK(refusal(head + "wheels = {path = 'x'}\n") == "pylock.toml: package 'six': wheels must be an array of tables");
}

TEST_CASE("pylock: wheel entries") {
  CHECK(refusal(six_with_wheel("name = 'six-1.16.0-py2.py3-none-any.whl'\npath = 'a.whl'\nsize = '1'\n"
                               "hashes = {sha256 = 'ab'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: size must be an integer");
  CHECK(refusal(six_with_wheel("path = 'six-1.16.0-py2.py3-none-any.whl'\nsize = -1\nhashes = {sha256 = 'ab'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: size: must not be negative");
  CHECK(refusal(six_with_wheel("path = 'six-1.16.0-py2.py3-none-any.whl'\nupload-time = '2025'\n"
                               "hashes = {sha256 = 'ab'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: upload-time must be a datetime");
  CHECK(refusal(six_with_wheel("name = 'six-1.16.0-py2.py3-none-any.whl'\nhashes = {sha256 = 'ab'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: 'path' or 'url' is required");
  CHECK(refusal(six_with_wheel("url = 'https://example.org/download/?id=3'\nhashes = {sha256 = 'ab'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: 'name' is required when the path or URL does not end in the file "
        "name");
  CHECK(refusal(six_with_wheel("path = 'six-1.16.0.tar.gz'\nhashes = {sha256 = 'ab'}\n"))
            .starts_with("pylock.toml: package 'six': wheels[0]: 'six-1.16.0.tar.gz': "));
  CHECK(refusal(six_with_wheel("path = 'seven-1.16.0-py3-none-any.whl'\nhashes = {sha256 = 'ab'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: 'seven-1.16.0-py3-none-any.whl' is not a wheel of 'six'");
  CHECK(refusal(six_with_wheel("path = 'six-1.15.0-py3-none-any.whl'\nhashes = {sha256 = 'ab'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: 'six-1.15.0-py3-none-any.whl' is not version 1.16.0");

  SUBCASE("the file name comes from `name`, else from the path or URL") {
    auto name_of = [](std::string_view lines) { return parsed(six_with_wheel(lines)).packages[0].wheels[0].name; };
    CHECK(name_of("path = 'dist/six-1.16.0-py3-none-any.whl'\nhashes = {sha256 = 'ab'}\n") ==
          "six-1.16.0-py3-none-any.whl");
    CHECK(name_of("url = 'https://example.org/six-1.16.0-py3-none-any.whl?x=1'\nhashes = {sha256 = 'ab'}\n") ==
          "six-1.16.0-py3-none-any.whl");
    CHECK(name_of("name = 'six-1.16.0-py3-none-any.whl'\nurl = 'https://example.org/get/3'\nhashes = {sha256 = 'ab'}\n") ==
          "six-1.16.0-py3-none-any.whl");
  }
}

TEST_CASE("pylock: the file name in a path or URL") {
  CHECK(locked_file_base_name("dist/a-1-py3-none-any.whl") == "a-1-py3-none-any.whl");
  CHECK(locked_file_base_name("https://example.org/p/a-1%2Blocal-py3-none-any.whl#sha256=ab") ==
        "a-1+local-py3-none-any.whl");
  CHECK(locked_file_base_name("file:///w/a-1-py3-none-any.whl?x") == "a-1-py3-none-any.whl");
  CHECK(locked_file_base_name("https://example.org") == "");
  CHECK(locked_file_base_name("https://example.org/dir/") == "");
}

TEST_CASE("pylock: hashes") {
  std::string path = "path = 'six-1.16.0-py3-none-any.whl'\n";
  CHECK(refusal(six_with_wheel(path)) == "pylock.toml: package 'six': wheels[0]: missing required key 'hashes'");
  CHECK(refusal(six_with_wheel(path + "hashes = {}\n")) ==
        "pylock.toml: package 'six': wheels[0]: hashes: must list at least one hash");
  CHECK(refusal(six_with_wheel(path + "hashes = 'sha256:ab'\n")) ==
        "pylock.toml: package 'six': wheels[0]: hashes must be a table");
  CHECK(refusal(six_with_wheel(path + "hashes = {sha256 = 'xyz'}\n")) ==
        "pylock.toml: package 'six': wheels[0]: hashes: 'sha256' must be a hexadecimal digest");
  CHECK(refusal(six_with_wheel(path + "hashes = {sha256 = 12}\n")) ==
        "pylock.toml: package 'six': wheels[0]: hashes: 'sha256' must be a hexadecimal digest");
  PyLock lock = parsed(six_with_wheel(path + "hashes = {SHA256 = '" + std::string(kSha) + "', md5 = 'AB12'}\n"));
  auto hashes = lock.packages[0].wheels[0].hashes;
  CHECK(hashes.at("sha256") == kSha);
  CHECK(hashes.at("md5") == "ab12");
}

TEST_CASE("pylock: the file name rule") {
  CHECK(is_pylock_file_name("pylock.toml"));
  CHECK(is_pylock_file_name("pylock.dev.toml"));
  CHECK(is_pylock_file_name("pylock.spam-eggs_1.toml"));
  CHECK_FALSE(is_pylock_file_name("pylock..toml"));
  CHECK_FALSE(is_pylock_file_name("pylock.a.b.toml"));
  CHECK_FALSE(is_pylock_file_name("Pylock.toml"));
  CHECK_FALSE(is_pylock_file_name("pylock.tom"));
  CHECK_FALSE(is_pylock_file_name("poetry.lock"));
  CHECK_FALSE(is_pylock_file_name("xpylock.toml"));

  testing::TemporaryDirectory directory;
  testing::write_text_file(directory / "lock.toml", "lock-version = '1.0'\ncreated-by = 'x'\npackages = []\n");
  auto refused = read_pylock(directory / "lock.toml");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == directory / "lock.toml" + ": a lock file is named pylock.toml or pylock.NAME.toml (PEP 751)");
  testing::write_text_file(directory / "pylock.ci.toml", "lock-version = '1.0'\ncreated-by = 'x'\npackages = []\n");
  auto read = read_pylock(directory / "pylock.ci.toml");
  REQUIRE_MESSAGE(read.ok(), read.error().message);
  CHECK(read->path == directory / "pylock.ci.toml");
}
