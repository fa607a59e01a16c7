#pragma once
// Why libzip refused to open a wheel file: the duplicate entry name, the
// damage found by walking the archive (archive_damage.h), or libzip's own
// message in words.

#include "result.h"
#include "zip_handle.h"

#include <string>

namespace whlinst {

// libzip's open error `code` (ZIP_ER_*) in words: "not a zip archive",
// "inconsistent or truncated zip archive"...
std::string open_error_text(int code);

// The error for `input`, which libzip refused with `code`: "NAME: duplicate
// entry" (found by opening it again without the consistency check), the
// damage describe_damage finds (read from memory, or with pread from
// input.fd, never mapped), else open_error_text(code).
Error refusal_error(const ZipInput& input, int code);

} // namespace whlinst
