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
  Status plan_and_survey();
  Status prepare_all();
  Status prepare_concurrently(const std::vector<WheelInstall*>& active);
  std::vector<Result<InstallSummary>> commit_all();
  SetInstallResult failed(size_t index, const Error& error);
  std::vector<WheelInstall*> active() const;

  const std::vector<InstallOptions>& options_;
  unsigned jobs_;
  std::vector<std::string> names_; // the wheels' file names
  std::optional<ProjectLocks> locks_;                 // outlives the installs' transactions
  std::optional<SetCommit> set_;                      // too
  std::vector<std::unique_ptr<WheelInstall>> installs_;
  size_t failing_ = 0; // the install whose error stopped the set
};

SetInstall::SetInstall(std::vector<Wheel*> wheels, const std::vector<InstallOptions>& options,
                       const Interpreter& interpreter, const InstallServices& services, unsigned jobs)
    : options_(options), jobs_(std::max(jobs, 1u)) {
  for (size_t i = 0; i < wheels.size(); ++i) {
    installs_.push_back(std::make_unique<WheelInstall>(*wheels[i], interpreter, options[i], services));
    names_.push_back(wheels[i]->file_name);
  }
}

std::vector<WheelInstall*> SetInstall::active() const {
  std::vector<WheelInstall*> active;
  for (const auto& install : installs_)
    if (!install->skipped())
      active.push_back(install.get());
  return active;
}

// Every plan first, then the locks of every project in key order, then
// every survey: nothing is written before all of them succeeded.
Status SetInstall::plan_and_survey() {
  std::vector<std::string> keys;
  for (failing_ = 0; failing_ < installs_.size(); ++failing_) {
    TRY(installs_[failing_]->plan());
    keys.push_back(installs_[failing_]->project_key());
  }
  failing_ = 0;
  if (!options_.front().dry_run) {
    TRY_ASSIGN(locks, ProjectLocks::acquire(installs_.front()->scheme(), keys, options_.front().lock_wait));
    locks_.emplace(std::move(locks));
  }
  for (failing_ = 0; failing_ < installs_.size(); ++failing_)
    TRY(installs_[failing_]->survey());
  return {};
}

Status SetInstall::prepare_concurrently(const std::vector<WheelInstall*>& active) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::optional<std::pair<size_t, Error>> first_error;
  auto work = [&] {
    for (size_t i = next++; i < active.size(); i = next++) {
      Status prepared = active[i]->prepare(locks_->of(active[i]->project_key()), &*set_);
      std::lock_guard<std::mutex> guard(mutex);
      if (!prepared && !first_error)
        first_error.emplace(i, prepared.error());
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < std::min<size_t>(jobs_, active.size()); ++t)
    threads.emplace_back(work);
  work();
  for (std::thread& thread : threads)
    thread.join();
  if (!first_error)
    return {};
  for (failing_ = 0; installs_[failing_].get() != active[first_error->first]; ++failing_) {
  }
  return first_error->second;
}

Status SetInstall::prepare_all() {
  std::vector<WheelInstall*> active = this->active();
  if (active.empty())
    return {};
  set_.emplace(state_directory(installs_.front()->scheme()));
  TRY(prepare_concurrently(active));
  failing_ = 0; // the decision concerns the set: its error is given with the first wheel
  return set_->decide(options_.front().fsync ? Durability::power_loss : Durability::process_crash);
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
    if (committed)
      results.push_back(install->summary());
    else
      results.push_back(make_error(committed.error().message,
                                   " (the set was committed: the next whlinst run on this prefix completes it)"));
  }
  if (all_committed)
    set_->finish();
  return results;
}

SetInstallResult SetInstall::failed(size_t index, const Error& error) {
  SetInstallResult result;
  for (size_t i = 0; i < names_.size(); ++i) {
    if (i == index)
      result.results.push_back(error);
    else
      result.results.push_back(make_error(names_[i], ": not installed: ", names_[index],
                                          " failed, and the wheels of one invocation are installed all or none"));
  }
  result.failed = index;
  return result;
}

SetInstallResult SetInstall::run() {
  if (Status ready = plan_and_survey(); !ready)
    return failed(failing_, ready.error());
  if (!options_.front().dry_run) {
    if (Status prepared = prepare_all(); !prepared) {
      Error error = prepared.error();
      installs_.clear(); // rolls every member back, under the locks
      return failed(failing_, error);
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
