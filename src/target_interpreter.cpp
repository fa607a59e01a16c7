#include "target_interpreter.h"

#include "file_system.h"
#include "interpreter_cache.h"
#include "paths.h"

#include <unistd.h>

namespace whlinst {

std::string absolute_path(const std::string& path) {
  if (!path.empty() && path.front() == '/')
    return normalize_path(path);
  char cwd[4096];
  return normalize_path(join_path(::getcwd(cwd, sizeof cwd) ? cwd : "/", path));
}

Result<Interpreter> find_target_interpreter(const std::optional<std::string>& python,
                                            const std::optional<std::string>& prefix) {
  if (python) {
    std::string path = python->find('/') == std::string::npos ? *python : absolute_path(*python);
    TRY_ASSIGN(interpreter, describe_interpreter(path));
    if (path.find('/') == std::string::npos)
      interpreter.path = interpreter.executable;
    return interpreter;
  }
  if (prefix) {
    std::string candidate = join_path(absolute_path(*prefix), "bin/python3");
    if (::access(candidate.c_str(), X_OK) == 0)
      return describe_interpreter(candidate);
  }
  TRY_ASSIGN(interpreter, describe_interpreter("python3"));
  interpreter.path = interpreter.executable;
  return interpreter;
}

} // namespace whlinst
