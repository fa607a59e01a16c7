#pragma once
// Which interpreter an install targets (the --python option): the one given,
// else PREFIX/bin/python3 when it exists, else python3 on PATH. Shebangs name
// it as given, made absolute but not resolved through symlinks.

#include "interpreter.h"
#include "result.h"

#include <optional>
#include <string>

namespace whlinst {

// `python` and `prefix` are as given on the command line (may be relative).
Result<Interpreter> find_target_interpreter(const std::optional<std::string>& python,
                                            const std::optional<std::string>& prefix);

// `path` made absolute against the current directory, normalized lexically.
std::string absolute_path(const std::string& path);

} // namespace whlinst
