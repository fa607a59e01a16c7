#include "specifier.h"

#include "text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace whlinst {

namespace {

// "==V.*": same epoch, and the candidate's release, padded with zeros,
// starts with V's release.
bool matches_prefix(const Version& candidate, const Version& prefix) {
  if (candidate.epoch != prefix.epoch)
    return false;
  for (size_t i = 0; i < prefix.release.size(); ++i) {
    auto number = i < candidate.release.size() ? candidate.release[i] : 0;
    if (number != prefix.release[i])
      return false;
  }
  return true;
}

bool matches_exactly(const Version& candidate, const Version& version) {
  return compare(version.local.empty() ? candidate.public_version() : candidate, version) == 0;
}

bool matches_equal(const Specifier& spec, const Version& candidate) {
  return spec.wildcard ? matches_prefix(candidate, spec.version) : matches_exactly(candidate, spec.version);
}

bool matches_compatible(const Version& candidate, const Version& version) {
  Version prefix = version.base_version();
  prefix.release.pop_back();
  return compare(candidate.public_version(), version) >= 0 && matches_prefix(candidate, prefix);
}

bool matches_less(const Version& candidate, const Version& version) {
  if (compare(candidate, version) >= 0)
    return false;
  return version.is_prerelease() || !candidate.is_prerelease() ||
         compare(candidate.base_version(), version.base_version()) != 0;
}

bool matches_greater(const Version& candidate, const Version& version) {
  if (compare(candidate, version) <= 0)
    return false;
  bool same_base = compare(candidate.base_version(), version.base_version()) == 0;
  if (same_base && candidate.is_postrelease() && !version.is_postrelease())
    return false;
  return !same_base || candidate.local.empty();
}

struct OperatorSpelling {
  std::string_view text;
  Operator op;
};

// Longest first, so that "===" is not read as "==" and "<=" not as "<".
constexpr std::array<OperatorSpelling, 8> operator_spellings{{
    {"===", Operator::arbitrary},
    {"~=", Operator::compatible},
    {"==", Operator::equal},
    {"!=", Operator::not_equal},
    {"<=", Operator::less_equal},
    {">=", Operator::greater_equal},
    {"<", Operator::less},
    {">", Operator::greater},
}};

bool is_arbitrary_text(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return is_ascii_space(c) || c == ';' || c == ')'; });
}

// Whether `spec.version`, parsed, has a form its operator allows.
bool allowed_for_operator(const Specifier& spec) {
  const Version& v = spec.version;
  if (spec.wildcard)
    return !v.pre && !v.post && !v.dev && v.local.empty();
  switch (spec.op) {
  case Operator::equal:
  case Operator::not_equal: return true;
  case Operator::compatible: return v.release.size() >= 2 && v.local.empty();
  default: return v.local.empty();
  }
}

std::optional<Specifier> read_specifier(std::string_view text) {
  auto spelling = std::find_if(operator_spellings.begin(), operator_spellings.end(),
                               [&](const auto& s) { return starts_with(text, s.text); });
  if (spelling == operator_spellings.end())
    return std::nullopt;
  Specifier spec{spelling->op, {}, false, {}};
  std::string_view rest = trim(text.substr(spelling->text.size()));
  if (spec.op == Operator::arbitrary) {
    spec.arbitrary = std::string(rest);
    return is_arbitrary_text(rest) ? std::optional(spec) : std::nullopt;
  }
  if (!is_arbitrary_text(rest))
    return std::nullopt;
  bool may_be_wildcard = spec.op == Operator::equal || spec.op == Operator::not_equal;
  if (may_be_wildcard && ends_with(rest, ".*")) {
    spec.wildcard = true;
    rest.remove_suffix(2);
  }
  auto version = parse_version(rest);
  if (!version)
    return std::nullopt;
  spec.version = std::move(version).value();
  return allowed_for_operator(spec) ? std::optional(spec) : std::nullopt;
}

} // namespace

bool Specifier::contains(const Version& candidate) const {
  switch (op) {
  case Operator::compatible: return matches_compatible(candidate, version);
  case Operator::equal: return matches_equal(*this, candidate);
  case Operator::not_equal: return !matches_equal(*this, candidate);
  case Operator::less_equal: return compare(candidate.public_version(), version) <= 0;
  case Operator::greater_equal: return compare(candidate.public_version(), version) >= 0;
  case Operator::less: return matches_less(candidate, version);
  case Operator::greater: return matches_greater(candidate, version);
  case Operator::arbitrary: return to_lower(to_string(candidate)) == to_lower(arbitrary);
  }
  return false;
}

bool SpecifierSet::contains(const Version& candidate) const {
  return std::all_of(specifiers.begin(), specifiers.end(),
                     [&](const Specifier& spec) { return spec.contains(candidate); });
}

Result<Specifier> parse_specifier(std::string_view text) {
  auto spec = read_specifier(trim(text));
  if (!spec)
    return make_error("invalid specifier '", std::string(trim(text)), "'");
  return std::move(*spec);
}

Result<SpecifierSet> parse_specifier_set(std::string_view text) {
  SpecifierSet set;
  for (std::string_view clause : split(text, ',')) {
    clause = trim(clause);
    if (clause.empty())
      continue;
    auto spec = read_specifier(clause);
    if (!spec) {
      Error error = make_error("invalid specifier '", std::string(clause), "'");
      if (clause != trim(text))
        error.message += " in '" + std::string(trim(text)) + "'";
      return error;
    }
    set.specifiers.push_back(std::move(*spec));
  }
  return set;
}

} // namespace whlinst
