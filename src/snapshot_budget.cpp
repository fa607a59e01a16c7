#include "snapshot_budget.h"

#include <algorithm>
#include <atomic>

namespace whlinst {

namespace {
std::atomic<uint64_t> held{0};

struct Snapshot {
  SnapshotShare share;
  std::string bytes;
};
} // namespace

std::optional<SnapshotShare> SnapshotShare::reserve(uint64_t size) {
  uint64_t now = held.load();
  do {
    if (size > kSnapshotBudget - std::min(now, kSnapshotBudget))
      return std::nullopt;
  } while (!held.compare_exchange_weak(now, now + size));
  return SnapshotShare(size);
}

SnapshotShare::SnapshotShare(SnapshotShare&& other) noexcept : size_(other.size_) { other.size_ = 0; }

SnapshotShare::~SnapshotShare() { held -= size_; }

std::shared_ptr<const std::string> held_snapshot(SnapshotShare share, std::string bytes) {
  auto owner = std::make_shared<const Snapshot>(Snapshot{std::move(share), std::move(bytes)});
  return std::shared_ptr<const std::string>(owner, &owner->bytes);
}

uint64_t snapshot_bytes_held() { return held.load(); }

} // namespace whlinst
