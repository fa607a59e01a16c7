#include "wheel.h"

#include "test_support.h"
#include "text.h"

#include <algorithm>
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {

const std::string kFileName = "pkg-1.0-py3-none-any.whl";
const std::string kDistInfo = "pkg-1.0.dist-info/";

std::vector<ZipEntry> valid_entries() {
  return wheel_entries("pkg-1.0", {{"pkg/", ""},
                                   {"pkg/__init__.py", "VALUE = 1\n"},
                                   {"pkg/a.py", "print('a')\n"},
                                   {"pkg/tool.sh", "#!/bin/sh\n", 0100755}});
}

Result<Wheel> open_wheel(const TemporaryDirectory& directory, const std::vector<ZipEntry>& entries,
                         const std::string& file_name = kFileName) {
  std::string path = directory / file_name;
  REQUIRE(write_zip(path, entries).ok());
  return Wheel::open(path);
}

std::string open_error(const std::vector<ZipEntry>& entries, const std::string& file_name = kFileName) {
  TemporaryDirectory directory;
  Result<Wheel> wheel = open_wheel(directory, entries, file_name);
  REQUIRE_FALSE(wheel.ok());
  return wheel.error().message;
}

// Rewrites the RECORD row of `path` (the row must exist).
void set_record_row(std::vector<ZipEntry>& entries, const std::string& path, const std::string& row) {
  std::string& record = entry_named(entries, kDistInfo + "RECORD").content;
  size_t start = record.find(path + ",");
  REQUIRE(start != std::string::npos);
  size_t end = record.find('\n', start);
  record.replace(start, end + 1 - start, row.empty() ? "" : row + "\n");
}

void remove_entry(std::vector<ZipEntry>& entries, const std::string& name) {
  std::erase_if(entries, [&](const ZipEntry& entry) { return entry.name == name; });
}


} // namespace

TEST_CASE("Wheel::open reads a valid wheel") {
  TemporaryDirectory directory;
  std::vector<ZipEntry> entries = valid_entries();
  entries.push_back({kDistInfo + "entry_points.txt", "[console_scripts]\npkg = pkg:main\n"});
  refresh_record(entries);
  Result<Wheel> wheel = open_wheel(directory, entries);
  REQUIRE_MESSAGE(wheel.ok(), wheel.error().message);
  CHECK(wheel->path == directory / kFileName);
  CHECK(wheel->file_name == kFileName);
  CHECK(wheel->name.distribution == "pkg");
  CHECK(wheel->dist_info == "pkg-1.0.dist-info");
  CHECK_FALSE(wheel->data_dir);
  CHECK(wheel->info.root_is_purelib);
  CHECK(wheel->info.version_major == 1);
  CHECK(wheel->metadata.get("Name") != nullptr);
  CHECK(*wheel->metadata.get("Name") == "pkg");
  CHECK(starts_with(wheel->metadata_text, "Metadata-Version: 2.1\n"));
  REQUIRE(wheel->entry_points.size() == 1);
  CHECK(wheel->entry_points[0].name == "pkg");
  // Every file entry, in archive order; the directory entry is not a file.
  // RECORD's 7 rows each name one of them.
  REQUIRE(wheel->files.size() == 7);
  CHECK(std::all_of(wheel->files.begin(), wheel->files.end(), [](const ExpectedFile& file) { return file.listed; }));
  CHECK(wheel->files[0].entry->name == "pkg/__init__.py");
  CHECK(wheel->files[0].algorithm == HashAlgorithm::sha256);
  CHECK(wheel->files[0].digest() == digest_base64url(HashAlgorithm::sha256, "VALUE = 1\n"));
  CHECK(wheel->files[0].size() == 10u);
  CHECK(wheel->files[0].row().path == "pkg/__init__.py");
  CHECK(wheel->files[0].row().hash_field() == "sha256=" + digest_base64url(HashAlgorithm::sha256, "VALUE = 1\n"));
  CHECK(wheel->files[0].row().size == 10u);
  CHECK(wheel->files[2].entry->is_executable());
  CHECK_FALSE(wheel->files[1].entry->is_executable());
  const ExpectedFile* record = wheel->find(kDistInfo + "RECORD");
  REQUIRE(record != nullptr);
  CHECK_FALSE(record->algorithm);
  CHECK(wheel->find("pkg/") == nullptr);
  CHECK(wheel->find("pkg/missing.py") == nullptr);
  const ExpectedFile* module = wheel->find("pkg/a.py");
  REQUIRE(module != nullptr);
  Result<std::string> content = wheel->read_verified(*module);
  REQUIRE(content.ok());
  CHECK(*content == "print('a')\n");
}

