#pragma once
// The .dist-info/entry_points.txt file (entry points specification, "File
// format" and "Data model"). Pure functions, no I/O.

#include "result.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct EntryPoint {
  std::string group;     // e.g. "console_scripts"
  std::string name;      // e.g. "black"
  std::string module;    // e.g. "black.main"
  std::string attribute; // e.g. "patched_main" or "obj.attr"; empty if none
  std::vector<std::string> extras;
  std::string value; // the value as written, surrounding whitespace removed
};

// Parses entry_points.txt, keeping file order and duplicates. Lines are
// trimmed; empty lines and lines starting with '#' or ';' are skipped.
// "[group]" starts a section (the group is the text between the brackets,
// which must be non-empty and hold no bracket); every other line is
// "name = value" split at the first '=', both sides trimmed, inside a
// section. The value is `module[:attr] [[extra, ...]]`: module and attr are
// dotted Python identifiers, extras PEP 508 names, spaces allowed around ':',
// '[', ',' and ']'. Errors name the 1-based line: "line N: ...".
Result<std::vector<EntryPoint>> parse_entry_points(std::string_view text);

// The entry points of `group`, one per name, as pip collects them into a dict
// (pip's get_entrypoints): for a repeated name the last definition wins, but
// it keeps the position of the name's first appearance.
std::vector<EntryPoint> scripts_of_group(const std::vector<EntryPoint>& entry_points,
                                         std::string_view group);

} // namespace whlinst
