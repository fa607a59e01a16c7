#include "archive_damage.h"

#include "fd.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
std::string zip_bytes(const TemporaryDirectory& directory) {
  std::string path = directory / "made.zip";
  REQUIRE(write_zip(path, {{"pkg/a.py", std::string(4096, 'a')}, {"pkg/b.py", "b"}}).ok());
  return read_text_file(path);
}

// A file holding `bytes`, open read-write.
Fd file_holding(const TemporaryDirectory& directory, const std::string& bytes) {
  std::string path = directory / "copy.zip";
  write_text_file(path, bytes);
  Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
  REQUIRE(fd.valid());
  return fd;
}
} // namespace

TEST_CASE("describe_damage reads the same from memory and from the file") {
  TemporaryDirectory directory;
  std::string bytes = zip_bytes(directory);
  Fd fd = file_holding(directory, bytes);
  CHECK(describe_damage(ArchiveBytes(bytes)) == std::nullopt);
  CHECK(describe_damage(ArchiveBytes(fd.get(), bytes.size())) == std::nullopt);
  std::string cut = bytes.substr(0, bytes.size() / 2);
  CHECK(describe_damage(ArchiveBytes(cut)) == "truncated zip archive (no end of central directory record)");
  CHECK(describe_damage(ArchiveBytes(std::string_view())) == "empty file, not a zip archive");
  std::string moved = bytes;
  moved.replace(moved.find("PK\x03\x04"), 4, "XXXX"); // pkg/a.py's local header
  CHECK(describe_damage(ArchiveBytes(moved)) ==
        "'pkg/a.py': no local header at its offset (corrupt or truncated archive)");
}

TEST_CASE("describe_damage of a file that shrinks while it is read: no signal, a truncation") {
  TemporaryDirectory directory;
  std::string bytes = zip_bytes(directory);
  Fd fd = file_holding(directory, bytes);
  ArchiveBytes file(fd.get(), bytes.size()); // the size when the file was opened
  REQUIRE(::ftruncate(fd.get(), static_cast<off_t>(bytes.size() / 2)) == 0);
  CHECK(file.read(0, 4) == "PK\x03\x04");
  CHECK(file.read(bytes.size() - 4, 4) == std::nullopt);
  CHECK(describe_damage(file) == "truncated zip archive (no end of central directory record)");
  REQUIRE(::ftruncate(fd.get(), 0) == 0);
  CHECK(file.read(0, 1) == std::nullopt);
  CHECK(describe_damage(file) == std::nullopt);
  CHECK(file.read(bytes.size(), 1) == std::nullopt);
  CHECK(file.read(1, bytes.size()) == std::nullopt);
}
