#pragma once
// What an install tells a person while it runs: with -v, one line per step
// of each wheel on stdout; on a terminal (and not -q), a progress bar of the
// files written across all wheels of the invocation, redrawn at most ten
// times a second and erased at the end. Thread-safe: wheels report from
// their own threads. Silent otherwise, so scripts see nothing.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace whlinst {

enum class ProgressBar { off, on };
enum class StepLines { off, on };

class Progress {
public:
  Progress(ProgressBar bar, StepLines steps);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Announces `files` more files to write.
  void expect(uint64_t files);
  // One more file written.
  void advance();
  // A step of a wheel ("NAME: extracting 506 files").
  void step(const std::string& wheel, const std::string& text);

private:
  void draw_locked(bool force);
  void erase_locked();
  ProgressBar bar_;
  StepLines steps_;
  std::mutex mutex_;
  uint64_t total_ = 0, done_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// Whether stderr is a terminal (where a bar makes sense).
bool stderr_is_terminal();

} // namespace whlinst
