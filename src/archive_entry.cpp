#include "archive_handle.h"
#include "bzip2_inflater.h"

#include <sys/stat.h>

namespace whlinst {

static_assert(sizeof(ArchiveEntry) <= 48, "one per entry of a wheel: 300,000 of them must fit in a few MiB");

bool ArchiveEntry::is_symlink() const { return S_ISLNK(unix_mode); }

bool ArchiveEntry::is_executable() const { return S_ISREG(unix_mode) && (unix_mode & 0111) != 0; }

std::string_view ArchiveEntry::compression_name() const {
  switch (compression_method) {
  case 0: return "stored";
  case 1: return "shrink";
  case 6: return "implode";
  case 8: return "deflate";
  case 9: return "deflate64";
  case 12: return "bzip2";
  case 14: return "LZMA";
  case 93: return "zstd";
  case 95: return "xz";
  case 98: return "PPMd";
  case 99: return "AES";
  default: return "unknown";
  }
}

std::string ArchiveEntry::unsupported_compression() const {
  std::string method =
      "compression method " + std::to_string(compression_method) + " (" + std::string(compression_name()) + ")";
  if (compression_method == kBzip2Method)
    if (Status loaded = load_bzip2_inflation(); !loaded)
      return method + " needs libbz2: " + loaded.error().message;
  return method + " is not supported";
}

namespace {
// st_mode from the external attributes: made on Unix, or a regular file's
// mode from another system.
void read_unix_mode(zip_t* zip, uint32_t index, ArchiveEntry& entry) {
  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;
  if (zip_functions().zip_file_get_external_attributes(zip, index, 0, &opsys, &attributes) != 0)
    return;
  if (opsys == ZIP_OPSYS_UNIX) {
    entry.unix_attributes = true;
    entry.unix_mode = static_cast<uint16_t>(attributes >> 16);
  } else if (S_ISREG(attributes >> 16)) {
    // Made elsewhere (MS-DOS, NTFS...) with a regular file's st_mode in the
    // high bits, as tools on Windows write it: pip reads its executable bits.
    entry.unix_mode = static_cast<uint16_t>(attributes >> 16);
  }
}
} // namespace

Result<ArchiveEntry> describe_entry(zip_t* zip, uint32_t index, StringArena& names) {
  zip_stat_t st;
  zip_functions().zip_stat_init(&st);
  if (zip_functions().zip_stat_index(zip, index, ZIP_FL_ENC_RAW, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
    return make_error("unreadable entry #", std::to_string(index));
  ArchiveEntry entry;
  entry.index = index;
  entry.name = names.add(st.name);
  entry.size = st.size;
  entry.compressed_size = st.comp_size;
  entry.crc = (st.valid & ZIP_STAT_CRC) ? st.crc : 0;
  entry.encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
  entry.compression_method = st.comp_method;
  // bzip2 entries are read through libbz2 (entry_reader.cpp), whatever
  // this libzip supports: the one built from subprojects/ has no bzip2.
  entry.compression_supported = st.comp_method == kBzip2Method
                                    ? load_bzip2_inflation().ok()
                                    : zip_functions().zip_compression_method_supported(st.comp_method, 0) != 0;
  read_unix_mode(zip, index, entry);
  return entry;
}

} // namespace whlinst
