#pragma once
// A cache of interpreter descriptions, so that an install that does not
// byte-compile never starts Python. Entries live in
// $XDG_CACHE_HOME/whlinst (default ~/.cache/whlinst), one file per
// interpreter (as given, and as found in PATH), in the compact form of
// interpreter_record.h. Each holds its key, what would change the
// description: the path as given and as found, the identity and
// modification time of the executable it resolves to, those of a venv's
// pyvenv.cfg beside it, and the digest of the query script. An entry is used
// only when its key is the current one, byte for byte; any problem with the
// cache (unwritable home, corrupt, truncated or foreign entry, one written
// by an older whlinst) just means the interpreter is queried and the entry
// rewritten.

#include "interpreter.h"

#include <string>

namespace whlinst {

// The description of `path` (absolute, or a name looked up in PATH), from
// the cache or by querying it.
Result<Interpreter> describe_interpreter(const std::string& path);

} // namespace whlinst
