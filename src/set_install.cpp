#include "set_install.h"

#include "project_lock.h"
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
  SetInstall(std::vector<Wheel*> wheels, const std::vector<InstallOptions>& options, const Interpreter& interpreter,
             const InstallServices& services, unsigned jobs);
  SetInstallResult run();

private:
  // What stopped the set: the wheel (its index) and its error.
  struct Stop {
    size_t index;
    Error error;
  };
  std::optional<Stop> plan_and_survey();
  std::optional<Stop> prepare_all();
  std::optional<Stop> prepare_concurrently(const std::vector<size_t>& active);
  std::vector<Result<InstallSummary>> commit_all();
  SetInstallResult failed(const Stop& stop) const;
  std::vector<size_t> active() const;

  const std::vector<InstallOptions>& options_;
  unsigned jobs_;
  std::vector<std::string> names_; // the wheels' file names
  std::optional<ProjectLocks> locks_;                 // outlives the installs' transactions
  std::optional<SetCommit> set_;                      // too
  std::vector<std::unique_ptr<WheelInstall>> installs_;
};

SetInstall::SetInstall(std::vector<Wheel*> wheels, const std::vector<InstallOptions>& options,
                       const Interpreter& interpreter, const InstallServices& services, unsigned jobs)
    : options_(options), jobs_(std::max(jobs, 1u)) {
  for (size_t i = 0; i < wheels.size(); ++i) {
    installs_.push_back(std::make_unique<WheelInstall>(*wheels[i], interpreter, options[i], services));
    names_.push_back(wheels[i]->file_name);
  }
}

// The indices of the installs not skipped.
std::vector<size_t> SetInstall::active() const {
  std::vector<size_t> active;
  for (size_t i = 0; i < installs_.size(); ++i)
    if (!installs_[i]->skipped())
      active.push_back(i);
  return active;
}

// Every plan first, then the locks of every project in key order, then
// every survey: nothing is written before all of them succeeded.
std::optional<SetInstall::Stop> SetInstall::plan_and_survey() {
  std::vector<std::string> keys;
  for (size_t i = 0; i < installs_.size(); ++i) {
    if (Status planned = installs_[i]->plan(); !planned)
      return Stop{i, planned.error()};
    keys.push_back(installs_[i]->project_key());
  }
  if (!options_.front().dry_run) {
    auto locks = ProjectLocks::acquire(installs_.front()->scheme(), keys, options_.front().lock_wait);
    if (!locks)
      return Stop{0, locks.error()};
    locks_.emplace(std::move(*locks));
  }
  for (size_t i = 0; i < installs_.size(); ++i)
    if (Status surveyed = installs_[i]->survey(); !surveyed)
      return Stop{i, surveyed.error()};
  return std::nullopt;
}

std::optional<SetInstall::Stop> SetInstall::prepare_concurrently(const std::vector<size_t>& active) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::optional<Stop> first_error;
  auto work = [&] {
    for (size_t i = next++; i < active.size(); i = next++) {
      WheelInstall& install = *installs_[active[i]];
      Status prepared = install.prepare(locks_->of(install.project_key()), &*set_);
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
  set_.emplace(state_directory(installs_.front()->scheme()));
  if (std::optional<Stop> stop = prepare_concurrently(active))
    return stop;
  // The decision concerns the set: its error is given with the first wheel.
  if (Status decided = set_->decide(options_.front().fsync ? Durability::power_loss : Durability::process_crash);
      !decided)
    return Stop{0, decided.error()};
  return std::nullopt;
}

// After the decision: each member commits; one that fails keeps its journal
// for the next run, which completes it (set_commit.h), and so does the
// marker. One result per wheel.
std::vector<Result<InstallSummary>> SetInstall::commit_all() {
  std::vector<Result<InstallSummary>> results;
  bool all_committed = true;
  for (const auto& install : installs_) {
    Status committed = install->skipped() ? Status{} : install->commit();
    all_committed = all_committed && committed.ok();
    if (committed) {
      results.push_back(install->summary());
    } else {
      Error error = committed.error(); // its wheel and entry kept
      error.message += " (the set was committed: the next whlinst run on this prefix completes it)";
      results.push_back(std::move(error));
    }
  }
  if (all_committed)
    set_->finish();
  return results;
}

SetInstallResult SetInstall::failed(const Stop& stop) const {
  SetInstallResult result;
  for (size_t i = 0; i < names_.size(); ++i) {
    if (i == stop.index)
      result.results.push_back(stop.error);
    else
      result.results.push_back(make_error(names_[i], ": not installed: ", names_[stop.index],
                                          " failed, and the wheels of one invocation are installed all or none"));
  }
  result.failed = stop.index;
  return result;
}

SetInstallResult SetInstall::run() {
  if (std::optional<Stop> stop = plan_and_survey())
    return failed(*stop);
  if (!options_.front().dry_run) {
    if (std::optional<Stop> stop = prepare_all()) {
      installs_.clear(); // rolls every member back, under the locks
      return failed(*stop);
    }
    if (set_)
      return SetInstallResult{commit_all(), std::nullopt};
  }
  SetInstallResult result;
  for (const auto& install : installs_)
    result.results.push_back(install->summary());
  return result;
}
} // namespace

SetInstallResult install_as_set(std::vector<Wheel*> wheels, const std::vector<InstallOptions>& options,
                                const Interpreter& interpreter, const InstallServices& services, unsigned jobs) {
  SetInstall set(std::move(wheels), options, interpreter, services, jobs);
  return set.run();
}

} // namespace whlinst
