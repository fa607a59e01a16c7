#pragma once
// Extraction of one wheel's files by several threads (issue 6). Each thread
// reads the archive through its own handle (Archive::reopen) and takes the
// next file in plan order; the caller collects the results in plan order,
// so that what it does with each (RECORD rows, byte-compilation requests,
// which go to the pool's workers round robin) does not depend on timing.
// Threads run at most kWindow files ahead of the collector, so the results
// held at one time are bounded, whatever the number of files. A file's path
// is computed when its job runs; every path that needs journaling must be
// journaled before the extraction starts.

#include "archive.h"
#include "extract.h"
#include "plan.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace whlinst {

// A file to extract; where it is written, its PathOnDisk says.
struct ExtractionJob {
  const Placement* placement = nullptr;
};

// Where a job's file is written. Called from the extraction threads: it
// must only read what does not change during the extraction.
using PathOnDisk = std::function<DiskPath(const ExtractionJob&)>;

// A job done: where its file was written, and its RECORD values or why not.
struct ExtractedFile {
  DiskPath path_on_disk;
  Result<InstalledFile> installed;
};

// How many threads are worth starting for `jobs` (at most `limit`): one
// for a small wheel, where starting threads costs more than it saves.
unsigned extraction_threads(const std::vector<ExtractionJob>& jobs, unsigned limit);

class ParallelExtraction {
public:
  // With one thread, nothing is started: result() extracts inline.
  static Result<std::unique_ptr<ParallelExtraction>> start(Archive& archive, std::vector<ExtractionJob> jobs,
                                                           PathOnDisk path_on_disk, std::string interpreter,
                                                           unsigned threads);
  // Stops handing out jobs and waits for the threads (each finishes the
  // file it is writing).
  ~ParallelExtraction();
  ParallelExtraction(const ParallelExtraction&) = delete;
  ParallelExtraction& operator=(const ParallelExtraction&) = delete;

  size_t size() const { return jobs_.size(); }
  const ExtractionJob& job(size_t index) const { return jobs_[index]; }
  // Job `index`, once it is done. Call with 0, 1, 2... in turn.
  ExtractedFile result(size_t index);

  // How many jobs past the last collected one the threads may run.
  static constexpr size_t kWindow = 256;

private:
  ParallelExtraction(Archive& archive, std::vector<ExtractionJob> jobs, PathOnDisk path_on_disk,
                     std::string interpreter);
  ExtractedFile extract(Archive& archive, const ExtractionJob& job) const;
  bool wait_for_room(size_t index);
  void work(Archive& archive);

  Archive& archive_;
  std::vector<ExtractionJob> jobs_;
  PathOnDisk path_on_disk_;
  std::string interpreter_;
  std::vector<Archive> handles_; // one per thread
  std::vector<std::thread> threads_;
  std::atomic<size_t> next_{0};
  std::mutex mutex_;
  bool stopping_ = false;                            // guarded by mutex_
  size_t collected_ = 0;                             // guarded by mutex_: jobs handed to the caller
  std::condition_variable finished_;                 // a result was stored
  std::condition_variable room_;                     // a result was collected, or stopping_
  std::vector<std::optional<ExtractedFile>> window_; // job i in slot i % kWindow
};

} // namespace whlinst
