#pragma once
// Choosing the wheel that satisfies a requirement among those of a wheel
// store, by pip's rules (pip's PackageFinder with packaging's
// SpecifierSet.filter): only wheels with a tag the target supports; the
// highest version the specifiers allow, pre-releases and developmental
// releases only when a specifier names one (`>=2.0b1`, `==1.0rc1`), when
// --pre is given, or (for a requirement without specifiers) when no final
// release is there; then the best tag (TagSet rank); then the highest build
// tag. Pure functions, no I/O.

#include "requirements_file.h"
#include "result.h"
#include "tags.h"
#include "specifier.h"
#include "wheel_store.h"

#include <string>
#include <vector>

namespace whlinst {

// packaging's `SpecifierSet.prereleases`: true when a clause with ==, ===,
// >=, <=, or ~= names a pre-release (or developmental) version.
bool names_prerelease(const SpecifierSet& specifiers);

// The best of `candidates` for `specifiers`, or an error naming
// `requirement_text` and what was found: `no wheel for REQ in LOCATIONS:
// found VERSIONS` (with the versions only pre-releases or only unsupported
// tags offered), or `no wheel of NAME in LOCATIONS` when there is none.
// `locations` is for the message.
// Every wheel of `candidates` those rules accept, best first (the first is
// select_wheel's choice), or select_wheel's error.
Result<std::vector<const StoredWheel*>> rank_wheels(const std::vector<StoredWheel>& candidates,
                                                   const SpecifierSet& specifiers, PreReleases pre, const TagSet& tags,
                                                   const std::string& requirement_text, const std::string& locations);

Result<const StoredWheel*> select_wheel(const std::vector<StoredWheel>& candidates, const SpecifierSet& specifiers,
                                        PreReleases pre, const TagSet& tags, const std::string& requirement_text,
                                        const std::string& locations);

} // namespace whlinst
