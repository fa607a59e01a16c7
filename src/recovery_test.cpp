// Recovery on every file system (issue 14): backups that are links of their
// path, rollbacks that cannot finish, journals that do not parse or name
// paths outside the scheme, directories hidden entry by entry, the claim
// that replaces RENAME_NOREPLACE, pruning past directories already gone.

#include "directory_hiding.h"
#include "exclusive_rename.h"
#include "fault_injection_scenarios.h"
#include "faulty_file_system_calls.h"
#include "file_system.h"
#include "journal.h"
#include "journal_replay.h"
#include "journal_scope.h"
#include "transaction.h"

#include "test_support.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
struct Prefix {
  TemporaryDirectory directory;
  std::string lib = directory / "prefix/lib";
  std::string state = directory / "prefix/lib/.whlinst";
  std::optional<ExclusiveProjectLock> lock;

  Prefix() {
    std::filesystem::create_directories(lib + "/pkg");
    write_text_file(lib + "/pkg/a.py", "old a\n");
    Result<FileLock> acquired = FileLock::acquire(directory / "pkg.lock", LockMode::exclusive, LockFile::kept);
    REQUIRE_MESSAGE(acquired.ok(), acquired.error().message);
    lock.emplace(adopt_project_lock_for_testing(std::move(*acquired), state, "pkg"));
  }
  std::unique_ptr<Transaction> begin() {
    auto transaction = Transaction::begin(*lock);
    REQUIRE_MESSAGE(transaction.ok(), transaction.error().message);
    return std::move(transaction).value();
  }
  JournalScope scope() const { return JournalScope({directory / "prefix"}); }
  std::vector<std::string> state_names() const { return testing::state_names(state); }
  void write_journal(const std::string& name, const std::vector<JournalRecord>& records) {
    std::filesystem::create_directories(state);
    std::string text;
    for (const JournalRecord& record : records)
      text += encode_journal_record(record);
    write_text_file(state + "/" + name, text);
  }
};
} // namespace

TEST_CASE("rollback removes a backup still linked to its path (the new file never replaced it)") {
  Prefix prefix;
  Tree before = snapshot(prefix.lib + "/pkg");
  auto transaction = prefix.begin();
  require_ok(transaction->keep_backup(DiskPath(prefix.lib + "/pkg/a.py"))); // e.g. a pyc that then did not compile
  CHECK(snapshot(prefix.lib + "/pkg").size() == 2);
  transaction->rollback();
  CHECK(snapshot(prefix.lib + "/pkg") == before);
}

TEST_CASE("a journal killed between the backup link and the rename is rolled back without a stray backup") {
  Prefix prefix;
  std::string final_path = prefix.lib + "/pkg/a.py";
  std::string temporary = prefix.lib + "/pkg/.whlinst-1x-0", backup = prefix.lib + "/pkg/.whlinst-1x-1";
  write_text_file(temporary, "new a\n");
  require_ok(hard_link(final_path, backup));
  CHECK(roll_back({{JournalAction::create_file, temporary, ""},
                   {JournalAction::backup, final_path, backup},
                   {JournalAction::put_in_place, final_path, temporary}}) == Replay::complete);
  CHECK(snapshot(prefix.lib + "/pkg") == Tree{{"a.py", "old a\n"}});
}

TEST_CASE("a rollback that cannot finish keeps its journal, and the next recovery finishes it") {
  Prefix prefix;
  std::string path = prefix.lib + "/pkg/a.py";
  auto transaction = prefix.begin();
  require_ok(transaction->keep_backup(DiskPath(path)));
  // The backup cannot be renamed back over a non-empty directory.
  require_ok(remove_file(path));
  std::filesystem::create_directories(path + "/blocker");
  transaction->rollback();
  std::vector<std::string> kept = prefix.state_names();
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].find(".journal") != std::string::npos);
  transaction.reset();
  std::filesystem::remove_all(path);
  Result<size_t> recovered = recover_journals(prefix.state, prefix.scope(), LockWait{});
  REQUIRE(recovered.ok());
  CHECK(*recovered == 1);
  CHECK(prefix.state_names().empty());
  CHECK(snapshot(prefix.lib + "/pkg") == Tree{{"a.py", "old a\n"}});
}

