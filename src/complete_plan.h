#pragma once
// The complete plan of one wheel's install, computed before anything is
// touched: where every file of the wheel goes (InstallPlan, with its .pyc
// targets and generated scripts), what happens to what the target already
// holds (TargetChanges), and the .dist-info files the installer writes
// itself. --dry-run prints it; execute_plan (plan_execution.h) carries it
// out and decides nothing.

#include "dist_info_files.h"
#include "plan.h"
#include "scheme.h"
#include "string_arena.h"
#include "target_changes.h"

#include <memory>
#include <string>
#include <vector>

namespace whlinst {

struct CompletePlan {
  Scheme scheme;
  InstallPlan files;
  TargetChanges target;
  std::vector<GeneratedFile> generated;
  // The wheel's digests (WheelContents::digests), which the rows of the
  // placements' files view: the installed RECORD's rows hold them.
  std::shared_ptr<const StringArena> wheel_digests;
};

} // namespace whlinst
