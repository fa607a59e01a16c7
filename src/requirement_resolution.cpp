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

// An input whose marker holds for the target, with the project it names.
struct ApplicableInput {
  const InstallInput* input;
  std::string project; // normalized name
};

Result<std::optional<ApplicableInput>> applicable(const InstallInput& input, const ResolutionContext& context) {
  if (input.requirement) {
    TRY_ASSIGN(applies, input.requirement->applies(context.environment));
    if (!applies)
      return std::optional<ApplicableInput>();
    if (input.path) {
      auto name = parse_wheel_name(base_name(*input.path));
      if (name && name->project_key() != input.requirement->project_key())
        return make_error("the URL names a wheel of ", name->distribution, ", not of ", input.requirement->name);
    }
    return std::optional<ApplicableInput>(ApplicableInput{&input, input.requirement->project_key()});
  }
  auto name = parse_wheel_name(base_name(*input.path));
  return std::optional<ApplicableInput>(ApplicableInput{&input, name ? name->project_key() : *input.path});
}

// Every input of one project, in order: pip's resolver takes them together.
using ProjectInputs = std::vector<const InstallInput*>;

// The wheel file the inputs name: one path at most (two different files of
// one project are an error), or "" when none does.
Result<std::string> named_file(const ProjectInputs& inputs) {
  const InstallInput* first = nullptr;
  for (const InstallInput* input : inputs) {
    if (!input->path)
      continue;
    if (first != nullptr && normalize_path(*first->path) != normalize_path(*input->path))
      return make_error(input->describe(), ": conflicts with ", first->describe(), ": ",
                        std::string(base_name(*input->path)), " and ", std::string(base_name(*first->path)),
                        " are two wheels of one project");
    if (first == nullptr)
      first = input;
  }
  return first != nullptr ? *first->path : std::string();
}

// Every version clause of the inputs' requirements (all must hold), and
// their text: "six" and ">=1.0,<2".
struct Demand {
  std::string name; // the first requirement's, as written
  SpecifierSet specifiers;
  std::string specifier_text;
};

Demand demand_of(const ProjectInputs& inputs) {
  Demand demand;
  std::vector<std::string> texts;
  for (const InstallInput* input : inputs) {
    if (!input->requirement)
      continue;
    const auto& clauses = input->requirement->specifiers.specifiers;
    demand.specifiers.specifiers.insert(demand.specifiers.specifiers.end(), clauses.begin(), clauses.end());
    if (demand.name.empty())
      demand.name = input->requirement->name;
    if (!input->requirement->specifier_text.empty())
      texts.push_back(input->requirement->specifier_text);
  }
  demand.specifier_text = join(texts, ",");
  return demand;
}

// A named file must satisfy every specifier given for its project.
Status check_named_file(const std::string& path, const Demand& demand) {
  if (demand.specifiers.specifiers.empty())
    return {};
  auto name = parse_wheel_name(base_name(path));
  auto version = name ? parse_version(name->version) : Result<Version>(make_error("no version"));
  if (version && demand.specifiers.contains(*version))
    return {};
  return make_error(std::string(base_name(path)), " does not satisfy ", demand.name, demand.specifier_text);
}

// pip's Hashes intersection: a file must match the pins of every input
// that has pins; none in common is an error.
Result<std::vector<PinnedHash>> common_pins(const ProjectInputs& inputs) {
  std::optional<std::vector<PinnedHash>> common;
  for (const InstallInput* input : inputs) {
    if (input->hashes.empty())
      continue;
    if (!common) {
      common = input->hashes;
      continue;
    }
    std::erase_if(*common, [&](const PinnedHash& pin) {
      return std::none_of(input->hashes.begin(), input->hashes.end(), [&](const PinnedHash& other) {
        return other.algorithm == pin.algorithm && other.hex == pin.hex;
      });
    });
  }
  if (common && common->empty())
    return make_error("its --hash values have no digest in common with those of another line of the same project");
  return common.value_or(std::vector<PinnedHash>());
}

Result<ResolvedWheel> resolve_project(const ProjectInputs& inputs, const ResolutionContext& context) {
  const InstallInput& first = *inputs.front();
  TRY_ASSIGN(path, named_file(inputs));
  Demand demand = demand_of(inputs);
  ResolvedWheel wheel;
  if (!path.empty()) {
    if (Status satisfied = check_named_file(path, demand); !satisfied)
      return make_error(first.describe(), ": ", satisfied.error().message);
    wheel.path = path;
  } else {
    Requirement combined = *first.requirement;
    combined.specifiers = std::move(demand.specifiers);
    combined.specifier_text = std::move(demand.specifier_text);
    auto found = resolve_by_name(combined, context);
    if (!found)
      return make_error(first.describe(), ": ", found.error().message);
    wheel = std::move(*found);
  }
  for (const InstallInput* input : inputs)
    if (input->requirement)
      for (const std::string& extra : input->requirement->extras)
        if (std::find(wheel.extras.begin(), wheel.extras.end(), extra) == wheel.extras.end())
          wheel.extras.push_back(extra);
  auto pins = common_pins(inputs);
  if (!pins)
    return make_error(first.describe(), ": ", pins.error().message);
  wheel.hashes = std::move(*pins);
  wheel.asked_as = first.describe();
  return wheel;
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
  std::vector<std::string> order;
  std::map<std::string, ProjectInputs> by_project;
  for (const InstallInput& input : inputs) {
    if (checking && !input.path && input.requirement && !pinned_exactly(*input.requirement))
      return make_error(input.describe(), ": in hash-checking mode a requirement must be pinned with == or ===");
    auto found = applicable(input, context);
    if (!found)
      return make_error(input.describe(), ": ", found.error().message);
    if (!*found)
      continue;
    ProjectInputs& project = by_project[(*found)->project];
    if (project.empty())
      order.push_back((*found)->project);
    project.push_back(&input);
  }
  std::vector<ResolvedWheel> resolved;
  for (const std::string& project : order) {
    const ProjectInputs& each = by_project[project];
    TRY_ASSIGN(wheel, resolve_project(each, context));
    for (const InstallInput* input : each)
      if (checking)
        if (Status hashed = check_hash_mode(*input, wheel); !hashed)
          return make_error(input->describe(), ": ", hashed.error().message);
    resolved.push_back(std::move(wheel));
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
