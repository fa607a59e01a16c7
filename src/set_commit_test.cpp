#include "set_commit.h"

#include "file_lock.h"
#include "journal.h"
#include "journal_scope.h"
#include "project_lock.h"
#include "test_support.h"
#include "transaction.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
// A prefix whose lib holds pkg 1.0 (pkg/a.py) and other 1.0 (other.py).
struct SetPrefix {
  TemporaryDirectory directory;
  std::string lib = directory / "prefix/lib";
  std::string state = lib + "/.whlinst";
  SetPrefix() {
    std::filesystem::create_directories(lib + "/pkg");
    write_text_file(lib + "/pkg/a.py", "old a\n");
    write_text_file(lib + "/other.py", "old other\n");
  }
  JournalScope scope() const { return JournalScope({directory / "prefix"}); }
  ExclusiveProjectLock lock(const std::string& project) const {
    Result<FileLock> acquired =
        FileLock::acquire(directory / (project + ".lock"), LockMode::exclusive, LockFile::kept);
    REQUIRE_MESSAGE(acquired.ok(), acquired.error().message);
    return adopt_project_lock_for_testing(std::move(*acquired), state, project);
  }
  // A member that replaces `relative` and prepares the publication of
  // NAME-2.0.dist-info.
  std::unique_ptr<Transaction> prepared_member(const ExclusiveProjectLock& lock, const SetCommit& set,
                                               const std::string& relative, const std::string& name) {
    auto begun = Transaction::begin(lock, Durability::process_crash, &set);
    REQUIRE_MESSAGE(begun.ok(), begun.error().message);
    std::unique_ptr<Transaction> transaction = std::move(*begun);
    DiskPath final_path(lib + "/" + relative);
    Result<DiskPath> temporary = transaction->temporary_beside(final_path);
    REQUIRE(temporary.ok());
    write_text_file(temporary->str(), "new " + relative + "\n");
    require_ok(transaction->put_all_in_place({{*temporary, final_path}}));
    DiskPath staging(lib + "/.whlinst-" + transaction->id() + "-dist-info");
    require_ok(transaction->make_directories(staging));
    require_ok(transaction->will_create(DiskPath(staging.str() + "/RECORD")));
    write_text_file(staging.str() + "/RECORD", relative + ",,\n");
    require_ok(transaction->prepare(staging, DiskPath(lib + "/" + name + "-2.0.dist-info")));
    return transaction;
  }
  std::vector<std::string> state_names() const { return testing::state_names(state); }
  size_t recover() const {
    Result<size_t> recovered = recover_journals(state, scope(), LockWait{});
    REQUIRE_MESSAGE(recovered.ok(), recovered.error().message);
    return *recovered;
  }
};

// pkg (replacing pkg/a.py) and other (other.py), each prepared as a member
// of one set, not decided yet.
struct PreparedSet {
  ExclusiveProjectLock pkg_lock, other_lock;
  SetCommit set;
  std::unique_ptr<Transaction> pkg, other; // destroyed first
  explicit PreparedSet(SetPrefix& prefix)
      : pkg_lock(prefix.lock("pkg")), other_lock(prefix.lock("other")), set(prefix.state),
        pkg(prefix.prepared_member(pkg_lock, set, "pkg/a.py", "pkg")),
        other(prefix.prepared_member(other_lock, set, "other.py", "other")) {}
};

Tree new_tree() {
  return Tree{{"other.py", "new other.py\n"},
              {"other-2.0.dist-info", "<dir>"},
              {"other-2.0.dist-info/RECORD", "other.py,,\n"},
              {"pkg", "<dir>"},
              {"pkg/a.py", "new pkg/a.py\n"},
              {"pkg-2.0.dist-info", "<dir>"},
              {"pkg-2.0.dist-info/RECORD", "pkg/a.py,,\n"}};
}

Tree old_tree() { return Tree{{"other.py", "old other\n"}, {"pkg", "<dir>"}, {"pkg/a.py", "old a\n"}}; }

Tree lib_tree(const SetPrefix& prefix) {
  Tree tree = snapshot(prefix.lib);
  for (auto entry = tree.begin(); entry != tree.end();)
    entry = entry->first.rfind(".whlinst", 0) == 0 ? tree.erase(entry) : std::next(entry);
  return tree;
}
} // namespace

TEST_CASE("a set that decided is completed by the next run, every member, after its process died") {
  SetPrefix prefix;
  {
    PreparedSet prepared(prefix);
    require_ok(prepared.set.decide(Durability::process_crash));
    CHECK(std::filesystem::exists(prepared.set.marker()));
    // Dies here: the members' destructors must not undo a decided set.
  }
  CHECK(prefix.state_names().size() == 3); // two journals and the marker
  CHECK(prefix.recover() == 2);
  CHECK(lib_tree(prefix) == new_tree());
  CHECK(prefix.state_names().empty()); // journals replayed, the marker no one holds removed
  CHECK(snapshot(prefix.lib).count(".whlinst") == 0);
}

