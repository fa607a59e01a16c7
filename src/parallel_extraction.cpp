#include "parallel_extraction.h"

#include <algorithm>

namespace whlinst {

namespace {
// A thread per MiB to inflate and hash, up to the limit, unless the files
// are tiny. Measured on 2 quiet cores: 64 files of 1 MiB install in 0.12 s
// instead of 0.21 s, pip's wheel in 20 ms instead of 30 ms; but 100,000
// files of 500 bytes take longer (file creation is the cost there, and
// threads contend on the kernel's directory locks: twice the system time).
constexpr uint64_t kBytesPerThread = 1 << 20;
constexpr uint64_t kMinAverageFileBytes = 4 << 10;
// Jobs are handed out in runs of consecutive files: files of one directory
// are neighbours in plan order, and two threads creating files in one
// directory wait for each other's lock on it.
constexpr size_t kRun = 16;
} // namespace

unsigned extraction_threads(const std::vector<ExtractionJob>& jobs, unsigned limit) {
  uint64_t bytes = 0;
  for (const ExtractionJob& job : jobs)
    bytes += job.placement->file->entry->size;
  if (bytes < jobs.size() * kMinAverageFileBytes)
    return 1;
  size_t wanted = static_cast<size_t>(bytes / kBytesPerThread);
  wanted = std::min({wanted, static_cast<size_t>(limit), jobs.size()});
  return static_cast<unsigned>(std::max<size_t>(wanted, 1));
}

ParallelExtraction::ParallelExtraction(Archive& archive, std::vector<ExtractionJob> jobs, std::string interpreter)
    : archive_(archive), jobs_(std::move(jobs)), interpreter_(std::move(interpreter)), results_(jobs_.size()) {}

Result<std::unique_ptr<ParallelExtraction>> ParallelExtraction::start(Archive& archive,
                                                                      std::vector<ExtractionJob> jobs,
                                                                      std::string interpreter, unsigned threads) {
  std::unique_ptr<ParallelExtraction> extraction(
      new ParallelExtraction(archive, std::move(jobs), std::move(interpreter)));
  if (threads <= 1)
    return extraction;
  for (unsigned i = 0; i < threads; ++i) {
    TRY_ASSIGN(handle, archive.reopen());
    extraction->handles_.push_back(std::move(handle));
  }
  for (Archive& handle : extraction->handles_)
    extraction->threads_.emplace_back([&extraction = *extraction, &handle] { extraction.work(handle); });
  return extraction;
}

ParallelExtraction::~ParallelExtraction() {
  stopping_ = true;
  for (std::thread& thread : threads_)
    thread.join();
}

void ParallelExtraction::work(Archive& archive) {
  for (size_t run = next_.fetch_add(kRun); run < jobs_.size(); run = next_.fetch_add(kRun)) {
    for (size_t index = run; index < std::min(run + kRun, jobs_.size()) && !stopping_; ++index) {
      const ExtractionJob& job = jobs_[index];
      auto installed = extract_placement(archive, *job.placement, job.path_on_disk, interpreter_);
      std::lock_guard lock(mutex_);
      results_[index].emplace(std::move(installed));
      finished_.notify_all();
    }
  }
}

Result<InstalledFile> ParallelExtraction::result(size_t index) {
  const ExtractionJob& job = jobs_[index];
  if (threads_.empty())
    return extract_placement(archive_, *job.placement, job.path_on_disk, interpreter_);
  std::unique_lock lock(mutex_);
  finished_.wait(lock, [&] { return results_[index].has_value(); });
  return std::move(*results_[index]);
}

} // namespace whlinst
