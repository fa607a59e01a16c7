#include "record.h"

#include "hash.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace whlinst {

namespace {

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '-')
    return 62;
  if (c == '_')
    return 63;
  return -1;
}

std::string line_prefix(size_t line) { return "line " + std::to_string(line) + ": "; }

struct CsvRow {
  size_t line = 0;
  std::vector<std::string_view> fields; // empty for a blank line
};

// Reads the default csv dialect one row at a time, like csv.reader with
// strict=True. Fields view `text`; a quoted field is unquoted in place (its
// value is never longer than its quoted form, and is written over it).
// When `more_follows`, `text` is only the beginning of the file: a row it
// ends in the middle of is incomplete (its fields partly unquoted already),
// not an error.
class CsvReader {
public:
  explicit CsvReader(std::string& text, size_t first_line = 1, bool more_follows = false)
      : text_(text), line_(first_line), more_follows_(more_follows) {}

  bool done() const { return pos_ >= text_.size(); }
  size_t position() const { return pos_; }
  size_t line() const { return line_; }
  bool incomplete() const { return incomplete_; }

  // Reads the next row into `row` (its fields' storage reused).
  Status next_row(CsvRow& row) {
    row.line = line_;
    row.fields.clear();
    if (at_line_end()) {
      skip_line_end();
      return {};
    }
    while (true) {
      if (peek() == '"') {
        TRY_ASSIGN(field, quoted_field());
        row.fields.push_back(field);
      } else {
        row.fields.push_back(plain_field());
      }
      if (incomplete_)
        return {};
      if (peek() != ',')
        break;
      ++pos_;
    }
    if (done() && more_follows_) {
      incomplete_ = true;
      return {};
    }
    skip_line_end();
    return {};
  }

private:
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool at_line_end() const { return peek() == '\r' || peek() == '\n'; }

  void skip_line_end() {
    if (peek() == '\r')
      ++pos_;
    if (peek() == '\n')
      ++pos_;
    ++line_;
  }

  std::string_view plain_field() {
    size_t start = pos_;
    while (!done() && peek() != ',' && !at_line_end())
      ++pos_;
    return std::string_view(text_).substr(start, pos_ - start);
  }

  Result<std::string_view> quoted_field() {
    size_t start_line = line_;
    size_t start = pos_;
    size_t end = start;
    for (++pos_;; ++pos_) {
      if (done() && more_follows_) {
        incomplete_ = true;
        return std::string_view();
      }
      if (done())
        return make_error(line_prefix(start_line), "unterminated quoted field");
      char c = text_[pos_];
      if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"')
        ++pos_;
      else if (c == '"')
        break;
      else if (c == '\n' || (c == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] != '\n')))
        ++line_;
      text_[end++] = c;
    }
    ++pos_;
    if (!done() && peek() != ',' && !at_line_end())
      return make_error(line_prefix(line_), "',' expected after closing '\"'");
    return std::string_view(text_).substr(start, end - start);
  }

  std::string& text_;
  size_t pos_ = 0;
  size_t line_ = 1;
  bool more_follows_ = false;
  bool incomplete_ = false;
};

bool is_algorithm(std::string_view algorithm) {
  if (algorithm.empty() || algorithm.front() < 'a' || algorithm.front() > 'z')
    return false;
  return algorithm.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") ==
         std::string_view::npos;
}

bool is_urlsafe_base64(std::string_view digest) {
  return digest.find_first_not_of(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
         std::string_view::npos;
}

Status parse_hash(std::string_view field, RecordRow& row, size_t line) {
  if (field.empty())
    return Ok{};
  size_t equals = field.find('=');
  if (equals == std::string_view::npos)
    return make_error(line_prefix(line), "hash '", field, "' is not of the form algorithm=digest");
  std::string_view algorithm = field.substr(0, equals);
  std::string_view digest = field.substr(equals + 1);
  if (!is_algorithm(algorithm))
    return make_error(line_prefix(line), "invalid hash algorithm '", algorithm, "'");
  if (digest.empty())
    return make_error(line_prefix(line), "empty digest in hash '", field, "'");
  if (!is_urlsafe_base64(digest))
    return make_error(line_prefix(line), "digest '", digest,
                      "' is not urlsafe base64 without padding");
  row.hash_algorithm = algorithm;
  row.hash_digest = digest;
  return Ok{};
}

Status parse_size(std::string_view field, RecordRow& row, size_t line) {
  if (field.empty())
    return Ok{};
  uint64_t size = 0;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), size);
  if (error != std::errc{} || end != field.data() + field.size())
    return make_error(line_prefix(line), "invalid size '", field, "'");
  row.size = size;
  return Ok{};
}

Result<RecordRow> parse_row(const CsvRow& csv_row) {
  const std::vector<std::string_view>& fields = csv_row.fields;
  if (fields.size() != 3)
    return make_error(line_prefix(csv_row.line), "expected 3 fields (path,hash,size), found ",
                      std::to_string(fields.size()));
  if (fields[0].empty())
    return make_error(line_prefix(csv_row.line), "empty path");
  RecordRow row;
  row.path = fields[0];
  TRY(parse_hash(fields[1], row, csv_row.line));
  TRY(parse_size(fields[2], row, csv_row.line));
  return row;
}

// csv.writer's QUOTE_MINIMAL: a field holding one of these is quoted.
bool needs_quoting(std::string_view field) { return field.find_first_of(",\"\r\n") != std::string_view::npos; }

