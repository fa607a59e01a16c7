#include "compile_timing.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("take_worker_clock removes the timing prefix of an answer") {
  std::string line = "timing 10 20 35 12 ok";
  std::optional<WorkerClock> clock = take_worker_clock(line);
  REQUIRE(clock);
  CHECK(clock->ready == 10);
  CHECK(clock->begin == 20);
  CHECK(clock->end == 35);
  CHECK(clock->cpu == 12);
  CHECK(line == "ok");
}

TEST_CASE("take_worker_clock keeps an answer without the prefix") {
  for (std::string line : {"ok", "error\tbad syntax", "timing 1 2 3 ok", "timing 1 x 3 4 ok"}) {
    std::string kept = line;
    CHECK_FALSE(take_worker_clock(kept));
    CHECK(kept == line);
  }
}
