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
#include "extract.h"
#include "fresh_trees.h"
#include "new_record.h"
#include "parallel_extraction.h"
#include "progress.h"
#include "record_rows.h"
#include "result.h"
#include "source_compilation.h"
#include "transaction.h"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace whlinst {

struct ExecutionServices {
  BytecodePool* pool = nullptr;    // null: no compilation
  Progress* progress = nullptr;    // may be null
  unsigned extraction_threads = 1; // at most
  std::string interpreter;         // for "#!python" lines
  std::string label;               // the wheel's file name, for progress lines
  bool keep_record = false;        // ExecutionResult::record wanted (--sbom)
};

struct ExecutionResult {
  RecordRows record;                    // the installed RECORD's rows, when ExecutionServices::keep_record
  size_t compiled = 0;                  // pyc files written
  std::vector<std::string> warnings;    // one line each: a source that did not compile
  std::vector<std::string> not_removed; // after the commit point (Transaction::leftovers)
};

// Extracts from `archive` (every file verified against RECORD), compiles,
// places and commits. Any error rolls back with the transaction.
Result<ExecutionResult> execute_plan(const CompletePlan& plan, Archive& archive, Transaction& transaction,
                                     const ExecutionServices& services);

// The same in two steps, for a member of a set (set_commit.h): prepare()
// does everything but the publication of the new .dist-info (recorded with
// Transaction::prepare), commit() publishes once the set has decided.
class PlanExecution {
public:
  PlanExecution(const CompletePlan& plan, Archive& archive, Transaction& transaction,
                const ExecutionServices& services);
  Status prepare();
  Result<ExecutionResult> commit();

private:
  DiskPath disk(const std::string& final_path) const { return plan_.scheme.on_disk(final_path); }
  void step(const std::string& text) const;
  DiskPath staged(const std::string& destination) const;
  Status begin();
  Result<size_t> add_temporary(const std::string& destination);
  Result<DiskPath> write_path(const std::string& destination);
  Result<ExtractionJob> extraction_job(const Placement& placement);
  size_t plan_position(const Placement& placement) const;
  DiskPath path_on_disk(const ExtractionJob& job) const;
  Result<std::vector<ExtractionJob>> extraction_jobs(const ExpectedFile* not_extracted);
  Status extract_files();
  Status collect_extracted(const ExtractionJob& job, ExtractedFile extracted);
  Status write_scripts();
  Status compile_sources();
  Status hide_and_place();
  Status schedule_removals();
  Status write_dist_info();

  const CompletePlan& plan_;
  Archive& archive_;
  Transaction& transaction_;
  ExecutionServices services_;
  FreshTrees trees_;
  SourceCompilation compilation_;
  DiskPath staging_; // the new .dist-info, published by the commit
  std::vector<PendingMove> moves_; // files outside fresh trees, written under a temporary name
  // By plan position, the index in moves_ of the temporary name each
  // placement's file is written under, or kNoTemporary; empty while none
  // has one (a fresh install's files are all in fresh trees).
  static constexpr uint32_t kNoTemporary = UINT32_MAX;
  std::vector<uint32_t> temporaries_;
  std::set<std::string> compiled_;                   // final paths of the pyc written
  std::optional<NewRecord> record_;                  // once the files are extracted
  ExecutionResult result_;
};

} // namespace whlinst
