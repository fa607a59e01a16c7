#include "new_record.h"

#include "hash.h"

#include <deque>
#include <string>

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
// A plan of files listed in the wheel's RECORD (sha256 of their name as
// content), each placed in the library directory under its name or in
// another directory from `name_start` on.
struct Planned {
  std::deque<std::string> names;
  std::deque<std::string> digests;
  std::deque<ArchiveEntry> entries;
  std::deque<ExpectedFile> files;
  InstallPlan plan;

  Planned() {
    plan.lib_dir = "/p/lib/python3.11/site-packages";
    plan.dist_info_path = plan.lib_dir + "/pkg-1.0.dist-info";
  }

  const ExpectedFile& place(const std::string& name, bool listed = true, const std::string& directory = "",
                            uint32_t name_start = 0) {
    entries.emplace_back().name = names.emplace_back(name);
    entries.back().size = name.size();
    ExpectedFile& file = files.emplace_back();
    file.entry = &entries.back();
    if (listed) {
      const std::string& digest = digests.emplace_back(digest_base64url(HashAlgorithm::sha256, name));
      file.listed = file.sized = true;
      file.algorithm = HashAlgorithm::sha256;
      file.digest_text = digest.data();
      file.digest_length = static_cast<uint16_t>(digest.size());
    }
    const std::string* in = plan.directory(directory.empty() ? plan.lib_dir : directory);
    plan.placements.push_back(Placement{&file, in, name_start, FileRole::package, false, false});
    return file;
  }
};

std::string written(const NewRecord& record) {
  std::string text;
  REQUIRE(record.write([&](std::string_view piece) {
    text.append(piece);
    return Status{};
  }));
  return text;
}
} // namespace

TEST_CASE("NewRecord: the wheel's rows implied, what differs held, what is added, in pip's order") {
  Planned planned;
  planned.place("pkg/b.py");
  const ExpectedFile& record = planned.place("pkg-1.0.dist-info/RECORD", false);
  planned.place("pkg-1.0.data/scripts/tool", true, "/p/bin", sizeof("pkg-1.0.data/scripts/") - 1);
  planned.place("pkg/a.py");
  NewRecord rows(planned.plan, &record);
  rows.placed(0, InstalledFile{&planned.files[0], "", std::nullopt});
  rows.placed(2, InstalledFile{nullptr, "REWRITTEN", 9}); // "#!python" rewritten
  rows.placed(3, InstalledFile{&planned.files[3], "", std::nullopt});
  rows.add_written("pkg-1.0.dist-info/INSTALLER", InstalledFile{nullptr, "INST", 8});
  rows.add_compiled("pkg/__pycache__/a.cpython-311.pyc");
  std::string a_digest = digest_base64url(HashAlgorithm::sha256, "pkg/a.py");
  std::string b_digest = digest_base64url(HashAlgorithm::sha256, "pkg/b.py");
  std::string expected = "../../../bin/tool,sha256=REWRITTEN,9\r\n"
                         "pkg-1.0.dist-info/INSTALLER,sha256=INST,8\r\n"
                         "pkg/__pycache__/a.cpython-311.pyc,,\r\n";
  expected += "pkg/a.py,sha256=" + a_digest + ",8\r\n";
  expected += "pkg/b.py,sha256=" + b_digest + ",8\r\n";
  CHECK(written(rows) == expected); // the unlisted RECORD has no row
  RecordRows kept = rows.rows({});
  CHECK(kept.rows.size() == 5);
  CHECK(format_record(kept.rows) == expected);
}

TEST_CASE("NewRecord: the wheel's RECORD has a row when it lists itself") {
  Planned planned;
  const ExpectedFile& record = planned.place("pkg-1.0.dist-info/RECORD", true);
  planned.place("pkg/a.py");
  NewRecord rows(planned.plan, &record);
  rows.placed(1, InstalledFile{&planned.files[1], "", std::nullopt});
  std::string text = written(rows);
  CHECK(text.find("pkg-1.0.dist-info/RECORD,sha256=") != std::string::npos);
  CHECK(text.find("pkg/a.py,sha256=") != std::string::npos);
}
