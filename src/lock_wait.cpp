#include "lock_wait.h"

#include "file_system.h"
#include "text.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>

namespace whlinst {

namespace {
using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kReportAfter{1};
constexpr std::chrono::milliseconds kLongestPoll{50};

std::string holder_text(int fd) {
  std::vector<long> holders = flock_holders(fd);
  if (holders.empty())
    return "another process";
  std::string text = holders.size() == 1 ? "PID " : "PIDs ";
  for (size_t i = 0; i < holders.size(); ++i)
    text += (i ? ", " : "") + std::to_string(holders[i]);
  return text;
}

std::string seconds_text(std::chrono::milliseconds duration) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(duration.count()) / 1000);
  return text;
}

bool parse_hex(std::string_view text, unsigned& value) {
  return std::from_chars(text.data(), text.data() + text.size(), value, 16).ec == std::errc();
}

// Blocks in flock until granted (EINTR retried).
Status block(int fd, int operation, const std::string& path) {
  while (::flock(fd, operation) != 0)
    if (errno != EINTR)
      return errno_error("cannot lock", path);
  return {};
}
} // namespace

Result<std::chrono::milliseconds> parse_lock_timeout(const std::string& text) {
  char* end = nullptr;
  double seconds = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(seconds) || seconds < 0 || seconds > 1e9)
    return make_error("--lock-timeout: expected a number of seconds, got '", text, "'");
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
}

std::vector<long> flock_holders_in(std::string_view proc_locks, unsigned major, unsigned minor,
                                   unsigned long inode) {
  std::vector<long> holders;
  for (std::string_view line : split_lines(proc_locks)) {
    std::vector<std::string_view> fields;
    for (std::string_view field : split(line, ' '))
      if (!field.empty())
        fields.push_back(field);
    // "N: FLOCK ADVISORY WRITE PID MAJ:MIN:INODE START END"; waiters have "->" after N:.
    if (fields.size() < 6 || fields[1] != "FLOCK")
      continue;
    auto device = split(fields[5], ':');
    unsigned found_major = 0, found_minor = 0;
    if (device.size() != 3 || !parse_hex(device[0], found_major) || !parse_hex(device[1], found_minor) ||
        found_major != major || found_minor != minor || device[2] != std::to_string(inode))
      continue;
    long pid = std::strtol(std::string(fields[4]).c_str(), nullptr, 10);
    if (pid > 0 && std::find(holders.begin(), holders.end(), pid) == holders.end())
      holders.push_back(pid);
  }
  return holders;
}

std::vector<long> flock_holders(int fd) {
  struct stat st;
  auto text = read_file("/proc/locks");
  if (::fstat(fd, &st) != 0 || !text)
    return {};
  return flock_holders_in(*text, major(st.st_dev), minor(st.st_dev), st.st_ino);
}

Status wait_for_flock(int fd, int operation, const std::string& path, const LockWait& wait) {
  if (::flock(fd, operation | LOCK_NB) == 0)
    return {};
  if (errno != EWOULDBLOCK && errno != EINTR)
    return errno_error("cannot lock", path);
  auto start = Clock::now();
  std::chrono::milliseconds pause{1};
  bool reported = false;
  for (;;) {
    auto waited = Clock::now() - start;
    if (wait.timeout && waited >= *wait.timeout)
      return make_error("timed out after ", seconds_text(*wait.timeout), " s waiting for the lock on ", path,
                        " held by ", holder_text(fd));
    if (!reported && waited >= kReportAfter) {
      reported = true;
      if (wait.report == WaitReport::after_a_second)
        std::fprintf(stderr, "whlinst: waiting for the lock on %s held by %s\n", path.c_str(),
                     holder_text(fd).c_str());
      if (!wait.timeout)
        return block(fd, operation, path);
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, kLongestPoll);
    if (::flock(fd, operation | LOCK_NB) == 0)
      return {};
    if (errno != EWOULDBLOCK && errno != EINTR)
      return errno_error("cannot lock", path);
  }
}

} // namespace whlinst