TEST_CASE("Wheel::open finds the .data directory and accepts a normalized dist-info name") {
  TemporaryDirectory directory;
  Result<Wheel> data =
      open_wheel(directory, wheel_entries("pkg-1.0", {{"pkg-1.0.data/scripts/tool", "#!python\n"}}));
  REQUIRE_MESSAGE(data.ok(), data.error().message);
  CHECK(data->data_dir == "pkg-1.0.data");
  Result<Wheel> renamed = open_wheel(directory,
                                     wheel_entries("My.Pkg-2.0", {{"my/__init__.py", ""}}, "false"),
                                     "my_pkg-2.0-py3-none-any.whl");
  REQUIRE_MESSAGE(renamed.ok(), renamed.error().message);
  CHECK(renamed->dist_info == "My.Pkg-2.0.dist-info");
  CHECK_FALSE(renamed->info.root_is_purelib);
  // RECORD rows may omit the size; a sha512 hash is accepted.
  std::vector<ZipEntry> entries = valid_entries();
  set_record_row(entries, "pkg/a.py",
                 "pkg/a.py,sha512=" + digest_base64url(HashAlgorithm::sha512, "print('a')\n") + ",");
  Result<Wheel> no_size = open_wheel(directory, entries);
  REQUIRE_MESSAGE(no_size.ok(), no_size.error().message);
  CHECK(no_size->find("pkg/a.py")->algorithm == HashAlgorithm::sha512);
  CHECK_FALSE(no_size->find("pkg/a.py")->size());
}

TEST_CASE("Wheel::open refuses what is not a wheel archive") {
  TemporaryDirectory directory;
  CHECK(Wheel::open(directory / kFileName).error().message == "no such file");
  write_text_file(directory / kFileName, "not a zip at all\n");
  CHECK(Wheel::open(directory / kFileName).error().message == "not a zip archive");
  CHECK(open_error(valid_entries(), "pkg.whl") ==
        "not a wheel file name (expected NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl)");
}

TEST_CASE("Wheel::open refuses a missing, duplicated or misnamed .dist-info") {
  CHECK(open_error({{"pkg/a.py", "x"}, {"pkg-1.0.dist-info", "a file, not a directory"}}) ==
        "no .dist-info directory");
  std::vector<ZipEntry> two = valid_entries();
  two.push_back({"aaa-1.0.dist-info/METADATA", "Name: aaa\n"});
  CHECK(open_error(two) == "more than one .dist-info directory (aaa-1.0.dist-info, pkg-1.0.dist-info)");
  CHECK(open_error(wheel_entries("other-1.0", {{"pkg/a.py", "x"}})) ==
        "other-1.0.dist-info: .dist-info directory does not match the project name 'pkg'");
  CHECK(open_error(wheel_entries("pkgx-1.0", {{"pkg/a.py", "x"}})) ==
        "pkgx-1.0.dist-info: .dist-info directory does not match the project name 'pkg'");
  CHECK(open_error({{"pkg.dist-info/RECORD", ""}}) ==
        "pkg.dist-info: .dist-info directory does not match the project name 'pkg'");
}

TEST_CASE("Wheel::open refuses a missing WHEEL, METADATA or RECORD") {
  for (std::string file : {"WHEEL", "METADATA"}) {
    CAPTURE(file);
    std::vector<ZipEntry> entries = valid_entries();
    remove_entry(entries, kDistInfo + file);
    set_record_row(entries, kDistInfo + file, "");
    CHECK(open_error(entries) == kDistInfo + file + ": missing");
  }
  std::vector<ZipEntry> entries = valid_entries();
  remove_entry(entries, kDistInfo + "RECORD");
  CHECK(open_error(entries) == kDistInfo + "RECORD: missing");
}

