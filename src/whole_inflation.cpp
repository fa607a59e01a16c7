#include "whole_inflation.h"

#ifdef WHLINST_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

namespace whlinst {

#ifdef WHLINST_HAVE_LIBDEFLATE
namespace {
struct DecompressorDeleter {
  void operator()(libdeflate_decompressor* decompressor) const { libdeflate_free_decompressor(decompressor); }
};

// One per thread: a decompressor must not be used by two threads at once.
libdeflate_decompressor* thread_decompressor() {
  thread_local std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> decompressor(
      libdeflate_alloc_decompressor());
  return decompressor.get();
}
} // namespace

bool whole_inflation_available() { return true; }

Result<InflatedBytes> inflate_whole(std::string_view compressed, uint64_t declared_size, uint32_t crc) {
  libdeflate_decompressor* decompressor = thread_decompressor();
  if (decompressor == nullptr)
    return make_error("out of memory");
  InflatedBytes inflated{std::unique_ptr<char[]>(new char[declared_size + 1]), 0};
  libdeflate_result result = libdeflate_deflate_decompress(decompressor, compressed.data(), compressed.size(),
                                                           inflated.data.get(), declared_size, &inflated.size);
  if (result == LIBDEFLATE_INSUFFICIENT_SPACE)
    return make_error("inflates past its declared size of ", std::to_string(declared_size),
                      " bytes (decompression bomb?)");
  if (result != LIBDEFLATE_SUCCESS)
    return make_error("corrupt compressed data");
  if (inflated.size != declared_size)
    return make_error("shorter than its declared size of ", std::to_string(declared_size), " bytes");
  if (libdeflate_crc32(0, inflated.data.get(), inflated.size) != crc)
    return make_error("CRC-32 mismatch, the entry is corrupt");
  return inflated;
}
#else
bool whole_inflation_available() { return false; }

Result<InflatedBytes> inflate_whole(std::string_view, uint64_t, uint32_t) {
  return make_error("built without libdeflate");
}
#endif

} // namespace whlinst