void append_field(std::string& out, std::string_view field) {
  if (!needs_quoting(field)) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"')
      out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::string size_field(const RecordRow& row) { return row.size ? std::to_string(*row.size) : std::string(); }

// pip's order: (path, hash_field(), size_field()) in byte order; paths are
// all but always distinct, so the other two are built only on a tie.
bool record_order(const RecordRow* a, const RecordRow* b) {
  if (int by_path = a->path.compare(b->path); by_path != 0)
    return by_path < 0;
  if (int by_hash = a->hash_field().compare(b->hash_field()); by_hash != 0)
    return by_hash < 0;
  return size_field(*a) < size_field(*b);
}

// An upper bound of a row's length when no field needs quoting.
size_t unquoted_length(const RecordRow& row) {
  return row.path.size() + row.hash_algorithm.size() + 1 + row.hash_digest.size() + 20 + 4;
}

void append_row(std::string& out, const RecordRow& row) {
  append_field(out, row.path);
  out.push_back(',');
  if (!needs_quoting(row.hash_algorithm) && !needs_quoting(row.hash_digest)) { // hash_field() unquoted
    if (!row.hash_algorithm.empty())
      out.append(row.hash_algorithm).append(1, '=').append(row.hash_digest);
  } else {
    append_field(out, row.hash_field());
  }
  out.push_back(',');
  out.append(size_field(row)); // digits: never quoted
  out.append("\r\n");
}

// Where parsing stopped: the start of an incomplete row, or the end.
struct ParsedUpTo {
  size_t position = 0;
  size_t line = 1;
};

// Each row of `reader`'s text handed to `each`, blank lines skipped, up to
// an incomplete row.
Result<ParsedUpTo> parse_rows(CsvReader& reader, const std::function<Status(const RecordRow&)>& each) {
  CsvRow csv_row;
  while (!reader.done()) {
    ParsedUpTo row_start{reader.position(), reader.line()};
    TRY(reader.next_row(csv_row));
    if (reader.incomplete())
      return row_start;
    if (csv_row.fields.empty())
      continue;
    TRY_ASSIGN(row, parse_row(csv_row));
    TRY(each(row));
  }
  return ParsedUpTo{reader.position(), reader.line()};
}

} // namespace

std::string RecordRow::hash_field() const {
  if (hash_algorithm.empty())
    return std::string();
  std::string field;
  field.reserve(hash_algorithm.size() + 1 + hash_digest.size());
  return field.append(hash_algorithm).append(1, '=').append(hash_digest);
}

Status for_each_record_row(std::string& text, const std::function<Status(const RecordRow&)>& each) {
  CsvReader reader(text);
  TRY(parse_rows(reader, each));
  return {};
}

Status RecordStream::feed(std::string_view piece) {
  TRY(failed_);
  pending_.append(piece);
  if (pending_.size() < retry_at_)
    return {};
  return failed_ = parse(false);
}

Status RecordStream::finish() {
  TRY(failed_);
  return failed_ = parse(true);
}

// The rows of pending_ up to its last line break (all of it when `final`),
// parsed in a copy (unquoting writes over the text); an incomplete row is
// kept for the next piece. A row may hold quoted line breaks: until it is
// complete, pending_ is parsed again only once it has doubled, so that a
// long such row costs linear time.
Status RecordStream::parse(bool final) {
  size_t end = final ? pending_.size() : pending_.rfind('\n') + 1; // npos + 1 == 0: no line break yet
  if (end == 0)
    return {};
  std::string text(pending_, 0, end);
  CsvReader reader(text, line_, !final);
  TRY_ASSIGN(rest, parse_rows(reader, each_));
  pending_.erase(0, rest.position);
  line_ = rest.line;
  retry_at_ = reader.incomplete() ? 2 * pending_.size() : 0;
  return {};
}

Result<ParsedRecord> parse_record(std::string text) {
  text.shrink_to_fit(); // kept as long as the rows: not the capacity it was read with
  auto owned = std::make_shared<std::string>(std::move(text));
  ParsedRecord record;
  record.rows.reserve(std::count(owned->begin(), owned->end(), '\n') + 1);
  TRY(for_each_record_row(*owned, [&record](const RecordRow& row) {
    record.rows.push_back(row);
    return Status{};
  }));
  record.text = std::move(owned);
  return record;
}

Status format_record(std::vector<uint32_t> indexes, const std::function<RecordRow(uint32_t)>& row_at,
                     const std::function<Status(std::string_view)>& write) {
  constexpr size_t kPiece = 64 << 10;
  std::stable_sort(indexes.begin(), indexes.end(), [&row_at](uint32_t a, uint32_t b) {
    RecordRow first = row_at(a);
    RecordRow second = row_at(b);
    return record_order(&first, &second);
  });
  std::string piece;
  piece.reserve(kPiece + 512);
  for (uint32_t index : indexes) {
    append_row(piece, row_at(index));
    if (piece.size() >= kPiece) {
      TRY(write(piece));
      piece.clear();
    }
  }
  return piece.empty() ? Status{} : write(piece);
}

Status format_record(const std::vector<RecordRow>& rows, const std::function<Status(std::string_view)>& write) {
  std::vector<uint32_t> indexes(rows.size());
  std::iota(indexes.begin(), indexes.end(), uint32_t{0});
  return format_record(
      std::move(indexes), [&rows](uint32_t index) { return rows[index]; }, write);
}

std::string format_record(const std::vector<RecordRow>& rows) {
  std::string out;
  size_t length = 0;
  for (const RecordRow& row : rows)
    length += unquoted_length(row);
  out.reserve(length);
  (void)format_record(rows, [&out](std::string_view piece) {
    out.append(piece);
    return Status{};
  });
  return out;
}

std::string hex_of_base64url(std::string_view digest) {
  std::string bytes;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : digest) {
    int value = base64url_value(c);
    if (value < 0)
      return "";
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return hex_of(bytes);
}

} // namespace whlinst