TEST_CASE("an unparseable journal is quarantined and blocks neither its project nor the others") {
  Prefix prefix;
  std::string temporary = prefix.lib + "/pkg/.whlinst-9x-0";
  write_text_file(temporary, "partial\n");
  prefix.write_journal("other.9x.journal", {{JournalAction::create_file, temporary, ""}});
  std::filesystem::create_directories(prefix.state);
  write_text_file(prefix.state + "/pkg.8x.journal", "T\t/x\t\nX\x01garbage\tno\n");
  Result<size_t> recovered = recover_journals(prefix.state, prefix.scope(), LockWait{});
  REQUIRE_MESSAGE(recovered.ok(), recovered.error().message);
  CHECK(*recovered == 1);
  CHECK(!std::filesystem::exists(temporary));
  CHECK(prefix.state_names() == std::vector<std::string>{"pkg.8x.journal.corrupt"});
  Result<size_t> again = recover_project_journals(prefix.state, "pkg", prefix.scope());
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

TEST_CASE("a journal naming a path outside the scheme is not replayed") {
  Prefix prefix;
  std::string victim = prefix.directory / "victim";
  std::filesystem::create_directories(victim);
  write_text_file(victim + "/precious", "keep\n");
  prefix.write_journal("pkg.7x.journal", {{JournalAction::create_file, victim, ""}});
  Result<size_t> recovered = recover_journals(prefix.state, prefix.scope(), LockWait{});
  REQUIRE(recovered.ok());
  CHECK(*recovered == 0);
  CHECK(read_text_file(victim + "/precious") == "keep\n");
}

TEST_CASE("JournalScope: paths inside the scheme, with the names a replay deletes hidden") {
  JournalScope scope({"/p/lib/site", "/p/bin", "/p"});
  auto ok = [&](JournalRecord record) { return scope.check(record).ok(); };
  CHECK(ok({JournalAction::create_file, "/p/lib/site/.whlinst-1x-0", ""}));
  CHECK(ok({JournalAction::create_file, "/p/lib/site/pkg/__pycache__/a.cpython-311.pyc", ""}));
  CHECK(ok({JournalAction::create_file, "/p/lib/site/.whlinst-1x-dist-info/RECORD", ""}));
  CHECK_FALSE(ok({JournalAction::create_file, "/p/lib/site/numpy", ""}));
  CHECK_FALSE(ok({JournalAction::create_file, "/etc/.whlinst-1x-0", ""}));
  CHECK_FALSE(ok({JournalAction::create_file, "/p/lib/site/../../../etc/.whlinst-1", ""}));
  CHECK_FALSE(ok({JournalAction::create_file, "relative/.whlinst-1", ""}));
  CHECK(ok({JournalAction::make_directory, "/", ""})); // an ancestor of a fresh prefix: only rmdir'ed
  CHECK_FALSE(ok({JournalAction::make_directory, "/etc", ""}));
  CHECK(ok({JournalAction::hide, "/p/lib/site/x-1.dist-info", "/p/lib/site/.whlinst-1x-2"}));
  CHECK_FALSE(ok({JournalAction::hide, "/p/lib/site/x-1.dist-info", "/p/lib/site/.whlinst-1x-2/x"}));
  CHECK(ok({JournalAction::put_in_place, "/p/lib/site/a.py", "/p/lib/site/.whlinst-1x-2"}));
  CHECK(ok({JournalAction::put_in_place, "/p/lib/site/ns/a.py", "/p/lib/site/.whlinst-1x-2/a.py"})); // a merge
  CHECK_FALSE(ok({JournalAction::put_in_place, "/p/lib/site/a.py", "/p/lib/site/b.py"}));
  CHECK_FALSE(ok({JournalAction::put_in_place, "/p/lib/site/a.py", "/p/lib/site/a.pyc"}));
  CHECK_FALSE(ok({JournalAction::hide, "/p/lib/site/x-1.dist-info", "/p/lib/site/y-1.dist-info"}));
  CHECK_FALSE(ok({JournalAction::backup, "/p/lib/site/a.py", "/tmp/.whlinst-1x-2"}));
  CHECK(ok({JournalAction::remove, "/p/bin/tool", "/p/bin"}));
  CHECK_FALSE(ok({JournalAction::remove, "/p/bin/tool", "/"}));
  CHECK(ok({JournalAction::commit, "", ""}));
  CHECK(ok({JournalAction::commit, "/p/lib/site/x-2.dist-info", "/p/lib/site/.whlinst-1x-dist-info"}));
  CHECK(ok({JournalAction::worker, "123:456", ""}));
}

TEST_CASE("a directory hidden in part is brought back whole, METADATA last") {
  TemporaryDirectory directory;
  std::string path = directory / "x-1.dist-info", hidden = directory / ".whlinst-1x-0";
  std::filesystem::create_directories(path + "/licenses");
  std::filesystem::create_directories(hidden + "/licenses");
  write_text_file(path + "/RECORD", "r\n");
  write_text_file(path + "/licenses/A", "a\n");
  write_text_file(hidden + "/METADATA", "m\n");
  write_text_file(hidden + "/licenses/B", "b\n");
  require_ok(restore_hidden(hidden, path));
  CHECK(snapshot(directory.path()) == Tree{{"x-1.dist-info", "<dir>"},
                                           {"x-1.dist-info/METADATA", "m\n"},
                                           {"x-1.dist-info/RECORD", "r\n"},
                                           {"x-1.dist-info/licenses", "<dir>"},
                                           {"x-1.dist-info/licenses/A", "a\n"},
                                           {"x-1.dist-info/licenses/B", "b\n"}});
  require_ok(hide_path(path, hidden));
  CHECK(!std::filesystem::exists(path));
  require_ok(restore_hidden(hidden, path));
  CHECK(!std::filesystem::exists(hidden));
}

TEST_CASE("the mkdir claim that replaces RENAME_NOREPLACE") {
  TemporaryDirectory directory;
  std::string tree = directory / ".whlinst-1x-0", final_root = directory / "pkg";
  std::filesystem::create_directories(tree);
  write_text_file(tree + "/a.py", "a\n");
  int claims = 0;
  auto journal_claim = [&] { ++claims; return Status{}; };
  SUBCASE("a free name is claimed, then the tree renamed over the claim") {
    Result<ExclusiveRename> renamed = rename_directory_by_claim(tree, final_root, journal_claim);
    REQUIRE(renamed.ok());
    CHECK(*renamed == ExclusiveRename::renamed);
    CHECK(claims == 1);
    CHECK(read_text_file(final_root + "/a.py") == "a\n");
  }
  SUBCASE("a directory that appeared (even empty) is not replaced") {
    std::filesystem::create_directories(final_root);
    Result<ExclusiveRename> renamed = rename_directory_by_claim(tree, final_root, journal_claim);
    REQUIRE(renamed.ok());
    CHECK(*renamed == ExclusiveRename::exists);
    CHECK(std::filesystem::exists(tree + "/a.py"));
  }
}

TEST_CASE("roll-forward pruning goes on past directories already gone") {
  TemporaryDirectory directory;
  std::string stop = directory / "lib";
  std::filesystem::create_directories(stop + "/pkg/sub");
  // A killed uninstall had removed pkg/sub/x and pkg/sub, not yet pkg.
  std::filesystem::remove(stop + "/pkg/sub");
  auto failures = roll_forward({{JournalAction::commit, "", ""}, {JournalAction::remove, stop + "/pkg/sub/x", stop}});
  REQUIRE(failures.ok());
  CHECK(failures->empty());
  CHECK(snapshot(stop).empty());
}

TEST_CASE("JournalScope: a journal written through a symlinked prefix is inside the scheme") {
  TemporaryDirectory directory;
  std::filesystem::create_directories(directory / "real/lib");
  std::filesystem::create_directory_symlink(directory / "real", directory / "link");
  JournalScope scope({directory / "real/lib"});
  CHECK(scope.check({JournalAction::create_file, directory / "link/lib/.whlinst-1x-0", ""}).ok());
  CHECK(scope.check({JournalAction::remove, directory / "link/lib/pkg/a.py", directory / "link/lib"}).ok());
  CHECK_FALSE(scope.check({JournalAction::create_file, directory / "link/.whlinst-1x-0", ""}).ok());
  JournalScope spelled({directory / "link/lib"});
  CHECK(spelled.check({JournalAction::create_file, directory / "real/lib/.whlinst-1x-0", ""}).ok());
}

TEST_CASE("a lock file no process holds is removed by the next recovery; a held one stays") {
  Prefix prefix;
  std::filesystem::create_directories(prefix.state);
  write_text_file(prefix.state + "/gone.lock", ""); // its holder was killed after deleting its journal
  Result<size_t> recovered = recover_journals(prefix.state, prefix.scope(), LockWait{});
  REQUIRE_MESSAGE(recovered.ok(), recovered.error().message);
  CHECK(*recovered == 0);
  CHECK(!std::filesystem::exists(prefix.state));

  Result<FileLock> held = FileLock::acquire(prefix.state + "/held.lock", LockMode::shared, LockFile::removed);
  REQUIRE_MESSAGE(held.ok(), held.error().message);
  write_text_file(prefix.state + "/gone.lock", "");
  REQUIRE(recover_journals(prefix.state, prefix.scope(), LockWait{}).ok());
  CHECK(std::filesystem::exists(prefix.state + "/held.lock"));
  CHECK(!std::filesystem::exists(prefix.state + "/gone.lock"));
  held->release();
  CHECK(!std::filesystem::exists(prefix.state));
}

namespace {
// Puts a tree of three files into `root`, an existing directory (a
// namespace package another install made meanwhile): the tree is merged
// file by file, each put naming a file inside the hidden tree. With
// `death`, the process "dies" at that call of the merge.
size_t merge_tree_into(Prefix& prefix, const std::string& root, const testing::Fault& death) {
  auto transaction = prefix.begin();
  Result<DiskPath> hidden = transaction->begin_tree(DiskPath(root));
  REQUIRE_MESSAGE(hidden.ok(), hidden.error().message);
  std::filesystem::create_directories(hidden->str() + "/deep");
  std::filesystem::create_directories(hidden->str() + "/new");
  write_text_file(hidden->str() + "/mine.py", "mine\n");
  write_text_file(hidden->str() + "/deep/one.txt", "one\n");
  write_text_file(hidden->str() + "/new/two.txt", "two\n");
  testing::StderrCapture quiet;
  testing::FaultyFileSystemCalls calls(death);
  FileSystemCallsOverride use(calls);
  Status put = transaction->put_tree_in_place(*hidden, DiskPath(root));
  if (death.kind == testing::FaultKind::none) {
    REQUIRE_MESSAGE(put.ok(), put.error().message);
    transaction->rollback();
  }
  transaction.reset(); // a dead process's rollback fails: its journal stays
  return calls.count();
}
} // namespace

TEST_CASE("a tree merged into an existing directory and killed at any call is undone by the next recovery") {
  size_t calls = 0;
  {
    Prefix prefix;
    std::filesystem::create_directories(prefix.lib + "/ns/deep");
    calls = merge_tree_into(prefix, prefix.lib + "/ns", {});
  }
  REQUIRE(calls > 4);
  for (size_t k = 1; k <= calls; ++k) {
    Prefix prefix;
    std::string root = prefix.lib + "/ns";
    std::filesystem::create_directories(root + "/deep");
    write_text_file(root + "/deep/theirs.txt", "theirs\n");
    Tree before = snapshot(prefix.directory / "prefix");
    merge_tree_into(prefix, root, {testing::FaultKind::die, k});
    INFO("merge killed at call ", k, " of ", calls);
    Result<size_t> recovered = recover_journals(prefix.state, prefix.scope(), LockWait{});
    REQUIRE_MESSAGE(recovered.ok(), recovered.error().message);
    CHECK(snapshot(prefix.directory / "prefix") == before);
  }
}
