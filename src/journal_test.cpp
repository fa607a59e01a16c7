#include "journal.h"

#include "journal_replay.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
std::vector<JournalRecord> a_transaction() {
  return {{JournalAction::make_directory, "/p/lib/pkg", ""},
          {JournalAction::create_file, "/p/lib/.whlinst-x-0", ""},
          {JournalAction::tree_member, "/p/lib/pkg/a.py", "/p/lib/.whlinst-x-0"},
          {JournalAction::backup, "/p/bin/tool", "/p/bin/.whlinst-x-1"},
          {JournalAction::put_in_place, "/p/bin/tool", "/p/bin/.whlinst-x-2"},
          {JournalAction::remove, "/p/lib/old.py", "/p/lib"},
          {JournalAction::commit, "/p/lib/pkg-2.dist-info", "/p/lib/.whlinst-x-3"}};
}

bool same(const std::vector<JournalRecord>& a, const std::vector<JournalRecord>& b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].action != b[i].action || a[i].path != b[i].path || a[i].other != b[i].other)
      return false;
  return true;
}
} // namespace

TEST_CASE("a journal reads every record back, in order") {
  TemporaryDirectory directory;
  auto journal = Journal::create(directory / "state", "pkg", "1x0");
  REQUIRE_MESSAGE(journal, journal.error().message);
  std::vector<JournalRecord> records = a_transaction();
  REQUIRE(journal->append(records[0]));
  REQUIRE(journal->append_all({records.begin() + 1, records.end()}));
  auto back = journal->read_back();
  REQUIRE(back);
  CHECK(same(*back, records));
}

TEST_CASE("a journal of many records is read back whole across its 64 KiB reads, escapes included") {
  TemporaryDirectory directory;
  auto journal = Journal::create(directory / "state", "pkg", "1x0");
  REQUIRE_MESSAGE(journal, journal.error().message);
  std::vector<JournalRecord> records;
  for (int i = 0; i < 5000; ++i) // about 600 KB: records straddle the reads' boundaries
    records.push_back(
        {JournalAction::remove,
         "/p/lib/pkg/module_" + std::to_string(i) + std::string(i % 97, 'x') + (i % 7 == 0 ? "\t%\n.py" : ".py"),
         "/p/lib"});
  REQUIRE(journal->append_all(records));
  std::vector<JournalRecord> streamed;
  REQUIRE(journal->for_each_record([&](JournalRecord&& record) { streamed.push_back(std::move(record)); }));
  CHECK(same(streamed, records));
}

TEST_CASE("a journal read back drops a torn last line, as recovery does") {
  TemporaryDirectory directory;
  auto journal = Journal::create(directory / "state", "pkg", "1x0");
  REQUIRE(journal);
  REQUIRE(journal->append({JournalAction::create_file, "/p/a", ""}));
  int fd = ::open(journal->path().c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, "T\t/p/b", 6) == 6); // a write cut short
  ::close(fd);
  auto back = journal->read_back();
  REQUIRE(back);
  CHECK(same(*back, {{JournalAction::create_file, "/p/a", ""}}));
}
