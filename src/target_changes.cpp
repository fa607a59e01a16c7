#include "target_changes.h"

#include <set>

namespace whlinst {

namespace {
std::vector<std::string> hidden_paths(const InstallPlan& plan, const TargetSurvey& survey, OwnedFiles policy) {
  std::vector<std::string> hidden;
  for (const InstalledProject& project : survey.previous)
    hidden.push_back(project.dist_info_path);
  hidden.insert(hidden.end(), survey.kind_changes.begin(), survey.kind_changes.end());
  if (policy == OwnedFiles::replace && survey.dist_info_present)
    hidden.push_back(plan.dist_info_path);
  return hidden;
}

std::set<std::string> bytecode_targets(const InstallPlan& plan) {
  std::set<std::string> targets;
  for (const Placement& placement : plan.placements)
    for (const BytecodeTarget& target : plan.bytecode(placement))
      targets.insert(target.pyc);
  return targets;
}

void plan_removals(TargetChanges& changes, const InstallPlan& plan, const TargetSurvey& survey) {
  std::set<std::string> compiled = bytecode_targets(plan);
  for (const PreviousFile& file : survey.not_rewritten) {
    if (file.owner)
      continue;
    if (file.refusal)
      changes.warnings.push_back("not removed: " + file.path + ": " + *file.refusal);
    else if (compiled.count(file.path) != 0)
      changes.removed_unless_compiled.push_back(file.path);
    else
      changes.removed.push_back(file.path);
  }
}
} // namespace

Result<TargetChanges> plan_target_changes(const InstallPlan& plan, const TargetSurvey& survey, OwnedFiles policy) {
  TargetChanges changes;
  TRY_ASSIGN(warnings, ownership_warnings(survey.overwritten, policy));
  changes.warnings = std::move(warnings);
  changes.hidden = hidden_paths(plan, survey, policy);
  changes.fresh_roots = survey.fresh_roots;
  plan_removals(changes, plan, survey);
  return changes;
}

} // namespace whlinst
