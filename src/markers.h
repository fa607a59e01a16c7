#pragma once
// Environment markers: the PyPA "Dependency specifiers" specification
// (PEP 508), "Environment Markers", with the PEP 751 set variables `extras`
// and `dependency_groups`. Pure functions, no I/O: the values of the
// variables come from the target interpreter (interpreter_query.py).

#include "result.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// The values markers are evaluated against.
struct MarkerEnvironment {
  // PEP 508 names (os_name, sys_platform, platform_machine,
  // platform_python_implementation, platform_release, platform_system,
  // platform_version, python_version, python_full_version,
  // implementation_name, implementation_version) to their values.
  std::map<std::string, std::string, std::less<>> variables;
  // The `extra` variable: the extra being evaluated, "" for none.
  std::string extra;
  // PEP 751's `extras` and `dependency_groups`: sets tested with `in`.
  std::vector<std::string> extras;
  std::vector<std::string> dependency_groups;
};

// Comparison operators of `marker_op`.
enum class MarkerOperator {
  less_equal, less, not_equal, equal, greater_equal, greater, compatible, arbitrary, in, not_in
};

// One side of a comparison: a variable or a quoted string.
struct MarkerValue {
  enum class Kind { variable, string } kind = Kind::string;
  std::string text; // the variable's canonical name, or the string's content
};

// A parsed marker: a comparison, or an `and`/`or` of two or more markers.
struct MarkerNode {
  enum class Kind { compare, all_of, any_of } kind = Kind::compare;
  MarkerValue left;
  MarkerOperator op = MarkerOperator::equal;
  MarkerValue right;
  std::vector<MarkerNode> children; // all_of / any_of
};

class Marker {
public:
  // Parses a marker (the text after ';' in a requirement). Accepts the
  // grammar of PEP 508 with the whitespace packaging allows, strings in
  // single or double quotes holding any character but their quote, the
  // legacy dotted names (`os.name`, `sys.platform`, `platform.version`,
  // `platform.machine`, `platform.python_implementation`,
  // `python_implementation`) as aliases, and `extras` / `dependency_groups`.
  // Refuses unknown variables, a comparison of two strings or two
  // variables, and nesting deeper than 64 parentheses.
  // Error: `invalid marker 'TEXT': what is wrong at column N`.
  static Result<Marker> parse(std::string_view text);

  // Evaluates against `environment` (PEP 508 "Environment Markers"):
  // `extra` compares normalized project names; when both sides are valid
  // PEP 440 versions and the right side forms a valid specifier with the
  // operator, the specifier's rules apply (pre-releases included);
  // `===` compares the strings case-insensitively; otherwise `<`, `<=`,
  // `==`, `!=`, `>=`, `>` compare strings, `in`/`not in` test substrings
  // (membership for `extras` and `dependency_groups`), and `~=` is an
  // error: `cannot compare 'A' ~= 'B' in marker 'TEXT'`.
  Result<bool> evaluate(const MarkerEnvironment& environment) const;

  // The canonical spelling: double quotes (single quotes for a string
  // holding '"'), one space around operators and `and`/`or`, parentheses
  // only where needed. parse(to_string()) gives the same marker.
  std::string to_string() const;

  const MarkerNode& root() const { return root_; }

private:
  MarkerNode root_;
};

// Whether `text` names a marker variable (aliases included).
bool is_marker_variable(std::string_view text);

// "==", "not in", ...
std::string_view marker_operator_spelling(MarkerOperator op);

} // namespace whlinst
