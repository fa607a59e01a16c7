#pragma once
// The scenarios of fault_injection_test.cpp (unit tests only): a prefix
// with a fixed CPython 3.11 layout, two versions of a small wheel, the
// operation each scenario runs (install_wheel or uninstall_project, no
// byte-compilation, extraction on one thread so that the order of the
// file-system calls is the same on every run), the recovery a later run
// makes, and whole-tree states with contents and modes.

#include "result.h"
#include "test_support.h"

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace whlinst::testing {

struct Fault;
class FaultyFileSystemCalls;

// Relative path -> "d MODE" for a directory, "f MODE CONTENT" for a file,
// "l TARGET" for a symbolic link.
using Tree = std::map<std::string, std::string>;

Tree tree_of(const std::string& directory);

// "" when `actual` is `expected`, except for paths absent from `expected`
// that a message in `reported` names (relative to the prefix) and the
// directories holding them; otherwise one line per difference.
std::string describe_difference(const Tree& actual, const Tree& expected, const std::vector<std::string>& reported);

// Sends stderr (fd 2) to a temporary file for its lifetime.
class StderrCapture {
public:
  StderrCapture();
  ~StderrCapture();
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  // What was written so far.
  std::string text() const;

private:
  std::FILE* file_;
  int saved_;
};

enum class ScenarioKind {
  install,   // pkg 1.0 into a prefix with an unrelated file and an existing share/doc
  upgrade,   // pkg 1.0 installed, 2.0 installed over it, with --fsync
  uninstall, // pkg 1.0 installed, uninstalled
  set,       // pkg 1.0 and other 1.0 installed, pkg 2.0 and other 2.0 installed as one set, with --fsync
  sync,      // pkg 1.0 and other 1.0 installed; one set upgrades pkg to 2.0 and removes other, with --fsync
};

struct RunResult {
  bool ok = false;
  std::string message;               // the error
  std::vector<std::string> reported; // after the commit point, what could not be removed
};

// What a clean run does.
struct Outcomes {
  Tree before, after;
  size_t calls = 0;       // file-system calls of the run
  size_t commit_call = 0; // the write of the commit record, or the creation of a set's marker (0: none)
  std::vector<std::string> trace; // the clean run's calls
  std::vector<int> errors;        // per call of the clean run, the errno it failed with (0: none)
};

class Scenario {
public:
  explicit Scenario(ScenarioKind kind);
  bool is_set() const { return kind_ == ScenarioKind::set || kind_ == ScenarioKind::sync; }
  ~Scenario();
  const std::string& name() const { return name_; }
  const std::string& prefix() const;
  // Builds the before-tree, runs once with no fault (counting the calls),
  // and returns both trees; the prefix is then in the after state.
  Outcomes outcomes();
  // Makes the prefix exactly `tree`.
  void restore(const Tree& tree);
  // The scenario's operation, on the file system in use.
  RunResult run();
  // What the next whlinst run on the prefix does first: recover_journals.
  Status recover();

private:
  struct Setup;
  ScenarioKind kind_;
  std::string name_;
  std::unique_ptr<Setup> setup_;
};

// With WHLINST_FAULT_TRACE set in the environment, prints the calls,
// numbered, to read a failure's "call k".
void print_trace(const std::string& title, const FaultyFileSystemCalls& calls);

// Runs the scenario with `death`, stderr silenced.
void run_killed(Scenario& scenario, const Fault& death);

// Where to kill a run whose recovery is then tested at every call: among
// the renames into place (trees placed, a kind-changed path and the old
// .dist-info hidden, the first backup made: a rollback), and just after the
// commit record (a roll-forward that publishes, then cleans up; the
// clean-up alone is what every k of the run itself covers after its
// commit).
std::vector<size_t> recovery_death_points(const Outcomes& outcomes);

} // namespace whlinst::testing
