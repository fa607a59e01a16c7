#include "fault_injection_scenarios.h"

#include "faulty_file_system_calls.h"
#include "file_system.h"
#include "fixed_interpreter.h"
#include "installer.h"
#include "set_install.h"
#include "journal.h"
#include "journal_scope.h"
#include "paths.h"
#include "project_lock.h"
#include "scheme.h"
#include "uninstaller.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace whlinst::testing {

namespace {
namespace fs = std::filesystem;

std::string octal_mode(const std::string& path) {
  struct stat st;
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(st.st_mode & 07777));
  return text;
}

// Whether `path` or a path below it is named in `messages`.
bool reported(const std::string& path, const std::vector<std::string>& messages) {
  return std::any_of(messages.begin(), messages.end(),
                     [&](const std::string& message) { return message.find(path) != std::string::npos; });
}

// Version 1.0: two packages and a module (fresh trees and a file in an
// existing directory), a data script, a data file beside an existing one,
// a console script.
std::vector<ZipEntry> version_1() {
  return wheel_entries("pkg-1.0", {{"pkg/__init__.py", "def main(): pass\n"},
                                   {"pkg/util.py", "util = 1\n"},
                                   {"pkg/data", "a file\n"},
                                   {"pkg/sub/mod.py", "mod = 1\n"},
                                   {"other/__init__.py", "other = 1\n"},
                                   {"toplevel.py", "top = 1\n"},
                                   {"pkg-1.0.data/scripts/tool", "#!python\nprint(1)\n", 0100755},
                                   {"pkg-1.0.data/data/share/doc/pkg.txt", "doc 1\n"},
                                   {"pkg-1.0.dist-info/entry_points.txt", "[console_scripts]\npkg-cli = pkg:main\n"}});
}

// Version 2.0: changed files, pkg/sub/mod.py gone (its directory with it),
// pkg/util.py replaced by a package, the file pkg/data become a directory,
// a new package and module.
std::vector<ZipEntry> version_2() {
  return wheel_entries("pkg-2.0", {{"pkg/__init__.py", "def main(): return 2\n"},
                                   {"pkg/util/__init__.py", "util = 2\n"},
                                   {"pkg/data/x.txt", "a directory\n"},
                                   {"pkg/new.py", "new = 2\n"},
                                   {"other/__init__.py", "other = 1\n"},
                                   {"third/__init__.py", "third = 2\n"},
                                   {"toplevel.py", "top = 2\n"},
                                   {"pkg-2.0.data/scripts/tool", "#!python\nprint(2)\n", 0100755},
                                   {"pkg-2.0.data/data/share/doc/pkg.txt", "doc 2\n"},
                                   {"pkg-2.0.dist-info/entry_points.txt", "[console_scripts]\npkg-cli = pkg:main\n"}});
}

// The write of the journal's commit record, counted from 1 (0: none).
// A set's commit point is the creation of its marker (set_commit.h).
size_t commit_call(const std::vector<std::string>& trace) {
  for (size_t i = 0; i < trace.size(); ++i)
    if (trace[i].find("/_set.") != std::string::npos && trace[i].find(".commit") != std::string::npos &&
        trace[i].starts_with("create "))
      return i + 1;
  for (size_t i = 0; i < trace.size(); ++i)
    if (trace[i].starts_with("write ") && trace[i].find(".journal") != std::string::npos &&
        trace[i].ends_with(" C")) // the journal's name as it was created, *.journal.new
      return i + 1;
  return 0;
}
} // namespace

void print_trace(const std::string& title, const FaultyFileSystemCalls& calls) {
  if (std::getenv("WHLINST_FAULT_TRACE") == nullptr)
    return;
  std::vector<std::string> trace = calls.trace();
  for (size_t i = 0; i < trace.size(); ++i)
    std::printf("%s: %zu %s\n", title.c_str(), i + 1, trace[i].c_str());
}

// (Not test_support's snapshot(): std::filesystem::relative resolves every
// path through realpath(3), which made up most of the test's time.)
Tree tree_of(const std::string& directory) {
  auto entries = list_tree(directory);
  REQUIRE_MESSAGE(entries.ok(), entries.error().message);
  Tree tree;
  for (const TreeEntry& entry : *entries) {
    std::string path = join_path(directory, entry.relative);
    FileKind kind = file_kind(path);
    if (kind == FileKind::symlink) {
      tree[entry.relative] = "l " + fs::read_symlink(path).string();
    } else if (kind == FileKind::directory) {
      tree[entry.relative] = "d " + octal_mode(path);
    } else {
      auto content = read_file(path);
      REQUIRE_MESSAGE(content.ok(), content.error().message);
      tree[entry.relative] = "f " + octal_mode(path) + " " + *content;
    }
  }
  return tree;
}

