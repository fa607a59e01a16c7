#include "compile_order.h"

#include <algorithm>
#include <numeric>

namespace whlinst {

namespace {
// The cost of a request beyond its source's bytes, in bytes of source: an
// estimate (bench/compile_utilisation.py's busy time per request on the
// 0.6 KiB modules of bench_files against sympy's).
constexpr uint64_t kRequestOverhead = 2048;

bool compiled(const Placement& placement) { return !placement.bytecode.empty(); }
} // namespace

uint64_t compile_work(uint64_t source_size) { return source_size + kRequestOverhead; }

std::vector<size_t> extraction_order(const std::vector<const Placement*>& placements) {
  std::vector<size_t> order(placements.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Placement& first = *placements[a];
    const Placement& second = *placements[b];
    if (compiled(first) != compiled(second))
      return compiled(first);
    return compiled(first) && first.file->entry->size > second.file->entry->size;
  });
  return order;
}

size_t least_loaded(const std::vector<uint64_t>& loads) {
  return static_cast<size_t>(std::min_element(loads.begin(), loads.end()) - loads.begin());
}

} // namespace whlinst
