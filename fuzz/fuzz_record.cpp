// libFuzzer target: RECORD parsing (record.h). Properties checked on every
// input that parses: format_record's output parses back to the same rows in
// sorted order, and formatting is a fixed point (format(parse(format(rows)))
// == format(rows)). A violation aborts, which libFuzzer reports as a crash.

#include "record.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <tuple>

using namespace whlinst;

namespace {
bool same_row(const RecordRow& a, const RecordRow& b) {
  return std::tie(a.path, a.hash_algorithm, a.hash_digest, a.size) ==
         std::tie(b.path, b.hash_algorithm, b.hash_digest, b.size);
}

void require(bool condition) {
  if (!condition)
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rows = parse_record(text);
  if (!rows)
    return 0;
  std::string formatted = format_record(*rows);
  auto again = parse_record(formatted);
  require(again.ok());
  require(again->size() == rows->size());
  std::vector<RecordRow> sorted = *again;
  for (const RecordRow& row : *rows)
    require(std::any_of(sorted.begin(), sorted.end(), [&](const RecordRow& other) { return same_row(row, other); }));
  require(format_record(*again) == formatted);
  for (const RecordRow& row : *rows)
    (void)row.hash_field();
  return 0;
}
