#include "parallel_extraction.h"

#include "placement_fixture.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
// Jobs for `count` files of `size` bytes each.
struct Jobs {
  PlacementFixture fixture;
  std::vector<ExtractionJob> jobs;

  Jobs(size_t count, uint64_t size) {
    for (size_t i = 0; i < count; ++i)
      jobs.push_back({&fixture.add(size)});
  }
};
} // namespace

TEST_CASE("extraction_threads: a thread per MiB of sizeable files, up to the limit") {
  CHECK(extraction_threads(Jobs(0, 0).jobs, 4) == 1);
  CHECK(extraction_threads(Jobs(10, 1000).jobs, 4) == 1);          // small wheel
  CHECK(extraction_threads(Jobs(64, 1 << 20).jobs, 2) == 2);       // 64 MiB, 2 cores
  CHECK(extraction_threads(Jobs(64, 1 << 20).jobs, 8) == 8);
  CHECK(extraction_threads(Jobs(3, 1 << 20).jobs, 8) == 3);        // not more threads than files
  CHECK(extraction_threads(Jobs(1500, 16 << 10).jobs, 2) == 2);    // sympy-like: 1,500 files of 16 KiB
  CHECK(extraction_threads(Jobs(100000, 500).jobs, 2) == 1);       // 100,000 tiny files: creation-bound
  CHECK(extraction_threads(Jobs(64, 1 << 20).jobs, 0) == 1);
}
