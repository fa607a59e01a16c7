#include "target_survey.h"

#include "file_owners.h"
#include "file_system.h"
#include "fresh_trees.h"
#include "kind_changes.h"
#include "paths.h"
#include "removal_guard.h"
#include "text.h"

namespace whlinst {

namespace {
Status survey_previous(TargetSurvey& survey, const Scheme& scheme, const SurveyRequest& request) {
  survey.previous = request.previous;
  for (const InstalledProject& project : survey.previous) {
    TRY_ASSIGN(files, installed_files(scheme.root, project, request.cache_tag));
    for (std::string& path : files)
      if (!starts_with(path, project.dist_info_path + "/"))
        survey.previous_files.insert(std::move(path));
  }
  return {};
}

Result<std::vector<std::string>> files_under(const Scheme& scheme, const std::string& directory) {
  TRY_ASSIGN(entries, list_tree(scheme.on_disk(directory)));
  std::vector<std::string> files;
  for (const TreeEntry& entry : entries)
    if (!entry.directory)
      files.push_back(join_path(directory, entry.relative));
  return files;
}

Status survey_kind_changes(TargetSurvey& survey, const std::vector<std::string_view>& files, const Scheme& scheme) {
  DiskProbe probe{[&scheme](const std::string& path) { return file_kind(scheme.on_disk(path)); },
                  [&scheme](const std::string& directory) { return files_under(scheme, directory); }};
  TRY_ASSIGN(changes, find_kind_changes(files, survey.previous_files, probe));
  survey.kind_changes = std::move(changes);
  return {};
}

// A directory replaced by a kind change is not there for the new files.
void survey_fresh_roots(TargetSurvey& survey, const std::set<std::string>& directories, const Scheme& scheme) {
  const std::vector<std::string>& replaced = survey.kind_changes;
  survey.fresh_roots = fresh_roots_of_directories(directories, [&](const std::string& directory) {
    return file_kind(scheme.on_disk(directory)) != FileKind::missing && !under_any(directory, replaced);
  });
}

Status survey_not_rewritten(TargetSurvey& survey, const std::vector<std::string_view>& files, const Scheme& scheme,
                            FileOwners& owners) {
  if (survey.previous_files.empty())
    return {};
  std::set<std::string_view> written(files.begin(), files.end());
  std::vector<std::string_view> present; // views into previous_files
  RemovalGuard guard(scheme);
  for (const std::string& path : survey.previous_files) {
    if (written.count(path) != 0 || under_any(path, survey.kind_changes))
      continue;
    if (file_kind(scheme.on_disk(path)) == FileKind::missing)
      continue; // nothing to remove
    present.push_back(path);
    survey.not_rewritten.push_back({path, std::nullopt, guard.refusal(path)});
  }
  TRY_ASSIGN(owner_by_path, owners.owners_of(present));
  for (PreviousFile& file : survey.not_rewritten)
    if (auto owner = owner_by_path.find(file.path); owner != owner_by_path.end())
      file.owner = owner->second;
  return {};
}
} // namespace

namespace {
enum class DistInfo { skipped, included };

// Adds the directories holding the placements' files (the .dist-info's
// too when `dist_info` says so) and the scripts': a run of files in one
// directory, the usual archive order, makes one path.
void insert_directories(std::set<std::string>& directories, const InstallPlan& plan, DistInfo dist_info) {
  const Placement* last = nullptr;
  std::string_view last_parent;
  for (const Placement& placement : plan.placements) {
    if (placement.role == FileRole::dist_info && dist_info == DistInfo::skipped)
      continue;
    std::string_view path = std::string_view(placement.file->entry->name).substr(placement.name_start);
    size_t slash = path.rfind('/');
    std::string_view parent = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    if (last != nullptr && placement.directory == last->directory && parent == last_parent)
      continue;
    last = &placement;
    last_parent = parent;
    directories.insert(parent_path(placement.destination()));
  }
  for (const GeneratedScript& script : plan.scripts)
    directories.insert(parent_path(script.destination));
}
} // namespace

std::set<std::string> confined_directories(const InstallPlan& plan, const std::vector<std::string>& kind_changes) {
  std::set<std::string> directories;
  for (const std::string& path : kind_changes)
    directories.insert(parent_path(path));
  insert_directories(directories, plan, DistInfo::included);
  return directories;
}

StringList planned_files(const InstallPlan& plan) {
  StringList files;
  files.views.reserve(plan.placements.size() + plan.scripts.size());
  for (const Placement& placement : plan.placements)
    if (placement.role != FileRole::dist_info)
      files.add(placement.destination());
  for (const GeneratedScript& script : plan.scripts)
    files.views.push_back(script.destination);
  return files;
}

Result<TargetSurvey> survey_target(const InstallPlan& plan, const Scheme& scheme, const SurveyRequest& request) {
  TargetSurvey survey;
  TRY(survey_previous(survey, scheme, request));
  // Each planned file matters only beside previous files (kind changes,
  // files not rewritten); the fresh trees need only their directories.
  StringList planned = survey.previous_files.empty() ? StringList() : planned_files(plan);
  const std::vector<std::string_view>& files = planned.views;
  TRY(survey_kind_changes(survey, files, scheme));
  TRY(check_no_symlinked_directories(scheme, confined_directories(plan, survey.kind_changes)));
  std::set<std::string> directories;
  insert_directories(directories, plan, DistInfo::skipped);
  survey_fresh_roots(survey, directories, scheme);
  FileOwners owners(scheme, request.project_key, request.cache_tag);
  TRY_ASSIGN(overwritten, find_overwritten_files(plan, scheme, survey.previous_files, owners, survey.fresh_roots));
  survey.overwritten = std::move(overwritten);
  TRY(survey_not_rewritten(survey, files, scheme, owners));
  survey.dist_info_present = file_kind(scheme.on_disk(plan.dist_info_path)) == FileKind::directory;
  return survey;
}

} // namespace whlinst
