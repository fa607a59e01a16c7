#pragma once
// Byte-compilation by a pool of long-lived processes of the target
// interpreter, each running py_compile, so the pyc format is always the
// interpreter's. One pool serves every wheel of an invocation; requests can
// be submitted as soon as a source file is verified, while extraction goes on.
// A worker's output does not depend on what it compiled before (a fresh
// code object per file), and each request of a batch goes to the worker
// with the least work from that batch (compile_order.h), a choice that
// depends on the requests only, so the same inputs give bit-identical pyc
// files (docs/design.md invariant 8).

#include "compile_timing.h"
#include "interpreter.h"
#include "result.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

enum class InvalidationMode { by_environment, timestamp, checked_hash, unchecked_hash };

struct CompileRequest {
  std::string source; // on disk (may still be under a temporary name)
  std::string dfile;  // the final path, embedded in the code objects
  std::string cfile;  // on disk
  int optimize = 0;
  uint64_t size = 0; // the source's length, to balance the workers
};

struct CompileResult {
  bool ok = false;
  std::string message; // why it failed
};

// The pyc path importlib uses for `source` ("d/__pycache__/m.TAG[.opt-N].pyc").
std::string cache_path_for(const std::string& source, const std::string& cache_tag, int optimize);
// The other way: the source's stem ("m") of a file name in __pycache__
// ("m.TAG.pyc", "m.TAG.opt-1.pyc", "m.TAG.opt-2.pyc"), nullopt for any other
// name.
std::optional<std::string_view> cached_source_stem(std::string_view name, std::string_view cache_tag);

class BytecodePool;

// The requests of one caller (one wheel): submit, then wait for all.
class CompileBatch {
public:
  explicit CompileBatch(BytecodePool& pool) : pool_(pool) {}
  ~CompileBatch();
  CompileBatch(const CompileBatch&) = delete;
  CompileBatch& operator=(const CompileBatch&) = delete;

  // Queues a request; its result is at the same index in wait()'s answer.
  Status submit(CompileRequest request);
  // Blocks until every submitted request is answered. Fails if a worker died.
  Result<std::vector<CompileResult>> wait();
  const std::vector<CompileRequest>& requests() const { return requests_; }

private:
  friend class BytecodePool;
  void answer(size_t index, CompileResult result);
  void fail(const std::string& message);
  BytecodePool& pool_;
  std::vector<uint64_t> work_given_; // per worker, estimated (compile_work)
  std::vector<CompileRequest> requests_;
  std::vector<CompileResult> results_;
  size_t pending_ = 0;
  std::string failure_;
  std::mutex mutex_;
  std::condition_variable answered_;
};

class BytecodePool {
public:
  // At most `workers` workers.
  BytecodePool(const Interpreter& interpreter, InvalidationMode mode, unsigned workers);
  // Starts workers until `count` (at most the pool's maximum) are running.
  // Call from the thread that outlives the pool (a worker dies with the
  // thread that started it, so that it never outlives a killed whlinst),
  // and before any batch: a batch's requests are spread over the workers
  // running, a number that must not depend on timing.
  Status start(unsigned count);
  ~BytecodePool();
  BytecodePool(const BytecodePool&) = delete;
  BytecodePool& operator=(const BytecodePool&) = delete;

  // "PID:START" of each worker (process_identity.h).
  std::vector<std::string> worker_identities() const;

private:
  friend class CompileBatch;
  struct Worker;
  Status send(CompileBatch& batch, size_t index, size_t worker);
  const Interpreter& interpreter_;
  InvalidationMode mode_;
  unsigned capacity_;
  std::unique_ptr<CompileTiming> timing_; // null unless measured
  std::vector<std::unique_ptr<Worker>> workers_;
};

} // namespace whlinst