std::string describe_difference(const Tree& actual, const Tree& expected,
                                const std::vector<std::string>& reported_by_run) {
  // A path absent from `expected` is allowed when a message names it or a
  // directory holding it that is absent too; so are those directories.
  std::set<std::string> allowed;
  for (const auto& [path, value] : actual) {
    bool named = false;
    for (std::string at = path; !at.empty() && expected.count(at) == 0 && !named; at = parent_path(at))
      named = reported(at, reported_by_run);
    for (std::string at = path; named && !at.empty() && expected.count(at) == 0; at = parent_path(at))
      allowed.insert(at);
  }
  std::string difference;
  for (const auto& [path, value] : actual) {
    auto wanted = expected.find(path);
    if (wanted == expected.end() && allowed.count(path) == 0)
      difference += "unexpected: " + path + " (" + value.substr(0, 40) + ")\n";
    else if (wanted != expected.end() && wanted->second != value)
      difference += "differs: " + path + ": '" + value.substr(0, 40) + "' instead of '" +
                    wanted->second.substr(0, 40) + "'\n";
  }
  for (const auto& [path, value] : expected)
    if (actual.count(path) == 0)
      difference += "missing: " + path + "\n";
  return difference;
}

StderrCapture::StderrCapture() : file_(std::tmpfile()) {
  REQUIRE(file_ != nullptr);
  std::fflush(stderr);
  saved_ = ::dup(2);
  REQUIRE(::dup2(::fileno(file_), 2) == 2);
}

StderrCapture::~StderrCapture() {
  std::fflush(stderr);
  ::dup2(saved_, 2);
  ::close(saved_);
  std::fclose(file_);
}

std::string StderrCapture::text() const {
  std::fflush(stderr);
  std::string text;
  char buffer[4096];
  std::rewind(file_);
  while (size_t got = std::fread(buffer, 1, sizeof buffer, file_))
    text.append(buffer, got);
  return text;
}

// /dev/shm when it can be written: the scenarios restore and snapshot the
// prefix thousands of times, which a memory file system makes several times
// faster than a disk's. The calls under test behave alike on both.
std::string memory_backed_base() { return ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : ""; }

struct Scenario::Setup {
  TemporaryDirectory directory{memory_backed_base()};
  std::string prefix = directory / "prefix";
  std::string wheels = directory / "wheels";
  Interpreter interpreter = fixed_cpython311(prefix);
  Scheme scheme;
  LockWait wait{std::chrono::milliseconds(5000), WaitReport::silent};

  Setup() {
    auto made = make_scheme(interpreter, SchemeRequest{prefix, "", "pkg"});
    REQUIRE_MESSAGE(made.ok(), made.error().message);
    scheme = *made;
    fs::create_directories(wheels);
    REQUIRE(write_zip(wheels + "/pkg-1.0-py3-none-any.whl", version_1()).ok());
    REQUIRE(write_zip(wheels + "/pkg-2.0-py3-none-any.whl", version_2()).ok());
    REQUIRE(write_zip(wheels + "/other-1.0-py3-none-any.whl", wheel_entries("other-1.0", {{"other.py", "1\n"}})).ok());
    REQUIRE(write_zip(wheels + "/other-2.0-py3-none-any.whl",
                      wheel_entries("other-2.0", {{"other.py", "2\n"}, {"other_data/new.txt", "new\n"}}))
                .ok());
  }

  InstallOptions options(Durability durability) const {
    InstallOptions options;
    options.prefix = prefix;
    options.compile = false;
    options.progress_bar = ProgressBar::off;
    options.verbosity = Verbosity::quiet;
    options.lock_wait = wait;
    options.fsync = durability == Durability::power_loss;
    return options;
  }

  Wheel open(const std::string& file_name) const {
    auto wheel = Wheel::open(wheels + "/" + file_name);
    REQUIRE_MESSAGE(wheel.ok(), wheel.error().message);
    return std::move(*wheel);
  }

  // pkg and other in `version`, one set.
  RunResult install_set(const std::string& version, Durability durability) {
    Wheel pkg = open("pkg-" + version + "-py3-none-any.whl"), other = open("other-" + version + "-py3-none-any.whl");
    InstallOptions options = this->options(durability);
    return run_set(SetMembers{{&pkg, &other}, {options, options}, {}}, options);
  }

  // pkg in `version` and other removed, one set (a sync).
  RunResult sync(const std::string& version, Durability durability) {
    Wheel pkg = open("pkg-" + version + "-py3-none-any.whl");
    InstallOptions options = this->options(durability);
    return run_set(SetMembers{{&pkg}, {options}, {"other"}}, options);
  }

  RunResult run_set(const SetMembers& members, const InstallOptions& options) {
    SetInstallResult result =
        install_as_set(members, options, scheme, interpreter, InstallServices{nullptr, nullptr, 1}, 1);
    RunResult run{true, "", {}};
    auto add = [&run](const auto& one) {
      if (!one && run.ok)
        run = {false, one.error().message, {}};
      if (one)
        run.reported.insert(run.reported.end(), one->not_removed.begin(), one->not_removed.end());
    };
    for (const Result<InstallSummary>& one : result.installs)
      add(one);
    for (const Result<UninstallSummary>& one : result.removals)
      add(one);
    return run;
  }

