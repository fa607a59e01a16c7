#pragma once
// Worker utilisation of a bytecode pool (bytecode.h), for
// bench/compile_utilisation.py: when each worker was started and ready, when
// each source was sent, when each compilation began and ended (the workers'
// own clock, CLOCK_MONOTONIC as steady_clock here). Off unless the
// environment variable WHLINST_COMPILE_TIMING names a file, read once per
// pool; when off, no object exists and the pool pays one null test per
// request. The report is one JSON line appended to that file when the
// recorder is destroyed, times in milliseconds since the process started
// (the first static initialization, after dynamic loading):
//   {"workers":N,"spawned":[ms...],"ready":[ms...],"first_sent":ms,
//    "first_begin":[ms...],"last_end":[ms...],"busy":[ms...],"cpu":[ms...],
//    "requests":[n...],"bytes":[n...],"finished":ms}
// ("busy": compiling, wall-clock; "cpu": the CPU time of those compilations,
// which the machine's other load does not inflate.)
// Only the workers started are listed; one that compiled nothing has null
// first_begin and last_end.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

// One compilation as the worker reports it: monotonic nanoseconds.
struct WorkerClock {
  int64_t ready = 0; // when the worker began reading requests
  int64_t begin = 0;
  int64_t end = 0;
  int64_t cpu = 0; // CPU time of the compilation
};

class CompileTiming {
public:
  // Null unless WHLINST_COMPILE_TIMING is set and not empty.
  static std::unique_ptr<CompileTiming> from_environment(size_t workers);
  CompileTiming(std::string report_path, size_t workers);
  // Appends the report unless no worker was started; an error writing it is
  // ignored.
  ~CompileTiming();
  CompileTiming(const CompileTiming&) = delete;
  CompileTiming& operator=(const CompileTiming&) = delete;

  void spawned(size_t worker);
  void sent(size_t worker, uint64_t source_bytes);
  void answered(size_t worker, const WorkerClock& clock);

private:
  struct WorkerRecord {
    int64_t spawned = 0;
    std::optional<int64_t> ready, first_begin, last_end;
    int64_t busy = 0;
    int64_t cpu = 0;
    uint64_t requests = 0;
    uint64_t bytes = 0;
  };
  std::string report() const;
  std::string report_path_;
  std::mutex mutex_;
  std::vector<WorkerRecord> workers_;
  std::optional<int64_t> first_sent_;
};

// Parses the prefix "timing READY BEGIN END CPU " of a worker's answer in timing
// mode, and removes it from `line`. Nullopt when the prefix is missing.
std::optional<WorkerClock> take_worker_clock(std::string& line);

} // namespace whlinst
