#pragma once
// A wheel from a lock file checked against the lock before it is opened
// (pylock.toml specification, "Installation" step 6, "Validate the file
// size and hash").

#include "pylock_location.h"
#include "result.h"

namespace whlinst {

// Reads the file once and checks its size (when the lock gives one) and
// every listed hash of an algorithm hash.h accepts (sha256, sha384, sha512,
// sha3_*, blake2b). Hashes of other algorithms (md5, sha1, unknown ones)
// are skipped when an accepted one is listed too; when none is, the error
// comes before the file is read. Errors name the package and the file:
// `package 'six': PATH: sha256 mismatch: the lock says X, the file has Y`,
// `package 'six': PATH: N bytes, the lock says M`,
// `package 'six': PATH: no hash whlinst can check (md5: weak ...)`.
Status verify_locked_wheel(const LockedWheel& wheel);

} // namespace whlinst
