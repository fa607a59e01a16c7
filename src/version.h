#pragma once
// Version identifiers as defined by the PyPA "Version specifiers"
// specification (PEP 440): parsing, normalized spelling and their total
// order. The clauses that match them are in specifier.h. Pure functions, no
// I/O.

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

} // namespace whlinst
