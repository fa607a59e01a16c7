#include "archive_refusal.h"

#include "archive_damage.h"
#include "utf8.h"

#include <optional>
#include <set>
#include <sys/stat.h>

namespace whlinst {

namespace {
std::string libzip_text(int code) {
  zip_error_t error;
  zip_functions().zip_error_init_with_code(&error, code);
  std::string text = zip_functions().zip_error_strerror(&error);
  zip_functions().zip_error_fini(&error);
  return text;
}

// The first name that occurs twice, found by opening without the
// consistency check that refused the archive as a whole.
std::string duplicate_entry_name(const ZipInput& input) {
  int code = 0;
  ZipArchive zip = open_zip(ZipInput{input.path, input.bytes}, ZIP_RDONLY, code);
  if (!zip)
    return "(unknown entry)";
  std::set<std::string> seen;
  for (zip_int64_t i = 0, count = zip_functions().zip_get_num_entries(zip.get(), 0); i < count; ++i) {
    const char* name = zip_functions().zip_get_name(zip.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (name != nullptr && !seen.insert(name).second)
      return printable_name(name);
  }
  return "(unknown entry)";
}

std::optional<std::string> damage_of(const ZipInput& input) {
  struct stat st;
  if (input.bytes != nullptr)
    return describe_damage(ArchiveBytes(*input.bytes));
  if (input.fd >= 0 && ::fstat(input.fd, &st) == 0)
    return describe_damage(ArchiveBytes(input.fd, static_cast<uint64_t>(st.st_size)));
  return std::nullopt;
}
} // namespace

std::string open_error_text(int code) {
  switch (code) {
  case ZIP_ER_NOENT: return "no such file";
  case ZIP_ER_NOZIP: return "not a zip archive";
  case ZIP_ER_INCONS: return "inconsistent or truncated zip archive";
  case ZIP_ER_OPEN: return "cannot open file";
  case ZIP_ER_READ: return "read error";
  case ZIP_ER_MEMORY: return "out of memory";
  default: return libzip_text(code);
  }
}

Error refusal_error(const ZipInput& input, int code) {
  if (code == ZIP_ER_EXISTS)
    return make_error(duplicate_entry_name(input), ": duplicate entry");
  if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF || code == ZIP_ER_SEEK)
    if (auto damage = damage_of(input))
      return Error{*damage};
  return Error{open_error_text(code)};
}

} // namespace whlinst
