#include "plan_execution.h"

#include "compile_order.h"
#include "extract.h"
#include "file_system.h"
#include "fresh_trees.h"
#include "parallel_extraction.h"
#include "paths.h"
#include "removal_guard.h"
#include "source_compilation.h"
#include "target_survey.h"
#include "text.h"

#include <algorithm>
#include <set>
#include <utility>

namespace whlinst {

PlanExecution::PlanExecution(const CompletePlan& plan, Archive& archive, Transaction& transaction,
                             const ExecutionServices& services)
    : plan_(plan), archive_(archive), transaction_(transaction), services_(services),
      compilation_(services.pool, transaction, plan.scheme, trees_) {}

void PlanExecution::step(const std::string& text) const {
  if (services_.progress)
    services_.progress->step(services_.label, text);
}

DiskPath PlanExecution::staged(const std::string& destination) const {
  return DiskPath(join_path(staging_.str(), relative_path(destination, plan_.files.dist_info_path)));
}

// The staging .dist-info and the hidden roots of the fresh trees.
Status PlanExecution::begin() {
  staging_ = disk(join_path(plan_.files.lib_dir, ".whlinst-" + transaction_.id() + "-dist-info"));
  TRY(transaction_.make_directories(staging_));
  for (const std::string& root : plan_.target.fresh_roots) {
    TRY_ASSIGN(hidden_root, transaction_.begin_tree(disk(root)));
    trees_.add(disk(root), std::move(hidden_root));
  }
  return {};
}

// A temporary name beside `destination`, renamed into place later: its
// index in moves_.
Result<size_t> PlanExecution::add_temporary(const std::string& destination) {
  TRY_ASSIGN(move, transaction_.pending_move(disk(destination)));
  moves_.push_back(std::move(move));
  return moves_.size() - 1;
}

// Where a script is written: in its fresh tree, or under a temporary name
// beside its final path.
Result<DiskPath> PlanExecution::write_path(const std::string& destination) {
  if (std::optional<DiskPath> in_tree = trees_.write_path(disk(destination)))
    return *in_tree;
  TRY_ASSIGN(move, add_temporary(destination));
  return transaction_.temporary(moves_[move]);
}

// Journals what writing the placement's file needs; its path is computed
// again by path_on_disk() when the job runs, rather than kept for every file.
Result<ExtractionJob> PlanExecution::extraction_job(const Placement& placement) {
  if (placement.role == FileRole::dist_info) {
    DiskPath target = staged(placement.destination());
    TRY(transaction_.make_directories(DiskPath(parent_path(target.str()))));
    TRY(transaction_.will_create(target));
    return ExtractionJob{&placement};
  }
  std::string destination = placement.destination();
  if (trees_.holds(disk(destination)))
    return ExtractionJob{&placement};
  TRY_ASSIGN(move, add_temporary(destination));
  if (temporaries_.empty())
    temporaries_.assign(plan_.files.placements.size(), kNoTemporary);
  temporaries_[plan_position(placement)] = static_cast<uint32_t>(move);
  return ExtractionJob{&placement};
}

size_t PlanExecution::plan_position(const Placement& placement) const {
  return static_cast<size_t>(&placement - plan_.files.placements.data());
}

// Reads only what is fixed once the jobs are made: extraction threads call it.
DiskPath PlanExecution::path_on_disk(const ExtractionJob& job) const {
  if (!temporaries_.empty())
    if (uint32_t move = temporaries_[plan_position(*job.placement)]; move != kNoTemporary)
      return transaction_.temporary(moves_[move]);
  if (job.placement->role == FileRole::dist_info)
    return staged(job.placement->destination());
  return *trees_.write_path(disk(job.placement->destination()));
}

namespace {
// The placement of the wheel's own RECORD, or null.
const ExpectedFile* wheel_record(const InstallPlan& files) {
  std::string record_entry = std::string(base_name(files.dist_info_path)) + "/RECORD";
  for (const Placement& placement : files.placements)
    if (placement.file->entry->name == record_entry)
      return placement.file;
  return nullptr;
}
} // namespace

// Made in plan order (their temporaries, and so the renames into place,
// keep it), then sorted into extraction order (compile_order.h).
Result<std::vector<ExtractionJob>> PlanExecution::extraction_jobs(const ExpectedFile* not_extracted) {
  std::vector<ExtractionJob> jobs;
  jobs.reserve(plan_.files.placements.size());
  for (const Placement& placement : plan_.files.placements) {
    if (placement.file == not_extracted)
      continue;
    TRY_ASSIGN(job, extraction_job(placement));
    jobs.push_back(job);
  }
  // Sorted in place (a stable sort would take a buffer of half the jobs):
  // plan order, which the placements' addresses follow, breaks the ties.
  std::sort(jobs.begin(), jobs.end(), [](const ExtractionJob& a, const ExtractionJob& b) {
    if (extracted_before(*a.placement, *b.placement))
      return true;
    return !extracted_before(*b.placement, *a.placement) && a.placement < b.placement;
  });
  return jobs;
}

// Sources first, largest first (compile_order.h): each is queued for
// compilation as soon as it is written. RECORD is not extracted: the
// installed one is written at the end (new_record.h).
Status PlanExecution::extract_files() {
  const ExpectedFile* record_file = wheel_record(plan_.files);
  TRY_ASSIGN(jobs, extraction_jobs(record_file));
  unsigned threads = extraction_threads(jobs, services_.extraction_threads);
  auto path_of = [this](const ExtractionJob& job) { return path_on_disk(job); };
  TRY_ASSIGN(extraction, ParallelExtraction::start(archive_, std::move(jobs), path_of, services_.interpreter, threads));
  record_.emplace(plan_.files, record_file);
  for (size_t i = 0; i < extraction->size(); ++i)
    TRY(collect_extracted(extraction->job(i), extraction->result(i)));
  for (const ExpectedFile* wrapper : plan_.files.dropped_wrappers)
    record_->add(wrapper->row());
  return {};
}

Status PlanExecution::collect_extracted(const ExtractionJob& job, ExtractedFile extracted) {
  if (!extracted.installed)
    return extracted.installed.error();
  size_t position = plan_position(*job.placement);
  record_->placed(position, *extracted.installed);
  if (services_.progress)
    services_.progress->advance();
  return compilation_.add(extracted.path_on_disk, plan_.files, *job.placement, position);
}

Status PlanExecution::write_scripts() {
  for (const GeneratedScript& script : plan_.files.scripts) {
    TRY_ASSIGN(path, write_path(script.destination));
    TRY_ASSIGN(installed, write_generated(path, script.content, Executable::yes));
    record_->add_written(script.record_path, installed);
  }
  return {};
}

Status PlanExecution::compile_sources() {
  std::vector<CompileFailure> failures;
  TRY_ASSIGN(compiled, compilation_.finish(failures));
  for (const CompileFailure& failure : failures)
    result_.warnings.push_back("cannot compile " + failure.source + ": " + failure.message);
  for (const CompiledFile& file : compiled) {
    compiled_.insert(file.pyc);
    record_->add_compiled(record_path_for(file.pyc, plan_.files.lib_dir));
  }
  result_.compiled = compiled.size();
  return {};
}

// A directory on the way may have been replaced by a symbolic link since
// the survey: checked again just before the renames.
Status PlanExecution::hide_and_place() {
  TRY(check_no_symlinked_directories(plan_.scheme, confined_directories(plan_.files, plan_.target.hidden)));
  for (const std::string& path : plan_.target.hidden)
    TRY(transaction_.hide(disk(path)));
  for (const DiskPath& root : trees_.roots())
    TRY(transaction_.put_tree_in_place(trees_.hidden_root(root), root));
  return transaction_.put_all_in_place(moves_);
}

Status PlanExecution::schedule_removals() {
  std::vector<const std::string*> removed;
  for (const std::string& path : plan_.target.removed)
    removed.push_back(&path);
  for (const std::string& pyc : plan_.target.removed_unless_compiled)
    if (compiled_.count(pyc) == 0)
      removed.push_back(&pyc);
  return transaction_.remove_all_at_commit(removed.size(), [&](size_t i) {
    return ScheduledRemoval{disk(*removed[i]), disk(plan_.scheme.owning_directory(*removed[i]))};
  });
}

Status PlanExecution::write_dist_info() {
  std::string dist_info_name(base_name(plan_.files.dist_info_path));
  for (const GeneratedFile& file : plan_.generated) {
    DiskPath path(join_path(staging_.str(), file.name));
    TRY(transaction_.will_create(path));
    TRY_ASSIGN(installed, write_generated(path, file.content, Executable::no));
    record_->add_written(dist_info_name + "/" + file.name, installed);
  }
  DiskPath record(join_path(staging_.str(), "RECORD"));
  TRY(transaction_.will_create(record));
  TRY_ASSIGN(fd, create_new_file(record.str()));
  return record_->write([&](std::string_view piece) { return write_all(fd.get(), piece, record.str()); });
}

Status PlanExecution::prepare() {
  if (services_.progress)
    services_.progress->expect(plan_.files.placements.size());
  step("writing and verifying " + std::to_string(plan_.files.placements.size()) +
       " files (new directories under hidden names, others beside their final path)");
  TRY(begin());
  TRY(extract_files());
  TRY(write_scripts());
  // Workers read the sources under their temporary names: wait for them
  // before the renames.
  step(services_.pool ? "waiting for byte-compilation" : "byte-compilation off");
  TRY(compile_sources());
  step(plan_.target.hidden.empty() ? "renaming files into place"
                                   : "hiding the previous version, renaming files into place");
  TRY(hide_and_place());
  TRY(schedule_removals());
  step("writing the .dist-info");
  TRY(write_dist_info());
  TRY(archive_.check_unchanged()); // everything was read from the file opened
  if (transaction_.in_set())
    TRY(transaction_.prepare(staging_, disk(plan_.files.dist_info_path)));
  return {};
}

Result<ExecutionResult> PlanExecution::commit() {
  step("committing");
  TRY(transaction_.commit(staging_, disk(plan_.files.dist_info_path)));
  result_.not_removed = transaction_.leftovers();
  if (services_.keep_record) // the rows view the wheel's digests and entry names
    result_.record = record_->rows({plan_.wheel_digests, archive_.shared_entries()});
  return std::move(result_);
}

Result<ExecutionResult> execute_plan(const CompletePlan& plan, Archive& archive, Transaction& transaction,
                                     const ExecutionServices& services) {
  PlanExecution execution(plan, archive, transaction, services);
  TRY(execution.prepare());
  return execution.commit();
}

} // namespace whlinst
