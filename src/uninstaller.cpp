#include "uninstaller.h"

#include "file_owners.h"
#include "file_system.h"
#include "installed_project.h"
#include "paths.h"
#include "project_lock.h"
#include "project_name.h"
#include "removal_guard.h"
#include "text.h"
#include "transaction.h"

#include <set>

namespace whlinst {

namespace {
Status remove_project(Transaction& transaction, const Scheme& scheme, const InstalledProject& project,
                      const std::string& cache_tag, FileOwners& owners, UninstallSummary& summary) {
  TRY_ASSIGN(files, installed_files(scheme.root, project, cache_tag));
  std::vector<std::string> removable, present;
  for (const std::string& path : files) {
    if (starts_with(path, project.dist_info_path + "/"))
      continue;
    bool on_disk = file_kind(scheme.on_disk(path)) != FileKind::missing;
    if (auto refusal = removal_refusal(scheme, path)) {
      if (on_disk)
        summary.skipped.push_back(path + ": " + *refusal);
      continue;
    }
    removable.push_back(path);
    if (on_disk)
      present.push_back(path);
  }
  TRY_ASSIGN(owner_by_path, owners.owners_of(present));
  std::set<std::string> counted(present.begin(), present.end());
  for (const std::string& path : removable) {
    auto owner = owner_by_path.find(path);
    if (owner != owner_by_path.end()) {
      summary.kept.push_back(path + ": also listed by " + owner->second);
      continue;
    }
    summary.files += counted.count(path);
    TRY(transaction.remove_at_commit(scheme.on_disk(path), scheme.on_disk(scheme.owning_directory(path))));
  }
  return transaction.hide(scheme.on_disk(project.dist_info_path));
}
} // namespace

Result<UninstallSummary> uninstall_project(const Scheme& scheme, const std::string& name,
                                           const std::string& cache_tag, const LockWait& wait,
                                           Durability durability) {
  std::string key = normalize_project_name(name);
  TRY_ASSIGN(lock, lock_project_for_change(scheme, key, wait));
  TRY_ASSIGN(found, find_installed(scheme, key));
  if (found.empty())
    return make_error(name, ": not installed in ", scheme.purelib);
  TRY_ASSIGN(transaction, Transaction::begin(lock, durability));
  UninstallSummary summary{found.front().name, found.front().version, 0, {}, {}, {}};
  FileOwners owners(scheme, key, cache_tag);
  for (const InstalledProject& project : found)
    TRY(remove_project(*transaction, scheme, project, cache_tag, owners, summary));
  TRY(transaction->commit());
  summary.not_removed = transaction->leftovers();
  return summary;
}

} // namespace whlinst
