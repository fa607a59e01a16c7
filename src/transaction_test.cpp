#include "transaction.h"

#include "file_system_calls.h"
#include "journal_replay.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace whlinst;
using namespace whlinst::testing;

namespace {

using Moves = std::vector<std::pair<DiskPath, DiskPath>>;

// A prefix with some content, a state directory for journals, and the
// project lock a transaction requires.
struct Fixture {
  TemporaryDirectory directory;
  std::string prefix = directory / "prefix";
  std::string state = directory / "state";
  std::optional<ExclusiveProjectLock> lock;

  Fixture() {
    std::filesystem::create_directories(prefix + "/lib/pkg");
    std::filesystem::create_directories(prefix + "/bin");
    write_text_file(prefix + "/lib/pkg/old.py", "old\n");
    write_text_file(prefix + "/lib/pkg/keep.py", "keep\n");
    write_text_file(prefix + "/bin/tool", "#!/bin/sh\n");
    Result<FileLock> acquired = FileLock::acquire(directory / "pkg.lock", LockMode::exclusive, LockFile::kept);
    REQUIRE_MESSAGE(acquired.ok(), acquired.error().message);
    lock.emplace(adopt_project_lock_for_testing(std::move(*acquired), state, "pkg"));
  }

  std::unique_ptr<Transaction> begin() {
    auto transaction = Transaction::begin(*lock);
    REQUIRE_MESSAGE(transaction.ok(), transaction.error().message);
    return std::move(transaction).value();
  }

  // Writes `content` to a temporary beside `final_path` and returns the move.
  std::pair<DiskPath, DiskPath> stage(Transaction& transaction, const std::string& final_path,
                                            std::string_view content) {
    Result<DiskPath> temporary = transaction.temporary_beside(DiskPath(final_path));
    REQUIRE_MESSAGE(temporary.ok(), temporary.error().message);
    write_text_file(temporary->str(), content);
    return {*temporary, DiskPath(final_path)};
  }

  Tree journals() const { return std::filesystem::exists(state) ? snapshot(state) : Tree{}; }
};

// Schedules the removal of `path` at commit, pruning up to `stop`.
Status remove_at_commit(Transaction& transaction, const std::string& path, const std::string& stop) {
  return transaction.remove_all_at_commit(1, [&](size_t) { return ScheduledRemoval{DiskPath(path), DiskPath(stop)}; });
}

std::vector<std::string> whlinst_names(const Tree& tree) {
  std::vector<std::string> names;
  for (const auto& [path, content] : tree)
    if (std::filesystem::path(path).filename().string().rfind(".whlinst-", 0) == 0)
      names.push_back(path);
  return names;
}

} // namespace

TEST_CASE("Transaction: temporaries are hidden names beside their final path") {
  Fixture fixture;
  auto transaction = fixture.begin();
  Result<DiskPath> first = transaction->temporary_beside(DiskPath(fixture.prefix + "/lib/pkg/a.py"));
  Result<DiskPath> second = transaction->temporary_beside(DiskPath(fixture.prefix + "/lib/pkg/b.py"));
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->str() == fixture.prefix + "/lib/pkg/.whlinst-" + transaction->id() + "-0");
  CHECK(second->str() == fixture.prefix + "/lib/pkg/.whlinst-" + transaction->id() + "-1");
  CHECK(fixture.journals().size() == 1);
  transaction->rollback();
  CHECK(fixture.journals().empty());
}

TEST_CASE("Transaction: rollback after put_all_in_place leaves the prefix as it was") {
  Fixture fixture;
  Tree before = snapshot(fixture.prefix);
  auto transaction = fixture.begin();
  Moves moves{fixture.stage(*transaction, fixture.prefix + "/lib/pkg/old.py", "new content\n"),
              fixture.stage(*transaction, fixture.prefix + "/lib/pkg/sub/deep/new.py", "new\n"),
              fixture.stage(*transaction, fixture.prefix + "/bin/tool2", "#!/bin/sh\n")};
  require_ok(transaction->put_all_in_place(moves));
  CHECK(read_text_file(fixture.prefix + "/lib/pkg/old.py") == "new content\n");
  CHECK(read_text_file(fixture.prefix + "/lib/pkg/sub/deep/new.py") == "new\n");
  CHECK(whlinst_names(snapshot(fixture.prefix)).size() == 1); // the backup of old.py
  transaction->rollback();
  CHECK(snapshot(fixture.prefix) == before);
  CHECK(fixture.journals().empty());
}

