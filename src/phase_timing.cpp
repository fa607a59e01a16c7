#include "phase_timing.h"

#include "fd.h"
#include "file_system.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <string>
#include <unistd.h>
#include <vector>

namespace whlinst {

namespace {
struct Mark {
  timespec time;
  std::string name;
};

struct PhaseLog {
  const char* path = std::getenv("WHLINST_PHASE_TIMING");
  std::mutex mutex;
  std::vector<Mark> marks;
  bool enabled() const { return path != nullptr && *path != '\0'; }
};

PhaseLog& phase_log() {
  static PhaseLog log;
  return log;
}
} // namespace

void mark_phase(std::string_view name) {
  PhaseLog& log = phase_log();
  if (!log.enabled())
    return;
  Mark mark{{}, std::string(name)};
  ::clock_gettime(CLOCK_MONOTONIC, &mark.time);
  std::lock_guard lock(log.mutex);
  log.marks.push_back(std::move(mark));
}

void write_phase_timing() {
  PhaseLog& log = phase_log();
  if (!log.enabled())
    return;
  std::lock_guard lock(log.mutex);
  std::string text = "run " + std::to_string(::getpid()) + "\n";
  for (const Mark& mark : log.marks) {
    char seconds[40];
    std::snprintf(seconds, sizeof seconds, "%lld.%09ld ", static_cast<long long>(mark.time.tv_sec), mark.time.tv_nsec);
    text += seconds + mark.name + "\n";
  }
  Fd file(::open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (file.valid())
    (void)write_all(file.get(), text, log.path);
}

} // namespace whlinst
