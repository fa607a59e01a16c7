#include "compile_timing.h"

#include "fd.h"
#include "file_system.h"

#include <charconv>
#include <cstdlib>
#include <fcntl.h>

namespace whlinst {

namespace {
int64_t monotonic_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

const int64_t process_start_ns = monotonic_ns();

std::string milliseconds(int64_t ns) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(ns - process_start_ns) / 1e6);
  return text;
}

std::string duration(int64_t ns) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", static_cast<double>(ns) / 1e6);
  return text;
}

std::string json_list(const std::vector<std::string>& items) {
  std::string list = "[";
  for (size_t i = 0; i < items.size(); ++i)
    list += (i ? "," : "") + items[i];
  return list + "]";
}

std::string instant(const std::optional<int64_t>& ns) { return ns ? milliseconds(*ns) : "null"; }

bool take_integer(std::string_view& text, int64_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data() + text.size() || *end != ' ')
    return false;
  text.remove_prefix(static_cast<size_t>(end - text.data()) + 1);
  return true;
}
} // namespace

std::unique_ptr<CompileTiming> CompileTiming::from_environment(size_t workers) {
  const char* path = std::getenv("WHLINST_COMPILE_TIMING");
  if (path == nullptr || *path == '\0')
    return nullptr;
  return std::make_unique<CompileTiming>(path, workers);
}

CompileTiming::CompileTiming(std::string report_path, size_t workers)
    : report_path_(std::move(report_path)), workers_(workers) {}

CompileTiming::~CompileTiming() {
  if (workers_.empty() || workers_[0].spawned == 0) // the pool never started
    return;
  Fd file(::open(report_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (file.get() >= 0)
    (void)write_all(file.get(), report() + "\n", report_path_);
}

void CompileTiming::spawned(size_t worker) {
  std::lock_guard lock(mutex_);
  workers_[worker].spawned = monotonic_ns();
}

void CompileTiming::sent(size_t worker, uint64_t source_bytes) {
  int64_t now = monotonic_ns();
  std::lock_guard lock(mutex_);
  if (!first_sent_)
    first_sent_ = now;
  workers_[worker].bytes += source_bytes;
}

void CompileTiming::answered(size_t worker, const WorkerClock& clock) {
  std::lock_guard lock(mutex_);
  WorkerRecord& record = workers_[worker];
  record.ready = clock.ready;
  if (!record.first_begin)
    record.first_begin = clock.begin;
  record.last_end = clock.end;
  record.busy += clock.end - clock.begin;
  record.cpu += clock.cpu;
  ++record.requests;
}

std::string CompileTiming::report() const {
  std::vector<std::string> spawned, ready, first_begin, last_end, busy, cpu, requests, bytes;
  for (const WorkerRecord& record : workers_) {
    if (record.spawned == 0)
      continue;
    spawned.push_back(milliseconds(record.spawned));
    ready.push_back(instant(record.ready));
    first_begin.push_back(instant(record.first_begin));
    last_end.push_back(instant(record.last_end));
    busy.push_back(duration(record.busy));
    cpu.push_back(duration(record.cpu));
    requests.push_back(std::to_string(record.requests));
    bytes.push_back(std::to_string(record.bytes));
  }
  return "{\"workers\":" + std::to_string(spawned.size()) + ",\"spawned\":" + json_list(spawned) +
         ",\"ready\":" + json_list(ready) + ",\"first_sent\":" + instant(first_sent_) +
         ",\"first_begin\":" + json_list(first_begin) + ",\"last_end\":" + json_list(last_end) +
         ",\"busy\":" + json_list(busy) + ",\"cpu\":" + json_list(cpu) + ",\"requests\":" + json_list(requests) +
         ",\"bytes\":" + json_list(bytes) + ",\"finished\":" + milliseconds(monotonic_ns()) + "}";
}

std::optional<WorkerClock> take_worker_clock(std::string& line) {
  std::string_view text(line);
  constexpr std::string_view prefix = "timing ";
  if (text.substr(0, prefix.size()) != prefix)
    return std::nullopt;
  text.remove_prefix(prefix.size());
  WorkerClock clock;
  if (!take_integer(text, clock.ready) || !take_integer(text, clock.begin) || !take_integer(text, clock.end) ||
      !take_integer(text, clock.cpu))
    return std::nullopt;
  line = std::string(text);
  return clock;
}

} // namespace whlinst
