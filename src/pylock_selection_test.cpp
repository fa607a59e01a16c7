#include "pylock_selection.h"

#include <doctest/doctest.h>

#include <string>

using namespace whlinst;

namespace {

// CPython 3.12.4 on Linux: the variables the markers of these tests use.
MarkerEnvironment linux_312() {
  MarkerEnvironment environment;
  environment.variables = {{"os_name", "posix"},
                           {"sys_platform", "linux"},
                           {"python_version", "3.12"},
                           {"python_full_version", "3.12.4"}};
  return environment;
}

TagSet linux_312_tags() {
  return TagSet({"cp312-cp312-manylinux_2_28_x86_64", "cp312-cp312-manylinux_2_17_x86_64",
                 "cp312-cp312-manylinux2014_x86_64", "cp312-abi3-manylinux_2_17_x86_64",
                 "cp312-none-manylinux_2_17_x86_64", "cp311-abi3-manylinux_2_17_x86_64",
                 "py312-none-manylinux_2_17_x86_64", "py3-none-manylinux_2_17_x86_64", "cp312-none-any",
                 "py312-none-any", "py3-none-any"});
}

constexpr std::string_view kHead = "lock-version = '1.0'\ncreated-by = 'test'\n";

// A package table with one wheel per file name.
std::string package(std::string_view name, std::string_view version, const std::vector<std::string>& wheels,
                    std::string_view extra_lines = "") {
  std::string text = "[[packages]]\nname = '" + std::string(name) + "'\nversion = '" + std::string(version) + "'\n" +
                     std::string(extra_lines);
  if (wheels.empty())
    return text;
  text += "wheels = [\n";
  for (const std::string& wheel : wheels)
    text += "  {name = '" + wheel + "', url = 'https://files.example.org/" + wheel + "', hashes = {sha256 = 'ab'}},\n";
  return text + "]\n";
}

PyLock parsed(const std::string& text) {
  auto lock = parse_pylock(text, "pylock.toml");
  REQUIRE_MESSAGE(lock.ok(), lock.error().message);
  return *lock;
}

std::vector<std::string> selected_files(const PyLock& lock, const LockRequest& request = {},
                                        const MarkerEnvironment& target = linux_312()) {
  auto selected = select_locked_wheels(lock, target, linux_312_tags(), request);
  REQUIRE_MESSAGE(selected.ok(), selected.error().message);
  std::vector<std::string> files;
  for (const SelectedWheel& wheel : *selected)
    files.push_back(wheel.file->name);
  return files;
}

std::string refusal(const PyLock& lock, const LockRequest& request = {},
                    const MarkerEnvironment& target = linux_312()) {
  auto selected = select_locked_wheels(lock, target, linux_312_tags(), request);
  REQUIRE_FALSE(selected.ok());
  return selected.error().message;
}

} // namespace

TEST_CASE("pylock selection: markers true and false per package, in lock order") {
  PyLock lock = parsed(std::string(kHead) +
                       package("b", "1.0", {"b-1.0-py3-none-any.whl"}, "marker = \"sys_platform == 'linux'\"\n") +
                       package("winonly", "1.0", {"winonly-1.0-py3-none-any.whl"}, "marker = \"sys_platform == 'win32'\"\n") +
                       package("a", "2.0", {"a-2.0-py3-none-any.whl"}));
  CHECK(selected_files(lock) == std::vector<std::string>{"b-1.0-py3-none-any.whl", "a-2.0-py3-none-any.whl"});
  MarkerEnvironment windows = linux_312();
  windows.variables["sys_platform"] = "win32";
  CHECK(selected_files(lock, {}, windows) ==
        std::vector<std::string>{"winonly-1.0-py3-none-any.whl", "a-2.0-py3-none-any.whl"});
}

TEST_CASE("pylock selection: environments") {
  std::string body = package("a", "1.0", {"a-1.0-py3-none-any.whl"});
  PyLock windows_only = parsed(std::string(kHead) + "environments = [\"sys_platform == 'win32'\", \"os_name == 'nt'\"]\n" + body);
  CHECK(refusal(windows_only) == "pylock.toml: the lock file does not support this environment (environments: "
                                 "sys_platform == 'win32'; os_name == 'nt')");
  PyLock with_linux =
      parsed(std::string(kHead) + "environments = [\"sys_platform == 'win32'\", \"sys_platform == 'linux'\"]\n" + body);
  CHECK(selected_files(with_linux) == std::vector<std::string>{"a-1.0-py3-none-any.whl"});
}

