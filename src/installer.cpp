#include "installer.h"

#include "compatibility.h"
#include "dist_info_files.h"
#include "extract.h"
#include "file_owners.h"
#include "file_system.h"
#include "fresh_trees.h"
#include "hash.h"
#include "installed_project.h"
#include "kind_changes.h"
#include "ownership_check.h"
#include "parallel_extraction.h"
#include "paths.h"
#include "plan.h"
#include "project_lock.h"
#include "removal_guard.h"
#include "source_compilation.h"
#include "target_interpreter.h"
#include "text.h"
#include "transaction.h"
#include "version.h"
#include "utf8.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <unistd.h>

namespace whlinst {

namespace {
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::optional<std::string>(value) : std::nullopt;
}

class WheelInstall {
public:
  WheelInstall(Wheel& wheel, const Interpreter& interpreter, const InstallOptions& options,
               const InstallServices& services)
      : wheel_(wheel), interpreter_(interpreter), options_(options), pool_(services.pool),
        progress_(services.progress), extraction_limit_(services.extraction_threads) {}

  Result<InstallSummary> run();

private:
  Status prepare();
  Status find_previous_versions();
  bool same_version_installed() const;
  Status begin_fresh_trees();
  Result<std::string> write_path(const std::string& destination);
  Status extract_files();
  Status collect_extracted(const ExtractionJob& job, Result<InstalledFile> installed);
  Status write_scripts();
  Status hide_previous_versions();
  Status place_files();
  Status compile_sources();
  Status write_installer_files();
  Result<std::string> wheel_sha256() const;
  Status collect_previous_files();
  Status find_kind_changes();
  Status check_confined() const;
  Status check_ownership();
  Status schedule_leftover_removal();
  void describe_plan();
  void step(const std::string& text) const {
    if (progress_)
      progress_->step(wheel_.file_name, text);
  }
  std::string disk(const std::string& final_path) const { return scheme_.on_disk(final_path); }
  std::vector<std::string> disk_paths(const std::vector<std::string>& final_paths) const;
  std::string staged(const std::string& destination) const;
  std::vector<std::string> generated_dist_info_names() const;
  Status add_generated(const std::string& name, std::string_view content);

