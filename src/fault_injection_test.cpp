// Every k (docs/design.md, "The file-system seam"): an install, an upgrade,
// an uninstall, and the recovery of a killed upgrade, each run once per
// file-system call k with that call failing (an errno, the process going on)
// and once with the process "dying" at it (k and every later call fail, as
// after kill -9). After each run and a recovery on the real file system,
// the prefix must be exactly as before or exactly as after (a clean run),
// contents and modes, nothing of whlinst's left (no .whlinst-* name, no
// journal, no lock file, no state directory). What is accepted:
//   - the run failed: the before-tree;
//   - a death: the before-tree when it came at or before the commit
//     record's write, else the after-tree;
//   - the run succeeded with call k failing after the commit record: the
//     after-tree, plus paths that the run reported as not removed
//     (Transaction::leftovers) and the directories holding them;
//   - the run succeeded with call k failing before the commit record: the
//     exact after-tree, and only when absorbed() explains why;
//   - a recovery failing or killed at k', then a recovery with no fault:
//     the tree the killed run's recovery gives, plus, for a roll-forward
//     failing at k', paths it warned it could not remove.

#include "fault_injection_scenarios.h"
#include "faulty_file_system_calls.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
// Not ENOENT: whlinst rightly reads it as "already gone" (an unlink, a
// removal's walk) or "parent removed by another process" (a creation,
// retried), and no kernel gives it for a path that exists. EINVAL from
// renameat2 is a file system refusing the flag (the mkdir claim is used).
constexpr int kErrors[] = {EIO, ENOSPC, EEXIST, EMFILE, EINVAL, EPERM};

// Whether a call can meet EEXIST: it creates a name. (From rmdir, EEXIST
// means "not empty", which whlinst rightly leaves alone.)
bool creates_name(const std::string& call) {
  for (std::string_view creating : {"create ", "mkdir ", "rename ", "renameat2 ", "link "})
    if (call.starts_with(creating))
      return true;
  return false;
}

// The fault for call k (`call` in a clean run) in one of the two modes; the
// errno rotates with k, skipping EEXIST where it cannot happen.
Fault fault_at(size_t k, FaultKind kind, const std::string& call) {
  int error = kErrors[k % std::size(kErrors)];
  if (error == EEXIST && !creates_name(call))
    error = kErrors[(k + 1) % std::size(kErrors)];
  return Fault{kind, k, error};
}

// Runs `operation` under `fault`, then a recovery with no fault.
struct Observed {
  RunResult result;
  std::string output; // stderr of the run and of the recovery
  Tree tree;
  std::vector<std::string> trace; // the faulty run's calls
};

// Why an operation whose call `fault.at` failed before its commit record
// may still succeed (then with the exact after-tree): the call fails in a
// clean run too (a best-effort removal of what is not there), it is made
// again within the next three calls (opening the lock file after its
// directory vanished), or it is renameat2 refused with EINVAL (the mkdir
// claim is used instead). "" when none applies.
std::string absorbed(const Fault& fault, const Outcomes& outcomes, const std::vector<std::string>& trace) {
  const std::string& call = trace[fault.at - 1];
  if (outcomes.errors[fault.at - 1] != 0)
    return "fails in a clean run too";
  for (size_t i = fault.at; i < std::min(trace.size(), fault.at + 3); ++i)
    if (trace[i] == call)
      return "retried";
  if (call.starts_with("renameat2 ") && fault.error == EINVAL)
    return "flag refused, claimed by mkdir";
  return "";
}

Observed run_with_fault(Scenario& scenario, const Fault& fault, const std::function<RunResult()>& operation) {
  Observed observed;
  {
    StderrCapture capture;
    {
      FaultyFileSystemCalls calls(fault);
      FileSystemCallsOverride use(calls);
      observed.result = operation();
      observed.trace = calls.trace();
    }
    Status recovered = scenario.recover();
    observed.output = capture.text();
    REQUIRE_MESSAGE(recovered.ok(), describe(fault), ": recovery: ", recovered.error().message);
  }
  observed.tree = tree_of(scenario.prefix());
  return observed;
}

