#include "bytecode.h"

#include "compile_order.h"
#include "file_system.h"
#include "paths.h"
#include "process_identity.h"
#include "subprocess.h"
#include "text.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <deque>
#include <thread>
#include <unistd.h>

namespace whlinst {

namespace {
const char kWorkerScript[] =
#include "bytecode_worker.py.inc"
    ;

std::string mode_name(InvalidationMode mode) {
  switch (mode) {
  case InvalidationMode::timestamp: return "timestamp";
  case InvalidationMode::checked_hash: return "checked-hash";
  case InvalidationMode::unchecked_hash: return "unchecked-hash";
  case InvalidationMode::by_environment: break;
  }
  return "default";
}

// The worker protocol (bytecode_worker.py): a header line of the paths'
// lengths and the optimization level, then the paths' bytes, so that a path
// may hold any byte.
std::string request_line(const CompileRequest& request) {
  return std::to_string(request.source.size()) + " " + std::to_string(request.dfile.size()) + " " +
         std::to_string(request.cfile.size()) + " " + std::to_string(request.optimize) + "\n" + request.source +
         request.dfile + request.cfile;
}

CompileResult parse_answer(const std::string& line) {
  if (line == "ok")
    return {true, ""};
  return {false, starts_with(line, "error\t") ? line.substr(6) : line};
}

// Reads '\n'-terminated lines from a pipe.
class LineReader {
public:
  explicit LineReader(int fd) : fd_(fd) {}
  bool next(std::string& line) {
    for (;;) {
      size_t newline = pending_.find('\n');
      if (newline != std::string::npos) {
        line = pending_.substr(0, newline);
        pending_.erase(0, newline + 1);
        return true;
      }
      char buffer[4096];
      ssize_t got = ::read(fd_, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        return false;
      pending_.append(buffer, static_cast<size_t>(got));
    }
  }

private:
  int fd_;
  std::string pending_;
};
} // namespace

std::string cache_path_for(const std::string& source, const std::string& cache_tag, int optimize) {
  std::string directory = parent_path(source);
  std::string_view file = base_name(source);
  size_t dot = file.rfind('.');
  std::string stem(dot == std::string_view::npos ? file : file.substr(0, dot));
  std::string name = stem + "." + cache_tag;
  if (optimize > 0)
    name += ".opt-" + std::to_string(optimize);
  return join_path(join_path(directory, "__pycache__"), name + ".pyc");
}

std::optional<std::string_view> cached_source_stem(std::string_view name, std::string_view cache_tag) {
  if (!ends_with(name, ".pyc"))
    return std::nullopt;
  name.remove_suffix(4);
  if (ends_with(name, ".opt-1") || ends_with(name, ".opt-2"))
    name.remove_suffix(6);
  if (name.size() < cache_tag.size() + 1 || !ends_with(name, cache_tag) ||
      name[name.size() - cache_tag.size() - 1] != '.')
    return std::nullopt;
  name.remove_suffix(cache_tag.size() + 1);
  return name;
}

// One worker process. Requests are written under write_mutex; the (batch,
// index) of each is queued before its line is written, so the reader thread
// matches answers, which come in request order, without holding the writer up.
struct BytecodePool::Worker {
  ChildProcess process;
  size_t slot;
  CompileTiming* timing; // may be null
  std::mutex write_mutex;
  std::mutex queue_mutex;
  std::deque<std::pair<CompileBatch*, size_t>> in_flight;
  std::thread reader;

  Worker(ChildProcess child, size_t slot, CompileTiming* timing)
      : process(std::move(child)), slot(slot), timing(timing) {
    reader = std::thread([this] { read_answers(); });
  }
  // Every batch has been answered (~CompileBatch waits): nothing is being
  // written, so the worker is killed rather than left to finalize.
  ~Worker() {
    process.kill();
    reader.join();
  }

