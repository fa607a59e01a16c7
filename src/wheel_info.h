#pragma once
// The .dist-info/WHEEL file (binary distribution format specification,
// "The .dist-info directory": Wheel-Version, Root-Is-Purelib, Tag, Generator).
// Pure functions, no I/O.

#include "result.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct WheelInfo {
  int version_major = 0;
  int version_minor = 0;
  bool root_is_purelib = false;
  std::vector<std::string> tags; // every "Tag" value, in file order
  std::string generator;         // first "Generator" value, or empty

  // True when Wheel-Version is newer than the 1.0 whlinst implements; the
  // specification asks installers to warn and proceed in that case.
  bool newer_minor() const;
  // True for Wheel-Version 0.x, older than the specification: pip installs
  // such wheels, and whlinst too, with a warning.
  bool older_major() const;
};

// Parses WHEEL (see parse_headers for the syntax). Requires Wheel-Version as
// MAJOR.MINOR decimal integers (surrounding whitespace ignored, as pip does)
// with MAJOR at most 1 (the specification: refuse a newer major version), and Root-Is-Purelib "true" or "false" in any case (nothing
// else: pip would silently read any other value, "true " included, as false).
// The first of repeated fields wins.
Result<WheelInfo> parse_wheel_info(std::string_view text);

} // namespace whlinst