TEST_CASE("Transaction: the destructor of an uncommitted transaction rolls back") {
  Fixture fixture;
  Tree before = snapshot(fixture.prefix);
  {
    auto transaction = fixture.begin();
    Moves moves{fixture.stage(*transaction, fixture.prefix + "/lib/pkg/old.py", "replaced\n"),
                fixture.stage(*transaction, fixture.prefix + "/share/doc/readme", "doc\n")};
    require_ok(transaction->put_all_in_place(moves));
    require_ok(transaction->hide(DiskPath(fixture.prefix + "/bin/tool")));
    // Staged but never put in place.
    (void)fixture.stage(*transaction, fixture.prefix + "/lib/pkg/never.py", "x");
  }
  CHECK(snapshot(fixture.prefix) == before);
  CHECK(fixture.journals().empty());
}

TEST_CASE("Transaction: commit keeps the new files and removes every hidden name") {
  Fixture fixture;
  auto transaction = fixture.begin();
  std::string staging = fixture.prefix + "/lib/.whlinst-" + transaction->id() + "-dist-info";
  require_ok(transaction->make_directories(DiskPath(staging)));
  write_text_file(staging + "/RECORD", "pkg/old.py,,\n");
  Moves moves{fixture.stage(*transaction, fixture.prefix + "/lib/pkg/old.py", "new content\n"),
              fixture.stage(*transaction, fixture.prefix + "/lib/pkg/sub/new.py", "new\n")};
  require_ok(transaction->put_all_in_place(moves));
  require_ok(transaction->hide(DiskPath(fixture.prefix + "/bin/tool")));
  require_ok(remove_at_commit(*transaction, fixture.prefix + "/lib/pkg/keep.py", fixture.prefix + "/lib"));
  require_ok(transaction->commit(DiskPath(staging), DiskPath(fixture.prefix + "/lib/pkg-1.0.dist-info")));
  Tree after = snapshot(fixture.prefix);
  CHECK(whlinst_names(after).empty());
  CHECK(after == Tree{{"bin", "<dir>"},
                      {"lib", "<dir>"},
                      {"lib/pkg", "<dir>"},
                      {"lib/pkg/old.py", "new content\n"},
                      {"lib/pkg/sub", "<dir>"},
                      {"lib/pkg/sub/new.py", "new\n"},
                      {"lib/pkg-1.0.dist-info", "<dir>"},
                      {"lib/pkg-1.0.dist-info/RECORD", "pkg/old.py,,\n"}});
  CHECK(fixture.journals().empty());
}

TEST_CASE("Transaction: commit of a removal prunes emptied directories up to the stop") {
  Fixture fixture;
  auto transaction = fixture.begin();
  std::vector<ScheduledRemoval> removals{
      {DiskPath(fixture.prefix + "/lib/pkg/old.py"), DiskPath(fixture.prefix + "/lib")},
      {DiskPath(fixture.prefix + "/lib/pkg/keep.py"), DiskPath(fixture.prefix + "/lib")},
      {DiskPath(fixture.prefix + "/bin/tool"), DiskPath(fixture.prefix + "/bin")}};
  require_ok(transaction->remove_all_at_commit(removals.size(), [&](size_t i) { return removals[i]; }));
  CHECK(std::filesystem::exists(fixture.prefix + "/lib/pkg/old.py"));
  require_ok(transaction->commit(DiskPath(""), DiskPath("")));
  CHECK(snapshot(fixture.prefix) == Tree{{"bin", "<dir>"}, {"lib", "<dir>"}});
}

TEST_CASE("Transaction: a removal scheduled at commit does nothing on rollback") {
  Fixture fixture;
  Tree before = snapshot(fixture.prefix);
  auto transaction = fixture.begin();
  require_ok(remove_at_commit(*transaction, fixture.prefix + "/lib/pkg/old.py", fixture.prefix + "/lib"));
  transaction->rollback();
  CHECK(snapshot(fixture.prefix) == before);
}

