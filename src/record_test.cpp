#include "record.h"
#include "record_rows.h"

#include <optional>
#include <type_traits>

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

std::string error_of(std::string_view text) {
  Result<ParsedRecord> rows = parse_record(std::string(text));
  REQUIRE_FALSE(rows.ok());
  return rows.error().message;
}

void check_row(const RecordRow& row, std::string_view path, std::string_view algorithm,
               std::string_view digest, std::optional<uint64_t> size) {
  CHECK(row.path == path);
  CHECK(row.hash_algorithm == algorithm);
  CHECK(row.hash_digest == digest);
  CHECK(row.size == size);
}

RecordRow row(std::string_view path, std::string_view algorithm, std::string_view digest,
              std::optional<uint64_t> size) {
  return RecordRow{path, algorithm, digest, size};
}

} // namespace

// Fields as Python 3.11's csv.reader(..., strict=True) returns them.
TEST_CASE("parse_record reads rows, quoting, CRLF, blank lines, a last row without newline") {
  Result<ParsedRecord> record = parse_record("pkg/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\r\n"
                                             "\r\n"
                                             "\"a,b.py\",sha256=AAAA,12\n"
                                             "\"q\"\"uote\nnext line\",,\n"
                                             "pkg-1.0.dist-info/RECORD,,");
  REQUIRE(record.ok());
  REQUIRE(record->rows.size() == 4);
  check_row(record->rows[0], "pkg/__init__.py", "sha256", "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU", 0);
  check_row(record->rows[1], "a,b.py", "sha256", "AAAA", 12);
  check_row(record->rows[2], "q\"uote\nnext line", "", "", std::nullopt);
  check_row(record->rows[3], "pkg-1.0.dist-info/RECORD", "", "", std::nullopt);
}

TEST_CASE("parse_record: bare CR ends a row, quote inside an unquoted field is literal") {
  Result<ParsedRecord> record = parse_record("a\"b.py,,\rc.py,\"sha512=x_-9\",\"5\"\n\n\n");
  REQUIRE(record.ok());
  REQUIRE(record->rows.size() == 2);
  check_row(record->rows[0], "a\"b.py", "", "", std::nullopt);
  check_row(record->rows[1], "c.py", "sha512", "x_-9", 5);
  check_row(parse_record("big,,18446744073709551615")->rows.at(0), "big", "", "", UINT64_MAX);
  CHECK(parse_record("")->rows.empty());
  CHECK(parse_record("\r\n\n\r")->rows.empty());
}

TEST_CASE("parse_record requires three fields and a path") {
  CHECK(error_of("a.py,,\nx,y\n") == "line 2: expected 3 fields (path,hash,size), found 2");
  CHECK(error_of("x,,,\n") == "line 1: expected 3 fields (path,hash,size), found 4");
  CHECK(error_of("\n\n just-a-path\n") == "line 3: expected 3 fields (path,hash,size), found 1");
  CHECK(error_of("\"a\nb\",,\nc,d\n") == "line 3: expected 3 fields (path,hash,size), found 2");
  CHECK(error_of(",sha256=abc,1\n") == "line 1: empty path");
  CHECK(error_of("\"\",,\n") == "line 1: empty path");
}

TEST_CASE("parse_record checks the hash field") {
  CHECK(error_of("a,sha256,1\n") == "line 1: hash 'sha256' is not of the form algorithm=digest");
  CHECK(error_of("a,SHA256=abc,1\n") == "line 1: invalid hash algorithm 'SHA256'");
  CHECK(error_of("a,=abc,1\n") == "line 1: invalid hash algorithm ''");
  CHECK(error_of("a,3sha=abc,1\n") == "line 1: invalid hash algorithm '3sha'");
  CHECK(error_of("a,sha-256=abc,1\n") == "line 1: invalid hash algorithm 'sha-256'");
  CHECK(error_of("a,sha256=,1\n") == "line 1: empty digest in hash 'sha256='");
  CHECK(error_of("a,sha256=ab+/,1\n") ==
        "line 1: digest 'ab+/' is not urlsafe base64 without padding");
  CHECK(error_of("a,sha256=abc=,1\n") ==
        "line 1: digest 'abc=' is not urlsafe base64 without padding");
  CHECK(error_of("a,sha256=a c,1\n") ==
        "line 1: digest 'a c' is not urlsafe base64 without padding");
  Result<ParsedRecord> record = parse_record("a,sha3_256=abc,\n");
  REQUIRE(record.ok());
  check_row(record->rows.at(0), "a", "sha3_256", "abc", std::nullopt);
}

