#pragma once
// Test support: a WheelContents built in memory from zip entries (as
// test_support's wheel_entries() makes them), with RECORD matched and
// WHEEL and entry_points.txt parsed as Wheel::open does, but no archive on
// disk: for tests of pure functions such as plan_install.

#include "test_support.h"
#include "wheel_contents.h"

#include <memory>
#include <string_view>
#include <vector>

namespace whlinst::testing {

class WheelInMemory {
public:
  // `entries`: a whole wheel's entries (payload and .dist-info files). A
  // malformed wheel fails the current test case.
  WheelInMemory(std::string_view file_name, const std::vector<ZipEntry>& entries);
  WheelInMemory(const WheelInMemory&) = delete; // contents_ points into entries_
  WheelInMemory& operator=(const WheelInMemory&) = delete;
  const WheelContents& operator*() const { return contents_; }
  const WheelContents* operator->() const { return &contents_; }

private:
  StringArena names_;                 // the entries' names
  std::vector<ArchiveEntry> entries_; // the files' ArchiveEntry point here: never resized after construction
  WheelContents contents_;
};

} // namespace whlinst::testing
