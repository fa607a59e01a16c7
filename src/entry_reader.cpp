#include "archive_handle.h"
#include "file_identity.h"
#include "utf8.h"
#include "whole_inflation.h"

#include <memory>

namespace whlinst {

// An open entry: streamed through libzip, or inflated whole beforehand.
struct EntryReader::File {
  ZipFile file;
  InflatedBytes whole;
  size_t offset = 0; // in whole
  // The wheel file read (identity 0 when the archive is in memory): a read
  // that fails once it changed is reported as the change.
  std::string path;
  struct stat identity {};
  Error explain(Error error) const { return path_changed(path, identity) ? changed_error() : std::move(error); }
};

namespace {
// Deflated entries up to this size (and compressed size) are inflated whole
// (whole_inflation.h): per thread, at most this much memory twice.
constexpr uint64_t kWholeInflationLimit = 4 << 20;

bool inflate_as_whole(const ArchiveEntry& entry) {
  return whole_inflation_available() && entry.compression_method == 8 && entry.size <= kWholeInflationLimit &&
         entry.compressed_size <= kWholeInflationLimit;
}

// The entry's raw deflate stream, exactly its compressed size.
Result<std::string> read_compressed(zip_t* zip, const ArchiveEntry& entry) {
  ZipFile file(zip_fopen_index(zip, entry.index, ZIP_FL_COMPRESSED));
  if (!file)
    return make_error("cannot read entry (", zip_strerror(zip), ")");
  std::string compressed(entry.compressed_size, '\0');
  zip_int64_t got = zip_fread(file.get(), compressed.data(), compressed.size());
  if (got == static_cast<zip_int64_t>(compressed.size()))
    return compressed;
  return make_error("cannot read entry (",
                    got < 0 ? zip_error_strerror(zip_file_get_error(file.get())) : "truncated compressed data", ")");
}

std::string read_error_text(zip_file_t* file, [[maybe_unused]] uint64_t declared_size) {
  zip_error_t* error = zip_file_get_error(file);
  std::string detail = zip_error_strerror(error);
  switch (zip_error_code_zip(error)) {
#ifdef ZIP_ER_DATA_LENGTH // libzip >= 1.10 checks the length itself
  case ZIP_ER_DATA_LENGTH:
    return "inflates past its declared size of " + std::to_string(declared_size) +
           " bytes or ends short of it (decompression bomb?)";
#endif
  case ZIP_ER_CRC: return "CRC-32 mismatch, the entry is corrupt";
  case ZIP_ER_ZLIB:
  case ZIP_ER_COMPRESSED_DATA: return "corrupt compressed data (" + detail + ")";
  case ZIP_ER_INCONS: return "inconsistent entry (" + detail + ")";
  default: return "cannot read entry (" + detail + ")";
  }
}

// Why `entry` cannot be read at all, if it cannot.
std::optional<Error> unreadable(const ArchiveEntry& entry) {
  std::string name = printable_name(entry.name);
  if (entry.encrypted)
    return make_error(name, ": encrypted entry");
  if (!entry.compression_supported)
    return make_error(name, ": compression method ", std::to_string(entry.compression_method), " (",
                      entry.compression_name(), ") is not supported");
  return std::nullopt;
}
} // namespace

EntryReader::EntryReader(std::unique_ptr<File> file, const ArchiveEntry& entry)
    : file_(std::move(file)), name_(printable_name(entry.name)), declared_size_(entry.size) {}
EntryReader::~EntryReader() = default;
EntryReader::EntryReader(EntryReader&&) noexcept = default;
EntryReader& EntryReader::operator=(EntryReader&&) noexcept = default;

Result<EntryReader> Archive::open_entry(const ArchiveEntry& entry) {
  if (auto refused = unreadable(entry))
    return std::move(*refused);
  std::string name = printable_name(entry.name);
  auto file = std::make_unique<EntryReader::File>();
  if (!handle_->in_memory()) {
    file->path = path_;
    file->identity = handle_->identity;
  }
  if (inflate_as_whole(entry)) {
    auto compressed = read_compressed(handle_->zip.get(), entry);
    if (!compressed)
      return file->explain(make_error(name, ": ", compressed.error().message));
    auto inflated = inflate_whole(*compressed, entry.size, entry.crc);
    if (!inflated)
      return file->explain(make_error(name, ": ", inflated.error().message));
    file->whole = std::move(*inflated);
    return EntryReader(std::move(file), entry);
  }
  file->file = ZipFile(zip_fopen_index(handle_->zip.get(), entry.index, 0));
  if (!file->file)
    return file->explain(make_error(name, ": cannot read entry (", zip_strerror(handle_->zip.get()), ")"));
  return EntryReader(std::move(file), entry);
}

Result<std::string_view> EntryReader::read(char* buffer, size_t capacity) {
  if (file_->whole.data) {
    std::string_view rest(file_->whole.data.get() + file_->offset, file_->whole.size - file_->offset);
    file_->offset = file_->whole.size;
    produced_ += rest.size();
    return rest;
  }
  zip_int64_t got = zip_fread(file_->file.get(), buffer, capacity);
  if (got < 0)
    return file_->explain(make_error(name_, ": ", read_error_text(file_->file.get(), declared_size_)));
  produced_ += static_cast<uint64_t>(got);
  if (produced_ > declared_size_)
    return file_->explain(make_error(name_, ": inflates past its declared size of ", std::to_string(declared_size_),
                                     " bytes (decompression bomb?)"));
  if (got == 0 && produced_ != declared_size_)
    return file_->explain(
        make_error(name_, ": shorter than its declared size of ", std::to_string(declared_size_), " bytes"));
  return std::string_view(buffer, static_cast<size_t>(got));
}

Result<std::string> Archive::read_entry(const ArchiveEntry& entry) {
  constexpr size_t kChunk = 64 * 1024;
  TRY_ASSIGN(reader, open_entry(entry));
  std::string content;
  auto buffer = std::make_unique<char[]>(kChunk);
  for (;;) {
    TRY_ASSIGN(bytes, reader.read(buffer.get(), kChunk));
    if (bytes.empty())
      return content;
    content.append(bytes);
  }
}

} // namespace whlinst