  Wheel& wheel_;
  const Interpreter& interpreter_;
  const InstallOptions& options_;
  Scheme scheme_;
  InstallPlan plan_;
  std::optional<ProjectLock> lock_;
  std::unique_ptr<Transaction> transaction_;
  BytecodePool* pool_;
  Progress* progress_;
  unsigned extraction_limit_;
  FreshTrees trees_;
  std::optional<SourceCompilation> compilation_;
  std::string staging_; // on disk
  std::vector<std::string> temporaries_; // per placement, then per script ("" = staged or in a fresh tree)
  std::vector<RecordRow> rows_;
  std::vector<InstalledProject> previous_;
  std::vector<std::string> previous_files_; // final paths, dist-info excluded
  std::vector<std::string> kind_changes_;   // final paths hidden for a file <-> directory change
  std::set<std::string> installed_paths_; // final paths
  std::optional<FileOwners> owners_;      // other projects' files, read when first needed
  InstallSummary summary_;
};

std::string WheelInstall::staged(const std::string& destination) const {
  return join_path(staging_, relative_path(destination, plan_.dist_info_path));
}

Status WheelInstall::prepare() {
  SchemeRequest request{options_.prefix, options_.root, wheel_.name.distribution, options_.scheme_kind};
  for (char& c : request.dist_name)
    if (c == '_')
      c = '-';
  TRY_ASSIGN(scheme, make_scheme(interpreter_, request));
  scheme_ = std::move(scheme);
  apply_overrides(scheme_, options_.overrides);
  owners_.emplace(scheme_, wheel_.name.project_key(), interpreter_.cache_tag);
  std::vector<std::string> warnings;
  TRY(check_compatibility(wheel_, interpreter_, options_, warnings));
  TRY_ASSIGN(specs, scripts_for_entry_points(wheel_.entry_points, interpreter_.major_minor(),
                                             environment("ENSUREPIP_OPTIONS")));
  TRY_ASSIGN(plan, plan_install(wheel_, scheme_, specs, interpreter_.path));
  plan_ = std::move(plan);
  TRY(check_generated_dist_info(plan_, generated_dist_info_names()));
  plan_bytecode(plan_, interpreter_.cache_tag, options_.compile ? options_.optimize_levels : std::vector<int>());
  warnings.insert(warnings.end(), plan_.warnings.begin(), plan_.warnings.end());
  for (const std::string& warning : warnings)
    std::fprintf(stderr, "whlinst: warning: %s: %s\n", printable_name(wheel_.file_name).c_str(),
                 printable_name(warning).c_str());
  if (options_.dry_run)
    return find_previous_versions();
  TRY_ASSIGN(lock, lock_project(scheme_, wheel_.name.project_key(), LockMode::exclusive, options_.lock_wait));
  lock_.emplace(std::move(lock));
  TRY(find_previous_versions());
  TRY_ASSIGN(transaction, Transaction::begin(lock_->project, lock_->state_dir, wheel_.name.project_key(),
                                                         options_.fsync ? Durability::power_loss
                                                                        : Durability::process_crash));
  transaction_ = std::move(transaction);
  compilation_.emplace(options_.compile ? pool_ : nullptr, *transaction_, scheme_, trees_);
  staging_ = disk(join_path(plan_.lib_dir, ".whlinst-" + transaction_->id() + "-dist-info"));
  return transaction_->make_directories(staging_);
}

Status WheelInstall::find_previous_versions() {
  if (options_.overwrite)
    return {};
  TRY_ASSIGN(found, find_installed(scheme_, wheel_.name.project_key()));
  previous_ = std::move(found);
  return {};
}

bool WheelInstall::same_version_installed() const {
  auto wanted = parse_version(wheel_.name.version);
  for (const InstalledProject& project : previous_) {
    auto installed = parse_version(project.version);
    if (wanted && installed ? *wanted == *installed : project.version == wheel_.name.version)
      return true;
  }
  return false;
}

// Finds the directories this install creates (before it creates any) and
// starts building each under a hidden name.
Status WheelInstall::begin_fresh_trees() {
  std::vector<std::string> files;
  for (const Placement& placement : plan_.placements)
    if (placement.role != FileRole::dist_info)
      files.push_back(disk(placement.destination));
  for (const GeneratedScript& script : plan_.scripts)
    files.push_back(disk(script.destination));
  std::vector<std::string> replaced = disk_paths(kind_changes_); // files that become directories
  trees_.find_roots(files, [&replaced](const std::string& directory) {
    return file_kind(directory) != FileKind::missing && !under_any(directory, replaced);
  });
  for (const std::string& root : trees_.roots()) {
    TRY_ASSIGN(hidden_root, transaction_->begin_tree(root));
    trees_.set_hidden_root(root, std::move(hidden_root));
  }
  return {};
}

// Where a package file or script is written: in its fresh tree, or under a
// temporary name beside its final path (recorded for place_files).
Result<std::string> WheelInstall::write_path(const std::string& destination) {
  std::string in_tree = trees_.write_path(disk(destination));
  temporaries_.emplace_back();
  if (!in_tree.empty())
    return in_tree;
  TRY_ASSIGN(temporary, transaction_->temporary_beside(disk(destination)));
  temporaries_.back() = temporary;
  return temporary;
}

Status WheelInstall::extract_files() {
  TRY(begin_fresh_trees());
  std::string record_entry = wheel_.dist_info + "/RECORD";
  std::vector<ExtractionJob> jobs;
  for (const Placement& placement : plan_.placements) {
    installed_paths_.insert(placement.destination);
    if (placement.file->entry->name == record_entry) {
      temporaries_.emplace_back();
      continue;
    }
    if (placement.role == FileRole::dist_info) {
      std::string target = staged(placement.destination);
      TRY(transaction_->make_directories(parent_path(target)));
      TRY(transaction_->will_create(target));
      temporaries_.emplace_back();
      jobs.push_back({&placement, target});
    } else {
      TRY_ASSIGN(path, write_path(placement.destination));
      jobs.push_back({&placement, path});
    }
  }
  unsigned threads = extraction_threads(jobs, extraction_limit_);
  TRY_ASSIGN(extraction, ParallelExtraction::start(wheel_.archive, std::move(jobs), interpreter_.path, threads));
  for (size_t i = 0; i < extraction->size(); ++i)
    TRY(collect_extracted(extraction->job(i), extraction->result(i)));
  for (const RecordRow& row : wheel_.record)
    if (row.path == record_entry)
      rows_.push_back(row);
  for (const ExpectedFile* wrapper : plan_.dropped_wrappers)
    rows_.push_back(*wrapper->row);
  return {};
}

Status WheelInstall::collect_extracted(const ExtractionJob& job, Result<InstalledFile> installed) {
  if (!installed)
    return installed.error();
  const Placement& placement = *job.placement;
  rows_.push_back(installed->record_row(placement.record_path));
  if (progress_)
    progress_->advance();
  TRY(compilation_->add(job.path_on_disk, placement));
  return {};
}

Status WheelInstall::write_scripts() {
  for (const GeneratedScript& script : plan_.scripts) {
    installed_paths_.insert(script.destination);
    TRY_ASSIGN(path, write_path(script.destination));
    TRY_ASSIGN(installed, write_generated(path, script.content, Executable::yes));
    rows_.push_back(installed.record_row(script.record_path));
  }
  return {};
}

Status WheelInstall::hide_previous_versions() {
  for (const InstalledProject& project : previous_) {
    if (summary_.replaced_version.empty())
      summary_.replaced_version = project.version;
    TRY(transaction_->hide(disk(project.dist_info_path)));
  }
  for (const std::string& path : kind_changes_)
    TRY(transaction_->hide(disk(path)));
  // --overwrite (pip -I) leaves installed versions alone, but the same
  // version's .dist-info directory is where the new one goes: replace it.
  if (options_.overwrite && file_kind(disk(plan_.dist_info_path)) == FileKind::directory)
    TRY(transaction_->hide(disk(plan_.dist_info_path)));
  return {};
}

Status WheelInstall::place_files() {
  std::vector<std::pair<std::string, std::string>> moves;
  size_t index = 0;
  for (const Placement& placement : plan_.placements) {
    const std::string& temporary = temporaries_[index++];
    if (!temporary.empty())
      moves.emplace_back(temporary, disk(placement.destination));
  }
  for (const GeneratedScript& script : plan_.scripts) {
    const std::string& temporary = temporaries_[index++];
    if (!temporary.empty())
      moves.emplace_back(temporary, disk(script.destination));
  }
  for (const std::string& root : trees_.roots())
    TRY(transaction_->put_tree_in_place(trees_.hidden_root(root), root));
  return transaction_->put_all_in_place(moves);
}

Status WheelInstall::compile_sources() {
  std::vector<CompileFailure> failures;
  TRY_ASSIGN(compiled, compilation_->finish(failures));
  for (const CompileFailure& failure : failures)
    std::fprintf(stderr, "whlinst: warning: %s: cannot compile %s: %s\n", printable_name(wheel_.file_name).c_str(),
                 printable_name(failure.source).c_str(), printable_name(failure.message).c_str());
  for (const CompiledFile& file : compiled) {
    installed_paths_.insert(file.pyc);
    rows_.push_back(RecordRow{record_path_for(file.pyc, plan_.lib_dir), "", "", std::nullopt});
  }
  summary_.compiled = compiled.size();
  return {};
}

std::vector<std::string> WheelInstall::generated_dist_info_names() const {
  std::vector<std::string> names{"INSTALLER"};
  if (options_.requested)
    names.push_back("REQUESTED");
  if (options_.write_direct_url)
    names.push_back("direct_url.json");
  return names;
}

// One of generated_dist_info_names(), which planning checked the wheel does
// not ship.
Status WheelInstall::add_generated(const std::string& name, std::string_view content) {
  installed_paths_.insert(join_path(plan_.dist_info_path, name));
  std::string path = join_path(staging_, name);
  TRY(transaction_->will_create(path));
  TRY_ASSIGN(installed, write_generated(path, content, Executable::no));
  rows_.push_back(installed.record_row(wheel_.dist_info + "/" + name));
  return {};
}

// Of the bytes installed: the snapshot when there is one (not the file
// read again), else the file, which check_unchanged() compares at commit.
Result<std::string> WheelInstall::wheel_sha256() const {
  if (auto bytes = wheel_.archive.bytes_in_memory()) {
    Hasher hasher(HashAlgorithm::sha256);
    hasher.update(*bytes);
    return hasher.finish_hex();
  }
  TRY_ASSIGN(digest, digest_file(summary_.wheel_path, HashAlgorithm::sha256));
  return digest.hex;
}

Status WheelInstall::write_installer_files() {
  TRY(add_generated("INSTALLER", installer_file(options_.installer_name)));
  if (options_.requested)
    TRY(add_generated("REQUESTED", ""));
  if (options_.write_direct_url || options_.wheel_digest) {
    TRY_ASSIGN(digest, wheel_sha256());
    summary_.wheel_sha256 = std::move(digest);
  }
  if (options_.write_direct_url) {
    std::string url = options_.direct_url.value_or(file_url(summary_.wheel_path));
    TRY(add_generated("direct_url.json", direct_url_json(url, summary_.wheel_sha256)));
  }
  std::string record = join_path(staging_, "RECORD");
  TRY(transaction_->will_create(record));
  TRY(write_new_file(record, format_record(rows_)));
  summary_.record = std::move(rows_);
  return {};
}

Status WheelInstall::collect_previous_files() {
  for (const InstalledProject& project : previous_) {
    TRY_ASSIGN(files, installed_files(scheme_.root, project, interpreter_.cache_tag));
    for (std::string& path : files)
      if (!starts_with(path, project.dist_info_path + "/"))
        previous_files_.push_back(std::move(path));
  }
  return {};
}

Status WheelInstall::find_kind_changes() {
  std::vector<std::string> new_files;
  for (const Placement& placement : plan_.placements)
    if (placement.role != FileRole::dist_info)
      new_files.push_back(placement.destination);
  for (const GeneratedScript& script : plan_.scripts)
    new_files.push_back(script.destination);
  DiskProbe probe{[this](const std::string& path) { return file_kind(disk(path)); },
                  [this](const std::string& directory) -> Result<std::vector<std::string>> {
                    TRY_ASSIGN(entries, list_tree(disk(directory)));
                    std::vector<std::string> files;
                    for (const TreeEntry& entry : entries)
                      if (!entry.directory)
                        files.push_back(join_path(directory, entry.relative));
                    return files;
                  }};
  std::set<std::string> previous(previous_files_.begin(), previous_files_.end());
  TRY_ASSIGN(changes, whlinst::find_kind_changes(new_files, previous, probe));
  kind_changes_ = std::move(changes);
  return {};
}

// No directory on the way to a path this install writes or hides is a
// symbolic link (removal_guard.h).
Status WheelInstall::check_confined() const {
  std::vector<std::string> paths = kind_changes_;
  for (const Placement& placement : plan_.placements)
    paths.push_back(placement.destination);
  for (const GeneratedScript& script : plan_.scripts)
    paths.push_back(script.destination);
  return check_no_symlinked_directory(scheme_, paths);
}

std::vector<std::string> WheelInstall::disk_paths(const std::vector<std::string>& final_paths) const {
  std::vector<std::string> paths;
  for (const std::string& path : final_paths)
    paths.push_back(disk(path));
  return paths;
}

Status WheelInstall::check_ownership() {
  std::set<std::string> previous(previous_files_.begin(), previous_files_.end());
  TRY_ASSIGN(warnings, check_file_ownership(plan_, scheme_, previous, *owners_,
                                            options_.overwrite ? OwnedFiles::replace : OwnedFiles::refuse));
  for (const std::string& warning : warnings)
    std::fprintf(stderr, "whlinst: warning: %s: %s\n", printable_name(wheel_.file_name).c_str(),
                 printable_name(warning).c_str());
  return {};
}

// Called once the new version's files, scripts and pyc are all known.
// Paths under a hidden kind change go with it; a path another installed
// project lists stays.
Status WheelInstall::schedule_leftover_removal() {
  std::vector<std::string> leftovers, present;
  for (const std::string& path : previous_files_)
    if (installed_paths_.count(path) == 0 && !under_any(path, kind_changes_)) {
      leftovers.push_back(path);
      if (file_kind(disk(path)) != FileKind::missing)
        present.push_back(path);
    }
  TRY_ASSIGN(owner_by_path, owners_->owners_of(present));
  for (const std::string& path : leftovers) {
    if (owner_by_path.count(path) != 0)
      continue;
    if (auto refusal = removal_refusal(scheme_, path)) {
      if (file_kind(disk(path)) != FileKind::missing)
        std::fprintf(stderr, "whlinst: warning: %s: not removed: %s: %s\n", printable_name(wheel_.file_name).c_str(),
                     printable_name(path).c_str(), printable_name(*refusal).c_str());
      continue;
    }
    TRY(transaction_->remove_at_commit(disk(path), disk(scheme_.owning_directory(path))));
  }
  return {};
}

void WheelInstall::describe_plan() {
  for (const Placement& placement : plan_.placements)
    if (placement.file->entry->name != wheel_.dist_info + "/RECORD")
      summary_.planned.push_back(placement.destination);
  for (const GeneratedScript& script : plan_.scripts)
    summary_.planned.push_back(script.destination);
  for (const Placement& placement : plan_.placements)
    for (const BytecodeTarget& target : placement.bytecode)
      summary_.planned.push_back(target.pyc);
  std::set<std::string> planned(summary_.planned.begin(), summary_.planned.end());
  for (const std::string& path : previous_files_)
    if (planned.count(path) == 0 && file_kind(disk(path)) != FileKind::missing)
      summary_.removed.push_back(path);
}

Result<InstallSummary> WheelInstall::run() {
  TRY(prepare());
  summary_.project = wheel_.name.distribution;
  summary_.version = wheel_.name.version;
  summary_.files = plan_.placements.size();
  summary_.scripts = plan_.scripts.size();
  summary_.wheel_path = absolute_path(wheel_.path);
  summary_.dist_info_path = plan_.dist_info_path;
  if (!options_.force_reinstall && same_version_installed()) {
    summary_.skipped = true;
    return summary_;
  }
  if (options_.dry_run) {
    TRY(collect_previous_files());
    TRY(check_ownership());
    describe_plan();
    return summary_;
  }
  if (progress_)
    progress_->expect(plan_.placements.size());
  step("writing and verifying " + std::to_string(plan_.placements.size()) +
       " files (new directories under hidden names, others beside their final path)");
  TRY(collect_previous_files());
  TRY(check_confined());
  TRY(check_ownership());
  TRY(find_kind_changes());
  TRY(extract_files());
  TRY(write_scripts());
  // Workers read the sources under their temporary names: wait for them
  // before the renames.
  step(options_.compile ? "waiting for byte-compilation" : "byte-compilation off");
  TRY(compile_sources());
  step(previous_.empty() ? "renaming files into place"
                         : "hiding version " + previous_.front().version + ", renaming files into place");
  TRY(check_confined()); // again: a directory may have been replaced meanwhile
  TRY(hide_previous_versions());
  TRY(place_files());
  TRY(schedule_leftover_removal());
  step("writing the .dist-info and committing");
  TRY(write_installer_files());
  TRY(wheel_.archive.check_unchanged()); // everything was read from the file opened
  TRY(transaction_->commit(staging_, disk(plan_.dist_info_path)));
  summary_.not_removed = transaction_->leftovers();
  return summary_;
}
} // namespace

Result<InstallSummary> install_wheel(Wheel& wheel, const Interpreter& interpreter,
                                     const InstallOptions& options, const InstallServices& services) {
  auto start = std::chrono::steady_clock::now();
  WheelInstall install(wheel, interpreter, options, services);
  auto summary = install.run();
  if (!summary)
    return make_error(wheel.file_name, ": ", summary.error().message);
  summary->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

} // namespace whlinst
