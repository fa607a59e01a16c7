#pragma once
// The target interpreter: what whlinst needs to know about the Python that
// will run the installed code (version, implementation, ABI, platform, its
// installation schemes). Queried once per run by executing
// interpreter_query.py with it.

#include "markers.h"
#include "result.h"

#include <optional>
#include <string>
#include <utility>

namespace whlinst {

// Scheme paths with the placeholders "/@WHLINST_PREFIX@" (the prefix) and
// "@WHLINST_DIST@" (the project name) still in them.
struct SchemeTemplate {
  std::string purelib, platlib, headers, scripts, data;
  bool operator==(const SchemeTemplate&) const = default;
};

struct Interpreter {
  std::string path;       // absolute, not resolved through symlinks: used in shebangs
  std::string executable; // sys.executable as the interpreter reports it
  int major = 0, minor = 0, micro = 0;
  std::string full_version; // platform.python_version(), for Requires-Python
  std::string implementation; // sys.implementation.name
  std::string cache_tag;      // sys.implementation.cache_tag, e.g. "cpython-311"
  std::string soabi, ext_suffix, abiflags, platform;
  bool py_debug = false, gil_disabled = false;
  int pointer_bits = 64;
  std::optional<std::pair<int, int>> glibc;
  std::string sys_prefix;
  bool in_venv = false;
  std::string stdlib; // sysconfig's "stdlib" path, where PEP 668's EXTERNALLY-MANAGED lives
  SchemeTemplate prefix_scheme;  // for --prefix
  SchemeTemplate default_scheme; // for no --prefix
  SchemeTemplate user_scheme;    // for --user, the prefix placeholder naming the user base
  SchemeTemplate home_scheme;    // pip's --home scheme, through which pip's --target installs
  // PEP 508 marker variables (os_name, python_version, ...) as the
  // interpreter computes them.
  std::map<std::string, std::string, std::less<>> marker_variables;

  bool operator==(const Interpreter&) const = default;
  std::string major_minor() const; // "3.11"
  // The marker environment of this interpreter, with no extra.
  MarkerEnvironment marker_environment() const;
};

// Runs `path` (absolute, or a name searched in PATH) with the query script and parses its answer.
Result<Interpreter> query_interpreter(const std::string& path);

// The query's raw JSON answer.
Result<std::string> run_interpreter_query(const std::string& path);

// Parses the query script's JSON output (exposed for tests).
Result<Interpreter> parse_interpreter_description(const std::string& path, const std::string& json);

} // namespace whlinst