TEST_CASE("RECORD may be 16 MiB, or 512 bytes per archive entry in a larger wheel") {
  CHECK(max_record_size(5) == uint64_t{16} << 20);
  CHECK(max_record_size(32768) == uint64_t{16} << 20);
  CHECK(max_record_size(300000) == uint64_t{300000} * 512);
  std::vector<ZipEntry> entries = valid_entries();
  entry_named(entries, kDistInfo + "RECORD").content += std::string(uint64_t{16} << 20, '\n'); // blank lines
  CHECK(open_error(entries) == kDistInfo + "RECORD: too large");
}

TEST_CASE("Wheel::open refuses invalid WHEEL, METADATA or RECORD contents") {
  std::vector<ZipEntry> entries = valid_entries();
  entry_named(entries, kDistInfo + "RECORD").content += "only,two\n";
  CHECK(open_error(entries) == kDistInfo + "RECORD: line 7: expected 3 fields (path,hash,size), found 2");
  entries = valid_entries();
  entry_named(entries, kDistInfo + "WHEEL").content.replace(0, 18, "Wheel-Version: 2.0");
  refresh_record(entries);
  CHECK(open_error(entries) == kDistInfo + "WHEEL: unsupported Wheel-Version 2.0 (whlinst supports up to 1.x)");
  entries = valid_entries();
  entry_named(entries, kDistInfo + "METADATA").content[0] = 'X';
  CHECK(open_error(entries) == kDistInfo + "METADATA: hash mismatch with RECORD");
}

TEST_CASE("Wheel::open refuses archive files and RECORD rows that do not match") {
  std::vector<ZipEntry> extra = valid_entries();
  extra.push_back({"pkg/extra.py", ""});
  CHECK(open_error(extra) == "pkg/extra.py: file not listed in RECORD");
  std::vector<ZipEntry> missing = valid_entries();
  remove_entry(missing, "pkg/a.py");
  CHECK(open_error(missing) == "pkg/a.py: listed in RECORD but missing from the archive");
  std::vector<ZipEntry> twice = valid_entries();
  entry_named(twice, kDistInfo + "RECORD").content += record_line(entry_named(twice, "pkg/a.py"));
  CHECK(open_error(twice) == "RECORD lists pkg/a.py twice");
}

TEST_CASE("Wheel::open refuses weak, unknown or missing hashes and wrong sizes") {
  const std::string digest = "sha256=" + digest_base64url(HashAlgorithm::sha256, "print('a')\n");
  auto with_row = [](const std::string& row) {
    std::vector<ZipEntry> entries = valid_entries();
    set_record_row(entries, "pkg/a.py", row);
    return open_error(entries);
  };
  CHECK(with_row("pkg/a.py,md5=1B2M2Y8AsgTpgAmY7PhCfg,11") ==
        "pkg/a.py: weak hash algorithm 'md5' (sha256 or stronger required)");
  CHECK(with_row("pkg/a.py,sha1=2jmj7l5rSw0yVb_vlWAYkK_YBwk,11") ==
        "pkg/a.py: weak hash algorithm 'sha1' (sha256 or stronger required)");
  CHECK(with_row("pkg/a.py,crc32=abc,11") == "pkg/a.py: unknown hash algorithm 'crc32'");
  CHECK(with_row("pkg/a.py,,11") == "pkg/a.py: no hash in RECORD");
  CHECK(with_row("pkg/a.py,,") == "pkg/a.py: no hash in RECORD");
  CHECK(with_row("pkg/a.py," + digest + ",12") == "pkg/a.py: size in archive (11) differs from RECORD (12)");
  CHECK(with_row("pkg/a.py," + digest + ",0") == "pkg/a.py: size in archive (11) differs from RECORD (0)");
}

