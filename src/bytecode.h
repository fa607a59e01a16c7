#pragma once
// Byte-compilation by a pool of the target interpreter's own processes, each
// running py_compile, so the pyc format is always the interpreter's. Files are
// assigned to workers deterministically (sorted order, round robin) so that
// the same inputs give bit-identical pyc files (PRODUCT.md invariant 8).

#include "interpreter.h"
#include "result.h"

#include <string>
#include <vector>

namespace whlinst {

enum class InvalidationMode { by_environment, timestamp, checked_hash, unchecked_hash };

struct CompileRequest {
  std::string source;    // on disk
  std::string dfile;     // the final path, embedded in the code objects
  std::string cfile;     // on disk
  int optimize = 0;
};

struct CompileResult {
  bool ok = false;
  std::string message; // why it failed
};

// The pyc path importlib uses for `source` ("d/__pycache__/m.TAG[.opt-N].pyc").
std::string cache_path_for(const std::string& source, const std::string& cache_tag, int optimize);

// Compiles every request with `jobs` workers (at least 1, at most one per
// request). Results are in request order. Fails only if the workers cannot
// run; a file that does not compile is a failed CompileResult.
Result<std::vector<CompileResult>> compile_all(const Interpreter& interpreter,
                                               const std::vector<CompileRequest>& requests,
                                               InvalidationMode mode, unsigned jobs);

} // namespace whlinst
