#pragma once
// Script names that belong to the environment itself: a wheel installing a
// script under one of them would replace the environment's interpreter (and
// so destroy a venv) or its activation scripts. Pure, no I/O.
//
// The rule, applied to the base name of every script a wheel installs
// directly in the scheme's scripts directory (console and GUI entry points,
// .data/scripts files, and any other entry that lands there, e.g.
// .data/data/bin/NAME):
// - matching is ASCII case-insensitive, because a case-insensitive file
//   system (macOS, Windows, casefolded ext4) makes "Python3" replace
//   "python3"; one trailing ".exe" (any case) is ignored first, the name
//   of the interpreter on Windows;
// - interpreter names (refused): "python"; "python3" and "python3.N" (N one
//   or more digits), each optionally followed by the ABI flags "t", "d" or
//   "td" ("python3.13t", "python3.11d", "python3t"); any name starting with
//   "pythonw", "pypy" or "graalpy";
// - activation scripts (warned about, installed): names whose part before the
//   first '.' is "activate", "activate_this" or "deactivate" ("activate",
//   "activate.csh", "activate.fish", "Activate.ps1", "activate_this.py",
//   "deactivate.bat"); not "activate-global-python-argcomplete" and other
//   names that merely start with "activate";
// - everything else is ordinary ("python-config", "python2", "pythonista",
//   "pip3.11", "py").

#include <string_view>

namespace whlinst {

enum class ScriptNameKind {
  ordinary,
  interpreter, // would replace the environment's interpreter: refused
  activation,  // would replace an activation script of a venv: a warning
};

ScriptNameKind classify_script_name(std::string_view name);

} // namespace whlinst
