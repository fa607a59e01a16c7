#pragma once
// The sources of one [[packages]] entry of a lock file (pylock.toml
// specification, "[packages.vcs]" to "[[packages.wheels]]"): parsed and
// checked for the combinations the specification allows. Used by the
// pylock parser only (pylock.cpp).

#include "pylock.h"
#include "pylock_fields.h"

#include <string>
#include <string_view>

namespace whlinst {

// Reads `vcs`, `directory`, `archive`, `sdist` and `wheels` of the package
// table `fields` into `package`, whose name and version are already read.
// Refused: a combination other than exactly one of vcs/directory/archive,
// or an sdist and/or wheels; a source with neither `path` nor `url` (a
// directory without `path`); missing or invalid `hashes`; a file whose name
// is not known; a wheel file name that is invalid or names another project
// or version than the package.
Status parse_package_sources(const LockFields& fields, LockedPackage& package);

// The last component of a path or URL (query and fragment removed,
// percent-decoded for a URL); "" when there is none.
std::string locked_file_base_name(std::string_view path_or_url);

} // namespace whlinst
