#pragma once
// One wheel's install in its phases (docs/design.md, "One install, step by
// step"), so that a single install (install_wheel) and a set of them
// (set_install.h) run the same steps:
//   1. plan(): the files, from the wheel alone, no lock;
//   2. survey(), under the project's lock (none for --dry-run): the
//      installed versions (skipped() when the same version is there), then
//      the survey of the target and the rest of the complete plan;
//   3. prepare(): inside a transaction, everything but the publication of
//      the new .dist-info (plan_execution.h);
//   4. commit(): the publication and the clean-up.
// Destroying it after prepare() and before commit() rolls the install back
// (unless its set has decided, set_commit.h). Not movable once prepared.

#include "complete_plan.h"
#include "installed_project.h"
#include "installer.h"
#include "plan_execution.h"
#include "project_lock.h"
#include "set_commit.h"
#include "set_member.h"
#include "transaction.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

class WheelInstall : public SetMember {
public:
  WheelInstall(Wheel& wheel, const Interpreter& interpreter, const InstallOptions& options,
               const InstallServices& services);
  WheelInstall(const WheelInstall&) = delete;
  WheelInstall& operator=(const WheelInstall&) = delete;

  // Errors of every phase are "WHEEL: what is wrong".
  Status plan();
  Status survey() override;
  bool skipped() const override { return summary_.skipped; }
  Status prepare(const ExclusiveProjectLock& lock, const SetCommit* set) override;
  Status commit() override;

  const Scheme& scheme() const { return plan_.scheme; }
  std::string project_key() const override { return wheel_.name.project_key(); }
  const std::string& file_name() const { return wheel_.file_name; }
  // What was done (or planned, or skipped), with the time since
  // construction: moved out (the installed RECORD's rows are not copied),
  // so taken once, at the end.
  InstallSummary take_summary();

private:
  Status plan_files();
  Status find_previous_versions();
  Status plan_target();
  bool same_version_installed() const;
  void summarize_plan();
  Status begin_execution(const ExclusiveProjectLock& lock, const SetCommit* set);

  Wheel& wheel_;
  const Interpreter& interpreter_;
  const InstallOptions& options_;
  const InstallServices& services_;
  std::chrono::steady_clock::time_point start_;
  CompletePlan plan_;
  std::vector<InstalledProject> previous_; // none with --overwrite
  std::unique_ptr<Transaction> transaction_;
  std::optional<PlanExecution> execution_; // destroyed before transaction_
  InstallSummary summary_;
};

} // namespace whlinst
