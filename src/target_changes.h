#pragma once
// What an install does to what is already in the target, decided from the
// plan and the survey alone (no I/O): which paths are hidden until the
// commit (and then deleted), which directories are built whole under a
// hidden name, which of the previous version's files are removed at commit,
// and which files of other projects stop the install (or, with --overwrite,
// are replaced with a warning). Together with the InstallPlan this is the
// complete plan (complete_plan.h) that --dry-run prints and the executor
// carries out.

#include "ownership_check.h"
#include "plan.h"
#include "result.h"
#include "target_survey.h"

#include <string>
#include <vector>

namespace whlinst {

struct TargetChanges {
  // Final paths hidden before the new files are put in place, in this order:
  // the installed versions' .dist-info directories, the paths changing kind,
  // and (--overwrite) the same version's .dist-info the new one replaces.
  std::vector<std::string> hidden;
  std::vector<std::string> fresh_roots; // final paths of directories built whole
  std::vector<std::string> removed;     // previous files deleted at commit
  // Previous .pyc files the plan compiles again: deleted at commit when
  // their source does not compile (pip would have uninstalled them).
  std::vector<std::string> removed_unless_compiled;
  // One line each: another project's file replaced (--overwrite), a previous
  // file that must not be removed (removal_guard.h).
  std::vector<std::string> warnings;
};

// Error: an overwritten file of another project under OwnedFiles::refuse.
// A previous file another project lists is kept, silently; one absent from
// disk is not removed.
Result<TargetChanges> plan_target_changes(const InstallPlan& plan, const TargetSurvey& survey, OwnedFiles policy);

} // namespace whlinst
