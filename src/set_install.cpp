#include "set_install.h"

#include "phase_timing.h"
#include "project_lock.h"
#include "project_removal.h"
#include "set_commit.h"
#include "wheel_install.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace whlinst {

namespace {
class SetInstall {
public:
  SetInstall(const SetMembers& members, const InstallOptions& options, const Scheme& scheme,
             const Interpreter& interpreter, const InstallServices& services, unsigned jobs);
  SetInstallResult run();

private:
  // What stopped the set: the member (its index) and its error.
  struct Stop {
    size_t index;
    Error error;
  };
  std::optional<Stop> plan_and_survey();
  std::optional<Stop> prepare_all();
  std::optional<Stop> prepare_concurrently(const std::vector<size_t>& active);
  SetInstallResult commit_all();
  SetInstallResult failed(const Stop& stop) const;
  SetInstallResult take_summaries();
  std::vector<size_t> active() const;
  const Scheme& locking_scheme() const;
  Durability durability() const;

  const InstallOptions& options_;
  const Scheme& scheme_;
  unsigned jobs_;
  std::vector<std::string> names_; // the members' names: wheel file names, then project names
  size_t wheel_count_;
  std::optional<ProjectLocks> locks_;                 // outlives the members' transactions
  std::optional<SetCommit> set_;                      // too
  std::vector<std::unique_ptr<WheelInstall>> installs_;
  std::vector<std::unique_ptr<ProjectRemoval>> removals_;
  std::vector<SetMember*> members_; // installs, then removals
};

SetInstall::SetInstall(const SetMembers& members, const InstallOptions& options, const Scheme& scheme,
                       const Interpreter& interpreter, const InstallServices& services, unsigned jobs)
    : options_(options), scheme_(scheme), jobs_(std::max(jobs, 1u)), wheel_count_(members.wheels.size()) {
  for (size_t i = 0; i < members.wheels.size(); ++i) {
    installs_.push_back(
        std::make_unique<WheelInstall>(*members.wheels[i], interpreter, members.wheel_options[i], services));
    members_.push_back(installs_.back().get());
    names_.push_back(members.wheels[i]->file_name);
  }
  for (const std::string& name : members.removals) {
    removals_.push_back(std::make_unique<ProjectRemoval>(scheme, name, interpreter.cache_tag, durability(),
                                                      MissingProject::skip));
    members_.push_back(removals_.back().get());
    names_.push_back(name);
  }
}

Durability SetInstall::durability() const {
  return options_.fsync ? Durability::power_loss : Durability::process_crash;
}

// The scheme whose state directory holds the locks and journals: the first
// wheel's (its headers directory is its own, its state directory everyone's).
const Scheme& SetInstall::locking_scheme() const {
  return installs_.empty() ? scheme_ : installs_.front()->scheme();
}

// The indices of the members not skipped.
std::vector<size_t> SetInstall::active() const {
  std::vector<size_t> active;
  for (size_t i = 0; i < members_.size(); ++i)
    if (!members_[i]->skipped())
      active.push_back(i);
  return active;
}

// Every plan first, then the locks of every project in key order, then
// every survey: nothing is written before all of them succeeded.
std::optional<SetInstall::Stop> SetInstall::plan_and_survey() {
  for (size_t i = 0; i < installs_.size(); ++i)
    if (Status planned = installs_[i]->plan(); !planned)
      return Stop{i, planned.error()};
  std::vector<std::string> keys;
  for (const SetMember* member : members_)
    keys.push_back(member->project_key());
  if (!options_.dry_run) {
    auto locks = ProjectLocks::acquire(locking_scheme(), keys, options_.lock_wait);
    if (!locks)
      return Stop{0, locks.error()};
    locks_.emplace(std::move(*locks));
  }
  mark_phase("planned and locked");
  for (size_t i = 0; i < members_.size(); ++i)
    if (Status surveyed = members_[i]->survey(); !surveyed)
      return Stop{i, surveyed.error()};
  mark_phase("target surveyed");
  return std::nullopt;
}

std::optional<SetInstall::Stop> SetInstall::prepare_concurrently(const std::vector<size_t>& active) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::optional<Stop> first_error;
  auto work = [&] {
    for (size_t i = next++; i < active.size(); i = next++) {
      SetMember& member = *members_[active[i]];
      Status prepared = member.prepare(locks_->of(member.project_key()), &*set_);
      std::lock_guard<std::mutex> guard(mutex);
      if (!prepared && !first_error)
        first_error = Stop{active[i], prepared.error()};
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < std::min<size_t>(jobs_, active.size()); ++t)
    threads.emplace_back(work);
  work();
  for (std::thread& thread : threads)
    thread.join();
  return first_error;
}

std::optional<SetInstall::Stop> SetInstall::prepare_all() {
  std::vector<size_t> active = this->active();
  if (active.empty())
    return std::nullopt;
  set_.emplace(state_directory(locking_scheme()));
  if (std::optional<Stop> stop = prepare_concurrently(active))
    return stop;
  // The decision concerns the set: its error is given with the first member.
  if (Status decided = set_->decide(durability()); !decided)
    return Stop{0, decided.error()};
  return std::nullopt;
}

// After the decision: each member commits; one that fails keeps its journal
// for the next run, which completes it (set_commit.h), and so does the
// marker. One result per member.
SetInstallResult SetInstall::commit_all() {
  std::vector<Status> committed;
  bool all_committed = true;
  for (SetMember* member : members_) {
    committed.push_back(member->skipped() ? Status{} : member->commit());
    all_committed = all_committed && committed.back().ok();
  }
  if (all_committed)
    set_->finish();
  SetInstallResult result = take_summaries();
  auto keep_error = [&](auto& slot, size_t member) {
    if (committed[member])
      return;
    Error error = committed[member].error(); // its wheel and entry kept
    error.message += " (the set was committed: the next whlinst run on this prefix completes it)";
    slot = std::move(error);
  };
  for (size_t i = 0; i < result.installs.size(); ++i)
    keep_error(result.installs[i], i);
  for (size_t j = 0; j < result.removals.size(); ++j)
    keep_error(result.removals[j], installs_.size() + j);
  return result;
}

SetInstallResult SetInstall::take_summaries() {
  SetInstallResult result;
  for (const auto& install : installs_)
    result.installs.push_back(install->take_summary());
  for (const auto& removal : removals_)
    result.removals.push_back(removal->summary());
  return result;
}

SetInstallResult SetInstall::failed(const Stop& stop) const {
  SetInstallResult result;
  auto outcome = [&](size_t i, const char* what) -> Error {
    if (i == stop.index)
      return stop.error;
    return make_error(names_[i], ": ", what, ": ", names_[stop.index],
                      " failed, and the changes of one invocation are made all or none");
  };
  for (size_t i = 0; i < wheel_count_; ++i)
    result.installs.push_back(outcome(i, "not installed"));
  for (size_t i = wheel_count_; i < names_.size(); ++i)
    result.removals.push_back(outcome(i, "not removed"));
  result.failed = stop.index;
  return result;
}

SetInstallResult SetInstall::run() {
  if (std::optional<Stop> stop = plan_and_survey())
    return failed(*stop);
  if (options_.dry_run)
    return take_summaries();
  if (std::optional<Stop> stop = prepare_all()) {
    members_.clear();
    installs_.clear(); // rolls every member back, under the locks
    removals_.clear();
    return failed(*stop);
  }
  return set_ ? commit_all() : take_summaries();
}
} // namespace

SetInstallResult install_as_set(const SetMembers& members, const InstallOptions& options, const Scheme& scheme,
                                const Interpreter& interpreter, const InstallServices& services, unsigned jobs) {
  SetInstall set(members, options, scheme, interpreter, services, jobs);
  return set.run();
}

} // namespace whlinst
