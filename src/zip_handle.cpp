#include "zip_handle.h"

namespace whlinst {

namespace {
ZipArchive open_zip_memory(std::string_view bytes, int flags, int& code) {
  zip_error_t error;
  zip_functions().zip_error_init(&error);
  ZipSource source(zip_functions().zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
  ZipArchive zip(source ? zip_functions().zip_open_from_source(source.get(), flags, &error) : nullptr);
  if (zip)
    (void)source.release(); // the archive's now
  else
    code = zip_functions().zip_error_code_zip(&error);
  zip_functions().zip_error_fini(&error);
  return zip;
}
} // namespace

ZipArchive open_zip(const ZipInput& input, int flags, int& code) {
  if (input.bytes != nullptr)
    return open_zip_memory(*input.bytes, flags, code);
  if (input.fd >= 0)
    return ZipArchive(zip_functions().zip_fdopen(input.fd, flags & ZIP_CHECKCONS, &code));
  return ZipArchive(zip_functions().zip_open(input.path.c_str(), flags, &code));
}

} // namespace whlinst
