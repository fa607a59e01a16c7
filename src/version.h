#pragma once
// Version identifiers and specifiers as defined by the PyPA "Version
// specifiers" specification (PEP 440), enough to check `Requires-Python`.
// Pure functions, no I/O.

#include "result.h"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// Pre-release phases, in their order ("Pre-releases"): a < b < rc.
enum class PrePhase { alpha, beta, candidate };

struct PreRelease {
  PrePhase phase;
  std::uint64_t number;
};

// A parsed public or local version identifier, in normalized form
// ("Normalization"): `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`.
struct Version {
  std::uint64_t epoch = 0;
  std::vector<std::uint64_t> release; // never empty
  std::optional<PreRelease> pre;
  std::optional<std::uint64_t> post;
  std::optional<std::uint64_t> dev;
  // Local version label segments, lower-case, numeric ones without leading
  // zeros; empty when the version is public.
  std::vector<std::string> local;

  // A developmental release or a pre-release ("Handling of pre-releases").
  bool is_prerelease() const { return pre.has_value() || dev.has_value(); }
  bool is_postrelease() const { return post.has_value(); }
  // The version without its local label.
  Version public_version() const;
  // Epoch and release only (packaging's `base_version`).
  Version base_version() const;
};

// Parses `text`, accepting every spelling the specification's normalization
// rules permit: surrounding whitespace, any case, a leading "v", leading
// zeros, "alpha"/"beta"/"c"/"pre"/"preview" for a/b/rc, "rev"/"r" and "-N"
// for post-releases, optional "-", "_" or "." separators, implicit 0
// numbers, and "-"/"_" in local labels. Numbers above 2^64-1 are refused.
// Error: `invalid version 'TEXT'`.
Result<Version> parse_version(std::string_view text);

// The normalized spelling, e.g. "1!2.0rc1.post3.dev4+ubuntu.1".
std::string to_string(const Version& version);

// The total order of "Summary of permitted suffixes and relative ordering":
// epoch, then release numbers padded with zeros (so 1.0 == 1.0.0), then
// .devN < aN < bN < rcN < (final) < .postN, a pre-release's own .devN and
// .postN sorting around it; a public version sorts before its local
// versions, local segments comparing numerically when both are digits,
// alphanumerically otherwise, numbers after words, longer after shorter.
// `equal` means equivalent under this order, not identical fields.
std::strong_ordering compare(const Version& a, const Version& b);
std::strong_ordering operator<=>(const Version& a, const Version& b);
bool operator==(const Version& a, const Version& b);

// Specifier operators ("Version specifiers").
enum class Operator {
  compatible,    // ~=
  equal,         // ==
  not_equal,     // !=
  less_equal,    // <=
  greater_equal, // >=
  less,          // <
  greater,       // >
  arbitrary,     // ===
};

// One clause such as ">=3.8" or "==3.*".
struct Specifier {
  Operator op;
  Version version;       // unused for `arbitrary`
  bool wildcard = false; // "==V.*" / "!=V.*" (prefix matching)
  std::string arbitrary; // the text after "===", as written

  // Whether `candidate` satisfies this clause by the rules of its operator:
  // "Compatible release", "Version matching" (zero padding, prefix matching,
  // the candidate's local label ignored unless the specifier has one),
  // "Version exclusion", "Inclusive ordered comparison" (local labels
  // ignored), "Exclusive ordered comparison" (<V excludes pre-releases of V
  // unless V is one; >V excludes post-releases of V unless V is one, and
  // local versions of V) and "Arbitrary equality" (case-insensitive
  // comparison with the candidate's normalized spelling).
  // A pre-release candidate is judged like any other: for Requires-Python
  // the candidate is the interpreter, which is "already present on the
  // system" ("Handling of pre-releases"). This is packaging's
  // `contains(candidate, prereleases=True)`.
  bool contains(const Version& candidate) const;
};

// A comma-separated list of clauses, all of which must match.
struct SpecifierSet {
  std::vector<Specifier> specifiers; // empty: every version matches

  bool contains(const Version& candidate) const;
};

// Parses one clause: an operator, optional whitespace, then a version; for
// "==" and "!=" the version may end with ".*" (epoch and release only) or
// carry a local label; "~=" needs at least two release numbers and no local
// label; ordered comparisons take no local label; "===" takes any text
// without whitespace, ';' or ')'. Error: `invalid specifier 'TEXT'`.
Result<Specifier> parse_specifier(std::string_view text);

// Parses comma-separated clauses, ignoring empty ones and surrounding
// whitespace (an empty or blank text gives an empty set). Error:
// `invalid specifier 'CLAUSE'`, followed by ` in 'TEXT'` when TEXT has more
// than that clause.
Result<SpecifierSet> parse_specifier_set(std::string_view text);

} // namespace whlinst
