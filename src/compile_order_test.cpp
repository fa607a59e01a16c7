#include "compile_order.h"

#include "placement_fixture.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace whlinst;

namespace {
// Placements of files of the given sizes; `compiled` ones have a bytecode target.
struct Fixture {
  PlacementFixture placements;
  std::vector<const Placement*> pointers;

  void add(uint64_t size, bool compiled) { pointers.push_back(&placements.add(size, compiled)); }

  // The plan positions in extraction order.
  std::vector<size_t> extraction_order() const {
    std::vector<const Placement*> sorted = pointers;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Placement* a, const Placement* b) { return extracted_before(*a, *b); });
    std::vector<size_t> order;
    for (const Placement* placement : sorted)
      order.push_back(static_cast<size_t>(std::find(pointers.begin(), pointers.end(), placement) - pointers.begin()));
    return order;
  }
};
} // namespace

TEST_CASE("extracted_before: sources first, largest first, others in plan order") {
  Fixture fixture;
  fixture.add(500, false); // 0
  fixture.add(10, true);   // 1
  fixture.add(9000, true); // 2
  fixture.add(700, false); // 3
  fixture.add(10, true);   // 4
  fixture.add(300, true);  // 5
  CHECK(fixture.extraction_order() == std::vector<size_t>{2, 5, 1, 4, 0, 3});
}

TEST_CASE("extracted_before keeps plan order without sources") {
  Fixture fixture;
  fixture.add(5, false);
  fixture.add(50, false);
  fixture.add(1, false);
  CHECK(fixture.extraction_order() == std::vector<size_t>{0, 1, 2});
}

TEST_CASE("least_loaded takes the first of the smallest") {
  CHECK(least_loaded({3, 1, 1}) == 1);
  CHECK(least_loaded({0, 0}) == 0);
  CHECK(least_loaded({7}) == 0);
}

TEST_CASE("sources largest first to the least loaded worker end within a small file") {
  std::vector<uint64_t> sizes{90000, 40000, 30000};
  for (uint64_t size = 3000; size > 1000; size -= 20)
    sizes.push_back(size);
  std::vector<uint64_t> loads(2);
  for (uint64_t size : sizes)
    loads[least_loaded(loads)] += compile_work(size);
  uint64_t spread = loads[0] > loads[1] ? loads[0] - loads[1] : loads[1] - loads[0];
  CHECK(spread <= compile_work(1020));
}

TEST_CASE("workers_for: a second worker from 128 KiB of estimated work") {
  CHECK(workers_for(0, 2) == 1);
  CHECK(workers_for(100 << 10, 2) == 1);
  CHECK(workers_for(128 << 10, 2) == 2);
  CHECK(workers_for(10 << 20, 2) == 2);
  CHECK(workers_for(10 << 20, 1) == 1);
  CHECK(workers_for(10 << 20, 0) == 1);
}

TEST_CASE("estimated_work counts the .py files only") {
  std::vector<ArchiveEntry> entries(3);
  entries[0].name = "pkg/a.py";
  entries[0].size = 1000;
  entries[1].name = "pkg/data.json";
  entries[1].size = 50000;
  entries[2].name = "pkg/b.py";
  entries[2].size = 3000;
  CHECK(estimated_work(entries) == compile_work(1000) + compile_work(3000));
}