  void make_base() {
    fs::remove_all(prefix);
    fs::create_directories(scheme.purelib);
    fs::create_directories(scheme.scripts);
    fs::create_directories(prefix + "/share/doc");
    write_text_file(scheme.purelib + "/unrelated.py", "not pkg's\n");
    write_text_file(prefix + "/share/doc/existing.txt", "not pkg's\n");
  }

  RunResult install(const std::string& version, Durability durability) {
    Wheel wheel = open("pkg-" + version + "-py3-none-any.whl");
    auto summary = install_wheel(wheel, interpreter, options(durability), InstallServices{nullptr, nullptr, 1});
    if (!summary)
      return {false, summary.error().message, {}};
    return {true, "", summary->not_removed};
  }

  RunResult uninstall() {
    auto summary = uninstall_project(scheme, "pkg", interpreter.cache_tag, wait);
    if (!summary)
      return {false, summary.error().message, {}};
    return {true, "", summary->not_removed};
  }
};

Scenario::Scenario(ScenarioKind kind) : kind_(kind), setup_(std::make_unique<Setup>()) {
  static const char* const kNames[] = {"fresh install", "upgrade with --fsync", "uninstall",
                                       "set of two upgraded with --fsync",
                                       "sync: an upgrade and a removal as one set, with --fsync"};
  name_ = kNames[static_cast<int>(kind)];
}

Scenario::~Scenario() = default;

const std::string& Scenario::prefix() const { return setup_->prefix; }

Outcomes Scenario::outcomes() {
  setup_->make_base();
  if (kind_ != ScenarioKind::install)
    REQUIRE(setup_->install("1.0", Durability::process_crash).ok);
  if (is_set()) {
    Wheel other = setup_->open("other-1.0-py3-none-any.whl");
    REQUIRE(install_wheel(other, setup_->interpreter, setup_->options(Durability::process_crash),
                          InstallServices{nullptr, nullptr, 1}));
  }
  Outcomes outcomes;
  outcomes.before = tree_of(prefix());
  FaultyFileSystemCalls calls;
  {
    FileSystemCallsOverride use(calls);
    RunResult result = run();
    REQUIRE_MESSAGE(result.ok, result.message);
    REQUIRE(result.reported.empty());
  }
  outcomes.after = tree_of(prefix());
  outcomes.calls = calls.count();
  outcomes.commit_call = commit_call(calls.trace());
  outcomes.trace = calls.trace();
  outcomes.errors = calls.errors();
  print_trace(name_, calls);
  REQUIRE(outcomes.commit_call > 0);
  for (const auto& entry : outcomes.after) // (clang 14: no structured binding in the macro's lambda)
    REQUIRE_MESSAGE(entry.first.find(".whlinst") == std::string::npos, "a clean run left ", entry.first);
  REQUIRE(outcomes.after != outcomes.before);
  return outcomes;
}

void Scenario::restore(const Tree& tree) {
  fs::remove_all(prefix());
  fs::create_directories(prefix());
  for (const auto& [relative, value] : tree) {
    std::string path = join_path(prefix(), relative);
    if (value.starts_with("l ")) {
      fs::create_symlink(value.substr(2), path);
      continue;
    }
    auto mode = static_cast<mode_t>(std::stoul(value.substr(2, 4), nullptr, 8));
    if (value.starts_with("d "))
      fs::create_directory(path);
    else
      write_text_file(path, value.substr(7));
    REQUIRE(::chmod(path.c_str(), mode) == 0);
  }
}

RunResult Scenario::run() {
  switch (kind_) {
  case ScenarioKind::install: return setup_->install("1.0", Durability::process_crash);
  case ScenarioKind::upgrade: return setup_->install("2.0", Durability::power_loss);
  case ScenarioKind::uninstall: return setup_->uninstall();
  case ScenarioKind::set: return setup_->install_set("2.0", Durability::power_loss);
  case ScenarioKind::sync: return setup_->sync("2.0", Durability::power_loss);
  }
  return {};
}

Status Scenario::recover() {
  auto recovered = recover_journals(state_directory(setup_->scheme), journal_scope(setup_->scheme), setup_->wait);
  if (!recovered)
    return recovered.error();
  return {};
}

void run_killed(Scenario& scenario, const Fault& death) {
  StderrCapture quiet;
  FaultyFileSystemCalls calls(death);
  FileSystemCallsOverride use(calls);
  (void)scenario.run(); // fails, or succeeds when the death came after the publishing rename
}

std::vector<size_t> recovery_death_points(const Outcomes& outcomes) {
  size_t first_link = 0;
  while (first_link < outcomes.trace.size() && !outcomes.trace[first_link].starts_with("link "))
    ++first_link;
  REQUIRE(first_link + 3 < outcomes.commit_call);
  return {first_link + 3, outcomes.commit_call + 1};
}

} // namespace whlinst::testing
