#pragma once
// Noticing that the wheel file changed while it was read: its identity
// (device, inode, size, mtime) taken when it was opened, compared again
// later, and a whole-file snapshot read checked against it. See
// docs/design.md, "Reading the wheel".

#include "result.h"

#include <string>
#include <sys/stat.h>

namespace whlinst {

// Same device, inode, size and mtime.
bool same_file(const struct stat& a, const struct stat& b);

// "the wheel file changed or vanished while being read".
Error changed_error();

// Whether the file open as `fd` is no longer `identity` (truncated,
// overwritten in place), or cannot be examined.
bool changed_since(int fd, const struct stat& identity);

// Whether the file at `path` is no longer `identity` (replaced, removed).
// Never for an identity of zeros (an archive opened from memory).
bool path_changed(const std::string& path, const struct stat& identity);

// The whole file `fd` whose identity is `identity`, or the "changed" error
// if it changes while it is read (fewer bytes, another size or mtime
// afterwards); a read error otherwise.
Result<std::string> read_snapshot(int fd, const struct stat& identity);

} // namespace whlinst
