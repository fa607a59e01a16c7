#pragma once
// A cache of interpreter descriptions, so that an install that does not
// byte-compile never starts Python. Entries live in
// $XDG_CACHE_HOME/whlinst (default ~/.cache/whlinst), one JSON file per
// interpreter path, keyed by what would change the description: the path as
// given, the identity and modification time of the executable it resolves
// to, those of a venv's pyvenv.cfg beside it, and the query script itself.
// Any problem with the cache (unwritable home, corrupt entry) just means the
// interpreter is queried.

#include "interpreter.h"

#include <optional>
#include <string>

namespace whlinst {

// The description of `path` (absolute, or a name looked up in PATH), from
// the cache or by querying it.
Result<Interpreter> describe_interpreter(const std::string& path);

} // namespace whlinst
