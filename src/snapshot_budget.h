#pragma once
// The wheel bytes this process holds in memory at once as snapshots
// (Archive::open): the wheels of a set are all open together, so without a
// bound a set would hold the bytes of every wheel until it commits. A
// snapshot is taken only while the total stays within kSnapshotBudget; a
// wheel beyond it is read from its file, as a wheel over the per-wheel
// limit is. See docs/design.md, "Reading the wheel".

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace whlinst {

inline constexpr uint64_t kSnapshotBudget = uint64_t{32} << 20;

// A share of the budget, given back when it is destroyed.
class SnapshotShare {
public:
  // `size` bytes of the budget, or nothing when they do not fit.
  static std::optional<SnapshotShare> reserve(uint64_t size);
  SnapshotShare(SnapshotShare&& other) noexcept;
  SnapshotShare& operator=(SnapshotShare&&) = delete;
  ~SnapshotShare();

private:
  explicit SnapshotShare(uint64_t size) : size_(size) {}
  uint64_t size_;
};

// `bytes`, holding `share` until the last owner of the result is gone.
std::shared_ptr<const std::string> held_snapshot(SnapshotShare share, std::string bytes);

// The bytes all snapshots hold now (for tests).
uint64_t snapshot_bytes_held();

} // namespace whlinst
