#pragma once
// The survey of the target: everything an install of one wheel depends on
// in the scheme, read once, before anything is touched (under the project
// lock; without it for --dry-run): the installed versions of the project and
// their files, paths changing kind, the directories the install creates, the
// other projects' files it would overwrite, and the facts about the previous
// version's files it does not rewrite. plan_target_changes
// (target_changes.h) decides from these values alone; nothing later looks
// at the target again except to re-check for symbolic links just before the
// renames (removal_guard.h).

#include "installed_project.h"
#include "ownership_check.h"
#include "plan.h"
#include "result.h"
#include "scheme.h"
#include "string_arena.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// A file of the previous version that the new one does not write (a .pyc it
// may write again when compiling succeeds).
struct PreviousFile {
  std::string path;                    // final; on disk when surveyed
  std::optional<std::string> owner;    // another installed project lists it ("NAME VERSION")
  std::optional<std::string> refusal;  // why it must not be removed (removal_guard.h)
};

struct TargetSurvey {
  std::vector<InstalledProject> previous;   // SurveyRequest::previous
  std::set<std::string> previous_files;     // their files, final paths, their .dist-info excluded
  std::vector<std::string> kind_changes;    // final paths changing kind (kind_changes.h)
  std::vector<std::string> fresh_roots;     // final paths of the directories the install creates
  std::vector<OverwrittenFile> overwritten; // other projects' files written over with other bytes
  std::vector<PreviousFile> not_rewritten;  // previous files on disk outside the plan and the kind changes
  bool dist_info_present = false;           // the new .dist-info's path is a directory already
};

struct SurveyRequest {
  std::string project_key; // normalized name of the project installed
  std::string cache_tag;   // the interpreter's, to list the previous version's pyc
  // The installed versions the install replaces (find_installed; none with
  // --overwrite, pip -I), found first to skip a version already installed.
  std::vector<InstalledProject> previous;
};

// Errors: a directory on the way to a planned path is a symbolic link
// (removal_guard.h), an installed RECORD or directory cannot be read.
Result<TargetSurvey> survey_target(const InstallPlan& plan, const Scheme& scheme, const SurveyRequest& request);

// Final paths of every file the plan writes outside its .dist-info: package
// and data files, then generated scripts (the .pyc targets aside; the
// scripts' view the plan's strings).
StringList planned_files(const InstallPlan& plan);

// The directories holding the final paths an install writes or hides, none
// of them to be reached through a symbolic link to a directory
// (check_no_symlinked_directories): every placement's, every script's and the
// kind changes'.
std::set<std::string> confined_directories(const InstallPlan& plan, const std::vector<std::string>& kind_changes);

} // namespace whlinst
