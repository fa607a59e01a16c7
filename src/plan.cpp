#include "plan.h"

#include "bytecode.h"
#include "destination_check.h"
#include "paths.h"
#include "reserved_scripts.h"
#include "text.h"
#include "utf8.h"

#include <algorithm>

namespace whlinst {

std::string Placement::destination() const {
  return join_path(*directory, std::string_view(file->entry->name).substr(name_start));
}

const std::string* InstallPlan::directory(const std::string& path) {
  for (const std::shared_ptr<const std::string>& held : directories_)
    if (*held == path)
      return held.get();
  return directories_.emplace_back(std::make_shared<const std::string>(path)).get();
}

namespace {
Result<Placement> place_data_entry(const ExpectedFile& file, size_t data_start, const Scheme& scheme,
                                   InstallPlan& plan) {
  std::string_view inside_data = std::string_view(file.entry->name).substr(data_start);
  size_t slash = inside_data.find('/');
  std::string_view category = inside_data.substr(0, slash);
  auto key = scheme_key_named(category);
  if (!key)
    return entry_error(file.entry->name, "unknown .data category '", std::string(category), "'");
  if (slash == std::string_view::npos)
    return entry_error(file.entry->name, "file directly in a .data directory");
  Placement placement;
  placement.file = &file;
  placement.directory = plan.directory(scheme.directory(*key));
  placement.name_start = static_cast<uint32_t>(data_start + slash + 1);
  placement.role = *key == SchemeKey::scripts ? FileRole::data_script : FileRole::package;
  return placement;
}

Result<Placement> place_entry(const WheelContents& wheel, const ExpectedFile& file, const Scheme& scheme,
                              InstallPlan& plan) {
  std::string_view name = file.entry->name;
  if (wheel.data_dir && starts_with(name, *wheel.data_dir + "/"))
    return place_data_entry(file, wheel.data_dir->size() + 1, scheme, plan);
  Placement placement;
  placement.file = &file;
  placement.directory = plan.directory(plan.lib_dir);
  placement.role = starts_with(name, wheel.dist_info + "/") ? FileRole::dist_info : FileRole::package;
  return placement;
}
// An entry-point script name must be a plain file name in the scripts
// directory: "../../x" would be written outside the scheme.
Status check_script_name(std::string_view name) {
  bool plain = !name.empty() && name != "." && name != ".." && std::none_of(name.begin(), name.end(), [](char c) {
    return c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
  if (!plain)
    return make_error("entry point script name '", printable_name(name), "' is not a plain file name");
  return {};
}

// How an entry-point script's entry reads in messages: "console_scripts
// entry point 'name = value'" (the last definition, as pip keeps it).
std::string describe_entry_point(const ScriptSpec& spec, const std::vector<EntryPoint>& entry_points) {
  for (auto entry = entry_points.rbegin(); entry != entry_points.rend(); ++entry)
    if (entry->name == spec.name && (entry->group == "console_scripts" || entry->group == "gui_scripts"))
      return entry->group + " entry point '" + printable_name(entry->name) + " = " + printable_name(entry->value) + "'";
  return "entry point script " + printable_name(spec.name);
}

// A script named like the environment's interpreter is refused, one named
// like an activation script is a warning (reserved_scripts.h). `what` names
// the entry or the entry point that installs it.
Status check_reserved_script(std::string_view name, const std::string& what, InstallPlan& plan) {
  std::string quoted = "'" + printable_name(name) + "'";
  switch (classify_script_name(name)) {
  case ScriptNameKind::interpreter:
    return make_error(what, ": the script name ", quoted, " is reserved for the environment's interpreter");
  case ScriptNameKind::activation:
    plan.warnings.push_back(what + ": the script name " + quoted +
                            " is that of a venv's activation script; installing anyway");
    return {};
  case ScriptNameKind::ordinary: return {};
  }
  return {};
}

} // namespace

bool is_entry_point_wrapper(std::string_view script_path, const std::vector<EntryPoint>& entry_points) {
  std::string_view name = script_path.substr(script_path.rfind('/') + 1);
  std::string lowered = to_lower(name);
  for (std::string_view suffix : {".exe", "-script.py", ".pya"})
    if (ends_with(lowered, suffix)) {
      name.remove_suffix(suffix.size());
      break;
    }
  return std::any_of(entry_points.begin(), entry_points.end(), [&](const EntryPoint& entry_point) {
    return (entry_point.group == "console_scripts" || entry_point.group == "gui_scripts") && entry_point.name == name;
  });
}

std::string record_path_for(const std::string& destination, const std::string& lib_dir) {
  return relative_path(destination, lib_dir);
}

namespace {
// Places every file of the wheel (but the dropped wrappers) in
// plan.placements, noting its destination in `check`.
template <typename Check>
Status place_files(const WheelContents& wheel, const Scheme& scheme, InstallPlan& plan, Check& check) {
  std::string scripts_dir = normalize_path(scheme.scripts);
  for (const ExpectedFile& file : wheel.files) {
    TRY_ASSIGN(placement, place_entry(wheel, file, scheme, plan));
    if (placement.role == FileRole::data_script && is_entry_point_wrapper(file.entry->name, wheel.entry_points)) {
      plan.dropped_wrappers.push_back(&file);
      continue;
    }
    std::string destination = placement.destination();
    if (placement.role != FileRole::dist_info && starts_with(destination, plan.dist_info_path + "/"))
      return entry_error(file.entry->name, "installs into the .dist-info directory from outside it");
    placement.executable = file.entry->is_executable();
    const Placement& placed = plan.placements.emplace_back(placement);
    if (auto owner = check.note(destination, file.entry->name))
      return entry_error(file.entry->name, "installs to the same path as ", *owner);
    if (placed.role != FileRole::dist_info && normalize_path(parent_path(destination)) == scripts_dir)
      TRY(check_reserved_script(base_name(destination), std::string(file.entry->name), plan));
  }
  return {};
}

template <typename Check>
Status place_scripts(const WheelContents& wheel, const Scheme& scheme, const std::vector<ScriptSpec>& scripts,
                     const std::string& interpreter, InstallPlan& plan, Check& check) {
  for (const ScriptSpec& spec : scripts) {
    TRY(check_script_name(spec.name));
    TRY(check_reserved_script(spec.name, describe_entry_point(spec, wheel.entry_points), plan));
    GeneratedScript& script = plan.scripts.emplace_back();
    script.destination = join_path(scheme.scripts, spec.name);
    script.record_path = record_path_for(script.destination, plan.lib_dir);
    script.content = entry_point_script(spec, interpreter);
    if (auto owner = check.note(script.destination, "entry point " + spec.name))
      return make_error("entry point script ", spec.name, " collides with ", *owner);
  }
  return {};
}

template <typename Check>
Result<InstallPlan> plan_checked(const WheelContents& wheel, const Scheme& scheme,
                                 const std::vector<ScriptSpec>& scripts, const std::string& interpreter) {
  InstallPlan plan;
  plan.lib_dir = wheel.info.root_is_purelib ? scheme.purelib : scheme.platlib;
  plan.dist_info_path = join_path(plan.lib_dir, wheel.dist_info);
  plan.placements.reserve(wheel.files.size()); // a vector grown by doubling holds up to twice its elements
  Check check(wheel.files.size() + scripts.size(), plan.lib_dir);
  TRY(place_files(wheel, scheme, plan, check));
  TRY(place_scripts(wheel, scheme, scripts, interpreter, plan, check));
  TRY(check.check());
  return plan;
}
} // namespace

// Planned with the destinations screened by hash (8 bytes each, none
// kept); planned again, every destination kept, when the screen cannot
// tell or anything fails, so that the refusal is the one the first problem
// in installation order gives.
Result<InstallPlan> plan_install(const WheelContents& wheel, const Scheme& scheme,
                                 const std::vector<ScriptSpec>& scripts, const std::string& interpreter) {
  if (auto plan = plan_checked<DestinationScreen>(wheel, scheme, scripts, interpreter))
    return plan;
  return plan_checked<DestinationOwners>(wheel, scheme, scripts, interpreter);
}

void plan_bytecode(InstallPlan& plan, const std::string& cache_tag, const std::vector<int>& levels) {
  plan.cache_tag = cache_tag;
  plan.bytecode_levels = levels;
  for (Placement& placement : plan.placements)
    placement.compiled =
        !levels.empty() && placement.role != FileRole::dist_info && ends_with(placement.file->entry->name, ".py");
}

std::vector<BytecodeTarget> InstallPlan::bytecode(const Placement& placement) const {
  std::vector<BytecodeTarget> targets;
  if (!placement.compiled)
    return targets;
  std::string destination = placement.destination();
  for (int level : bytecode_levels)
    targets.push_back({level, cache_path_for(destination, cache_tag, level)});
  return targets;
}

Status check_generated_dist_info(const InstallPlan& plan, const std::vector<std::string>& generated_names) {
  // Only .dist-info files install into the .dist-info (plan_install).
  for (const Placement& placement : plan.placements) {
    if (placement.role != FileRole::dist_info)
      continue;
    std::string destination = placement.destination();
    for (const std::string& name : generated_names)
      if (destination == join_path(plan.dist_info_path, name))
        return entry_error(placement.file->entry->name, "must not be shipped in the wheel");
  }
  return {};
}

} // namespace whlinst
