#pragma once
// Extraction of one wheel's files by several threads (issue 6). Each thread
// reads the archive through its own handle (Archive::reopen) and takes the
// next file in plan order; the caller collects the results in plan order,
// so that what it does with each (RECORD rows, byte-compilation requests,
// which go to the pool's workers round robin) does not depend on timing.
// Every file's path must be journaled before the extraction starts.

#include "archive.h"
#include "extract.h"
#include "plan.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace whlinst {

struct ExtractionJob {
  const Placement* placement = nullptr;
  DiskPath path_on_disk;
};

// How many threads are worth starting for `jobs` (at most `limit`): one
// for a small wheel, where starting threads costs more than it saves.
unsigned extraction_threads(const std::vector<ExtractionJob>& jobs, unsigned limit);

class ParallelExtraction {
public:
  // With one thread, nothing is started: result() extracts inline.
  static Result<std::unique_ptr<ParallelExtraction>> start(Archive& archive, std::vector<ExtractionJob> jobs,
                                                           std::string interpreter, unsigned threads);
  // Stops handing out jobs and waits for the threads (each finishes the
  // file it is writing).
  ~ParallelExtraction();
  ParallelExtraction(const ParallelExtraction&) = delete;
  ParallelExtraction& operator=(const ParallelExtraction&) = delete;

  size_t size() const { return jobs_.size(); }
  const ExtractionJob& job(size_t index) const { return jobs_[index]; }
  // The result of job `index`, once it is done. Call with 0, 1, 2... in turn.
  Result<InstalledFile> result(size_t index);

private:
  ParallelExtraction(Archive& archive, std::vector<ExtractionJob> jobs, std::string interpreter);
  void work(Archive& archive);

  Archive& archive_;
  std::vector<ExtractionJob> jobs_;
  std::string interpreter_;
  std::vector<Archive> handles_; // one per thread
  std::vector<std::thread> threads_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable finished_;
  std::vector<std::optional<Result<InstalledFile>>> results_;
};

} // namespace whlinst
