#include "source_compilation.h"

#include "file_system.h"
#include "file_system_calls.h"
#include "paths.h"

#include <algorithm>
#include <numeric>
#include <unistd.h>

namespace whlinst {

SourceCompilation::SourceCompilation(BytecodePool* pool, Transaction& transaction, const Scheme& scheme,
                                     const FreshTrees& trees)
    : pool_(pool), transaction_(transaction), scheme_(scheme), trees_(trees) {
  if (pool != nullptr)
    batch_.emplace(*pool);
}

// Where the worker writes the pyc whose final path is `pyc_on_disk`.
Result<std::string> SourceCompilation::prepare_pyc(const DiskPath& pyc_on_disk) {
  if (std::optional<DiskPath> in_tree = trees_.write_path(pyc_on_disk)) {
    TRY(make_directories(parent_path(in_tree->str())));
    return in_tree->str();
  }
  TRY(transaction_.make_directories(DiskPath(parent_path(pyc_on_disk.str()))));
  TRY(transaction_.keep_backup(pyc_on_disk));
  TRY(transaction_.will_create(pyc_on_disk));
  return pyc_on_disk.str();
}

Status SourceCompilation::add(const DiskPath& source_on_disk, const InstallPlan& plan, const Placement& placement,
                              size_t plan_position) {
  if (!batch_ || !placement.compiled)
    return {};
  if (!workers_noted_) {
    TRY(transaction_.note_workers(pool_->worker_identities()));
    workers_noted_ = true;
  }
  std::string destination = placement.destination();
  for (const BytecodeTarget& target : plan.bytecode(placement)) {
    TRY_ASSIGN(cfile, prepare_pyc(scheme_.on_disk(target.pyc)));
    pyc_paths_.push_back(target.pyc);
    plan_positions_.push_back(plan_position);
    TRY(batch_->submit({source_on_disk.str(), destination, cfile, target.level, placement.file->entry->size}));
  }
  return {};
}

Result<std::vector<CompiledFile>> SourceCompilation::finish(std::vector<CompileFailure>& failures) {
  std::vector<CompiledFile> compiled;
  if (!batch_)
    return compiled;
  TRY_ASSIGN(results, batch_->wait());
  std::vector<size_t> in_plan_order(results.size());
  std::iota(in_plan_order.begin(), in_plan_order.end(), size_t{0});
  std::stable_sort(in_plan_order.begin(), in_plan_order.end(),
                   [this](size_t a, size_t b) { return plan_positions_[a] < plan_positions_[b]; });
  for (size_t i : in_plan_order) {
    if (results[i].ok) {
      compiled.push_back({pyc_paths_[i]});
      continue;
    }
    failures.push_back({batch_->requests()[i].dfile, results[i].message});
    // pip leaves no __pycache__ behind for a file that does not compile.
    file_system_calls().rmdir(parent_path(batch_->requests()[i].cfile).c_str());
  }
  return compiled;
}

} // namespace whlinst
