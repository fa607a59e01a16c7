#include "requirement_resolution.h"

#include "paths.h"
#include "text.h"
#include "wheel_name.h"
#include "wheel_selection.h"

#include <algorithm>
#include <map>

namespace whlinst {

namespace {
bool pinned_exactly(const Requirement& requirement) {
  const auto& clauses = requirement.specifiers.specifiers;
  return clauses.size() == 1 && !clauses[0].wildcard &&
         (clauses[0].op == Operator::equal || clauses[0].op == Operator::arbitrary);
}

Status check_hash_mode(const InstallInput& input, const ResolvedWheel& wheel) {
  if (input.hashes.empty()) {
    auto digest = digest_file(wheel.path, HashAlgorithm::sha256);
    return make_error("no --hash: in hash-checking mode (--require-hashes, or any requirement with --hash) every "
                      "requirement needs one (", std::string(base_name(wheel.path)), " has --hash=sha256:",
                      digest ? digest->hex : "?", ")");
  }
  return {};
}

Result<ResolvedWheel> resolve_by_name(const Requirement& requirement, const ResolutionContext& context) {
  if (context.store == nullptr || !context.store->has_locations())
    return make_error("a requirement, not a wheel file: give --find-links DIR to find its wheel");
  const auto& candidates = context.store->wheels_of(requirement.project_key());
  TRY_ASSIGN(ranked, rank_wheels(candidates, requirement.specifiers, context.pre, *context.tags,
                                 requirement.name + requirement.specifier_text, describe_locations(*context.store)));
  ResolvedWheel wheel;
  wheel.path = ranked.front()->path;
  wheel.origin = WheelOrigin::found;
  for (size_t i = 1; i < ranked.size(); ++i)
    wheel.fallbacks.push_back(ranked[i]->path);
  return wheel;
}

// The wheel one input names; nullopt when its marker is false.
Result<std::optional<ResolvedWheel>> resolve_one(const InstallInput& input, const ResolutionContext& context) {
  ResolvedWheel wheel;
  if (input.requirement) {
    TRY_ASSIGN(applies, input.requirement->applies(context.environment));
    if (!applies)
      return std::optional<ResolvedWheel>();
    wheel.extras = input.requirement->extras;
  }
  if (input.path) {
    wheel.path = *input.path;
    auto name = parse_wheel_name(base_name(wheel.path));
    if (input.requirement && name && name->project_key() != input.requirement->project_key())
      return make_error("the URL names a wheel of ", name->distribution, ", not of ", input.requirement->name);
  } else {
    TRY_ASSIGN(found, resolve_by_name(*input.requirement, context));
    wheel.path = found.path;
    wheel.origin = found.origin;
    wheel.fallbacks = std::move(found.fallbacks);
  }
  wheel.hashes = input.hashes;
  wheel.asked_as = input.describe();
  return std::optional<ResolvedWheel>(std::move(wheel));
}

std::string project_of(const std::string& path) {
  auto name = parse_wheel_name(base_name(path));
  return name ? name->project_key() : path;
}

// A second input for a project already resolved: the same file merges
// (extras and pins added), another one is an error.
Status merge_duplicate(ResolvedWheel& existing, ResolvedWheel wheel) {
  if (normalize_path(existing.path) != normalize_path(wheel.path))
    return make_error("conflicts with ", existing.asked_as, ": ", std::string(base_name(wheel.path)), " and ",
                      std::string(base_name(existing.path)), " are two wheels of one project");
  for (std::string& extra : wheel.extras)
    if (std::find(existing.extras.begin(), existing.extras.end(), extra) == existing.extras.end())
      existing.extras.push_back(std::move(extra));
  if (existing.origin == WheelOrigin::found)
    existing.origin = wheel.origin;
  return {};
}
} // namespace

bool hash_checking(const std::vector<InstallInput>& inputs, RequireHashes require_hashes) {
  return require_hashes == RequireHashes::yes ||
         std::any_of(inputs.begin(), inputs.end(), [](const InstallInput& input) { return !input.hashes.empty(); });
}

std::string describe_locations(const WheelStore& store) {
  if (!store.has_locations())
    return "no --find-links location";
  return join(store.locations(), ", ");
}

Result<std::vector<ResolvedWheel>> resolve_inputs(const std::vector<InstallInput>& inputs,
                                                  const ResolutionContext& context) {
  bool checking = hash_checking(inputs, context.require_hashes);
  std::vector<ResolvedWheel> resolved;
  std::map<std::string, size_t> by_project;
  for (const InstallInput& input : inputs) {
    if (checking && !input.path && input.requirement && !pinned_exactly(*input.requirement))
      return make_error(input.describe(), ": in hash-checking mode a requirement must be pinned with == or ===");
    auto wheel = resolve_one(input, context);
    Status valid = wheel ? (checking && *wheel ? check_hash_mode(input, **wheel) : Status{}) : Status{wheel.error()};
    if (!valid)
      return make_error(input.describe(), ": ", valid.error().message);
    if (!*wheel)
      continue;
    std::string key = project_of((*wheel)->path);
    if (auto found = by_project.find(key); found != by_project.end()) {
      if (Status merged = merge_duplicate(resolved[found->second], std::move(**wheel)); !merged)
        return make_error(input.describe(), ": ", merged.error().message);
      continue;
    }
    by_project[key] = resolved.size();
    resolved.push_back(std::move(**wheel));
  }
  return resolved;
}

Status check_pinned_hashes(const ResolvedWheel& wheel) {
  if (wheel.hashes.empty())
    return {};
  std::vector<std::string> expected;
  std::string got;
  for (const PinnedHash& pin : wheel.hashes) {
    TRY_ASSIGN(digest, digest_file(wheel.path, pin.algorithm));
    if (digest.hex == pin.hex)
      return {};
    std::string name(hash_algorithm_name(pin.algorithm));
    expected.push_back(name + ":" + pin.hex);
    if (got.find(name + ":") == std::string::npos)
      got += (got.empty() ? "" : ", ") + name + ":" + digest.hex;
  }
  return make_error(wheel.asked_as, ": hash mismatch for ", wheel.path, ": expected ", join(expected, " or "),
                    ", got ", got);
}

} // namespace whlinst
