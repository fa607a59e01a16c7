#include "wheel_selection.h"

#include "text.h"

#include <algorithm>
#include <optional>

namespace whlinst {

namespace {
struct Ranked {
  const StoredWheel* wheel;
  size_t tag_rank;
};

std::optional<size_t> best_rank(const StoredWheel& wheel, const TagSet& tags) {
  std::optional<size_t> best;
  for (const std::string& tag : wheel.name.expanded_tags())
    if (auto rank = tags.rank(tag); rank && (!best || *rank < *best))
      best = rank;
  return best;
}

// Build tags compare as (number, rest), higher preferred; none is lowest.
bool lower_build(const std::string& a, const std::string& b) {
  auto split_tag = [](const std::string& tag) {
    size_t digits = 0;
    while (digits < tag.size() && tag[digits] >= '0' && tag[digits] <= '9')
      ++digits;
    std::string number = tag.substr(0, digits);
    number.erase(0, std::min(number.find_first_not_of('0'), number.size()));
    return std::make_tuple(!tag.empty(), number.size(), number, tag.substr(digits));
  };
  return split_tag(a) < split_tag(b);
}

bool better(const Ranked& a, const Ranked& b) {
  if (auto order = compare(a.wheel->version, b.wheel->version); order != 0)
    return order > 0;
  if (a.tag_rank != b.tag_rank)
    return a.tag_rank < b.tag_rank;
  return lower_build(b.wheel->name.build_tag, a.wheel->name.build_tag);
}

std::string version_list(std::vector<const Version*> versions) {
  std::sort(versions.begin(), versions.end(), [](const Version* a, const Version* b) { return *a < *b; });
  versions.erase(std::unique(versions.begin(), versions.end(),
                             [](const Version* a, const Version* b) { return *a == *b; }),
                 versions.end());
  std::vector<std::string> texts;
  for (const Version* version : versions)
    texts.push_back(to_string(*version));
  return join(texts, ", ");
}

Error nothing_matches(const std::vector<StoredWheel>& candidates, const std::vector<Ranked>& compatible,
                      const std::string& requirement_text, const std::string& locations) {
  std::vector<const Version*> supported, unsupported;
  for (const Ranked& ranked : compatible)
    supported.push_back(&ranked.wheel->version);
  for (const StoredWheel& wheel : candidates)
    if (std::none_of(compatible.begin(), compatible.end(),
                     [&](const Ranked& r) { return r.wheel->version == wheel.version; }))
      unsupported.push_back(&wheel.version);
  std::string found = supported.empty() ? "none" : version_list(supported);
  if (!unsupported.empty())
    found += " (and for other platforms or Pythons: " + version_list(unsupported) + ")";
  return make_error("no wheel for ", requirement_text, " in ", locations, ": found versions ", found);
}
} // namespace

bool names_prerelease(const SpecifierSet& specifiers) {
  for (const Specifier& specifier : specifiers.specifiers) {
    switch (specifier.op) {
    case Operator::equal:
    case Operator::greater_equal:
    case Operator::less_equal:
    case Operator::compatible:
      if (specifier.version.is_prerelease())
        return true;
      break;
    case Operator::arbitrary:
      if (auto version = parse_version(specifier.arbitrary); version && version->is_prerelease())
        return true;
      break;
    default:
      break;
    }
  }
  return false;
}

Result<std::vector<const StoredWheel*>> rank_wheels(const std::vector<StoredWheel>& candidates,
                                                   const SpecifierSet& specifiers, PreReleases pre, const TagSet& tags,
                                                   const std::string& requirement_text, const std::string& locations) {
  if (candidates.empty())
    return make_error("no wheel for ", requirement_text, " in ", locations);
  std::vector<Ranked> compatible;
  for (const StoredWheel& wheel : candidates)
    if (auto rank = best_rank(wheel, tags))
      compatible.push_back({&wheel, *rank});
  bool allow_pre = pre == PreReleases::allowed || names_prerelease(specifiers);
  std::vector<Ranked> finals, prereleases;
  for (const Ranked& ranked : compatible)
    if (specifiers.contains(ranked.wheel->version))
      (ranked.wheel->version.is_prerelease() && !allow_pre ? prereleases : finals).push_back(ranked);
  // packaging: with no clause at all, pre-releases when nothing else is there.
  if (finals.empty() && specifiers.specifiers.empty())
    finals = std::move(prereleases);
  if (finals.empty())
    return nothing_matches(candidates, compatible, requirement_text, locations);
  std::stable_sort(finals.begin(), finals.end(), better);
  std::vector<const StoredWheel*> ranked;
  for (const Ranked& each : finals)
    ranked.push_back(each.wheel);
  return ranked;
}

Result<const StoredWheel*> select_wheel(const std::vector<StoredWheel>& candidates, const SpecifierSet& specifiers,
                                        PreReleases pre, const TagSet& tags, const std::string& requirement_text,
                                        const std::string& locations) {
  TRY_ASSIGN(ranked, rank_wheels(candidates, specifiers, pre, tags, requirement_text, locations));
  return ranked.front();
}

} // namespace whlinst
