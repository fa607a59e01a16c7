#include "compatibility.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
Headers metadata_with(const std::string& version_line) {
  Result<Headers> headers = parse_headers(version_line + "Name: pkg\nVersion: 1.0\n");
  REQUIRE(headers.ok());
  return std::move(headers).value();
}
} // namespace

TEST_CASE("check_metadata_version: 1.x and 2.x are accepted, a newer 2.x with a warning") {
  for (const char* line : {"Metadata-Version: 1.0\n", "Metadata-Version: 1.1\n", "Metadata-Version: 1.2\n",
                           "Metadata-Version: 2.1\n", "Metadata-Version: 2.4\n", "Metadata-Version: 2.6\n",
                           "Metadata-Version: 2\n", "metadata-version:  2.2 \n", ""}) {
    CAPTURE(line);
    std::vector<std::string> warnings;
    CHECK(check_metadata_version(metadata_with(line), warnings).ok());
    CHECK(warnings.empty());
  }
  std::vector<std::string> warnings;
  CHECK(check_metadata_version(metadata_with("Metadata-Version: 2.7\n"), warnings).ok());
  CHECK(warnings == std::vector<std::string>{"Metadata-Version 2.7 is newer than the 2.6 whlinst knows; "
                                             "installing anyway"});
  warnings.clear();
  CHECK(check_metadata_version(metadata_with("Metadata-Version: 2.10.1\n"), warnings).ok());
  CHECK(warnings.size() == 1);
}

TEST_CASE("check_metadata_version: a greater major version is refused, as the specification requires") {
  std::vector<std::string> warnings;
  for (const char* version : {"3.0", "3", "10.1", "3.0.0", "99999999999.0"}) {
    CAPTURE(version);
    Status status = check_metadata_version(metadata_with(std::string("Metadata-Version: ") + version + "\n"),
                                           warnings);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message == std::string("METADATA: Metadata-Version ") + version +
                                        " is not supported (whlinst reads 1.x and 2.x)");
  }
  for (const char* version : {"abc", "2.x", "", "2..1", "v2.1", "2.1a"}) {
    CAPTURE(version);
    Status status = check_metadata_version(metadata_with(std::string("Metadata-Version: ") + version + "\n"),
                                           warnings);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message ==
          std::string("METADATA: invalid Metadata-Version '") + version + "' (expected MAJOR.MINOR)");
  }
  CHECK(warnings.empty());
}