TEST_CASE("Transaction: make_directories rollback removes only the directories it created") {
  Fixture fixture;
  auto transaction = fixture.begin();
  require_ok(transaction->make_directories(DiskPath(fixture.prefix + "/lib/pkg/a/b/c")));
  require_ok(transaction->make_directories(DiskPath(fixture.prefix + "/lib/pkg/a/b/c")));
  require_ok(transaction->make_directories(DiskPath(fixture.prefix + "/share/x")));
  require_ok(transaction->make_directories(DiskPath(fixture.prefix + "/lib")));
  CHECK(std::filesystem::is_directory(fixture.prefix + "/lib/pkg/a/b/c"));
  // Another process puts a file into one of them meanwhile: that one stays.
  write_text_file(fixture.prefix + "/share/x/other", "someone else's\n");
  transaction->rollback();
  CHECK_FALSE(std::filesystem::exists(fixture.prefix + "/lib/pkg/a"));
  CHECK(std::filesystem::is_directory(fixture.prefix + "/lib/pkg"));
  CHECK(read_text_file(fixture.prefix + "/lib/pkg/old.py") == "old\n");
  CHECK(read_text_file(fixture.prefix + "/share/x/other") == "someone else's\n");
}

TEST_CASE("Transaction: hide, then rollback restores; commit deletes") {
  Fixture fixture;
  Tree before = snapshot(fixture.prefix);
  {
    auto transaction = fixture.begin();
    require_ok(transaction->hide(DiskPath(fixture.prefix + "/lib/pkg/old.py")));
    require_ok(transaction->hide(DiskPath(fixture.prefix + "/bin")));
    CHECK_FALSE(std::filesystem::exists(fixture.prefix + "/lib/pkg/old.py"));
    CHECK_FALSE(std::filesystem::exists(fixture.prefix + "/bin"));
    CHECK(whlinst_names(snapshot(fixture.prefix)).size() == 2);
    transaction->rollback();
    CHECK(snapshot(fixture.prefix) == before);
  }
  auto transaction = fixture.begin();
  require_ok(transaction->hide(DiskPath(fixture.prefix + "/lib/pkg")));
  require_ok(transaction->commit(DiskPath(""), DiskPath("")));
  CHECK(snapshot(fixture.prefix) == Tree{{"bin", "<dir>"}, {"bin/tool", "#!/bin/sh\n"}, {"lib", "<dir>"}});
}

TEST_CASE("Transaction: keep_backup and will_create for files written by workers") {
  Fixture fixture;
  std::string pyc = fixture.prefix + "/lib/pkg/old.pyc";
  write_text_file(pyc, "old pyc");
  Tree before = snapshot(fixture.prefix);
  auto replace_pyc = [&](Transaction& transaction) {
    require_ok(transaction.keep_backup(DiskPath(pyc)));
    require_ok(transaction.will_create(DiskPath(pyc)));
    write_text_file(pyc + ".123", "new pyc");
    std::filesystem::rename(pyc + ".123", pyc); // as py_compile does
    require_ok(transaction.will_create(DiskPath(fixture.prefix + "/lib/pkg/new.pyc")));
    write_text_file(fixture.prefix + "/lib/pkg/new.pyc", "new");
  };
  {
    auto transaction = fixture.begin();
    replace_pyc(*transaction);
    transaction->rollback();
    CHECK(snapshot(fixture.prefix) == before);
  }
  auto transaction = fixture.begin();
  replace_pyc(*transaction);
  require_ok(transaction->commit(DiskPath(""), DiskPath("")));
  Tree after = snapshot(fixture.prefix);
  CHECK(whlinst_names(after).empty());
  CHECK(after["lib/pkg/old.pyc"] == "new pyc");
  CHECK(after["lib/pkg/new.pyc"] == "new");
}

TEST_CASE("Transaction: a directory is never replaced by a file") {
  Fixture fixture;
  auto transaction = fixture.begin();
  Status backup = transaction->keep_backup(DiskPath(fixture.prefix + "/lib/pkg"));
  REQUIRE_FALSE(backup.ok());
  CHECK(backup.error().message == fixture.prefix + "/lib/pkg: is a directory, cannot be replaced by a file");
  CHECK(transaction->keep_backup(DiskPath(fixture.prefix + "/lib/pkg/missing.py")).ok());
  Moves moves{fixture.stage(*transaction, fixture.prefix + "/lib/pkg", "file\n")};
  Status put = transaction->put_all_in_place(moves);
  REQUIRE_FALSE(put.ok());
  CHECK(put.error().message == fixture.prefix + "/lib/pkg: is a directory, cannot be replaced by a file");
  Status hide = transaction->hide(DiskPath(fixture.prefix + "/nothing"));
  REQUIRE_FALSE(hide.ok());
  CHECK(hide.error().message.rfind("cannot rename to " + fixture.prefix + "/.whlinst-", 0) == 0);
}

