#include "bytecode.h"

#include "file_system.h"
#include "paths.h"
#include "subprocess.h"
#include "text.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
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

std::string request_line(const CompileRequest& request) {
  return request.source + "\t" + request.dfile + "\t" + request.cfile + "\t" +
         std::to_string(request.optimize) + "\n";
}

// Reads one '\n'-terminated line from a pipe, keeping what follows in `pending`.
Result<std::string> read_line(int fd, std::string& pending) {
  for (;;) {
    size_t newline = pending.find('\n');
    if (newline != std::string::npos) {
      std::string line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      return line;
    }
    char buffer[4096];
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return make_error("a bytecode worker stopped unexpectedly");
    pending.append(buffer, static_cast<size_t>(got));
  }
}

CompileResult parse_answer(const std::string& line) {
  if (line == "ok")
    return {true, ""};
  return {false, starts_with(line, "error\t") ? line.substr(6) : line};
}

struct Worker {
  ChildProcess process;
  std::string pending;
  std::vector<size_t> assigned;
};

// Feeds a worker its requests from a second thread while reading its answers,
// so neither side can block the other on a full pipe.
Status run_worker(Worker& worker, const std::vector<CompileRequest>& requests,
                  std::vector<CompileResult>& results) {
  std::string batch;
  for (size_t index : worker.assigned)
    batch += request_line(requests[index]);
  Status written;
  std::thread writer([&] { written = write_all(worker.process.stdin_fd(), batch, "bytecode worker pipe"); });
  Status read;
  for (size_t index : worker.assigned) {
    auto line = read_line(worker.process.stdout_fd(), worker.pending);
    if (!line) {
      read = line.take_error();
      break;
    }
    results[index] = parse_answer(*line);
  }
  if (!read)
    ::kill(worker.process.pid(), SIGKILL);
  writer.join();
  TRY(std::move(read));
  return written;
}
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

Result<std::vector<CompileResult>> compile_all(const Interpreter& interpreter,
                                               const std::vector<CompileRequest>& requests,
                                               InvalidationMode mode, unsigned jobs) {
  std::vector<CompileResult> results(requests.size());
  if (requests.empty())
    return results;
  size_t count = std::max<size_t>(1, std::min<size_t>(jobs, requests.size()));
  std::vector<Worker> workers;
  for (size_t i = 0; i < count; ++i) {
    TRY_ASSIGN(process, ChildProcess::start({interpreter.path, "-I", "-c", kWorkerScript, mode_name(mode)}));
    workers.push_back(Worker{std::move(process), {}, {}});
  }
  for (size_t i = 0; i < requests.size(); ++i)
    workers[i % count].assigned.push_back(i);
  // One feeding thread per worker; each worker answers in request order.
  std::vector<Status> statuses(count);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < count; ++i)
    threads.emplace_back([&, i] { statuses[i] = run_worker(workers[i], requests, results); });
  for (std::thread& thread : threads)
    thread.join();
  for (Status& status : statuses)
    TRY(std::move(status));
  for (Worker& worker : workers)
    worker.process.finish();
  return results;
}

} // namespace whlinst
