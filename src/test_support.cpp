#include "test_support.h"

#include "hash.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <zip.h>

namespace whlinst::testing {

namespace {
bool g_current_test_failed = false;

// Remembers whether the running test case has failed, for TemporaryDirectory.
struct FailureListener : doctest::IReporter {
  explicit FailureListener(const doctest::ContextOptions&) {}
  void report_query(const doctest::QueryData&) override {}
  void test_run_start() override {}
  void test_run_end(const doctest::TestRunStats&) override {}
  void test_case_start(const doctest::TestCaseData&) override { g_current_test_failed = false; }
  void test_case_reenter(const doctest::TestCaseData&) override {}
  void test_case_end(const doctest::CurrentTestCaseStats&) override {}
  void test_case_exception(const doctest::TestCaseException&) override {
    g_current_test_failed = true;
  }
  void subcase_start(const doctest::SubcaseSignature&) override {}
  void subcase_end() override {}
  void log_assert(const doctest::AssertData& data) override {
    if (data.m_failed)
      g_current_test_failed = true;
  }
  void log_message(const doctest::MessageData& data) override {
    if ((data.m_severity & doctest::assertType::is_warn) == 0)
      g_current_test_failed = true;
  }
  void test_case_skipped(const doctest::TestCaseData&) override {}
};

Status add_entry(zip_t* zip, const ZipEntry& entry) {
  zip_source_t* source = zip_source_buffer(zip, entry.content.data(), entry.content.size(), 0);
  if (source == nullptr)
    return make_error(entry.name, ": ", zip_strerror(zip));
  zip_int64_t index = zip_file_add(zip, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return make_error(entry.name, ": ", zip_strerror(zip));
  }
  auto at = static_cast<zip_uint64_t>(index);
  int status = entry.mode ? zip_file_set_external_attributes(zip, at, 0, ZIP_OPSYS_UNIX, *entry.mode << 16)
                          : zip_file_set_external_attributes(zip, at, 0, ZIP_OPSYS_DOS, 0);
  if (status != 0 || zip_set_file_compression(zip, at, entry.method, 0) != 0)
    return make_error(entry.name, ": ", zip_strerror(zip));
  return {};
}
} // namespace

DOCTEST_REGISTER_LISTENER("whlinst-failure-listener", 1, FailureListener);

Status write_zip(const std::string& path, const std::vector<ZipEntry>& entries) {
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (zip == nullptr)
    return make_error(path, ": zip_open failed with code ", std::to_string(code));
  for (const ZipEntry& entry : entries) {
    Status added = add_entry(zip, entry);
    if (!added) {
      zip_discard(zip);
      return added;
    }
  }
  if (zip_close(zip) != 0) {
    Error error = make_error(path, ": ", zip_strerror(zip));
    zip_discard(zip);
    return error;
  }
  return {};
}

size_t patch_file(const std::string& path, std::string_view from, std::string_view to) {
  REQUIRE(from.size() == to.size());
  std::string bytes = read_text_file(path);
  size_t count = 0;
  for (size_t at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + 1), ++count)
    bytes.replace(at, from.size(), to);
  std::filesystem::remove(path);
  write_text_file(path, bytes);
  return count;
}

std::string record_line(const ZipEntry& entry) {
  return entry.name + ",sha256=" + digest_base64url(HashAlgorithm::sha256, entry.content) + "," +
         std::to_string(entry.content.size()) + "\n";
}

std::vector<ZipEntry> wheel_entries(std::string_view name_version, std::vector<ZipEntry> payload,
                                    std::string_view root_is_purelib) {
  std::string dist_info = std::string(name_version) + ".dist-info/";
  std::string name(name_version.substr(0, name_version.find('-')));
  std::string version(name_version.substr(name_version.find('-') + 1));
  payload.push_back({dist_info + "WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: " +
                                              std::string(root_is_purelib) + "\nTag: py3-none-any\n"});
  payload.push_back({dist_info + "METADATA",
                     "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n"});
  payload.push_back({dist_info + "RECORD", ""});
  refresh_record(payload);
  return payload;
}

void refresh_record(std::vector<ZipEntry>& entries) {
  auto is_record = [](const ZipEntry& entry) {
    size_t slash = entry.name.find('/');
    return slash != std::string::npos && entry.name.substr(slash) == "/RECORD" &&
           entry.name.substr(0, slash).ends_with(".dist-info");
  };
  ZipEntry* record = nullptr;
  std::string rows;
  for (ZipEntry& entry : entries)
    if (is_record(entry))
      record = &entry;
    else if (entry.name.empty() || entry.name.back() != '/')
      rows += record_line(entry);
  REQUIRE(record != nullptr);
  record->content = rows + record->name + ",,\n";
}

ZipEntry& entry_named(std::vector<ZipEntry>& entries, std::string_view name) {
  for (ZipEntry& entry : entries)
    if (entry.name == name)
      return entry;
  FAIL("no entry named " << std::string(name));
  throw std::logic_error("unreachable");
}

TemporaryDirectory::TemporaryDirectory(const std::string& base) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string parent = !base.empty() ? base : tmpdir && *tmpdir ? tmpdir : "/tmp";
  std::string pattern = parent + "/whlinst-unit-XXXXXX";
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  if (g_current_test_failed) {
    std::fprintf(stderr, "test directory kept: %s\n", path_.c_str());
    return;
  }
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TemporaryDirectory::operator/(std::string_view relative) const {
  return path_ + "/" + std::string(relative);
}

void write_text_file(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  REQUIRE(out.good());
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string patterned_bytes(size_t length) {
  std::string bytes;
  for (size_t i = 0; i < length; ++i)
    bytes.push_back(static_cast<char>((i * 7 + 3) % 256));
  return bytes;
}

std::string numbered_lines(size_t size) {
  std::string text;
  for (size_t line = 0; text.size() < size; ++line)
    text += "line " + std::to_string(line * 7919 % 100003) + " of the entry\n";
  text.resize(size);
  return text;
}

std::map<std::string, std::string> snapshot(const std::string& directory) {
  std::map<std::string, std::string> tree;
  for (const auto& item : std::filesystem::recursive_directory_iterator(directory)) {
    std::string relative = std::filesystem::relative(item.path(), directory).string();
    if (item.is_symlink())
      tree[relative] = "->" + std::filesystem::read_symlink(item.path()).string();
    else if (item.is_directory())
      tree[relative] = "<dir>";
    else
      tree[relative] = read_text_file(item.path().string());
  }
  return tree;
}

void install_record(const std::string& lib_dir, const std::string& name_version,
                    const std::vector<std::string>& files) {
  std::string dist_info = lib_dir + "/" + name_version + ".dist-info";
  std::filesystem::create_directories(dist_info);
  write_text_file(dist_info + "/METADATA", "Metadata-Version: 2.1\n");
  std::string record;
  for (const std::string& file : files)
    record += file + ",,\n";
  write_text_file(dist_info + "/RECORD", record + name_version + ".dist-info/RECORD,,\n");
}

void require_ok(const Status& status) { REQUIRE_MESSAGE(status.ok(), status.error().message); }

std::vector<std::string> state_names(const std::string& state_dir) {
  std::vector<std::string> names;
  if (std::filesystem::exists(state_dir))
    for (const auto& entry : std::filesystem::directory_iterator(state_dir))
      if (entry.path().extension() != ".lock")
        names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace whlinst::testing