TEST_CASE("a set that did not decide is undone, every member, even one already prepared") {
  SetPrefix prefix;
  {
    PreparedSet prepared(prefix);
    // A member failed: both roll back in process.
  }
  CHECK(lib_tree(prefix) == old_tree());
  CHECK(prefix.state_names().empty());
}

TEST_CASE("a decided set commits member by member, then removes its marker") {
  SetPrefix prefix;
  PreparedSet prepared(prefix);
  require_ok(prepared.set.decide(Durability::power_loss));
  for (const auto& [member, name] : {std::pair{prepared.pkg.get(), "pkg"}, std::pair{prepared.other.get(), "other"}})
    require_ok(member->commit(DiskPath(prefix.lib + "/.whlinst-" + member->id() + "-dist-info"),
                              DiskPath(prefix.lib + "/" + name + "-2.0.dist-info")));
  prepared.set.finish();
  CHECK(lib_tree(prefix) == new_tree());
  CHECK(prefix.state_names().empty());
}

TEST_CASE("recovery: a prepared member without its set's marker is rolled back; with it, completed") {
  for (bool decided : {false, true}) {
    CAPTURE(decided);
    SetPrefix prefix;
    std::string marker = prefix.state + "/_set.7x.commit";
    std::string temporary = prefix.lib + "/pkg/.whlinst-7x-0", backup = prefix.lib + "/pkg/.whlinst-7x-1";
    std::string staging = prefix.lib + "/.whlinst-7x-dist-info";
    std::filesystem::create_directories(staging);
    write_text_file(staging + "/RECORD", "pkg/a.py,,\n");
    write_text_file(temporary, "new pkg/a.py\n");
    std::filesystem::create_directories(prefix.state);
    if (decided)
      write_text_file(marker, "");
    std::string text;
    for (const JournalRecord& record : std::vector<JournalRecord>{
             {JournalAction::set_member, marker, ""},
             {JournalAction::make_directory, staging, ""},
             {JournalAction::create_file, staging + "/RECORD", ""},
             {JournalAction::create_file, temporary, ""},
             {JournalAction::backup, prefix.lib + "/pkg/a.py", backup},
             {JournalAction::put_in_place, prefix.lib + "/pkg/a.py", temporary},
             {JournalAction::prepared, prefix.lib + "/pkg-2.0.dist-info", staging}})
      text += encode_journal_record(record);
    write_text_file(prefix.state + "/pkg.7x.journal", text);
    // Killed after the backup link and the rename: the backup is there.
    REQUIRE(std::filesystem::exists(temporary));
    std::filesystem::copy_file(prefix.lib + "/pkg/a.py", backup);
    std::filesystem::rename(temporary, prefix.lib + "/pkg/a.py");
    CHECK(prefix.recover() == 1);
    Tree expected = decided ? Tree{{"other.py", "old other\n"},
                                   {"pkg", "<dir>"},
                                   {"pkg/a.py", "new pkg/a.py\n"},
                                   {"pkg-2.0.dist-info", "<dir>"},
                                   {"pkg-2.0.dist-info/RECORD", "pkg/a.py,,\n"}}
                            : old_tree();
    CHECK(lib_tree(prefix) == expected);
    CHECK(prefix.state_names().empty());
  }
}

TEST_CASE("remove_finished_set_markers: a marker a journal names, or a process holds, stays") {
  SetPrefix prefix;
  std::filesystem::create_directories(prefix.state);
  std::string named = prefix.state + "/_set.1x.commit", held = prefix.state + "/_set.2x.commit",
              orphan = prefix.state + "/_set.3x.commit";
  for (const std::string& marker : {named, held, orphan})
    write_text_file(marker, "");
  write_text_file(prefix.state + "/pkg.1x.journal",
                  encode_journal_record({JournalAction::set_member, named, ""}));
  Result<FileLock> holder = FileLock::acquire(held, LockMode::exclusive, LockFile::kept);
  REQUIRE(holder.ok());
  remove_finished_set_markers(prefix.state);
  CHECK(std::filesystem::exists(named));
  CHECK(std::filesystem::exists(held));
  CHECK_FALSE(std::filesystem::exists(orphan));
}

TEST_CASE("a set marker record outside a state directory is refused by the journal scope") {
  SetPrefix prefix;
  JournalScope scope = prefix.scope();
  CHECK(scope.check({JournalAction::set_member, prefix.state + "/_set.1x.commit", ""}).ok());
  CHECK_FALSE(scope.check({JournalAction::set_member, prefix.lib + "/_set.1x.commit", ""}).ok());
  CHECK_FALSE(scope.check({JournalAction::set_member, prefix.state + "/pkg.lock", ""}).ok());
  CHECK_FALSE(scope.check({JournalAction::set_member, "/etc/.whlinst/_set.1x.commit", ""}).ok());
}
