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
  auto parsed = parse_record(std::string(reinterpret_cast<const char*>(data), size));
  if (!parsed)
    return 0;
  const std::vector<RecordRow>& rows = parsed->rows;
  std::string formatted = format_record(rows);
  auto again = parse_record(formatted);
  require(again.ok());
  require(again->rows.size() == rows.size());
  for (const RecordRow& row : rows)
    require(std::any_of(again->rows.begin(), again->rows.end(),
                        [&](const RecordRow& other) { return same_row(row, other); }));
  require(format_record(again->rows) == formatted);
  std::string streamed;
  require(format_record(rows, [&streamed](std::string_view piece) -> Status {
            streamed.append(piece);
            return {};
          }).ok());
  require(streamed == formatted);
  for (const RecordRow& row : rows)
    (void)row.hash_field();
  return 0;
}
