#include "dependencies.h"

#include "project_name.h"
#include "text.h"
#include "wheel_selection.h"

#include <algorithm>

namespace whlinst {

namespace {
// The requirement without its marker, as pip names it in its warnings.
std::string short_text(const Requirement& requirement) {
  std::string text = requirement.name;
  if (!requirement.extras.empty())
    text += "[" + join(requirement.extras, ",") + "]";
  return text + requirement.specifier_text;
}

bool same_demand(const Requirement& a, const std::string& from_a, const Requirement& b, const std::string& from_b) {
  return from_a == from_b && a.to_string() == b.to_string();
}

SpecifierSet combined(const std::vector<Requirement>& requirements) {
  SpecifierSet set;
  for (const Requirement& requirement : requirements)
    set.specifiers.insert(set.specifiers.end(), requirement.specifiers.specifiers.begin(),
                          requirement.specifiers.specifiers.end());
  return set;
}

void add_missing(std::vector<std::string>& to, const std::vector<std::string>& extras) {
  for (const std::string& extra : extras)
    if (std::find(to.begin(), to.end(), extra) == to.end())
      to.push_back(extra);
}
} // namespace

DependencyCollector::DependencyCollector(const ResolutionContext& context,
                                         std::map<std::string, PresentProject> installed)
    : context_(context), installed_(std::move(installed)) {}

void DependencyCollector::add(const std::string& name, const Version& version,
                              const std::vector<std::string>& requires_dist, const std::vector<std::string>& extras) {
  Chosen& project = chosen_[normalize_project_name(name)];
  if (!project.added) {
    project.name = name;
    project.version = version;
  }
  project.added = true;
  project.requires_dist = requires_dist;
  add_missing(project.extras, extras);
  queue_requirements(project, project.extras);
}

void DependencyCollector::queue_requirements(const Chosen& project, const std::vector<std::string>& extras) {
  std::string from = project.name + " " + to_string(project.version);
  for (const std::string& text : project.requires_dist) {
    auto requirement = parse_requirement(text);
    if (!requirement) {
      parse_warnings_.push_back(from + ": Requires-Dist ignored: " + requirement.error().message);
      continue;
    }
    auto applies = requirement->applies(context_.environment, extras);
    if (!applies) {
      parse_warnings_.push_back(from + ": Requires-Dist ignored: " + applies.error().message);
      continue;
    }
    if (*applies)
      queue_.push_back(Demand{from, std::move(*requirement)});
  }
}

bool DependencyCollector::installed_satisfies(const std::string& key) const {
  auto present = installed_.find(key);
  if (present == installed_.end() || !present->second.version)
    return false;
  auto demands = demands_.find(key);
  return demands == demands_.end() ||
         std::all_of(demands->second.begin(), demands->second.end(), [&](const Demand& demand) {
           return demand.requirement.specifiers.contains(*present->second.version);
         });
}

Result<std::optional<ResolvedWheel>> DependencyCollector::satisfy(const Demand& demand) {
  std::string key = demand.requirement.project_key();
  auto& seen = demands_[key];
  if (std::any_of(seen.begin(), seen.end(), [&](const Demand& other) {
        return same_demand(other.requirement, other.from, demand.requirement, demand.from);
      }))
    return std::optional<ResolvedWheel>();
  seen.push_back(demand);
  if (auto chosen = chosen_.find(key); chosen != chosen_.end()) {
    Chosen& project = chosen->second;
    size_t before = project.extras.size();
    add_missing(project.extras, demand.requirement.extras);
    if (project.added && project.extras.size() != before)
      queue_requirements(project, project.extras);
    return std::optional<ResolvedWheel>();
  }
  if (installed_satisfies(key))
    return std::optional<ResolvedWheel>();
  std::vector<Requirement> all;
  for (const Demand& each : seen)
    all.push_back(each.requirement);
  std::string text = short_text(demand.requirement);
  auto selected = rank_wheels(context_.store->wheels_of(key), combined(all), context_.pre, *context_.tags, text,
                              describe_locations(*context_.store));
  if (!selected) {
    unfound_[key] = selected.error().message;
    return std::optional<ResolvedWheel>();
  }
  if (hash_checking_)
    return make_error(text, " (required by ", demand.from,
                      ") has no pinned --hash: in hash-checking mode list it with --hash, or use --no-deps");
  const StoredWheel& best = *selected->front();
  chosen_[key] = Chosen{best.name.distribution, best.version, {}, demand.requirement.extras, false};
  ResolvedWheel wheel{best.path, WheelOrigin::found, Requested::no, demand.requirement.extras, {},
                      text + " (required by " + demand.from + ")", {}, {}};
  for (size_t i = 1; i < selected->size(); ++i)
    wheel.fallbacks.push_back((*selected)[i]->path);
  return std::optional<ResolvedWheel>(std::move(wheel));
}

Result<std::vector<ResolvedWheel>> DependencyCollector::next_wheels() {
  std::vector<ResolvedWheel> wheels;
  while (!queue_.empty()) {
    Demand demand = std::move(queue_.front());
    queue_.erase(queue_.begin());
    TRY_ASSIGN(wheel, satisfy(demand));
    if (wheel)
      wheels.push_back(std::move(*wheel));
  }
  return wheels;
}

std::vector<std::string> DependencyCollector::warnings() const {
  std::vector<std::string> lines = parse_warnings_;
  for (const auto& [key, demands] : demands_)
    for (const Demand& demand : demands) {
      std::string head = demand.from + " requires " + short_text(demand.requirement);
      if (auto chosen = chosen_.find(key); chosen != chosen_.end()) {
        if (!demand.requirement.specifiers.contains(chosen->second.version))
          lines.push_back(head + ", but " + chosen->second.name + " " + to_string(chosen->second.version) +
                          " is being installed, which is incompatible");
      } else if (auto present = installed_.find(key); present != installed_.end()) {
        if (!present->second.version || !demand.requirement.specifiers.contains(*present->second.version))
          lines.push_back(head + ", but you have " + present->second.name + " " +
                          (present->second.version ? to_string(*present->second.version) : "?") +
                          " which is incompatible" +
                          (unfound_.count(key) ? " (" + unfound_.at(key) + ")" : ""));
      } else {
        auto reason = unfound_.find(key);
        lines.push_back(head + ", which is not installed" +
                        (reason != unfound_.end() ? " (" + reason->second + ")" : ""));
      }
    }
  return lines;
}

} // namespace whlinst
