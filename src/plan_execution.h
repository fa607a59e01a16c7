#pragma once
// The executor: carries out a complete plan (complete_plan.h) inside a
// Transaction, in the order docs/design.md gives (invariants 1-4): every
// file written and verified under a temporary name beside its final path or
// in a fresh tree built under a hidden name, sources byte-compiled as they
// are written, the previous version's .dist-info and the paths changing kind
// hidden, files and trees renamed into place, leftovers scheduled for
// removal, the new .dist-info (generated files and RECORD) staged and
// published last by the commit. It decides nothing the plan did not say;
// what it learns on the way comes back as values.

#include "archive.h"
#include "bytecode.h"
#include "complete_plan.h"
#include "progress.h"
#include "record.h"
#include "result.h"
#include "transaction.h"

#include <string>
#include <vector>

namespace whlinst {

struct ExecutionServices {
  BytecodePool* pool = nullptr;    // null: no compilation
  Progress* progress = nullptr;    // may be null
  unsigned extraction_threads = 1; // at most
  std::string interpreter;         // for "#!python" lines
  std::string label;               // the wheel's file name, for progress lines
};

struct ExecutionResult {
  std::vector<RecordRow> record;        // the installed RECORD's rows
  size_t compiled = 0;                  // pyc files written
  std::vector<std::string> warnings;    // one line each: a source that did not compile
  std::vector<std::string> not_removed; // after the commit point (Transaction::leftovers)
};

// Extracts from `archive` (every file verified against RECORD), compiles,
// places and commits. Any error rolls back with the transaction.
Result<ExecutionResult> execute_plan(const CompletePlan& plan, Archive& archive, Transaction& transaction,
                                     const ExecutionServices& services);

} // namespace whlinst
