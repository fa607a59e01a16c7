#include "archive.h"

#include "archive_damage.h"
#include "fd.h"
#include "utf8.h"
#include "whole_inflation.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

namespace whlinst {

namespace {
// Where an archive's bytes are: a file, or `bytes` when not null.
struct ZipInput {
  const std::string& path;
  const std::string_view* bytes;
  int fd = -1; // when not in memory: an open descriptor of path, given to libzip on success
};

std::string libzip_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

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

zip_t* open_zip(const ZipInput& input, int flags, int& code) {
  if (input.bytes == nullptr && input.fd >= 0)
    return zip_fdopen(input.fd, flags & ZIP_CHECKCONS, &code);
  if (input.bytes == nullptr)
    return zip_open(input.path.c_str(), flags, &code);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(input.bytes->data(), input.bytes->size(), 0, &error);
  zip_t* zip = source == nullptr ? nullptr : zip_open_from_source(source, flags, &error);
  if (zip == nullptr) {
    code = zip_error_code_zip(&error);
    if (source != nullptr)
      zip_source_free(source);
  }
  zip_error_fini(&error);
  return zip;
}

// The first name that occurs twice, found by opening without the
// consistency check that refused the archive as a whole.
std::string duplicate_entry_name(const ZipInput& input) {
  int code = 0;
  zip_t* zip = open_zip(ZipInput{input.path, input.bytes}, ZIP_RDONLY, code);
  if (zip == nullptr)
    return "(unknown entry)";
  std::set<std::string> seen;
  std::string duplicate = "(unknown entry)";
  for (zip_int64_t i = 0, count = zip_get_num_entries(zip, 0); i < count; ++i) {
    const char* name = zip_get_name(zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (name != nullptr && !seen.insert(name).second) {
      duplicate = printable_name(name);
      break;
    }
  }
  zip_discard(zip);
  return duplicate;
}

// Wheels up to this size are read whole into private memory (one read
// system call, no read or seek per entry, every thread's handle reading the
// same bytes); larger ones are read from the file, so that a huge wheel
// never counts whole in the process's memory. Not a mapping of the file: a
// mapped file that shrinks under the reader kills it with SIGBUS.
constexpr off_t kSnapshotLimit = 32 << 20;

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

Error changed_error() { return Error{"the wheel file changed or vanished while being read"}; }

// Whether the file open as `fd` is no longer `identity` (truncated,
// overwritten in place).
bool changed_since(int fd, const struct stat& identity) {
  struct stat st;
  return ::fstat(fd, &st) != 0 || !same_file(st, identity);
}

// The whole file `fd` whose identity is `identity`, or an error if it
// changes while it is read (fewer bytes, another size or mtime afterwards).
Result<std::string> read_snapshot(int fd, const struct stat& identity) {
  std::string bytes(static_cast<size_t>(identity.st_size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t got = ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return make_error("cannot read the wheel file (", std::strerror(errno), ")");
    if (got == 0)
      return changed_error();
    done += static_cast<size_t>(got);
  }
  struct stat after;
  if (::fstat(fd, &after) != 0 || !same_file(after, identity))
    return changed_error();
  return bytes;
}
} // namespace

struct Archive::Handle {
  std::shared_ptr<const std::string> bytes; // the archive itself when in memory (snapshot or given)
  std::string_view view;                    // bytes, if any
  struct stat identity {};                  // of the file, to reopen it and notice a change
  zip_t* zip = nullptr;
  bool in_memory() const { return view.data() != nullptr; }
  void share_bytes(const Handle& other) {
    bytes = other.bytes;
    view = other.view;
  }
  ~Handle() {
    if (zip != nullptr)
      zip_discard(zip);
  }
};

namespace {
// Why libzip refused the archive: the duplicate entry, the damage found by
// walking it (read from memory or with pread from input.fd, never mapped), or
// libzip's message.
Error open_error(const ZipInput& input, int code) {
  if (code == ZIP_ER_EXISTS)
    return make_error(duplicate_entry_name(ZipInput{input.path, input.bytes}), ": duplicate entry");
  if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF || code == ZIP_ER_SEEK) {
    std::optional<std::string> damage;
    struct stat st;
    if (input.bytes != nullptr)
      damage = describe_damage(ArchiveBytes(*input.bytes));
    else if (input.fd >= 0 && ::fstat(input.fd, &st) == 0)
      damage = describe_damage(ArchiveBytes(input.fd, static_cast<uint64_t>(st.st_size)));
    if (damage)
      return Error{*damage};
  }
  return Error{open_error_text(code)};
}

Result<ArchiveEntry> describe_entry(zip_t* zip, uint64_t index) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, index, ZIP_FL_ENC_RAW, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
    return make_error("unreadable entry #", std::to_string(index));
  ArchiveEntry entry;
  entry.index = index;
  entry.name = st.name;
  entry.size = st.size;
  entry.compressed_size = st.comp_size;
  entry.crc = (st.valid & ZIP_STAT_CRC) ? st.crc : 0;
  entry.encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
  entry.compression_method = st.comp_method;
  entry.compression_supported = zip_compression_method_supported(st.comp_method, 0) != 0;
  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;
  if (zip_file_get_external_attributes(zip, index, 0, &opsys, &attributes) == 0) {
    if (opsys == ZIP_OPSYS_UNIX) {
      entry.unix_attributes = true;
      entry.unix_mode = attributes >> 16;
    } else if (S_ISREG(attributes >> 16)) {
      // Made elsewhere (MS-DOS, NTFS...) with a regular file's st_mode in the
      // high bits, as tools on Windows write it: pip reads its executable bits.
      entry.unix_mode = attributes >> 16;
    }
  }
  return entry;
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
} // namespace

bool ArchiveEntry::is_symlink() const { return S_ISLNK(unix_mode); }

bool ArchiveEntry::is_executable() const {
  return S_ISREG(unix_mode) && (unix_mode & 0111) != 0;
}

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

Archive::Archive(std::string path, std::unique_ptr<Handle> handle,
                 std::vector<ArchiveEntry> entries)
    : path_(std::move(path)), handle_(std::move(handle)), entries_(std::move(entries)) {}
Archive::~Archive() = default;
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;

Result<Archive> Archive::open(const std::string& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  auto handle = std::make_unique<Handle>();
  if (!fd.valid() || ::fstat(fd.get(), &handle->identity) != 0)
    return open_input(path, std::move(handle), Fd()); // libzip's own message
  const struct stat& st = handle->identity;
  if (!S_ISREG(st.st_mode))
    return make_error(S_ISDIR(st.st_mode) ? "a directory" : "not a regular file", ", not a wheel file");
  if (st.st_size > 0 && st.st_size <= kSnapshotLimit) {
    TRY_ASSIGN(snapshot, read_snapshot(fd.get(), st));
    handle->bytes = std::make_shared<const std::string>(std::move(snapshot));
    handle->view = *handle->bytes;
    fd = Fd();
  }
  return open_input(path, std::move(handle), std::move(fd));
}

Result<Archive> Archive::open_memory(std::string bytes, std::string label) {
  if (bytes.empty())
    return Error{*describe_damage(ArchiveBytes(bytes))};
  auto handle = std::make_unique<Handle>();
  handle->bytes = std::make_shared<const std::string>(std::move(bytes));
  handle->view = *handle->bytes;
  return open_input(std::move(label), std::move(handle), Fd());
}

Result<Archive> Archive::open_input(std::string label, std::unique_ptr<Handle> handle, Fd fd) {
  int code = 0;
  ZipInput input{label, handle->in_memory() ? &handle->view : nullptr, fd.get()};
  handle->zip = open_zip(input, ZIP_RDONLY | ZIP_CHECKCONS, code);
  if (handle->zip == nullptr) {
    Error error = open_error(input, code);
    bool changed = input.bytes == nullptr && fd.valid() && changed_since(fd.get(), handle->identity);
    return changed ? changed_error() : error;
  }
  if (input.bytes == nullptr)
    fd.release(); // libzip's now
  zip_int64_t count = zip_get_num_entries(handle->zip, 0);
  std::vector<ArchiveEntry> entries;
  entries.reserve(static_cast<size_t>(count));
  for (zip_int64_t i = 0; i < count; ++i) {
    TRY_ASSIGN(entry, describe_entry(handle->zip, static_cast<uint64_t>(i)));
    entries.push_back(std::move(entry));
  }
  return Archive(std::move(label), std::move(handle), std::move(entries));
}

Result<Archive> Archive::reopen() const {
  auto handle = std::make_unique<Handle>();
  handle->share_bytes(*handle_);
  handle->identity = handle_->identity;
  Fd fd;
  if (!handle->in_memory()) {
    fd = Fd(::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid() || changed_since(fd.get(), handle_->identity))
      return changed_error();
  }
  int code = 0;
  ZipInput input{path_, handle->in_memory() ? &handle->view : nullptr, fd.get()};
  handle->zip = open_zip(input, ZIP_RDONLY, code);
  if (handle->zip == nullptr && fd.valid() && changed_since(fd.get(), handle_->identity))
    return changed_error();
  if (handle->zip == nullptr)
    return make_error("cannot open the wheel again (", open_error_text(code), ")");
  if (input.bytes == nullptr)
    fd.release();
  return Archive(path_, std::move(handle), entries_);
}

std::optional<std::string_view> Archive::bytes_in_memory() const {
  return handle_->in_memory() ? std::optional<std::string_view>(handle_->view) : std::nullopt;
}

namespace {
// Whether the file at `path` is no longer `identity` (a stat of 0 for an
// archive opened from memory: never).
bool path_changed(const std::string& path, const struct stat& identity) {
  struct stat st;
  return identity.st_ino != 0 && (::stat(path.c_str(), &st) != 0 || !same_file(st, identity));
}
} // namespace

Status Archive::check_unchanged() const {
  if (path_changed(path_, handle_->identity))
    return changed_error();
  return {};
}

// An open entry: streamed through libzip, or inflated whole beforehand.
struct EntryReader::File {
  zip_file_t* file = nullptr;
  InflatedBytes whole;
  size_t offset = 0; // in whole
  // The wheel file read (identity 0 when the archive is in memory): a read
  // that fails once it changed is reported as the change.
  std::string path;
  struct stat identity {};
  Error explain(Error error) const { return path_changed(path, identity) ? changed_error() : std::move(error); }
  ~File() {
    if (file != nullptr)
      zip_fclose(file);
  }
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
  zip_file_t* file = zip_fopen_index(zip, entry.index, ZIP_FL_COMPRESSED);
  if (file == nullptr)
    return make_error("cannot read entry (", zip_strerror(zip), ")");
  std::string compressed(entry.compressed_size, '\0');
  zip_int64_t got = zip_fread(file, compressed.data(), compressed.size());
  bool complete = got == static_cast<zip_int64_t>(compressed.size());
  std::string detail = complete ? "" : zip_error_strerror(zip_file_get_error(file));
  zip_fclose(file);
  if (!complete)
    return make_error("cannot read entry (", got < 0 ? detail : "truncated compressed data", ")");
  return compressed;
}
} // namespace

EntryReader::EntryReader(std::unique_ptr<File> file, const ArchiveEntry& entry)
    : file_(std::move(file)), name_(printable_name(entry.name)), declared_size_(entry.size) {}
EntryReader::~EntryReader() = default;
EntryReader::EntryReader(EntryReader&&) noexcept = default;
EntryReader& EntryReader::operator=(EntryReader&&) noexcept = default;

Result<EntryReader> Archive::open_entry(const ArchiveEntry& entry) {
  std::string name = printable_name(entry.name);
  if (entry.encrypted)
    return make_error(name, ": encrypted entry");
  if (!entry.compression_supported)
    return make_error(name, ": compression method ", std::to_string(entry.compression_method), " (",
                      entry.compression_name(), ") is not supported");
  auto file = std::make_unique<EntryReader::File>();
  if (!handle_->in_memory()) {
    file->path = path_;
    file->identity = handle_->identity;
  }
  if (inflate_as_whole(entry)) {
    auto compressed = read_compressed(handle_->zip, entry);
    if (!compressed)
      return file->explain(make_error(name, ": ", compressed.error().message));
    auto inflated = inflate_whole(*compressed, entry.size, entry.crc);
    if (!inflated)
      return file->explain(make_error(name, ": ", inflated.error().message));
    file->whole = std::move(*inflated);
    return EntryReader(std::move(file), entry);
  }
  file->file = zip_fopen_index(handle_->zip, entry.index, 0);
  if (file->file == nullptr)
    return file->explain(make_error(name, ": cannot read entry (", zip_strerror(handle_->zip), ")"));
  return EntryReader(std::move(file), entry);
}

Result<std::string_view> EntryReader::read(char* buffer, size_t capacity) {
  if (file_->whole.data) {
    std::string_view rest(file_->whole.data.get() + file_->offset, file_->whole.size - file_->offset);
    file_->offset = file_->whole.size;
    produced_ += rest.size();
    return rest;
  }
  zip_int64_t got = zip_fread(file_->file, buffer, capacity);
  if (got < 0)
    return file_->explain(make_error(name_, ": ", read_error_text(file_->file, declared_size_)));
  produced_ += static_cast<uint64_t>(got);
  if (produced_ > declared_size_)
    return file_->explain(make_error(name_, ": inflates past its declared size of ",
                                     std::to_string(declared_size_), " bytes (decompression bomb?)"));
  if (got == 0 && produced_ != declared_size_)
    return file_->explain(make_error(name_, ": shorter than its declared size of ",
                                     std::to_string(declared_size_), " bytes"));
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
