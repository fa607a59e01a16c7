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
  TRY_ASSIGN(temporary, transaction_.temporary_beside(disk(destination)));
  moves_.emplace_back(std::move(temporary), disk(destination));
  return moves_.size() - 1;
}

// Where a script is written: in its fresh tree, or under a temporary name
// beside its final path.
Result<DiskPath> PlanExecution::write_path(const std::string& destination) {
  if (std::optional<DiskPath> in_tree = trees_.write_path(disk(destination)))
    return *in_tree;
  TRY_ASSIGN(move, add_temporary(destination));
  return moves_[move].first;
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
  return ExtractionJob{&placement, move};
}

// Reads only what is fixed once the jobs are made: extraction threads call it.
DiskPath PlanExecution::path_on_disk(const ExtractionJob& job) const {
  if (job.temporary != ExtractionJob::kNoTemporary)
    return moves_[job.temporary].first;
  if (job.placement->role == FileRole::dist_info)
    return staged(job.placement->destination());
  return *trees_.write_path(disk(job.placement->destination()));
}

namespace {
// The rows the installed RECORD will have at most: every placed file and
// its byte-compiled files, scripts, dropped wrappers, generated files.
size_t record_rows(const CompletePlan& plan) {
  size_t rows = plan.files.dropped_wrappers.size() + plan.files.scripts.size() + plan.generated.size() + 1;
  for (const Placement& placement : plan.files.placements)
    rows += 1 + (placement.compiled ? plan.files.bytecode_levels.size() : 0);
  return rows;
}

// `jobs` in `order` (compile_order.h); `jobs` is left empty.
std::vector<ExtractionJob> reordered(std::vector<ExtractionJob>& jobs, const std::vector<size_t>& order) {
  std::vector<ExtractionJob> ordered;
  ordered.reserve(jobs.size());
  for (size_t index : order)
    ordered.push_back(std::move(jobs[index]));
  std::vector<ExtractionJob>().swap(jobs);
  return ordered;
}
} // namespace

// Sources first, largest first (compile_order.h): each is queued for
// compilation as soon as it is written. RECORD is not extracted: the
// installed one is written at the end, its rows in plan order, and its own
// row (when the wheel's RECORD lists itself) follows the files'.
Status PlanExecution::extract_files() {
  std::string record_entry = std::string(base_name(plan_.files.dist_info_path)) + "/RECORD";
  std::vector<const Placement*> extracted;
  extracted.reserve(plan_.files.placements.size());
  const ExpectedFile* record_file = nullptr;
  for (const Placement& placement : plan_.files.placements) {
    if (placement.file->entry->name == record_entry)
      record_file = placement.file;
    else
      extracted.push_back(&placement);
  }
  // Jobs made in plan order (their temporaries, and so the renames into
  // place, keep it), then extracted in `order`.
  std::vector<ExtractionJob> jobs;
  jobs.reserve(extracted.size());
  for (const Placement* placement : extracted) {
    TRY_ASSIGN(job, extraction_job(*placement));
    jobs.push_back(std::move(job));
  }
  std::vector<size_t> order = extraction_order(extracted);
  std::vector<ExtractionJob> ordered = reordered(jobs, order);
  unsigned threads = extraction_threads(ordered, services_.extraction_threads);
  auto path_of = [this](const ExtractionJob& job) { return path_on_disk(job); };
  TRY_ASSIGN(extraction,
             ParallelExtraction::start(archive_, std::move(ordered), path_of, services_.interpreter, threads));
  // Sized once: a vector grown by doubling holds up to twice its rows.
  std::vector<RecordRow>& rows = result_.record.rows;
  result_.record.hold(plan_.wheel_digests);
  result_.record.hold(archive_.shared_entries()); // the rows' paths view the entries' names
  rows.reserve(rows.size() + record_rows(plan_));
  size_t first_row = rows.size();
  rows.resize(first_row + order.size());
  for (size_t i = 0; i < extraction->size(); ++i)
    TRY(collect_extracted(extraction->job(i), extraction->result(i), order[i], rows[first_row + order[i]]));
  if (record_file && record_file->listed)
    rows.push_back(record_file->row());
  for (const ExpectedFile* wrapper : plan_.files.dropped_wrappers)
    rows.push_back(wrapper->row());
  return {};
}

// A file installed in the library directory under its entry's name has
// that name as RECORD path (record_path_for would give it again); any
// other RECORD path is made and kept with the rows.
std::string_view PlanExecution::record_path(const Placement& placement) {
  const std::string& lib_dir = plan_.files.lib_dir;
  if (placement.name_start == 0 && *placement.directory == lib_dir)
    return placement.file->entry->name;
  return result_.record.keep(record_path_for(placement.destination(), lib_dir));
}

Status PlanExecution::collect_extracted(const ExtractionJob& job, ExtractedFile extracted, size_t plan_position,
                                        RecordRow& row) {
  if (!extracted.installed)
    return extracted.installed.error();
  row = extracted.installed->record_row(record_path(*job.placement), result_.record);
  if (services_.progress)
    services_.progress->advance();
  return compilation_.add(extracted.path_on_disk, plan_.files, *job.placement, plan_position);
}

Status PlanExecution::write_scripts() {
  for (const GeneratedScript& script : plan_.files.scripts) {
    TRY_ASSIGN(path, write_path(script.destination));
    TRY_ASSIGN(installed, write_generated(path, script.content, Executable::yes));
    result_.record.rows.push_back(installed.record_row(result_.record.keep(script.record_path), result_.record));
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
    std::string_view path = result_.record.keep(record_path_for(file.pyc, plan_.files.lib_dir));
    result_.record.rows.push_back(RecordRow{path, "", "", std::nullopt});
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
  auto remove = [this](const std::string& path) {
    return transaction_.remove_at_commit(disk(path), disk(plan_.scheme.owning_directory(path)));
  };
  for (const std::string& path : plan_.target.removed)
    TRY(remove(path));
  for (const std::string& pyc : plan_.target.removed_unless_compiled)
    if (compiled_.count(pyc) == 0)
      TRY(remove(pyc));
  return {};
}

Status PlanExecution::write_dist_info() {
  std::string dist_info_name(base_name(plan_.files.dist_info_path));
  for (const GeneratedFile& file : plan_.generated) {
    DiskPath path(join_path(staging_.str(), file.name));
    TRY(transaction_.will_create(path));
    TRY_ASSIGN(installed, write_generated(path, file.content, Executable::no));
    std::string_view record_path = result_.record.keep(dist_info_name + "/" + file.name);
    result_.record.rows.push_back(installed.record_row(record_path, result_.record));
  }
  DiskPath record(join_path(staging_.str(), "RECORD"));
  TRY(transaction_.will_create(record));
  TRY_ASSIGN(fd, create_new_file(record.str()));
  return format_record(result_.record.rows,
                       [&](std::string_view piece) { return write_all(fd.get(), piece, record.str()); });
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
  return std::move(result_);
}

Result<ExecutionResult> execute_plan(const CompletePlan& plan, Archive& archive, Transaction& transaction,
                                     const ExecutionServices& services) {
  PlanExecution execution(plan, archive, transaction, services);
  TRY(execution.prepare());
  return execution.commit();
}

} // namespace whlinst
