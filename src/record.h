#pragma once
// The .dist-info/RECORD file (recording installed packages specification,
// "The RECORD file"; binary distribution format specification, "The
// .dist-info directory"): CSV as written by Python's csv module with its
// default dialect. Pure functions, no I/O.

#include "result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// One row. Its fields view characters it does not own: a ParsedRecord's
// text for the rows parse_record returns, else strings whoever builds the
// row keeps at least as long as the row.
struct RecordRow {
  std::string_view path;
  std::string_view hash_algorithm; // empty when the row has no hash
  std::string_view hash_digest;    // urlsafe base64 without '=' padding, as in the file
  std::optional<uint64_t> size;

  // "algorithm=digest", or "" when hash_algorithm is empty.
  std::string hash_field() const;
};

// A parsed RECORD: its rows, which view `text` (RECORD's text with its
// quoted fields unquoted in place). Copies and moves keep the rows valid.
struct ParsedRecord {
  std::shared_ptr<const std::string> text;
  std::vector<RecordRow> rows;
};

// Parses RECORD. Rows end with "\n", "\r\n" or "\r" (as csv.reader reads
// them); blank lines are skipped. Fields are separated by ',' and may be
// quoted with '"' (a doubled '"' inside stands for one; commas and line
// breaks are kept); a '"' inside an unquoted field is taken literally, as
// Python does. Each row must have exactly 3 fields: a non-empty path; a hash
// that is empty or "algo=digest" with algo [a-z][a-z0-9_]* and a non-empty
// digest of urlsafe base64 characters [A-Za-z0-9_-]; a size that is empty or
// an unsigned decimal integer fitting in 64 bits. Errors name the 1-based
// line where the problem is: "line N: ...". Rows are returned in file order.
Result<ParsedRecord> parse_record(std::string text);
// The same rows handed one at a time to `each`, in file order, none kept:
// `text` is unquoted in place and the rows view it. Stops at the first
// error, of parsing or of `each`.
Status for_each_record_row(std::string& text, const std::function<Status(const RecordRow&)>& each);

// RECORD parsed as its text arrives, in pieces of any size, so that it is
// never held whole: each row goes to `each` once complete, viewing memory
// valid during the call only. Rows and errors as for_each_record_row (line
// numbers count from the start of the whole text). After an error, feed()
// and finish() return it again.
class RecordStream {
public:
  explicit RecordStream(std::function<Status(const RecordRow&)> each) : each_(std::move(each)) {}
  Status feed(std::string_view piece);
  // The end of the text: the last row needs no line break.
  Status finish();

private:
  Status parse(bool final);

  std::function<Status(const RecordRow&)> each_;
  std::string pending_; // not parsed yet: the start of a row not complete
  size_t line_ = 1;     // pending_'s first line
  size_t retry_at_ = 0; // pending_ is parsed once it holds this much
  Status failed_;
};

// A RECORD digest (urlsafe base64 without padding) as lowercase hex; "" when
// it holds a character outside the urlsafe base64 alphabet.
std::string hex_of_base64url(std::string_view digest);

// Formats RECORD exactly as pip 23 writes it for an installed project: rows
// sorted by (path, hash_field(), size as decimal or "") in byte order, fields
// joined with ',', a field quoted with '"' (inner '"' doubled) only when it
// contains ',', '"', '\r' or '\n', every row ended by "\r\n" (csv.writer,
// QUOTE_MINIMAL, default lineterminator).
std::string format_record(const std::vector<RecordRow>& rows);
// The same text handed to `write` in pieces of about 64 KiB, in order, so
// that it is never held whole; stops at the first error `write` returns.
Status format_record(const std::vector<RecordRow>& rows, const std::function<Status(std::string_view)>& write);
// The same for rows made on demand: row_at(i) for each i of `indexes`,
// called as often as sorting them needs (the same row each time).
Status format_record(std::vector<uint32_t> indexes, const std::function<RecordRow(uint32_t)>& row_at,
                     const std::function<Status(std::string_view)>& write);

} // namespace whlinst
