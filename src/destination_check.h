#pragma once
// Whether the destinations of an install collide (plan.h, plan_install):
// two alike, a file where another needs a directory, or two alike after
// Unicode NFC normalization. Two checks noted the same way, one
// destination at a time with the entry (or entry point) installing there:
// DestinationScreen keeps 8 bytes per destination and says only that none
// can collide; DestinationOwners keeps every destination and owner, finds
// the first collision in installation order and words the refusal.

#include "result.h"
#include "string_arena.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace whlinst {

class DestinationScreen {
public:
  // `lib_dir`: as DestinationOwners takes it, unused.
  DestinationScreen(size_t expected, const std::string& lib_dir);
  // Notes `destination` (absolute); always nullopt: a duplicate is found
  // by check().
  std::optional<std::string_view> note(std::string_view destination, std::string_view owner);
  // Fine when no two destinations are alike and none is a directory of
  // another, compared by hash, and every owner is ASCII. An error does not
  // mean they collide: DestinationOwners decides.
  Status check();

private:
  std::vector<size_t> files_;       // hashes of the destinations
  std::vector<size_t> directories_; // of their directories, each once per change of parent
  std::string last_parent_;
  bool ascii_ = true;
};

class DestinationOwners {
public:
  // RECORD paths in messages are relative to `lib_dir`.
  DestinationOwners(size_t expected, std::string lib_dir);
  // The owner of `destination` when it was noted before; else notes it,
  // owned by `owner`.
  std::optional<std::string_view> note(std::string_view destination, std::string_view owner);
  // A file installed where another needs a directory ("OWNER: installs a
  // file where OWNER needs a directory"), then NFC collisions (only when
  // some owner is not ASCII), the first in installation order.
  Status check() const;

private:
  std::string lib_dir_;
  StringArena text_;                           // the destinations and owners
  std::vector<std::string_view> destinations_; // in installation order
  std::unordered_map<std::string_view, std::string_view> owners_;
};

} // namespace whlinst
