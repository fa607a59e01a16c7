#include "project_removal.h"

#include "file_owners.h"
#include "file_system.h"
#include "project_name.h"
#include "removal_guard.h"
#include "text.h"

#include <set>

namespace whlinst {

ProjectRemoval::ProjectRemoval(const Scheme& scheme, const std::string& name, std::string cache_tag,
                               Durability durability, MissingProject missing)
    : scheme_(scheme), name_(name), key_(normalize_project_name(name)), cache_tag_(std::move(cache_tag)),
      durability_(durability), missing_(missing) {}

Status ProjectRemoval::survey() {
  TRY_ASSIGN(found, find_installed(scheme_, key_));
  skipped_ = found.empty() && missing_ == MissingProject::skip;
  if (found.empty() && !skipped_)
    return make_error(name_, ": not installed in ", scheme_.purelib);
  found_ = std::move(found);
  summary_.name = name_;
  if (skipped_)
    return {};
  summary_.name = found_.front().name;
  summary_.version = found_.front().version;
  for (const InstalledProject& project : found_)
    TRY(survey_project(project));
  return {};
}

// Which of the project's files go: those on disk inside the scheme that no
// other installed project lists.
Status ProjectRemoval::survey_project(const InstalledProject& project) {
  TRY_ASSIGN(files, installed_files(scheme_.root, project, cache_tag_));
  // The removable files are moved out of `files`; those on disk are asked
  // about by view: a project of 100,000 files holds each path once.
  std::vector<std::string> removable;
  std::vector<bool> on_disk;
  RemovalGuard guard(scheme_);
  for (std::string& path : files) {
    if (starts_with(path, project.dist_info_path + "/"))
      continue;
    bool present = file_kind(scheme_.on_disk(path)) != FileKind::missing;
    if (auto refusal = guard.refusal(path)) {
      if (present)
        summary_.skipped.push_back(path + ": " + *refusal);
      continue;
    }
    removable.push_back(std::move(path));
    on_disk.push_back(present);
  }
  files = {};
  std::vector<std::string_view> present;
  for (size_t i = 0; i < removable.size(); ++i)
    if (on_disk[i])
      present.push_back(removable[i]);
  FileOwners owners(scheme_, key_, cache_tag_);
  TRY_ASSIGN(owner_by_path, owners.owners_of(present));
  present = {};
  for (size_t i = 0; i < removable.size(); ++i) {
    std::string& path = removable[i];
    if (on_disk[i])
      if (auto owner = owner_by_path.find(path); owner != owner_by_path.end()) {
        summary_.kept.push_back(path + ": also listed by " + owner->second);
        continue;
      }
    summary_.files += on_disk[i];
    removed_.push_back(std::move(path));
  }
  return {};
}

Status ProjectRemoval::prepare(const ExclusiveProjectLock& lock, const SetCommit* set) {
  TRY_ASSIGN(transaction, Transaction::begin(lock, durability_, set));
  transaction_ = std::move(transaction);
  TRY(transaction_->remove_all_at_commit(removed_.size(), [this](size_t i) {
    return ScheduledRemoval{scheme_.on_disk(removed_[i]), scheme_.on_disk(scheme_.owning_directory(removed_[i]))};
  }));
  for (const InstalledProject& project : found_)
    TRY(transaction_->hide(scheme_.on_disk(project.dist_info_path)));
  if (set)
    TRY(transaction_->prepare(DiskPath(), DiskPath()));
  return {};
}

Status ProjectRemoval::commit() {
  TRY(transaction_->commit());
  summary_.not_removed = transaction_->leftovers();
  return {};
}

} // namespace whlinst