// Runs with `fault` from the before-tree and checks the outcome; the tree
// is then before or after.
Tree check_single_fault(Scenario& scenario, const Fault& fault, const Outcomes& outcomes, size_t& runs) {
  Observed observed = run_with_fault(scenario, fault, [&] { return scenario.run(); });
  ++runs;
  INFO(scenario.name(), ": ", describe(fault), " (commit record at call ", outcomes.commit_call, ")");
  INFO("run: ", observed.result.ok ? "succeeded" : observed.result.message, "\nstderr: ", observed.output);
  bool after_commit = fault.at > outcomes.commit_call;
  if (fault.kind == FaultKind::die) {
    CHECK(describe_difference(observed.tree, after_commit ? outcomes.after : outcomes.before, {}) == "");
  } else if (!observed.result.ok) {
    // A set that decided is completed by the recovery even when one of its
    // members then failed (set_commit.h); a single install that failed is
    // undone.
    bool decided_set = scenario.is_set() && after_commit;
    CHECK(describe_difference(observed.tree, decided_set ? outcomes.after : outcomes.before, {}) == "");
  } else if (after_commit) {
    CHECK(describe_difference(observed.tree, outcomes.after, observed.result.reported) == "");
  } else {
    CHECK_MESSAGE(absorbed(fault, outcomes, observed.trace) != "",
                  "an errno before the commit record must fail the run");
    CHECK(describe_difference(observed.tree, outcomes.after, {}) == "");
  }
  return observed.tree;
}

// Every k, both modes.
size_t check_every_fault(Scenario& scenario) {
  Outcomes outcomes = scenario.outcomes();
  size_t runs = 0;
  scenario.restore(outcomes.before);
  for (size_t k = 1; k <= outcomes.calls; ++k)
    for (FaultKind kind : {FaultKind::fail, FaultKind::die})
      if (check_single_fault(scenario, fault_at(k, kind, outcomes.trace[k - 1]), outcomes, runs) != outcomes.before)
        scenario.restore(outcomes.before);
  std::printf("fault injection: %s: %zu calls, %zu faulty runs checked\n", scenario.name().c_str(), outcomes.calls,
              runs);
  return runs;
}
} // namespace

TEST_CASE("every k: a fresh install") {
  Scenario scenario(ScenarioKind::install);
  CHECK(check_every_fault(scenario) > 0);
}

TEST_CASE("every k: an upgrade (changed, removed, new files, a file becoming a package), with --fsync") {
  Scenario scenario(ScenarioKind::upgrade);
  CHECK(check_every_fault(scenario) > 0);
}

TEST_CASE("every k: an uninstall") {
  Scenario scenario(ScenarioKind::uninstall);
  CHECK(check_every_fault(scenario) > 0);
}

TEST_CASE("every k: two upgrades as one set (all or none), with --fsync") {
  Scenario scenario(ScenarioKind::set);
  CHECK(check_every_fault(scenario) > 0);
}

TEST_CASE("every k: a sync, an upgrade and a removal as one set (all or none), with --fsync") {
  Scenario scenario(ScenarioKind::sync);
  CHECK(check_every_fault(scenario) > 0);
}

TEST_CASE("every k': the recovery of an upgrade killed at k, itself failing or killed at every k'") {
  Scenario scenario(ScenarioKind::upgrade);
  Outcomes outcomes = scenario.outcomes();
  size_t runs = 0;
  for (size_t death : recovery_death_points(outcomes)) {
    Fault killed{FaultKind::die, death};
    const Tree& expected = death > outcomes.commit_call ? outcomes.after : outcomes.before;
    // How many calls the recovery of that death makes.
    scenario.restore(outcomes.before);
    run_killed(scenario, killed);
    std::vector<std::string> recovery_trace;
    {
      StderrCapture quiet;
      FaultyFileSystemCalls calls;
      FileSystemCallsOverride use(calls);
      REQUIRE(scenario.recover().ok());
      recovery_trace = calls.trace();
      print_trace("recovery after death at " + std::to_string(death), calls);
    }
    for (size_t k = 1; k <= recovery_trace.size(); ++k) {
      for (FaultKind kind : {FaultKind::fail, FaultKind::die}) {
        Fault fault = fault_at(k, kind, recovery_trace[k - 1]);
        scenario.restore(outcomes.before);
        run_killed(scenario, killed);
        Observed observed = run_with_fault(scenario, fault, [&] {
          Status status = scenario.recover();
          return RunResult{status.ok(), status.ok() ? "" : status.error().message, {}};
        });
        ++runs;
        INFO("upgrade killed at call ", death, " (commit record at ", outcomes.commit_call, "), recovery: ",
             describe(fault), "\nstderr: ", observed.output);
        std::vector<std::string> warned;
        if (kind == FaultKind::fail && death > outcomes.commit_call)
          warned.push_back(observed.output);
        CHECK(describe_difference(observed.tree, expected, warned) == "");
      }
    }
  }
  scenario.restore(outcomes.before);
  std::printf("fault injection: recovery of a killed upgrade: %zu faulty recoveries checked\n", runs);
  CHECK(runs > 0);
}