TEST_CASE("Wheel::open refuses unsafe entries") {
  auto with_entry = [](ZipEntry entry) {
    std::vector<ZipEntry> entries = valid_entries();
    entries.insert(entries.begin() + 1, std::move(entry));
    return open_error(entries);
  };
  CHECK(with_entry({"pkg/link", "/etc/passwd", 0120777}) ==
        "pkg/link: symbolic link entries are not allowed");
  CHECK(with_entry({"pkg/fifo", "", 0010644}) == "pkg/fifo: special file entries are not allowed");
  CHECK(with_entry({"pkg/../evil.py", "x"}) == "'pkg/../evil.py': path escapes with '..'");
  CHECK(with_entry({"../evil.py", "x"}) == "'../evil.py': path escapes with '..'");
  CHECK(with_entry({"/etc/evil", "x"}) == "'/etc/evil': absolute path");
  CHECK(with_entry({"pkg\\evil.py", "x"}) == "'pkg\\evil.py': backslash in path");
  CHECK(with_entry({"pkg//evil.py", "x"}) == "'pkg//evil.py': empty or '.' path component");
  CHECK(with_entry({"pkg/sub/", "data"}) == "pkg/sub/: directory entry with data");
  CHECK(with_entry({"pkg/../", ""}) == "'pkg/..': path escapes with '..'");
  CHECK(with_entry({"other-1.0.data/scripts/x", "x"}) ==
        "other-1.0.data/scripts/x: unexpected .data directory (expected pkg-1.0.data)");
  CHECK(with_entry({"pkg-2.0.data/purelib/x", "x"}) ==
        "pkg-2.0.data/purelib/x: unexpected .data directory (expected pkg-1.0.data)");
}

namespace {
// A wheel whose archive holds "pkg/a.py" twice: written as "pkg/b.py", a name
// of the same length, then renamed in the bytes (RECORD lists "pkg/a.py").
std::string write_duplicate_wheel(const TemporaryDirectory& directory) {
  std::vector<ZipEntry> entries = valid_entries();
  entries.insert(entries.begin() + 1, {"pkg/b.py", "print('a')\n"});
  std::string path = directory / kFileName;
  REQUIRE(write_zip(path, entries).ok());
  REQUIRE(patch_file(path, "pkg/b.py", "pkg/a.py") == 2);
  return path;
}
} // namespace

TEST_CASE("Wheel::open refuses duplicate entry names") {
  TemporaryDirectory directory;
  CHECK_FALSE(Wheel::open(write_duplicate_wheel(directory)).ok());
}

// libzip's consistency check refuses the archive first; Archive::open then
// finds the name.
TEST_CASE("Wheel::open names a duplicate entry") {
  TemporaryDirectory directory;
  Result<Wheel> wheel = Wheel::open(write_duplicate_wheel(directory));
  REQUIRE_FALSE(wheel.ok());
  CHECK(wheel.error().message == "pkg/a.py: duplicate entry");
}

TEST_CASE("Wheel::open refuses names equal after Unicode normalization, not names differing by case") {
  auto with_entries = [](std::vector<ZipEntry> extra) {
    std::vector<ZipEntry> entries = valid_entries();
    entries.insert(entries.begin() + 1, extra.begin(), extra.end());
    return open_error(entries);
  };
  const std::string composed = "pkg/caf\u00e9", decomposed = "pkg/cafe\u0301";
  CHECK(with_entries({{composed + ".py", "x"}, {decomposed + ".py", "y"}}) ==
        "\"" + composed + ".py\" and \"" + decomposed +
            ".py\" name the same file after Unicode normalization (NFC)");
  CHECK(with_entries({{decomposed + "/a.py", "x"}, {composed + "/b.py", "y"}}) ==
        "\"" + decomposed + "\" and \"" + composed +
            "\" name the same directory after Unicode normalization (NFC)");
  CHECK(with_entries({{composed + "/", ""}, {decomposed + "/", ""}}) ==
        "\"" + composed + "\" and \"" + decomposed +
            "\" name the same directory after Unicode normalization (NFC)");
  CHECK(with_entries({{composed, "x"}, {decomposed + "/b.py", "y"}}) ==
        "\"" + composed + "\" and \"" + decomposed + "\" name the same path after Unicode normalization (NFC)");
  CHECK(with_entries({{"pkg/K.py", "x"}, {"pkg/\u212a.py", "y"}}) ==
        "\"pkg/K.py\" and \"pkg/\u212a.py\" name the same file after Unicode normalization (NFC)");

  TemporaryDirectory directory;
  Result<Wheel> consistent = open_wheel(
      directory, wheel_entries("pkg-1.0", {{composed + "/a.py", "x"},
                                           {composed + "/b.py", "y"},
                                           {"pkg/Caf\u00e9.py", "z"},
                                           {"pkg/CAFE\u0301.py", "z"},
                                           {"pkg/a.py", "a"},
                                           {"pkg/A.py", "A"}}));
  CHECK_MESSAGE(consistent.ok(), (consistent.ok() ? "" : consistent.error().message));
}

