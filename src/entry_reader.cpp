#include "archive_handle.h"
#include "bzip2_inflater.h"
#include "file_identity.h"
#include "raw_inflater.h"
#include "utf8.h"
#include "whole_inflation.h"
#include "zip_directory.h"

#include <algorithm>
#include <memory>
#include <optional>

namespace whlinst {

// An open entry. Stored, deflated and bzip2 entries are read by whlinst from
// the archive's bytes (zip_directory.h locates them): deflated ones inflated
// whole when small (libdeflate), else streamed (zlib), bzip2 ones streamed
// (libbz2). Entries compressed otherwise (LZMA, zstd...) are streamed by
// libzip, opened again for them.
struct EntryReader::File {
  enum class Mode { whole, stored, deflated, bzip2, libzip };
  Mode mode = Mode::whole;
  InflatedBytes whole;
  size_t offset = 0; // in whole
  ArchiveInput input = ArchiveInput::memory({});
  uint64_t next = 0; // archive offset of the next compressed bytes to read
  uint64_t compressed_left = 0;
  std::string_view pending; // compressed bytes read but not yet inflated
  std::string input_buffer; // holds `pending` when read from the file
  std::optional<RawInflater> inflater;         // Mode::deflated
  std::optional<Bzip2Inflater> bzip2_inflater; // Mode::bzip2
  bool ended = false;                          // the compressed stream ended
  uint32_t crc = 0;
  ZipFile file;
  // The wheel file read (identity 0 when the archive is in memory): a read
  // that fails once it changed is reported as the change.
  std::string path;
  struct stat identity {};
  Error explain(Error error) const { return path_changed(path, identity) ? changed_error() : std::move(error); }

  // The next compressed bytes, at most `chunk`: a view of the snapshot, or
  // read from the file into input_buffer; empty at the entry's end.
  Result<std::string_view> next_compressed(size_t chunk) {
    size_t length = static_cast<size_t>(std::min<uint64_t>(compressed_left, chunk));
    TRY_ASSIGN(bytes, input.bytes_at(next, length, input_buffer));
    next += length;
    compressed_left -= length;
    return bytes;
  }

  // Reads a stored, deflated or bzip2 entry from `next` on, streamed.
  // Error: the bzip2 decompressor's (bzip2_inflater.h).
  Status start_streaming(uint16_t method) {
    if (method == kStoredMethod) {
      mode = Mode::stored;
    } else if (method == kDeflateMethod) {
      mode = Mode::deflated;
      inflater.emplace();
    } else {
      mode = Mode::bzip2;
      TRY_ASSIGN(started, Bzip2Inflater::start());
      bzip2_inflater.emplace(std::move(started));
    }
    return {};
  }