TEST_CASE("parse_record checks the size field") {
  for (const char* bad : {"-1", "+1", " 1", "1 ", "1.0", "0x10", "abc", "18446744073709551616"}) {
    CAPTURE(bad);
    CHECK(error_of(std::string("a,,") + bad + "\n") ==
          std::string("line 1: invalid size '") + bad + "'");
  }
  CHECK(parse_record("a,,007")->rows.at(0).size == 7);
}

TEST_CASE("parse_record refuses malformed quoting") {
  CHECK(error_of("ok,,\n\"abc,d\n") == "line 2: unterminated quoted field");
  CHECK(error_of("\"a\"b,,\n") == "line 1: ',' expected after closing '\"'");
  CHECK(error_of("\"a\nb\" ,,\n") == "line 2: ',' expected after closing '\"'");
  CHECK(error_of("a,\"") == "line 1: unterminated quoted field");
}

TEST_CASE("RecordRow::hash_field") {
  CHECK(row("a", "sha256", "abc", 1).hash_field() == "sha256=abc");
  CHECK(row("a", "", "", std::nullopt).hash_field() == "");
}

// Expected: Python 3.6-3.13 csv.writer(io.StringIO(newline='')).writerows(sorted(rows))
// on the same rows as (path, hash, str(size)) tuples, as pip 23 writes RECORD.
TEST_CASE("format_record matches Python's csv.writer on pip's sorted rows") {
  std::vector<RecordRow> rows = {
      row("b.py", "sha256", "abc", 12),
      row("a,b.py", "", "", std::nullopt),
      row("q\"uote.py", "sha256", "x", 1),
      row("nl\nx", "", "", std::nullopt),
      row("cr\rx", "", "", std::nullopt),
      row(" sp", "", "", std::nullopt),
      row("tab\tx", "", "", std::nullopt),
      row("a.py", "sha256", "b", 2),
      row("a.py", "sha256", "a", 3),
      row("a.py", "", "", 10),
      row("a.py", "", "", 9),
      row("\xc3\xa9.py", "", "", std::nullopt),
      row("z.py", "", "", std::nullopt),
      row("Z.py", "", "", std::nullopt),
      row("\"", "", "", std::nullopt),
      row("'x'", "", "", std::nullopt),
      row("crlf\r\nx", "", "", std::nullopt),
      row("dir/sub/f.py", "sha512", "AbC-_09", 0),
  };
  CHECK(format_record(rows) ==
        " sp,,\r\n\"\"\"\",,\r\n'x',,\r\nZ.py,,\r\n\"a,b.py\",,\r\na.py,,10\r\na.py,,9\r\n"
        "a.py,sha256=a,3\r\na.py,sha256=b,2\r\nb.py,sha256=abc,12\r\n\"cr\rx\",,\r\n"
        "\"crlf\r\nx\",,\r\ndir/sub/f.py,sha512=AbC-_09,0\r\n\"nl\nx\",,\r\n"
        "\"q\"\"uote.py\",sha256=x,1\r\ntab\tx,,\r\nz.py,,\r\n\xc3\xa9.py,,\r\n");
  CHECK(format_record({}) == "");
}

TEST_CASE("format_record output parses back to the same rows") {
  std::vector<RecordRow> rows = {row("a,\"b\"\r\nc.py", "sha256", "x-_", 3),
                                 row("pkg-1.0.dist-info/RECORD", "", "", std::nullopt)};
  Result<ParsedRecord> parsed = parse_record(format_record(rows));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->rows.size() == 2);
  check_row(parsed->rows.at(0), "a,\"b\"\r\nc.py", "sha256", "x-_", 3);
  check_row(parsed->rows.at(1), "pkg-1.0.dist-info/RECORD", "", "", std::nullopt);
}

