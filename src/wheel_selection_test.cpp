#include "wheel_selection.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
StoredWheel stored(std::string_view file_name) {
  auto name = parse_wheel_name(file_name);
  REQUIRE_MESSAGE(name.ok(), name.error().message);
  auto version = parse_version(name->version);
  REQUIRE(version.ok());
  return StoredWheel{"/store/" + std::string(file_name), std::move(*name), std::move(*version)};
}

TagSet cpython_311_linux() {
  TargetFacts facts;
  facts.implementation = "cp";
  facts.major = 3;
  facts.minor = 11;
  facts.abi = "cp311";
  facts.platform = "linux-x86_64";
  facts.glibc = LibcVersion{2, 36};
  return TagSet(supported_tags(facts));
}

std::string chosen(const std::vector<StoredWheel>& candidates, std::string_view specifiers,
                   PreReleases pre = PreReleases::when_asked) {
  auto set = parse_specifier_set(specifiers);
  REQUIRE(set.ok());
  auto wheel = select_wheel(candidates, *set, pre, cpython_311_linux(), "p" + std::string(specifiers), "/store");
  REQUIRE_MESSAGE(wheel.ok(), wheel.error().message);
  return std::string((*wheel)->path.substr(7));
}

std::string failure(const std::vector<StoredWheel>& candidates, std::string_view specifiers) {
  auto set = parse_specifier_set(specifiers);
  REQUIRE(set.ok());
  auto wheel = select_wheel(candidates, *set, PreReleases::when_asked, cpython_311_linux(),
                            "p" + std::string(specifiers), "/store");
  REQUIRE_FALSE(wheel.ok());
  return wheel.error().message;
}
} // namespace

TEST_CASE("select_wheel: the highest version the specifiers allow") {
  std::vector<StoredWheel> store{stored("p-1.0-py3-none-any.whl"), stored("p-2.0-py3-none-any.whl"),
                                 stored("p-1.5-py3-none-any.whl")};
  CHECK(chosen(store, "") == "p-2.0-py3-none-any.whl");
  CHECK(chosen(store, "<2") == "p-1.5-py3-none-any.whl");
  CHECK(chosen(store, "==1.0") == "p-1.0-py3-none-any.whl");
  CHECK(chosen(store, "===1.0") == "p-1.0-py3-none-any.whl");
  CHECK(chosen(store, "!=2.0,>1") == "p-1.5-py3-none-any.whl");
  CHECK(chosen(store, "==1.*") == "p-1.5-py3-none-any.whl");
}

TEST_CASE("select_wheel: among one version's wheels, the best tag for the target, then the build tag") {
  std::vector<StoredWheel> store{stored("p-1.0-py3-none-any.whl"), stored("p-1.0-cp311-abi3-manylinux_2_17_x86_64.whl"),
                                 stored("p-1.0-cp311-cp311-manylinux_2_28_x86_64.whl"),
                                 stored("p-1.0-cp311-cp311-win_amd64.whl"), stored("p-0.9-cp311-cp311-linux_x86_64.whl")};
  CHECK(chosen(store, "") == "p-1.0-cp311-cp311-manylinux_2_28_x86_64.whl");
  CHECK(chosen(store, "<1") == "p-0.9-cp311-cp311-linux_x86_64.whl");
  std::vector<StoredWheel> builds{stored("p-1.0-1-py3-none-any.whl"), stored("p-1.0-10-py3-none-any.whl"),
                                  stored("p-1.0-2b-py3-none-any.whl"), stored("p-1.0-py3-none-any.whl")};
  CHECK(chosen(builds, "") == "p-1.0-10-py3-none-any.whl");
}

TEST_CASE("select_wheel: a newer version for another platform does not win") {
  std::vector<StoredWheel> store{stored("p-2.0-cp312-cp312-manylinux_2_17_x86_64.whl"),
                                 stored("p-1.0-py3-none-any.whl")};
  CHECK(chosen(store, "") == "p-1.0-py3-none-any.whl");
}

TEST_CASE("select_wheel: pre-releases only when asked for or when nothing else is there") {
  std::vector<StoredWheel> store{stored("p-1.0-py3-none-any.whl"), stored("p-2.0b1-py3-none-any.whl"),
                                 stored("p-2.1.dev3-py3-none-any.whl")};
  CHECK(chosen(store, "") == "p-1.0-py3-none-any.whl");
  CHECK(chosen(store, "", PreReleases::allowed) == "p-2.1.dev3-py3-none-any.whl");
  CHECK(chosen(store, ">=2.0b1") == "p-2.1.dev3-py3-none-any.whl");
  CHECK(chosen(store, "==2.0b1") == "p-2.0b1-py3-none-any.whl");
  CHECK(chosen(store, "===2.0b1") == "p-2.0b1-py3-none-any.whl");
  CHECK(chosen(store, "<3") == "p-1.0-py3-none-any.whl");
  std::vector<StoredWheel> only_pre{stored("p-2.0b1-py3-none-any.whl"), stored("p-2.0a1-py3-none-any.whl")};
  CHECK(chosen(only_pre, "") == "p-2.0b1-py3-none-any.whl");
  // With a specifier, packaging's filter does not fall back to pre-releases.
  CHECK(failure(only_pre, ">=1") == "no wheel for p>=1 in /store: found versions 2.0a1, 2.0b1");
}

TEST_CASE("select_wheel: the error names what was found") {
  std::vector<StoredWheel> store{stored("p-1.0-py3-none-any.whl"), stored("p-1.0-py2-none-any.whl"),
                                 stored("p-3.0-cp27-cp27mu-manylinux1_x86_64.whl")};
  CHECK(failure(store, ">=2") ==
        "no wheel for p>=2 in /store: found versions 1.0 (and for other platforms or Pythons: 3.0)");
  CHECK(failure({}, "==1") == "no wheel for p==1 in /store");
  CHECK(failure({stored("p-3.0-cp27-cp27mu-manylinux1_x86_64.whl")}, "") ==
        "no wheel for p in /store: found versions none (and for other platforms or Pythons: 3.0)");
}

TEST_CASE("names_prerelease follows packaging's SpecifierSet.prereleases") {
  auto names = [](std::string_view text) { return names_prerelease(*parse_specifier_set(text)); };
  CHECK(names(">=1.0rc1"));
  CHECK(names("<=1.0.dev0"));
  CHECK(names("~=1.0b2"));
  CHECK(names("==2.0a1"));
  CHECK(names("===2.0a1"));
  CHECK_FALSE(names("<2.0a1"));
  CHECK_FALSE(names(">2.0a1"));
  CHECK_FALSE(names("!=2.0a1"));
  CHECK_FALSE(names(">=1.0"));
  CHECK_FALSE(names(""));
}
