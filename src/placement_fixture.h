#pragma once
// For unit tests: placements of archive files of given sizes, owning the
// entries and expected files they point to (deques: adding keeps the
// pointers valid).

#include "plan.h"

#include <cstdint>
#include <deque>

namespace whlinst {

struct PlacementFixture {
  std::deque<ArchiveEntry> entries;
  std::deque<ExpectedFile> files;
  std::deque<Placement> placements;

  // A placement of a `size`-byte file, byte-compiled (one bytecode target)
  // when `compiled`.
  const Placement& add(uint64_t size, bool compiled = false) {
    entries.emplace_back().size = size;
    files.emplace_back().entry = &entries.back();
    placements.emplace_back().file = &files.back();
    placements.back().compiled = compiled;
    return placements.back();
  }
};

} // namespace whlinst
