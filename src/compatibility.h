#pragma once
// Whether a wheel may be installed for the target interpreter: WHEEL's
// version (binary distribution format), the file name's tags (platform
// compatibility tags), METADATA's Metadata-Version and Requires-Python (core
// metadata).

#include "install_options.h"
#include "interpreter.h"
#include "tags.h"
#include "wheel.h"

#include <string>
#include <vector>

namespace whlinst {

// What tag computation needs to know about the interpreter (tags.h).
TargetFacts target_facts(const Interpreter& interpreter);

// METADATA's Requires-Python against the interpreter's version (pip compares
// sys.version_info[:3]). Error: `requires Python SPEC, the target is X.Y.Z
// (use --ignore-requires-python to install anyway)`.
Status check_requires_python(const Wheel& wheel, const Interpreter& interpreter);

// METADATA's Metadata-Version (core metadata specifications,
// "Metadata-Version": consumers must fail on a major version greater than
// the highest they support, should warn on a greater version). Accepted:
// 1.x and 2.x, and a missing field (pip installs such wheels); a 2.x newer
// than 2.6, the newest version of the specification whlinst knows, adds a
// warning to `warnings`. Errors: "METADATA: Metadata-Version 3.0 is not
// supported (whlinst reads 1.x and 2.x)", or "METADATA: invalid
// Metadata-Version 'V' (expected MAJOR.MINOR)" when V is not dot-separated
// decimal numbers.
Status check_metadata_version(const Headers& metadata, std::vector<std::string>& warnings);

// Warnings (e.g. a newer Wheel-Version minor) are appended to `warnings`.
Status check_compatibility(const Wheel& wheel, const Interpreter& interpreter,
                           const InstallOptions& options, std::vector<std::string>& warnings);

} // namespace whlinst
