#pragma once
// What an inventory (show, --report, --sbom) says of a project, read from its
// METADATA (core metadata specifications, up to Metadata-Version 2.4): name,
// version, summary, its license as PEP 639 declares it (License-Expression
// and License-File) or as the legacy License field does, and its home page
// (Home-page, or the Project-URL PEP 753 calls the home page). Pure
// functions, no I/O.

#include "headers.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct ProjectMetadata {
  std::string name;    // Name, as written
  std::string version; // Version, as written
  std::string summary; // Summary, as written; "" when absent
  // License-Expression (an SPDX license expression), trimmed; "" when absent.
  std::string license_expression;
  // The legacy License field (free text, possibly several lines); "" when absent.
  std::string license;
  // Every License-File, trimmed, in METADATA's order: paths relative to the
  // .dist-info/licenses/ directory.
  std::vector<std::string> license_files;
  // Home-page, trimmed, when present and not empty; else the URL of the
  // first Project-URL whose label normalizes to "homepage"; else "".
  std::string home_page;
};

ProjectMetadata project_metadata(const Headers& metadata);

// A Project-URL value, "label, url": the text before the first comma and
// the text after it, each trimmed (the label is the whole value, trimmed,
// and the URL "" when there is no comma, as packaging.metadata reads it).
struct ProjectUrl {
  std::string label;
  std::string url;
};
ProjectUrl parse_project_url(std::string_view value);

// A Project-URL label normalized as the well-known project URLs
// specification (PEP 753, "Label normalization") says: every ASCII
// punctuation and whitespace character removed, the rest lowercased
// ("Home page" and "Home-Page" give "homepage"). Only ASCII letters are
// lowercased: Python's str.lower() would also lowercase other letters, none
// of which turns into a letter of a well-known label but U+212A KELVIN SIGN.
std::string normalized_url_label(std::string_view label);

} // namespace whlinst
