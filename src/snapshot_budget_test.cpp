#include "snapshot_budget.h"

#include "archive.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using namespace whlinst::testing;

TEST_CASE("snapshot shares stay within the budget and are given back") {
  uint64_t before = snapshot_bytes_held();
  {
    std::optional<SnapshotShare> most = SnapshotShare::reserve(kSnapshotBudget - before - 10);
    REQUIRE(most);
    CHECK_FALSE(SnapshotShare::reserve(11));
    std::optional<SnapshotShare> rest = SnapshotShare::reserve(10);
    CHECK(rest);
    CHECK(snapshot_bytes_held() == kSnapshotBudget);
  }
  CHECK(snapshot_bytes_held() == before);
}

TEST_CASE("a held snapshot keeps its share until its last owner is gone") {
  uint64_t before = snapshot_bytes_held();
  std::optional<SnapshotShare> share = SnapshotShare::reserve(3);
  REQUIRE(share);
  std::shared_ptr<const std::string> bytes = held_snapshot(std::move(*share), "abc");
  share.reset(); // the moved-from share gives back nothing
  CHECK(snapshot_bytes_held() == before + 3);
  std::shared_ptr<const std::string> copy = bytes;
  bytes.reset();
  CHECK(*copy == "abc");
  CHECK(snapshot_bytes_held() == before + 3);
  copy.reset();
  CHECK(snapshot_bytes_held() == before);
}

TEST_CASE("a wheel opened beyond the budget is read from its file, the same entries") {
  TemporaryDirectory directory;
  std::string path = directory / "w.zip";
  REQUIRE(write_zip(path, {{"pkg/a.py", std::string(4096, 'a')}, {"pkg/b.py", "b"}}).ok());
  auto in_memory = Archive::open(path);
  REQUIRE(in_memory);
  CHECK(in_memory->bytes_in_memory());
  std::optional<SnapshotShare> rest = SnapshotShare::reserve(kSnapshotBudget - snapshot_bytes_held());
  REQUIRE(rest);
  auto from_file = Archive::open(path);
  REQUIRE(from_file);
  CHECK_FALSE(from_file->bytes_in_memory());
  REQUIRE(from_file->entries().size() == in_memory->entries().size());
  for (size_t i = 0; i < in_memory->entries().size(); ++i) {
    auto a = in_memory->read_entry(in_memory->entries()[i]);
    auto b = from_file->read_entry(from_file->entries()[i]);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
  }
  rest.reset();
  auto again = Archive::open(path);
  REQUIRE(again);
  CHECK(again->bytes_in_memory());
}
