#include "bzip2_inflater.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <bzlib.h>

namespace whlinst {
namespace {
using testing::numbered_lines;

// `text` as one bzip2 stream (libbz2 linked into the tests), 100k blocks so
// that a few hundred KB make several blocks.
std::string bzip2_stream(const std::string& text) {
  std::string stream(text.size() + text.size() / 100 + 600, '\0');
  auto length = static_cast<unsigned>(stream.size());
  int code = BZ2_bzBuffToBuffCompress(stream.data(), &length, const_cast<char*>(text.data()),
                                      static_cast<unsigned>(text.size()), /*blockSize100k=*/1, 0, 0);
  REQUIRE(code == BZ_OK);
  stream.resize(length);
  return stream;
}

// What `inflater` makes of `stream`, given `input_piece` bytes at a time
// into an output buffer of `capacity` bytes; REQUIREs the end.
std::string inflate_in_pieces(const std::string& stream, size_t input_piece, size_t capacity) {
  auto inflater = Bzip2Inflater::start();
  REQUIRE_MESSAGE(inflater, inflater.error().message);
  std::string text;
  std::string output(capacity, '\0');
  for (size_t offered = 0; offered < stream.size();) {
    std::string_view input = std::string_view(stream).substr(offered, input_piece);
    size_t given = input.size();
    for (;;) {
      auto step = inflater->inflate(input, output.data(), output.size());
      REQUIRE_MESSAGE(step, step.error().message);
      text.append(output.data(), step->produced);
      if (step->ended) {
        CHECK(offered + given - input.size() == stream.size());
        return text;
      }
      if (step->produced == 0 && input.empty())
        break;
    }
    offered += given;
  }
  FAIL("the stream did not end");
  return text;
}

// The error of inflating all of `stream`, or "" when it inflates.
std::string inflation_error(std::string_view stream) {
  auto inflater = Bzip2Inflater::start();
  REQUIRE(inflater);
  std::string output(1 << 16, '\0');
  for (;;) {
    auto step = inflater->inflate(stream, output.data(), output.size());
    if (!step)
      return step.error().message;
    if (step->ended || (step->produced == 0 && stream.empty()))
      return "";
  }
}
} // namespace

TEST_CASE("libbz2 loads") { CHECK(load_bzip2_inflation()); }

TEST_CASE("a bzip2 stream inflates whatever the input and output pieces") {
  std::string text = numbered_lines(300000);
  std::string stream = bzip2_stream(text);
  CHECK(inflate_in_pieces(stream, stream.size(), 1 << 20) == text);
  CHECK(inflate_in_pieces(stream, 4099, 4099) == text);
  CHECK(inflate_in_pieces(stream, 1, 65536) == text);
  CHECK(inflate_in_pieces(bzip2_stream(""), 1, 16).empty());
}

TEST_CASE("input used up before the end of the stream produces nothing more, without error") {
  std::string stream = bzip2_stream(numbered_lines(50000));
  auto inflater = Bzip2Inflater::start();
  REQUIRE(inflater);
  std::string_view half = std::string_view(stream).substr(0, stream.size() / 2);
  std::string output(1 << 20, '\0');
  auto step = inflater->inflate(half, output.data(), output.size());
  REQUIRE(step);
  CHECK(half.empty());
  CHECK(!step->ended);
  CHECK(step->produced == 0); // one block, inflated only once all of it is read
  CHECK(inflation_error(std::string_view(stream).substr(0, stream.size() / 2)).empty());
}

TEST_CASE("corrupt bzip2 data is refused with what is wrong") {
  std::string stream = bzip2_stream(numbered_lines(50000));
  SUBCASE("not a bzip2 stream") {
    CHECK(inflation_error("PK\x03\x04 is a zip header") == "corrupt compressed data (not a bzip2 stream)");
    stream[0] = 'X';
    CHECK(inflation_error(stream) == "corrupt compressed data (not a bzip2 stream)");
  }
  SUBCASE("a block's byte altered") {
    stream[stream.size() / 2] = static_cast<char>(stream[stream.size() / 2] ^ 0x10);
    CHECK(inflation_error(stream) == "corrupt compressed data (bzip2 blocks fail their CRC or do not parse)");
  }
}

} // namespace whlinst
