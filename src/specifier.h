#pragma once
// Version specifiers as defined by the PyPA "Version specifiers"
// specification (PEP 440): clauses such as ">=3.8" or "==3.*" and the
// versions they match, enough to check `Requires-Python` and requirements.
// Pure functions, no I/O.

#include "result.h"
#include "version.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

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