TEST_CASE("pylock selection: requires-python of the lock and of a package") {
  std::string body = package("a", "1.0", {"a-1.0-py3-none-any.whl"});
  CHECK(refusal(parsed(std::string(kHead) + "requires-python = '>=3.13'\n" + body)) ==
        "pylock.toml: the lock file requires Python >=3.13, the target is 3.12.4");
  CHECK(refusal(parsed(std::string(kHead) + package("a", "1.0", {"a-1.0-py3-none-any.whl"}, "requires-python = '<3.12'\n"))) ==
        "pylock.toml: package 'a': requires Python <3.12, the target is 3.12.4");
  // A package skipped by its marker is not checked.
  CHECK(selected_files(parsed(std::string(kHead) +
                              package("a", "1.0", {"a-1.0-py3-none-any.whl"},
                                      "requires-python = '<3.12'\nmarker = \"python_version < '3.12'\"\n")))
            .empty());
  // As pip does: a release candidate satisfies the release it precedes.
  MarkerEnvironment candidate = linux_312();
  candidate.variables["python_full_version"] = "3.13.0rc1";
  CHECK(selected_files(parsed(std::string(kHead) + "requires-python = '>=3.13'\n" + body), {}, candidate).size() == 1);
}

TEST_CASE("pylock selection: the wheel with the best tag") {
  PyLock lock = parsed(std::string(kHead) + package("numpy", "2.2.3",
                                                    {"numpy-2.2.3-cp312-cp312-win_amd64.whl",
                                                     "numpy-2.2.3-cp312-abi3-manylinux_2_17_x86_64.whl",
                                                     "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                                                     "numpy-2.2.3-py3-none-any.whl",
                                                     "numpy-2.2.3-cp312-cp312-macosx_14_0_arm64.whl"}));
  auto selected = select_locked_wheels(lock, linux_312(), linux_312_tags(), {});
  REQUIRE(selected.ok());
  REQUIRE(selected->size() == 1);
  CHECK((*selected)[0].file->name == "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
  CHECK((*selected)[0].tag == "cp312-cp312-manylinux_2_17_x86_64");
  CHECK((*selected)[0].version == "2.2.3");
  CHECK((*selected)[0].package->name == "numpy");
  CHECK((*selected)[0].source == LockedSource::wheels);

  // Equal tags: the first in lock order.
  PyLock twins = parsed(std::string(kHead) + package("a", "1.0", {"a-1.0-2-py3-none-any.whl", "a-1.0-1-py3-none-any.whl"}));
  CHECK(selected_files(twins) == std::vector<std::string>{"a-1.0-2-py3-none-any.whl"});
}

TEST_CASE("pylock selection: whlinst installs wheels only") {
  std::string sdist = "sdist = {name = 'a-1.0.tar.gz', url = 'https://x/a-1.0.tar.gz', hashes = {sha256 = 'ab'}}\n";
  CHECK(refusal(parsed(std::string(kHead) + package("a", "1.0", {}, sdist))) ==
        "pylock.toml: whlinst installs wheels only: package 'a' is locked as an sdist only (a-1.0.tar.gz)");
  CHECK(refusal(parsed(std::string(kHead) + package("a", "1.0", {"a-1.0-cp312-cp312-win_amd64.whl"}, sdist))) ==
        "pylock.toml: whlinst installs wheels only: package 'a' has no wheel for this target, only an sdist "
        "(a-1.0.tar.gz); its wheels: a-1.0-cp312-cp312-win_amd64.whl; the target supports e.g. "
        "cp312-cp312-manylinux_2_28_x86_64");
  CHECK(refusal(parsed(std::string(kHead) + "[[packages]]\nname = 'a'\nvcs = {type = 'git', url = 'https://x/a.git', "
                                            "commit-id = 'abc'}\n")) ==
        "pylock.toml: whlinst installs wheels only: package 'a' is locked as a git checkout (https://x/a.git)");
  CHECK(refusal(parsed(std::string(kHead) + "[[packages]]\nname = 'a'\ndirectory = {path = 'src/a'}\n")) ==
        "pylock.toml: whlinst installs wheels only: package 'a' is locked as a source directory (src/a)");
  CHECK(refusal(parsed(std::string(kHead) + "[[packages]]\nname = 'a'\narchive = {url = 'https://x/a.tar.gz', "
                                            "hashes = {sha256 = 'ab'}}\n")) ==
        "pylock.toml: whlinst installs wheels only: package 'a' is locked as an archive that is not a wheel for "
        "this target (https://x/a.tar.gz)");
  CHECK(refusal(parsed(std::string(kHead) + package("a", "1.0", {"a-1.0-cp312-cp312-win_amd64.whl",
                                                                 "a-1.0-cp311-cp311-win_amd64.whl"}))) ==
        "pylock.toml: package 'a': no wheel for this target: the lock has a-1.0-cp312-cp312-win_amd64.whl, "
        "a-1.0-cp311-cp311-win_amd64.whl; the target supports e.g. cp312-cp312-manylinux_2_28_x86_64");
  // The first package without a wheel is reported, whatever comes after.
  CHECK(refusal(parsed(std::string(kHead) + package("a", "1.0", {}, sdist) +
                       package("b", "1.0", {"b-1.0-py3-none-any.whl"})))
            .find("package 'a'") != std::string::npos);
}

TEST_CASE("pylock selection: an archive that is a wheel") {
  PyLock lock = parsed(std::string(kHead) + "[[packages]]\nname = 'a'\narchive = {path = 'dist/a-3.1-py3-none-any.whl', "
                                            "hashes = {sha256 = 'ab'}}\n");
  auto selected = select_locked_wheels(lock, linux_312(), linux_312_tags(), {});
  REQUIRE_MESSAGE(selected.ok(), selected.error().message);
  REQUIRE(selected->size() == 1);
  CHECK((*selected)[0].source == LockedSource::archive);
  CHECK((*selected)[0].version == "3.1");
  CHECK((*selected)[0].file->path == "dist/a-3.1-py3-none-any.whl");
}

TEST_CASE("pylock selection: one entry per package") {
  std::string linux_marker = "marker = \"sys_platform == 'linux'\"\n";
  std::string other_marker = "marker = \"sys_platform != 'linux'\"\n";
  PyLock exclusive = parsed(std::string(kHead) + package("a", "1.0", {"a-1.0-py3-none-any.whl"}, other_marker) +
                            package("a", "2.0", {"a-2.0-py3-none-any.whl"}, linux_marker));
  CHECK(selected_files(exclusive) == std::vector<std::string>{"a-2.0-py3-none-any.whl"});
  PyLock both = parsed(std::string(kHead) + package("a", "1.0", {"a-1.0-py3-none-any.whl"}) +
                       package("a", "2.0", {"a-2.0-py3-none-any.whl"}, linux_marker));
  CHECK(refusal(both) == "pylock.toml: package 'a' is listed twice for this environment (packages[0] and "
                         "packages[1]): at most one entry of a package may apply");
}

TEST_CASE("pylock selection: dependency groups and extras") {
  PyLock lock = parsed(std::string(kHead) + "extras = ['crypto']\ndependency-groups = ['dev', 'Docs']\n"
                                            "default-groups = ['default']\n" +
                       package("core", "1.0", {"core-1.0-py3-none-any.whl"}, "marker = \"'default' in dependency_groups\"\n") +
                       package("pytest", "8.0", {"pytest-8.0-py3-none-any.whl"}, "marker = \"'dev' in dependency_groups\"\n") +
                       package("sphinx", "7.0", {"sphinx-7.0-py3-none-any.whl"}, "marker = \"'docs' in dependency_groups\"\n") +
                       package("cryptography", "42.0", {"cryptography-42.0-py3-none-any.whl"},
                               "marker = \"'crypto' in extras\"\n"));
  CHECK(selected_files(lock) == std::vector<std::string>{"core-1.0-py3-none-any.whl"});
  CHECK(selected_files(lock, LockRequest{{}, {"dev"}, DefaultGroups::include}) ==
        std::vector<std::string>{"core-1.0-py3-none-any.whl", "pytest-8.0-py3-none-any.whl"});
  CHECK(selected_files(lock, LockRequest{{}, {"DOCS"}, DefaultGroups::exclude}) ==
        std::vector<std::string>{"sphinx-7.0-py3-none-any.whl"});
  CHECK(selected_files(lock, LockRequest{{"Crypto"}, {}, DefaultGroups::exclude}) ==
        std::vector<std::string>{"cryptography-42.0-py3-none-any.whl"});
  CHECK(selected_files(lock, LockRequest{{}, {"default"}, DefaultGroups::exclude}) ==
        std::vector<std::string>{"core-1.0-py3-none-any.whl"});
  CHECK(refusal(lock, LockRequest{{"speed"}, {}, DefaultGroups::include}) ==
        "pylock.toml: the lock file has no extra 'speed' (it has: crypto)");
  CHECK(refusal(lock, LockRequest{{}, {"lint"}, DefaultGroups::include}) ==
        "pylock.toml: the lock file has no dependency group 'lint' (it has: dev, Docs)");

  auto environment = lock_marker_environment(lock, linux_312(), LockRequest{{"crypto"}, {"dev", "dev"}, DefaultGroups::include});
  REQUIRE(environment.ok());
  CHECK(environment->extras == std::vector<std::string>{"crypto"});
  CHECK(environment->dependency_groups == std::vector<std::string>{"default", "dev"});
}
