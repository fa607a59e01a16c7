#pragma once
// Whether a wheel may be installed for the target interpreter: WHEEL's
// version (binary distribution format), the file name's tags (platform
// compatibility tags) and METADATA's Requires-Python (core metadata).

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

// Warnings (e.g. a newer Wheel-Version minor) are appended to `warnings`.
Status check_compatibility(const Wheel& wheel, const Interpreter& interpreter,
                           const InstallOptions& options, std::vector<std::string>& warnings);

} // namespace whlinst