TEST_CASE("check_entry_name accepts safe relative paths") {
  for (const char* name :
       {"a", "pkg/a.py", "pkg-1.0.data/scripts/x", "dir with space/é.txt", "..a/b..", ".hidden/.x"}) {
    CAPTURE(name);
    CHECK(check_entry_name(name).ok());
  }
}

TEST_CASE("check_entry_name refuses each unsafe form with its reason") {
  auto error_of = [](std::string_view name) {
    Status status = check_entry_name(name);
    REQUIRE_FALSE(status.ok());
    return status.error().message;
  };
  CHECK(error_of("") == "entry with an empty name");
  CHECK(error_of("/abs") == "'/abs': absolute path");
  CHECK(error_of("/") == "'/': absolute path");
  CHECK(error_of("a\\b") == "'a\\b': backslash in path");
  CHECK(error_of("C:\\evil") == "'C:\\evil': backslash in path");
  CHECK(error_of("a/\x01" "b") == R"('a/\x01b': control character in path)");
  CHECK(error_of("a\tb") == R"('a\x09b': control character in path)");
  CHECK(error_of("a\nb") == R"('a\x0Ab': control character in path)");
  CHECK(error_of("a\x7f") == R"('a\x7F': control character in path)");
  CHECK(error_of(std::string_view("a\0b", 3)) == R"('a\x00b': control character in path)");
  CHECK(error_of("..") == "'..': path escapes with '..'");
  CHECK(error_of("a/../../b") == "'a/../../b': path escapes with '..'");
  CHECK(error_of("a/..") == "'a/..': path escapes with '..'");
  CHECK(error_of("a//b") == "'a//b': empty or '.' path component");
  CHECK(error_of("a/") == "'a/': empty or '.' path component");
  CHECK(error_of("./a") == "'./a': empty or '.' path component");
  CHECK(error_of("a/./b") == "'a/./b': empty or '.' path component");
}

TEST_CASE("check_entry_name refuses names that are not UTF-8 or that whlinst reserves") {
  auto error_of = [](std::string_view name) {
    Status status = check_entry_name(name);
    REQUIRE_FALSE(status.ok());
    return status.error().message;
  };
  CHECK(error_of("pkg/caf\xe9.txt") == R"('pkg/caf\xE9.txt': entry name is not valid UTF-8)");
  CHECK(error_of("pkg/caf\x82.txt") == R"('pkg/caf\x82.txt': entry name is not valid UTF-8)");
  CHECK(error_of("\xc0\xaf") == R"('\xC0\xAF': entry name is not valid UTF-8)");
  CHECK(error_of("\xed\xa0\x80") == R"('\xED\xA0\x80': entry name is not valid UTF-8)");
  CHECK(error_of("a\xe2\x82") == R"('a\xE2\x82': entry name is not valid UTF-8)");
  CHECK(error_of(".whlinst/pkg.lock") == "'.whlinst/pkg.lock': name reserved for whlinst's own files");
  CHECK(error_of("pkg/.whlinst-0123-4") == "'pkg/.whlinst-0123-4': name reserved for whlinst's own files");
  for (const char* name : {".whlinstx/a", "pkg/a.whlinst", "pkg/x.whlinst-1", "caf\xc3\xa9/\xf0\x9f\x90\x8d"}) {
    CAPTURE(name);
    CHECK(check_entry_name(name).ok());
  }
}

TEST_CASE("Wheel::open refuses a .dist-info directory of another version") {
  CHECK(open_error(wheel_entries("pkg-2.0", {{"pkg/a.py", "x"}})) ==
        "pkg-2.0.dist-info: .dist-info directory does not match the version '1.0' of the wheel file name");
  TemporaryDirectory directory;
  Result<Wheel> equal = open_wheel(directory, wheel_entries("pkg-1.0.0", {{"pkg/a.py", "x"}}));
  CHECK_MESSAGE(equal.ok(), equal.error().message);
}

