#include "process_identity.h"

#include "file_system.h"

#include <charconv>
#include <thread>

namespace whlinst {

namespace {
// State and start time from /proc/PID/stat: the fields after the command
// name, which is in parentheses and may itself hold spaces or parentheses.
struct ProcessStat {
  char state = '?';
  unsigned long long start_time = 0;
};

std::optional<ProcessStat> read_stat(pid_t pid) {
  auto text = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!text)
    return std::nullopt;
  size_t close = text->rfind(')');
  if (close == std::string::npos || close + 2 >= text->size())
    return std::nullopt;
  std::string_view rest = std::string_view(*text).substr(close + 2);
  ProcessStat stat{rest[0], 0};
  // rest starts at field 3 (state); the start time is field 22.
  for (int field = 3; field < 22; ++field) {
    size_t space = rest.find(' ');
    if (space == std::string_view::npos)
      return std::nullopt;
    rest.remove_prefix(space + 1);
  }
  auto parsed = std::from_chars(rest.data(), rest.data() + rest.size(), stat.start_time);
  if (parsed.ec != std::errc())
    return std::nullopt;
  return stat;
}
} // namespace

std::optional<ProcessIdentity> identify_process(pid_t pid) {
  auto stat = read_stat(pid);
  if (!stat || stat->state == 'Z' || stat->state == 'X')
    return std::nullopt;
  return ProcessIdentity{pid, stat->start_time};
}

std::string format_process_identity(const ProcessIdentity& identity) {
  return std::to_string(identity.pid) + ":" + std::to_string(identity.start_time);
}

std::optional<ProcessIdentity> parse_process_identity(std::string_view text) {
  size_t colon = text.find(':');
  ProcessIdentity identity;
  if (colon == std::string_view::npos)
    return std::nullopt;
  auto pid = std::from_chars(text.data(), text.data() + colon, identity.pid);
  auto start = std::from_chars(text.data() + colon + 1, text.data() + text.size(), identity.start_time);
  if (pid.ec != std::errc() || pid.ptr != text.data() + colon || start.ec != std::errc() ||
      start.ptr != text.data() + text.size() || identity.pid <= 0)
    return std::nullopt;
  return identity;
}

bool wait_for_process_exit(const ProcessIdentity& identity, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    auto now = identify_process(identity.pid);
    if (!now || now->start_time != identity.start_time)
      return true;
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

} // namespace whlinst
