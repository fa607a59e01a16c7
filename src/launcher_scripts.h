#pragma once
// Scripts that start the target interpreter: console/GUI entry-point wrappers
// (entry points specification) and the "#!python" rewrite of .data/scripts
// (binary distribution format, "Recommended installation scheme"), producing
// the same bytes as pip 23 where pip works, and the /bin/sh exec form where a
// plain shebang cannot work (interpreter path with a space or too long).

#include "entry_points.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct ScriptSpec {
  std::string name;      // file name in the scripts directory
  std::string module;    // imported module
  std::string attribute; // "func" or "Obj.method"
};

// The scripts pip generates for the console_scripts and gui_scripts groups, in
// pip's order, including pip's special cases: "pip" also installs pipX and
// pipX.Y (other pipN entries dropped), "easy_install" also easy_install-X.Y,
// both shaped by ENSUREPIP_OPTIONS as pip does. `ensurepip_options` is that
// variable's value, nullopt when unset. Entry points without ":attr" are
// errors (pip refuses them too).
Result<std::vector<ScriptSpec>> scripts_for_entry_points(const std::vector<EntryPoint>& entry_points,
                                                          std::string_view python_major_minor,
                                                          std::optional<std::string> ensurepip_options);

// First lines that make `interpreter` run the rest of the file: "#!EXE\n", or
// the /bin/sh exec form when EXE contains a space or the line would exceed
// 127 bytes (the kernel's limit).
std::string interpreter_header(const std::string& interpreter);

// The complete wrapper script for an entry point.
std::string entry_point_script(const ScriptSpec& spec, const std::string& interpreter);

// For a .data/scripts file: the rewritten content when its first line starts
// with "#!python", nullopt when it must be installed unchanged. The first line
// is replaced as a whole (arguments after "#!python" are dropped, as pip
// does). In the exec form, a module docstring followed by code is joined to
// the trampoline string so that `from __future__` imports stay legal.
std::optional<std::string> rewrite_data_script(std::string_view content, const std::string& interpreter);

// rewrite_data_script on content read in chunks, holding back only the head
// that decides the rewrite (the first line; in the exec form also a coding
// line, leading comments and a first string literal), so that the memory
// used does not grow with the script. The bytes returned by feed() then
// finish(), concatenated, are rewrite_data_script's result (or the content
// unchanged when it is not rewritten).
class DataScriptRewriter {
public:
  explicit DataScriptRewriter(std::string interpreter) : interpreter_(std::move(interpreter)) {}
  // The bytes to write for `chunk` (empty while the head is held back).
  std::string feed(std::string_view chunk);
  // The bytes still held back, at the end of the content.
  std::string finish();
  // Whether the content is rewritten (known once feed returned bytes, or after finish).
  bool rewritten() const { return state_ == State::rewriting; }

private:
  enum class State { head, copying, rewriting };
  std::string decide(bool at_end);
  std::string interpreter_;
  std::string head_;
  State state_ = State::head;
};

} // namespace whlinst
