#pragma once
// The order of items by name, as indexes: for finding duplicates and for
// binary search among an archive's entries without copying their names.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <vector>

namespace whlinst {

// Indexes 0..count-1 ordered by name_of(index), a std::string_view. A merge
// sort (std::stable_sort), whose time does not depend on the names' order:
// std::sort's introsort fell back to heapsort on the entry names of a
// 300,000-file wheel ("p0/q0/m1.py" ... "m99.py") and took ten times longer.
template <typename NameOf> std::vector<uint32_t> indexes_by_name(size_t count, NameOf name_of) {
  std::vector<uint32_t> order(count);
  std::iota(order.begin(), order.end(), uint32_t{0});
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::string_view(name_of(a)) < std::string_view(name_of(b));
  });
  return order;
}

} // namespace whlinst
