#pragma once
// PEP 668 ("Marking Python base environments as externally managed"): an
// install into, or uninstall from, the interpreter's own default scheme
// (no --prefix, --root or directory override) of an interpreter that is not
// a venv is refused when STDLIB/EXTERNALLY-MANAGED exists, with the Error
// text of its [externally-managed] section as pip prints it, unless
// --break-system-packages.

#include "interpreter.h"
#include "result.h"

#include <string>

namespace whlinst {

enum class SchemeChoice { interpreter_default, explicit_directories };
enum class BreakSystemPackages { no, yes };

// The Error value of an EXTERNALLY-MANAGED file's [externally-managed]
// section (continuation lines joined with newlines), or pip's default text
// naming `sys_prefix` when there is none.
std::string externally_managed_message(std::string_view marker, const std::string& sys_prefix);

Status check_externally_managed(const Interpreter& interpreter, SchemeChoice scheme, BreakSystemPackages allow);

} // namespace whlinst
