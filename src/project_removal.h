#pragma once
// One project's removal in phases, so that `whlinst uninstall` (one
// transaction) and `whlinst sync` (a member of a set, set_commit.h) run the
// same steps:
//   1. survey(), under the project's lock: the installed versions, which of
//      their listed files go and which stay (outside the scheme, behind a
//      symbolic link, listed by another project);
//   2. prepare(): inside a transaction, the .dist-info hidden (the project
//      disappears at once) and every file scheduled for removal at commit;
//   3. commit(): the removals, and directories left empty pruned.
// Destroying it after prepare() and before commit() rolls the removal back
// (unless its set has decided).

#include "installed_project.h"
#include "project_lock.h"
#include "result.h"
#include "scheme.h"
#include "set_commit.h"
#include "set_member.h"
#include "transaction.h"
#include "uninstaller.h"

#include <memory>
#include <string>
#include <vector>

namespace whlinst {

// What a removal does when the project is not installed (any more, when
// another process removed it since it was listed).
enum class MissingProject { error, skip };

class ProjectRemoval : public SetMember {
public:
  // `scheme` must outlive it.
  ProjectRemoval(const Scheme& scheme, const std::string& name, std::string cache_tag, Durability durability,
                 MissingProject missing = MissingProject::error);
  ProjectRemoval(const ProjectRemoval&) = delete;
  ProjectRemoval& operator=(const ProjectRemoval&) = delete;

  std::string project_key() const override { return key_; }

  // Error: `NAME: not installed in PURELIB` (unless skipped), unreadable RECORD, I/O.
  Status survey() override;
  bool skipped() const override { return skipped_; }
  Status prepare(const ExclusiveProjectLock& lock, const SetCommit* set) override;
  Status commit() override;

  // What was (or, before commit, will be) done.
  const UninstallSummary& summary() const { return summary_; }

private:
  Status survey_project(const InstalledProject& project);

  const Scheme& scheme_;
  std::string name_, key_, cache_tag_;
  Durability durability_;
  MissingProject missing_;
  bool skipped_ = false;
  std::vector<InstalledProject> found_;
  std::vector<std::string> removed_; // final paths removed at commit
  std::unique_ptr<Transaction> transaction_;
  UninstallSummary summary_;
};

} // namespace whlinst
