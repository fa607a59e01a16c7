#include "pylock_location.h"
#include "pylock_verification.h"

#include "file_system.h"
#include "hash.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <string>

using namespace whlinst;

namespace {

std::string hex_digest(HashAlgorithm algorithm, std::string_view content) {
  Hasher hasher(algorithm);
  hasher.update(content);
  return hasher.finish_hex();
}

constexpr std::string_view kWheel = "a-1.0-py3-none-any.whl";
constexpr std::string_view kContent = "not really a zip, but bytes to hash";

// A lock in `directory` whose package `a` has one wheel with `lines`.
PyLock lock_in(const testing::TemporaryDirectory& directory, const std::string& lines) {
  std::string text = "lock-version = '1.0'\ncreated-by = 'test'\n[[packages]]\nname = 'a'\nversion = '1.0'\n"
                     "[[packages.wheels]]\nname = '" + std::string(kWheel) + "'\n" + lines;
  auto lock = parse_pylock(text, directory / "pylock.toml");
  REQUIRE_MESSAGE(lock.ok(), lock.error().message);
  return *lock;
}

std::string sha256_line(std::string_view content = kContent) {
  return "hashes = {sha256 = '" + hex_digest(HashAlgorithm::sha256, content) + "'}\n";
}

Result<std::vector<LockedWheel>> locate(const PyLock& lock, const std::vector<std::string>& find_links = {}) {
  MarkerEnvironment target;
  target.variables["python_full_version"] = "3.12.4";
  auto selected = select_locked_wheels(lock, target, TagSet({"py3-none-any"}), {});
  REQUIRE_MESSAGE(selected.ok(), selected.error().message);
  auto store = WheelStore::open(find_links);
  REQUIRE_MESSAGE(store.ok(), store.error().message);
  return locate_locked_wheels(lock, *selected, *store);
}

LockedWheel located(const PyLock& lock, const std::vector<std::string>& find_links = {}) {
  auto wheels = locate(lock, find_links);
  REQUIRE_MESSAGE(wheels.ok(), wheels.error().message);
  REQUIRE(wheels->size() == 1);
  return (*wheels)[0];
}

} // namespace

TEST_CASE("pylock location: a relative path, from the lock file's directory") {
  testing::TemporaryDirectory directory;
  REQUIRE(make_directories(directory / "dist").ok());
  testing::write_text_file(directory / "dist/a-1.0-py3-none-any.whl", kContent);
  LockedWheel wheel = located(lock_in(directory, "path = 'dist/a-1.0-py3-none-any.whl'\nsize = 35\n" + sha256_line()));
  CHECK(wheel.path == directory / "dist/a-1.0-py3-none-any.whl");
  CHECK(wheel.package == "a");
  CHECK(wheel.version == "1.0");
  CHECK(wheel.file_name == kWheel);
  CHECK(wheel.size == 35u);
  CHECK(wheel.source == LockedSource::wheels);
  CHECK(verify_locked_wheel(wheel).ok());
}

TEST_CASE("pylock location: a file:// URL") {
  testing::TemporaryDirectory directory;
  REQUIRE(make_directories(directory / "my wheels").ok());
  testing::write_text_file(directory / "my wheels/a-1.0-py3-none-any.whl", kContent);
  std::string url = "file://" + directory.path() + "/my%20wheels/a-1.0-py3-none-any.whl";
  LockedWheel wheel = located(lock_in(directory, "url = '" + url + "'\n" + sha256_line()));
  CHECK(wheel.path == directory / "my wheels/a-1.0-py3-none-any.whl");
  CHECK(wheel.url == url);
  CHECK(verify_locked_wheel(wheel).ok());
}

TEST_CASE("pylock location: by file name in --find-links, offline") {
  testing::TemporaryDirectory directory;
  REQUIRE(make_directories(directory / "links").ok());
  testing::write_text_file(directory / "links/a-1.0-py3-none-any.whl", kContent);
  testing::write_text_file(directory / "links/a-2.0-py3-none-any.whl", "another");
  PyLock lock = lock_in(directory, "url = 'https://files.example.org/a-1.0-py3-none-any.whl'\n" + sha256_line());
  CHECK(located(lock, {directory / "links"}).path == directory / "links/a-1.0-py3-none-any.whl");

  auto missing = locate(lock);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message ==
        directory / "pylock.toml" +
            ": package 'a': a-1.0-py3-none-any.whl: not found; it is at "
            "https://files.example.org/a-1.0-py3-none-any.whl and whlinst does not download: put the file in a "
            "--find-links directory");
}

