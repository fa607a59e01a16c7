// libFuzzer target, differential: whlinst's own listing of a plain zip
// archive (src/plain_zip.h) against libzip's. Whatever read_plain_zip
// accepts, libzip must open with ZIP_CHECKCONS and list with the same
// entries (name, sizes, CRC-32, method, encryption, Unix mode) and
// zip_directory.h must find the same local header offsets; else the target
// aborts. An archive read_plain_zip leaves to libzip is fine either way.
// Whether a bzip2 entry's method is supported is not libzip's to say: both
// listings say whether libbz2 loads (plain_zip.h), since whlinst reads such
// entries through libbz2 whatever the libzip build supports (the one from
// subprojects/ has no bzip2), so that field agrees by construction for
// method 12 and is libzip's own for every other method.

#include "archive_handle.h"
#include "plain_zip.h"
#include "zip_directory.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace whlinst;

namespace {
[[noreturn]] void disagree(const char* what, uint64_t index) {
  std::fprintf(stderr, "plain_zip and libzip disagree: %s (entry %llu)\n", what,
               static_cast<unsigned long long>(index));
  std::abort();
}

void compare(const ArchiveEntry& ours, const ArchiveEntry& theirs) {
  uint64_t i = theirs.index;
  if (ours.index != theirs.index || ours.name.view() != theirs.name.view())
    disagree("name", i);
  if (ours.size != theirs.size || ours.compressed_size != theirs.compressed_size || ours.crc != theirs.crc)
    disagree("sizes or CRC-32", i);
  if (ours.encrypted != theirs.encrypted || ours.compression_method != theirs.compression_method ||
      ours.compression_supported != theirs.compression_supported)
    disagree("method or encryption", i);
  if (ours.unix_attributes != theirs.unix_attributes || ours.unix_mode != theirs.unix_mode)
    disagree("mode", i);
  if (ours.local_header_offset != theirs.local_header_offset)
    disagree("local header offset", i);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto plain = read_plain_zip(ArchiveInput::memory(bytes));
  if (!plain)
    return 0;
  std::string_view view(bytes);
  std::string label = "fuzz.zip";
  int code = 0;
  ZipArchive zip = open_zip(ZipInput{label, &view}, ZIP_RDONLY | ZIP_CHECKCONS, code);
  if (!zip)
    disagree("libzip refuses what plain_zip accepts", 0);
  if (static_cast<uint64_t>(zip_get_num_entries(zip.get(), 0)) != plain->entries.size())
    disagree("entry count", 0);
  StringArena names;
  std::vector<ArchiveEntry> theirs;
  for (uint32_t i = 0; i < plain->entries.size(); ++i) {
    auto entry = describe_entry(zip.get(), i, names);
    if (!entry)
      disagree("libzip cannot describe an entry", i);
    theirs.push_back(std::move(*entry));
  }
  if (!read_local_header_offsets(ArchiveInput::memory(bytes), theirs))
    disagree("zip_directory cannot find the offsets", 0);
  for (size_t i = 0; i < theirs.size(); ++i)
    compare(plain->entries[i], theirs[i]);
  return 0;
}
