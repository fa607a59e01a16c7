#include "configuration.h"

#include "file_system.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;

namespace {
Result<Configuration> configuration_of(const TemporaryDirectory& directory, const std::string& text) {
  std::string path = directory / "whlinst.toml";
  (void)remove_file(path);
  REQUIRE(write_new_file(path, text).ok());
  return read_configuration(path);
}

std::string error_of(const TemporaryDirectory& directory, const std::string& text) {
  auto config = configuration_of(directory, text);
  REQUIRE_FALSE(config.ok());
  std::string message = config.error().message;
  return message.substr(message.find(':') + 1); // without the directory
}
} // namespace

TEST_CASE("configuration: every key, with '-' or '_'") {
  TemporaryDirectory directory;
  auto config = configuration_of(directory, "python = \"/py/bin/python3\"\ncompile = false\n"
                                            "optimize = [0, 2]\ninvalidation_mode = \"checked-hash\"\n"
                                            "jobs = 3\ninstaller = \"distro\"\nrequested = false\n"
                                            "direct-url = \"none\"\nignore-requires-python = true\n"
                                            "report = \"r.json\"\nsbom = \"b.xml\"\nsbom_format = \"json\"\nfsync = true\n"
                                            "max_unpacked_size = 1048576\nmax-compression-ratio = 50\n");
  REQUIRE(config.ok());
  CHECK(*config->python == "/py/bin/python3");
  CHECK(*config->compile == false);
  CHECK(*config->optimize == std::vector<int>{0, 2});
  CHECK(*config->invalidation_mode == InvalidationMode::checked_hash);
  CHECK(*config->jobs == 3u);
  CHECK(*config->installer == "distro");
  CHECK(*config->requested == false);
  CHECK(*config->direct_url == "none");
  CHECK(*config->ignore_requires_python == true);
  CHECK(*config->report == "r.json");
  CHECK(*config->sbom == "b.xml");
  CHECK(*config->sbom_format == SbomFormat::json);
  CHECK(*config->fsync == true);
  CHECK(*config->max_unpacked_size == 1048576u);
  CHECK(*config->max_compression_ratio == 50u);
}

TEST_CASE("configuration: max-unpacked-size as a number or a string with a unit") {
  TemporaryDirectory directory;
  auto config = configuration_of(directory, "max-unpacked-size = \"512MiB\"\n");
  REQUIRE(config.ok());
  CHECK(*config->max_unpacked_size == 512ull << 20);
  config = configuration_of(directory, "max-unpacked-size = \"8G\"\n");
  REQUIRE(config.ok());
  CHECK(*config->max_unpacked_size == 8ull << 30);
  CHECK_FALSE(config->max_compression_ratio.has_value());
  CHECK_FALSE(config->fsync.has_value());
}

TEST_CASE("configuration: an empty file sets nothing") {
  TemporaryDirectory directory;
  auto config = configuration_of(directory, "# nothing\n");
  REQUIRE(config.ok());
  CHECK_FALSE(config->compile.has_value());
  CHECK_FALSE(config->python.has_value());
}

TEST_CASE("configuration: errors name the line") {
  TemporaryDirectory directory;
  CHECK(error_of(directory, "compile = false\nbogus = 1\n") == "2: unknown key 'bogus'");
  CHECK(error_of(directory, "compile = \"yes\"\n") == "1: expected true or false");
  CHECK(error_of(directory, "jobs = \"4\"\n") == "1: expected a number");
  CHECK(error_of(directory, "jobs = -1\n") == "1: jobs: expected 0 (all cores) to 1024");
  CHECK(error_of(directory, "optimize = [0, 3]\n") == "1: optimize: levels are 0, 1 or 2");
  CHECK(error_of(directory, "optimize = 1\n") == "1: expected a list of levels, e.g. [0, 1]");
  CHECK(error_of(directory, "invalidation-mode = \"sometimes\"\n") ==
        "1: invalidation mode: expected timestamp, checked-hash or unchecked-hash, got 'sometimes'");
  CHECK(error_of(directory, "sbom-format = \"yaml\"\n") == "1: sbom-format: expected xml or json, got 'yaml'");
  CHECK(error_of(directory, "sbom-format = 1\n") == "1: expected a string");
  CHECK(error_of(directory, "compile = false\njobs = ?\n").rfind("2: invalid TOML: ", 0) == 0);
  CHECK(error_of(directory, "fsync = 1\n") == "1: expected true or false");
  CHECK(error_of(directory, "jobs = 2\nmax-unpacked-size = \"lots\"\n") ==
        "2: max-unpacked-size: expected a size in bytes, optionally followed by K, M, G, T "
        "(or KiB, MiB, GiB, TiB), got 'lots'");
  CHECK(error_of(directory, "max-unpacked-size = 0\n") == "1: max-unpacked-size: expected a size above 0, got '0'");
  CHECK(error_of(directory, "max-unpacked-size = -5\n").rfind("1: max-unpacked-size: expected a size", 0) == 0);
  CHECK(error_of(directory, "max-unpacked-size = 1.5\n") ==
        "1: max-unpacked-size: expected a number of bytes or a string such as \"2GiB\"");
  CHECK(error_of(directory, "max-compression-ratio = 0\n") ==
        "1: max-compression-ratio: expected a whole number above 0");
  CHECK(error_of(directory, "max-compression-ratio = \"100\"\n") ==
        "1: max-compression-ratio: expected a whole number above 0");
}

TEST_CASE("configuration: PREFIX/etc/whlinst.toml is optional") {
  TemporaryDirectory directory;
  auto absent = read_prefix_configuration(directory.path());
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->compile.has_value());
  REQUIRE(make_directories(directory / "etc").ok());
  REQUIRE(write_new_file(directory / "etc/whlinst.toml", "compile = false\n").ok());
  auto present = read_prefix_configuration(directory.path());
  REQUIRE(present.ok());
  CHECK(*present->compile == false);
}