TEST_CASE("RecordRows: a copy's rows stay valid once the original is gone") {
  static_assert(std::is_nothrow_move_constructible_v<RecordRows>); // a vector of them moves, never copies
  std::optional<RecordRows> original(std::in_place);
  auto text = std::make_shared<const std::string>("sha256=abc");
  original->hold(text);
  std::string_view held = *text;
  original->rows.push_back({original->keep("pkg/a.py"), held.substr(0, 6), held.substr(7), 3});
  RecordRows copy = *original;
  original.reset();
  text.reset();
  check_row(copy.rows.at(0), "pkg/a.py", "sha256", "abc", 3);
}

TEST_CASE("hex_of_base64url decodes RECORD digests") {
  // hashlib.sha256(b"sbom"): urlsafe base64 without padding, and hex.
  CHECK(hex_of_base64url("mPOuHvZxE9gUDU9suNKDAHDiHqSPCRvlGWWYRsdxo3Q") ==
        "98f3ae1ef67113d8140d4f6cb8d2830070e21ea48f091be519659846c771a374");
  CHECK(hex_of_base64url("-_8") == "fbff");
  CHECK(hex_of_base64url("") == "");
  CHECK(hex_of_base64url("ab+/") == "");
  CHECK(hex_of_base64url("ab=") == "");
}

namespace {
std::string row_line(const RecordRow& row) {
  return std::string(row.path) + "|" + row.hash_field() + "|" + (row.size ? std::to_string(*row.size) : "") + "\n";
}

// Each row (or the error) `text` gives, as one line of text per row.
std::string rows_of_whole(std::string text) {
  std::string out;
  Status parsed = for_each_record_row(text, [&](const RecordRow& row) {
    out += row_line(row);
    return Status{};
  });
  return parsed ? out : out + "error: " + parsed.error().message;
}

// The same through a RecordStream fed `piece` bytes at a time.
std::string rows_in_pieces(std::string_view text, size_t piece) {
  std::string out;
  RecordStream stream([&](const RecordRow& row) {
    out += row_line(row);
    return Status{};
  });
  Status parsed;
  for (size_t at = 0; at < text.size() && parsed; at += piece)
    parsed = stream.feed(text.substr(at, piece));
  if (parsed)
    parsed = stream.finish();
  return parsed ? out : out + "error: " + parsed.error().message;
}
} // namespace

TEST_CASE("RecordStream gives the rows and errors of the whole text, however it is cut") {
  const std::string texts[] = {
      "pkg/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\r\n\r\n\"a,b.py\",sha256=AAAA,12\n"
      "\"q\"\"uote\nnext\r\nline\",,\n\"x\ny\",\"sha256=BB\",\"7\"\r\npkg-1.0.dist-info/RECORD,,",
      "a\"b.py,,\rc.py,\"sha512=x_-9\",\"5\"\n\n\n",
      "ok,,\nok2,,\n\"abc,d\nmore\n",   // unterminated on line 3
      "ok,,\r\n\"a\nb\" ,,\nafter,,\n", // ',' expected on line 3
      "a,,\nb,sha256=,1\n",             // an error on line 2
      "",
  };
  for (const std::string& text : texts) {
    std::string whole = rows_of_whole(text);
    for (size_t piece = 1; piece <= text.size() + 1; ++piece) {
      CAPTURE(text);
      CAPTURE(piece);
      CHECK(rows_in_pieces(text, piece) == whole);
    }
  }
  CHECK(rows_of_whole(texts[2]).ends_with("error: line 3: unterminated quoted field"));
  CHECK(rows_of_whole(texts[3]).ends_with("error: line 3: ',' expected after closing '\"'"));
}

TEST_CASE("RecordStream: a row cut by every piece, its quoted field holding many line breaks") {
  std::string text = "\"";
  for (int i = 0; i < 2000; ++i)
    text += "line\n";
  text += "\",,\nlast.py,,3\n";
  std::string whole = rows_of_whole(text);
  CHECK(whole.ends_with("last.py||3\n"));
  CHECK(rows_in_pieces(text, 7) == whole);
  CHECK(rows_in_pieces(text, 4096) == whole);
}