  void read_answers() {
    LineReader lines(process.stdout_fd());
    std::string line;
    while (lines.next(line)) {
      std::pair<CompileBatch*, size_t> request;
      {
        std::lock_guard lock(queue_mutex);
        if (in_flight.empty())
          break;
        request = in_flight.front();
        in_flight.pop_front();
      }
      if (timing)
        if (std::optional<WorkerClock> clock = take_worker_clock(line))
          timing->answered(slot, *clock);
      request.first->answer(request.second, parse_answer(line));
    }
    std::lock_guard lock(queue_mutex);
    for (auto& [batch, index] : in_flight)
      batch->fail("a bytecode worker stopped unexpectedly");
    in_flight.clear();
  }
};

BytecodePool::BytecodePool(const Interpreter& interpreter, InvalidationMode mode, unsigned workers)
    : interpreter_(interpreter), mode_(mode), capacity_(std::max(1u, workers)),
      timing_(CompileTiming::from_environment(capacity_)) {}

BytecodePool::~BytecodePool() = default;

Status BytecodePool::start(unsigned count) {
  for (size_t slot = workers_.size(); slot < std::min(count, capacity_); ++slot) {
    std::vector<std::string> argv{interpreter_.path, "-I", "-S", "-c", kWorkerScript, mode_name(mode_)};
    if (timing_)
      argv.push_back("timing");
    TRY_ASSIGN(process, ChildProcess::start(argv, ParentDeath::kills_child));
    if (timing_)
      timing_->spawned(slot);
    workers_.push_back(std::make_unique<Worker>(std::move(process), slot, timing_.get()));
  }
  for (const auto& worker : workers_)
    TRY(worker->process.check_started(interpreter_.path));
  return {};
}

std::vector<std::string> BytecodePool::worker_identities() const {
  std::vector<std::string> identities;
  for (const auto& worker : workers_)
    if (auto identity = identify_process(worker->process.pid()))
      identities.push_back(format_process_identity(*identity));
  return identities;
}

Status BytecodePool::send(CompileBatch& batch, size_t index, size_t slot) {
  Worker& worker = *workers_[slot];
  if (timing_)
    timing_->sent(worker.slot, batch.requests_[index].size);
  std::lock_guard write_lock(worker.write_mutex);
  {
    std::lock_guard queue_lock(worker.queue_mutex);
    worker.in_flight.emplace_back(&batch, index);
  }
  Status written = write_all(worker.process.stdin_fd(), request_line(batch.requests_[index]),
                             "bytecode worker pipe");
  if (!written) {
    // Answered here unless the reader, seeing the worker die, already did.
    std::lock_guard queue_lock(worker.queue_mutex);
    auto entry = std::find(worker.in_flight.begin(), worker.in_flight.end(), std::make_pair(&batch, index));
    if (entry != worker.in_flight.end()) {
      worker.in_flight.erase(entry);
      batch.answer(index, {false, written.error().message});
    }
  }
  return written;
}

CompileBatch::~CompileBatch() { (void)wait(); }

Status CompileBatch::submit(CompileRequest request) {
  if (pool_.workers_.empty())
    return make_error("the bytecode workers are not running");
  work_given_.resize(pool_.workers_.size());
  size_t worker = least_loaded(work_given_);
  work_given_[worker] += compile_work(request.size);
  size_t index;
  {
    std::lock_guard lock(mutex_);
    index = requests_.size();
    requests_.push_back(std::move(request));
    results_.emplace_back();
    ++pending_;
  }
  return pool_.send(*this, index, worker);
}

void CompileBatch::answer(size_t index, CompileResult result) {
  std::lock_guard lock(mutex_);
  results_[index] = std::move(result);
  if (--pending_ == 0)
    answered_.notify_all();
}

void CompileBatch::fail(const std::string& message) {
  std::lock_guard lock(mutex_);
  failure_ = message;
  if (--pending_ == 0)
    answered_.notify_all();
}

Result<std::vector<CompileResult>> CompileBatch::wait() {
  std::unique_lock lock(mutex_);
  answered_.wait(lock, [this] { return pending_ == 0; });
  if (!failure_.empty())
    return make_error(failure_);
  return results_;
}

} // namespace whlinst
