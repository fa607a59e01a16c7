#pragma once
// Dependency specifiers: the PyPA "Dependency specifiers" specification
// (PEP 508), as in `Requires-Dist` and in requirements given to `install`:
//   NAME [EXTRAS] [VERSION_SPECIFIERS | (VERSION_SPECIFIERS) | @ URL] [; MARKER]
// Pure functions, no I/O.

#include "markers.h"
#include "result.h"
#include "specifier.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct Requirement {
  std::string name;                // as written
  std::vector<std::string> extras; // as written, in order, without duplicates
  SpecifierSet specifiers;         // empty: any version
  std::string specifier_text;      // the specifiers as written, trimmed, without parentheses
  std::optional<std::string> url;  // "NAME @ URL": the URL as written
  std::optional<Marker> marker;

  // normalize_project_name(name).
  std::string project_key() const;
  // The requirement in canonical form, e.g. `foo[bar]>=1.0; os_name == "posix"`.
  std::string to_string() const;
  // Whether the marker holds for `environment` (true without a marker), for
  // each extra in `extras` and for no extra when `extras` is empty, as pip
  // evaluates a dependency requested with those extras.
  Result<bool> applies(const MarkerEnvironment& environment, const std::vector<std::string>& extras = {}) const;
};

// Parses one specifier. Whitespace may surround each part; a URL must be
// followed by whitespace before ';'. Names and extras must be valid project
// names. Error: `invalid requirement 'TEXT': what is wrong`.
Result<Requirement> parse_requirement(std::string_view text);

} // namespace whlinst