  // Decompresses from `pending` with the entry's streaming decompressor.
  Result<InflationStep> inflate_pending(char* buffer, size_t capacity) {
    return mode == Mode::bzip2 ? bzip2_inflater->inflate(pending, buffer, capacity)
                               : inflater->inflate(pending, buffer, capacity);
  }
};

namespace {
// Deflated entries up to this size (and compressed size) are inflated whole
// (whole_inflation.h): per thread, at most this much memory twice.
constexpr uint64_t kWholeInflationLimit = 4 << 20;
// Compressed bytes read from the file at a time when streaming.
constexpr size_t kInputChunk = 64 << 10;

bool inflate_as_whole(const ArchiveEntry& entry) {
  return whole_inflation_available() && entry.compression_method == kDeflateMethod &&
         entry.size <= kWholeInflationLimit && entry.compressed_size <= kWholeInflationLimit;
}

std::string read_error_text(zip_file_t* file, [[maybe_unused]] uint64_t declared_size) {
  zip_error_t* error = zip_functions().zip_file_get_error(file);
  std::string detail = zip_functions().zip_error_strerror(error);
  switch (zip_functions().zip_error_code_zip(error)) {
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
  if (entry.encrypted)
    return make_error(printable_name(entry.name), ": encrypted entry");
  if (!entry.compression_supported)
    return make_error(printable_name(entry.name), ": ", entry.unsupported_compression());
  return std::nullopt;
}

bool read_by_libzip(const ArchiveEntry& entry) {
  uint16_t method = entry.compression_method;
  return method != kStoredMethod && method != kDeflateMethod && method != kBzip2Method;
}

} // namespace

EntryReader::EntryReader(std::unique_ptr<File> file, const ArchiveEntry& entry)
    : file_(std::move(file)), raw_name_(entry.name), declared_size_(entry.size), expected_crc_(entry.crc) {}
EntryReader::~EntryReader() = default;
EntryReader::EntryReader(EntryReader&&) noexcept = default;
EntryReader& EntryReader::operator=(EntryReader&&) noexcept = default;

Result<EntryReader> Archive::open_entry(const ArchiveEntry& entry) {
  if (auto refused = unreadable(entry))
    return std::move(*refused);
  auto name = [&entry] { return printable_name(entry.name); };
  auto file = std::make_unique<EntryReader::File>();
  if (!handle_->in_memory()) {
    file->path = path_;
    file->identity = handle_->identity;
  }
  if (read_by_libzip(entry)) {
    TRY_ASSIGN(zip, handle_->libzip(path_));
    file->mode = EntryReader::File::Mode::libzip;
    file->file = ZipFile(zip_functions().zip_fopen_index(zip, entry.index, 0));
    if (!file->file)
      return file->explain(make_error(name(), ": cannot read entry (", zip_functions().zip_strerror(zip), ")"));
    return EntryReader(std::move(file), entry);
  }
  file->input = handle_->input();
  auto data = entry_data_offset(file->input, entry);
  if (!data)
    return file->explain(make_error(name(), ": ", data.error().message));
  file->next = *data;
  file->compressed_left = entry.compressed_size;
  if (inflate_as_whole(entry)) {
    auto compressed = file->next_compressed(entry.compressed_size);
    if (!compressed)
      return file->explain(make_error(name(), ": ", compressed.error().message));
    auto inflated = inflate_whole(*compressed, entry.size, entry.crc);
    if (!inflated)
      return file->explain(make_error(name(), ": ", inflated.error().message));
    file->whole = std::move(*inflated);
    file->input_buffer = std::string();
    return EntryReader(std::move(file), entry);
  }
  if (auto streaming = file->start_streaming(entry.compression_method); !streaming)
    return file->explain(make_error(name(), ": ", streaming.error().message));
  return EntryReader(std::move(file), entry);
}

Result<std::string_view> EntryReader::read(char* buffer, size_t capacity) {
  using Mode = File::Mode;
  if (file_->mode == Mode::whole) {
    std::string_view rest(file_->whole.data.get() + file_->offset, file_->whole.size - file_->offset);
    file_->offset = file_->whole.size;
    produced_ += rest.size();
    return rest;
  }
  Result<std::string_view> bytes = file_->mode == Mode::libzip   ? read_libzip(buffer, capacity)
                                   : file_->mode == Mode::stored ? read_stored(buffer, capacity)
                                                                 : read_inflated(buffer, capacity);
  if (!bytes)
    return file_->explain(make_error(printable_name(raw_name_), ": ", bytes.error().message));
  produced_ += bytes->size();
  if (produced_ > declared_size_)
    return file_->explain(make_error(printable_name(raw_name_), ": inflates past its declared size of ",
                                     std::to_string(declared_size_), " bytes (decompression bomb?)"));
  if (!bytes->empty()) {
    if (file_->mode != Mode::libzip)
      file_->crc = crc32_of(file_->crc, *bytes);
    return bytes;
  }
  if (produced_ != declared_size_)
    return file_->explain(make_error(printable_name(raw_name_), ": shorter than its declared size of ",
                                     std::to_string(declared_size_), " bytes"));
  if (file_->mode != Mode::libzip && file_->crc != expected_crc_)
    return file_->explain(make_error(printable_name(raw_name_), ": CRC-32 mismatch, the entry is corrupt"));
  return bytes;
}

// Stored bytes: a view of the snapshot (all that remain), or read into `buffer`.
Result<std::string_view> EntryReader::read_stored(char* buffer, size_t capacity) {
  if (file_->input.in_memory())
    return file_->next_compressed(file_->compressed_left);
  size_t length = static_cast<size_t>(std::min<uint64_t>(file_->compressed_left, capacity));
  TRY_ASSIGN(got, file_->input.read_at(file_->next, buffer, length));
  if (got != length)
    return make_error("truncated archive");
  file_->next += got;
  file_->compressed_left -= got;
  return std::string_view(buffer, got);
}

// Deflated or bzip2 bytes, decompressed as they are read.
Result<std::string_view> EntryReader::read_inflated(char* buffer, size_t capacity) {
  while (!file_->ended) {
    if (file_->pending.empty()) {
      if (file_->compressed_left == 0)
        return make_error("corrupt compressed data (the stream ends early)");
      TRY_ASSIGN(chunk, file_->next_compressed(kInputChunk));
      file_->pending = chunk;
    }
    TRY_ASSIGN(step, file_->inflate_pending(buffer, capacity));
    file_->ended = step.ended;
    if (step.produced > 0)
      return std::string_view(buffer, step.produced);
  }
  return std::string_view();
}

Result<std::string_view> EntryReader::read_libzip(char* buffer, size_t capacity) {
  zip_int64_t got = zip_functions().zip_fread(file_->file.get(), buffer, capacity);
  if (got < 0)
    return make_error(read_error_text(file_->file.get(), declared_size_));
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
