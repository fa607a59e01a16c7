#include "raw_inflater.h"

#include <algorithm>
#include <climits>
#include <new>
#include <zlib.h>

namespace whlinst {

struct RawInflater::Stream {
  z_stream zlib{};
  bool ready = false;
  Stream() { ready = inflateInit2(&zlib, -MAX_WBITS) == Z_OK; }
  ~Stream() {
    if (ready)
      inflateEnd(&zlib);
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
};

RawInflater::RawInflater() : stream_(std::make_unique<Stream>()) {}
RawInflater::~RawInflater() = default;
RawInflater::RawInflater(RawInflater&&) noexcept = default;
RawInflater& RawInflater::operator=(RawInflater&&) noexcept = default;

Result<InflationStep> RawInflater::inflate(std::string_view& input, char* output, size_t capacity) {
  if (!stream_->ready)
    return make_error("cannot start inflating (out of memory)");
  z_stream& zlib = stream_->zlib;
  zlib.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  zlib.avail_in = static_cast<uInt>(std::min<size_t>(input.size(), UINT_MAX));
  zlib.next_out = reinterpret_cast<Bytef*>(output);
  zlib.avail_out = static_cast<uInt>(std::min<size_t>(capacity, UINT_MAX));
  uInt offered_in = zlib.avail_in;
  uInt offered_out = zlib.avail_out;
  int code = ::inflate(&zlib, Z_NO_FLUSH);
  input.remove_prefix(offered_in - zlib.avail_in);
  InflationStep step{offered_out - zlib.avail_out, code == Z_STREAM_END};
  if (code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR)
    return step;
  if (code == Z_MEM_ERROR)
    return make_error("out of memory while inflating");
  return make_error("corrupt compressed data (", zlib.msg != nullptr ? zlib.msg : "zlib error", ")");
}

uint32_t crc32_of(uint32_t crc, std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<z_size_t>(bytes.size())));
}

} // namespace whlinst
