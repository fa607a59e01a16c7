#pragma once
// Byte-compilation of one wheel's installed sources within its transaction:
// each verified .py file is queued on the shared pool as soon as it is
// written (still under its temporary name; the code objects name its final
// path), so compilation overlaps extraction. The pyc goes straight to its
// final path in __pycache__ (or its place in a fresh tree being built, see
// fresh_trees.h); an existing one is backed up first, and every pyc outside
// fresh trees is journaled so rollback and recovery remove it.

#include "bytecode.h"
#include "fresh_trees.h"
#include "plan.h"
#include "scheme.h"
#include "transaction.h"

#include <optional>
#include <string>
#include <vector>

namespace whlinst {

struct CompiledFile {
  std::string pyc; // final path
};

struct CompileFailure {
  std::string source;  // final path
  std::string message;
};

class SourceCompilation {
public:
  // `pool` may be null: compilation is off. `trees` is read at each add().
  SourceCompilation(BytecodePool* pool, Transaction& transaction, const Scheme& scheme, const FreshTrees& trees);

  // Queues the placement's bytecode targets (plan.bytecode), its source now
  // written at `source_on_disk`; `plan_position` orders finish()'s answers.
  Status add(const DiskPath& source_on_disk, const InstallPlan& plan, const Placement& placement, size_t plan_position);

  // Waits for every queued file. Files that do not compile are failures,
  // not errors (pip installs them without pyc). Both lists are in plan
  // order (by plan_position, then bytecode target), whatever the order of
  // the add() calls.
  Result<std::vector<CompiledFile>> finish(std::vector<CompileFailure>& failures);

private:
  Result<std::string> prepare_pyc(const DiskPath& pyc_on_disk);
  BytecodePool* pool_;
  bool workers_noted_ = false;
  std::optional<CompileBatch> batch_;
  Transaction& transaction_;
  const Scheme& scheme_;
  const FreshTrees& trees_;
  std::vector<std::string> pyc_paths_; // final, per request
  std::vector<size_t> plan_positions_; // per request
};

} // namespace whlinst