TEST_CASE("Wheel::open refuses declared sizes over the decompression-bomb limits") {
  TemporaryDirectory directory;
  std::vector<ZipEntry> entries = valid_entries();
  entries.insert(entries.begin(), {"pkg/zeros.bin", std::string(100000, '\0')});
  refresh_record(entries);
  std::string path = directory / kFileName;
  REQUIRE(write_zip(path, entries).ok());
  REQUIRE(Wheel::open(path).ok());
  Result<Wheel> ratio = Wheel::open(path, SizeLimits{1u << 30, 50, 50000});
  REQUIRE_FALSE(ratio.ok());
  CHECK(starts_with(ratio.error().message, "pkg/zeros.bin: declares 100000 bytes from "));
  CHECK(ends_with(ratio.error().message, " compressed (ratio over 50): decompression bomb"));
  CHECK(Wheel::open(path, SizeLimits{1u << 30, 50, 100000}).ok());
  CHECK(Wheel::open(path, SizeLimits{1u << 30, 1000000, 0}).ok());
  Result<Wheel> total = Wheel::open(path, SizeLimits{100010, 1000, 1u << 30});
  REQUIRE_FALSE(total.ok());
  CHECK(total.error().message ==
        "pkg/a.py: declared sizes add up to more than the limit of 100010 bytes: decompression bomb");
}

TEST_CASE("Archive::open explains directories, empty, truncated and non-UTF-8 archives") {
  TemporaryDirectory directory;
  std::string path = directory / kFileName;
  REQUIRE(::mkdir(path.c_str(), 0755) == 0);
  CHECK(Wheel::open(path).error().message == "a directory, not a wheel file");
  REQUIRE(::rmdir(path.c_str()) == 0);
  write_text_file(path, "");
  CHECK(Wheel::open(path).error().message == "empty file, not a zip archive");
  REQUIRE(write_zip(path, valid_entries()).ok());
  std::string bytes = read_text_file(path);
  write_text_file(path, bytes.substr(0, bytes.size() / 2));
  CHECK(Wheel::open(path).error().message == "truncated zip archive (no end of central directory record)");
  std::vector<ZipEntry> entries = valid_entries();
  entries.insert(entries.begin(), {"pkg/caf\xc3\xa9.txt", "x"});
  REQUIRE(write_zip(path, entries).ok());
  REQUIRE(patch_file(path, "caf\xc3\xa9", "ca\xc3\xa9\xe9") == 2);
  CHECK(Wheel::open(path).error().message ==
        "'pkg/ca\xc3\xa9\\xE9.txt': entry name flagged UTF-8 is not valid UTF-8");
}

TEST_CASE("Archive::open_memory reads a wheel from bytes, Wheel::from_archive checks it") {
  TemporaryDirectory directory;
  std::string path = directory / kFileName;
  REQUIRE(write_zip(path, valid_entries()).ok());
  Result<Archive> archive = Archive::open_memory(read_text_file(path), "in memory");
  REQUIRE_MESSAGE(archive.ok(), archive.error().message);
  CHECK(archive->path() == "in memory");
  Result<Wheel> wheel = Wheel::from_archive(kFileName, std::move(*archive));
  REQUIRE_MESSAGE(wheel.ok(), wheel.error().message);
  const ExpectedFile* module = wheel->find("pkg/a.py");
  REQUIRE(module != nullptr);
  CHECK(*wheel->read_verified(*module) == "print('a')\n");
  ArchiveEntry ppmd;
  ppmd.compression_method = 98;
  CHECK(ppmd.compression_name() == "PPMd");
  CHECK(Archive::open_memory("", "x").error().message == "empty file, not a zip archive");
  CHECK(Archive::open_memory("PK\x03\x04 and more", "x").error().message ==
        "truncated zip archive (no end of central directory record)");
  CHECK(Archive::open_memory("nothing like a zip", "x").error().message == "not a zip archive");
}