// A backup taken after a put_in_place (the path replaced again) does not
// count for that put_in_place's rollback.
TEST_CASE("Transaction: rollback of two puts at the same new path removes it") {
  Fixture fixture;
  Tree before = snapshot(fixture.prefix);
  auto transaction = fixture.begin();
  std::string path = fixture.prefix + "/lib/pkg/twice.py";
  require_ok(transaction->put_all_in_place({fixture.stage(*transaction, path, "first\n")}));
  require_ok(transaction->put_all_in_place({fixture.stage(*transaction, path, "second\n")}));
  transaction->rollback();
  CHECK(snapshot(fixture.prefix) == before);
}

namespace {
// Builds a small tree (a.py, sub/b.py) in a fresh tree for `final_root`.
std::string base_name_of(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string build_tree(Transaction& transaction, const std::string& final_root) {
  Result<DiskPath> hidden = transaction.begin_tree(DiskPath(final_root));
  REQUIRE_MESSAGE(hidden.ok(), hidden.error().message);
  std::filesystem::create_directories(hidden->str() + "/sub");
  write_text_file(hidden->str() + "/a.py", "a\n");
  write_text_file(hidden->str() + "/sub/b.py", "b\n");
  return hidden->str();
}
} // namespace

TEST_CASE("Transaction: a fresh tree is renamed into place whole; rollback removes it") {
  Fixture fixture;
  Tree before = snapshot(fixture.prefix);
  auto transaction = fixture.begin();
  std::string root = fixture.prefix + "/lib/newpkg";
  std::string hidden = build_tree(*transaction, root);
  CHECK(hidden == fixture.prefix + "/lib/.whlinst-" + transaction->id() + "-0");
  CHECK(!std::filesystem::exists(root));
  require_ok(transaction->put_tree_in_place(DiskPath(hidden), DiskPath(root)));
  CHECK(read_text_file(root + "/sub/b.py") == "b\n");
  CHECK(!std::filesystem::exists(hidden));
  transaction->rollback();
  CHECK(snapshot(fixture.prefix) == before);
  CHECK(fixture.journals().empty());
}

TEST_CASE("Transaction: rollback of a placed tree keeps what another process put into it") {
  Fixture fixture;
  auto transaction = fixture.begin();
  std::string root = fixture.prefix + "/lib/namespace";
  require_ok(transaction->put_tree_in_place(DiskPath(build_tree(*transaction, root)), DiskPath(root)));
  write_text_file(root + "/sub/other.py", "another project's file\n");
  transaction->rollback();
  CHECK(snapshot(root) == Tree{{"sub", "<dir>"}, {"sub/other.py", "another project's file\n"}});
}

TEST_CASE("Transaction: a tree whose root appeared meanwhile is merged file by file") {
  Fixture fixture;
  auto transaction = fixture.begin();
  std::string root = fixture.prefix + "/lib/namespace";
  std::string hidden = build_tree(*transaction, root);
  std::filesystem::create_directories(root + "/sub");
  write_text_file(root + "/sub/other.py", "other\n");
  write_text_file(root + "/a.py", "replaced by the tree's a.py\n");
  Tree before = snapshot(fixture.prefix); // as rollback must leave it: without the hidden tree
  before.erase("lib/" + base_name_of(hidden));
  before.erase("lib/" + base_name_of(hidden) + "/a.py");
  before.erase("lib/" + base_name_of(hidden) + "/sub");
  before.erase("lib/" + base_name_of(hidden) + "/sub/b.py");
  require_ok(transaction->put_tree_in_place(DiskPath(hidden), DiskPath(root)));
  Tree merged = snapshot(root);
  CHECK(whlinst_names(merged).size() == 1); // the backup of a.py
  for (const std::string& name : whlinst_names(merged))
    merged.erase(name);
  CHECK(merged == Tree{{"a.py", "a\n"}, {"sub", "<dir>"}, {"sub/b.py", "b\n"}, {"sub/other.py", "other\n"}});
  SUBCASE("rollback restores the directory as it was") {
    transaction->rollback();
    CHECK(snapshot(fixture.prefix) == before);
  }
  SUBCASE("commit leaves no hidden name") {
    require_ok(transaction->commit(DiskPath(""), DiskPath("")));
    CHECK(whlinst_names(snapshot(fixture.prefix)).empty());
    CHECK(read_text_file(root + "/a.py") == "a\n");
  }
  CHECK(fixture.journals().empty());
}

TEST_CASE("Transaction: recovery after a kill removes a tree placed but not committed") {
  Fixture fixture;
  Tree before = snapshot(fixture.prefix);
  std::string root = fixture.prefix + "/lib/newpkg";
  std::vector<JournalRecord> records;
  {
    auto transaction = fixture.begin();
    require_ok(transaction->put_tree_in_place(DiskPath(build_tree(*transaction, root)), DiskPath(root)));
    Result<std::string> text = read_file(fixture.state + "/" + std::filesystem::directory_iterator(fixture.state)->path().filename().string());
    REQUIRE(text.ok());
    Result<std::vector<JournalRecord>> decoded = decode_journal(*text);
    REQUIRE(decoded.ok());
    records = *decoded;
    CHECK(std::filesystem::exists(root + "/sub/b.py"));
    roll_back(records); // what the next run does with a dead process's journal
    CHECK(snapshot(fixture.prefix) == before);
  }
}

namespace {
// The kernel, except that the first rename (plain or RENAME_NOREPLACE) to a
// path under `pruned` first removes `pruned` (an empty directory), as an
// uninstall of another project pruning a namespace package's directory
// would at that moment.
class PruningCalls final : public FileSystemCalls {
public:
  explicit PruningCalls(std::string pruned) : pruned_(std::move(pruned)) {}
  int renames_seen() const { return renames_; }