TEST_CASE("pylock location: a path that is not there") {
  testing::TemporaryDirectory directory;
  auto missing = locate(lock_in(directory, "path = 'gone/a-1.0-py3-none-any.whl'\n" + sha256_line()));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == directory / "pylock.toml" + ": package 'a': a-1.0-py3-none-any.whl: not found (looked at " +
                                       directory / "gone/a-1.0-py3-none-any.whl" + ")");
}

TEST_CASE("pylock verification: size and every hash") {
  testing::TemporaryDirectory directory;
  std::string path = directory / "a-1.0-py3-none-any.whl";
  testing::write_text_file(path, kContent);
  std::string sha256 = hex_digest(HashAlgorithm::sha256, kContent);
  std::string sha512 = hex_digest(HashAlgorithm::sha512, kContent);
  LockedWheel wheel{"a", "1.0", std::string(kWheel), path, 35, {{"sha256", sha256}, {"sha512", sha512}},
                    LockedSource::wheels, ""};
  CHECK(verify_locked_wheel(wheel).ok());

  SUBCASE("a wrong size") {
    wheel.size = 36;
    auto status = verify_locked_wheel(wheel);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == "package 'a': " + path + ": 35 bytes, the lock says 36");
  }
  SUBCASE("a wrong hash, the second of two") {
    std::string other = hex_digest(HashAlgorithm::sha512, "other");
    wheel.hashes["sha512"] = other;
    auto status = verify_locked_wheel(wheel);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message ==
          "package 'a': " + path + ": sha512 mismatch: the lock says " + other + ", the file has " + sha512);
  }
  SUBCASE("an unknown or weak algorithm beside a known one is skipped") {
    wheel.hashes["md5"] = "00";
    wheel.hashes["whirlpool"] = "00";
    CHECK(verify_locked_wheel(wheel).ok());
  }
  SUBCASE("only algorithms whlinst cannot check") {
    wheel.hashes = {{"whirlpool", "00"}};
    auto status = verify_locked_wheel(wheel);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message ==
          "package 'a': " + path + ": no hash whlinst can check (whirlpool: unknown hash algorithm 'whirlpool')");
  }
  SUBCASE("no size in the lock: the hashes decide") {
    wheel.size.reset();
    CHECK(verify_locked_wheel(wheel).ok());
    testing::write_text_file(path, "tampered");
    CHECK_FALSE(verify_locked_wheel(wheel).ok());
  }
}

TEST_CASE("pylock: a lock as pip lock writes it, end to end") {
  testing::TemporaryDirectory directory;
  REQUIRE(make_directories(directory / "packages").ok());
  std::string wheel_path = directory / "packages/simplewheel-2.0-1-py2.py3-none-any.whl";
  testing::write_text_file(wheel_path, kContent);
  std::string text = "lock-version = \"1.0\"\ncreated-by = \"pip\"\n\n[[packages]]\nname = \"simplewheel\"\n"
                     "version = \"2.0\"\n\n[[packages.wheels]]\nname = \"simplewheel-2.0-1-py2.py3-none-any.whl\"\n"
                     "url = \"file://" + wheel_path + "\"\nsize = 35\n\n[packages.wheels.hashes]\nsha256 = \"" +
                     hex_digest(HashAlgorithm::sha256, kContent) + "\"\n";
  testing::write_text_file(directory / "pylock.toml", text);
  auto lock = read_pylock(directory / "pylock.toml");
  REQUIRE_MESSAGE(lock.ok(), lock.error().message);
  LockedWheel wheel = located(*lock);
  CHECK(wheel.package == "simplewheel");
  CHECK(wheel.path == wheel_path);
  CHECK(verify_locked_wheel(wheel).ok());
}