  int open(const char* path, int flags, mode_t mode) override { return kernel_.open(path, flags, mode); }
  int openat(int directory, const char* name, int flags, mode_t mode) override {
    return kernel_.openat(directory, name, flags, mode);
  }
  ssize_t write(int fd, const void* data, size_t size) override { return kernel_.write(fd, data, size); }
  int rename(const char* from, const char* to) override {
    prune_before(to);
    return kernel_.rename(from, to);
  }
  int rename_with_flags(const char* from, const char* to, unsigned flags) override {
    prune_before(to);
    return kernel_.rename_with_flags(from, to, flags);
  }
  int link(const char* existing, const char* new_path) override { return kernel_.link(existing, new_path); }
  int unlink(const char* path) override { return kernel_.unlink(path); }
  int unlinkat(int directory, const char* name, int flags) override { return kernel_.unlinkat(directory, name, flags); }
  int mkdir(const char* path, mode_t mode) override { return kernel_.mkdir(path, mode); }
  int rmdir(const char* path) override { return kernel_.rmdir(path); }
  int chmod(const char* path, mode_t mode) override { return kernel_.chmod(path, mode); }
  int fchmod(int fd, mode_t mode) override { return kernel_.fchmod(fd, mode); }
  int fsync(int fd) override { return kernel_.fsync(fd); }
  int fdatasync(int fd) override { return kernel_.fdatasync(fd); }
  int syncfs(int fd) override { return kernel_.syncfs(fd); }

private:
  void prune_before(const char* to) {
    if (std::string_view(to).rfind(pruned_ + "/", 0) != 0)
      return;
    if (renames_++ == 0)
      REQUIRE(kernel_.rmdir(pruned_.c_str()) == 0);
  }
  FileSystemCalls& kernel_ = kernel_file_system_calls();
  std::string pruned_;
  int renames_ = 0;
};
} // namespace

// A file's temporary lies beside it, so its directory cannot be pruned; a
// merged tree's files come from the hidden tree, so theirs can.
TEST_CASE("Transaction: a merged tree's file is put in place even when another process prunes its directory") {
  Fixture fixture;
  auto transaction = fixture.begin();
  std::string root = fixture.prefix + "/lib/namespace";
  std::string hidden = build_tree(*transaction, root);
  std::filesystem::create_directories(root + "/sub"); // another project's, empty, about to be pruned
  PruningCalls pruning(root + "/sub");
  {
    FileSystemCallsOverride use(pruning);
    require_ok(transaction->put_tree_in_place(DiskPath(hidden), DiskPath(root)));
  }
  CHECK(pruning.renames_seen() == 2); // the first found no directory
  CHECK(read_text_file(root + "/sub/b.py") == "b\n");
  require_ok(transaction->commit());
  CHECK(whlinst_names(snapshot(fixture.prefix)).empty());
  CHECK(snapshot(root) == Tree{{"a.py", "a\n"}, {"sub", "<dir>"}, {"sub/b.py", "b\n"}});
}
