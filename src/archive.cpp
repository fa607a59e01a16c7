#include "archive.h"

#include <set>
#include <sys/stat.h>
#include <zip.h>

namespace whlinst {

namespace {
std::string open_error_text(int code) {
  switch (code) {
  case ZIP_ER_NOENT: return "no such file";
  case ZIP_ER_NOZIP: return "not a zip archive";
  case ZIP_ER_INCONS: return "inconsistent or truncated zip archive";
  case ZIP_ER_EXISTS: return "duplicate entry names in the zip archive";
  case ZIP_ER_OPEN: return "cannot open file";
  case ZIP_ER_READ: return "read error";
  case ZIP_ER_MEMORY: return "out of memory";
  default: {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
  }
  }
}

// The first name that occurs twice, found by opening without the
// consistency check that refused the archive as a whole.
std::string duplicate_entry_name(const std::string& path) {
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr)
    return "(unknown entry)";
  std::set<std::string> seen;
  std::string duplicate = "(unknown entry)";
  for (zip_int64_t i = 0, count = zip_get_num_entries(zip, 0); i < count; ++i) {
    const char* name = zip_get_name(zip, static_cast<zip_uint64_t>(i), 0);
    if (name != nullptr && !seen.insert(name).second) {
      duplicate = name;
      break;
    }
  }
  zip_discard(zip);
  return duplicate;
}

Result<ArchiveEntry> describe_entry(zip_t* zip, uint64_t index) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
    return make_error("unreadable entry #", std::to_string(index));
  ArchiveEntry entry;
  entry.index = index;
  entry.name = st.name;
  entry.size = st.size;
  entry.compressed_size = st.comp_size;
  entry.encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;
  if (zip_file_get_external_attributes(zip, index, 0, &opsys, &attributes) == 0 &&
      opsys == ZIP_OPSYS_UNIX) {
    entry.unix_attributes = true;
    entry.unix_mode = attributes >> 16;
  }
  return entry;
}
} // namespace

bool ArchiveEntry::is_symlink() const { return S_ISLNK(unix_mode); }

bool ArchiveEntry::is_executable() const {
  return S_ISREG(unix_mode) && (unix_mode & 0111) != 0;
}

struct Archive::Handle {
  zip_t* zip = nullptr;
  ~Handle() {
    if (zip != nullptr)
      zip_discard(zip);
  }
};

Archive::Archive(std::string path, std::unique_ptr<Handle> handle,
                 std::vector<ArchiveEntry> entries)
    : path_(std::move(path)), handle_(std::move(handle)), entries_(std::move(entries)) {}
Archive::~Archive() = default;
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;

Result<Archive> Archive::open(const std::string& path) {
  int code = 0;
  auto handle = std::make_unique<Handle>();
  handle->zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (handle->zip == nullptr && code == ZIP_ER_EXISTS)
    return make_error(duplicate_entry_name(path), ": duplicate entry");
  if (handle->zip == nullptr)
    return make_error(open_error_text(code));
  zip_int64_t count = zip_get_num_entries(handle->zip, 0);
  std::vector<ArchiveEntry> entries;
  entries.reserve(static_cast<size_t>(count));
  for (zip_int64_t i = 0; i < count; ++i) {
    TRY_ASSIGN(entry, describe_entry(handle->zip, static_cast<uint64_t>(i)));
    entries.push_back(std::move(entry));
  }
  return Archive(path, std::move(handle), std::move(entries));
}

struct EntryReader::File {
  zip_file_t* file = nullptr;
  ~File() {
    if (file != nullptr)
      zip_fclose(file);
  }
};

EntryReader::EntryReader(std::unique_ptr<File> file, const ArchiveEntry& entry)
    : file_(std::move(file)), name_(entry.name), declared_size_(entry.size) {}
EntryReader::~EntryReader() = default;
EntryReader::EntryReader(EntryReader&&) noexcept = default;
EntryReader& EntryReader::operator=(EntryReader&&) noexcept = default;

Result<EntryReader> Archive::open_entry(const ArchiveEntry& entry) {
  if (entry.encrypted)
    return make_error(entry.name, ": encrypted entry");
  auto file = std::make_unique<EntryReader::File>();
  file->file = zip_fopen_index(handle_->zip, entry.index, 0);
  if (file->file == nullptr)
    return make_error(entry.name, ": ", zip_strerror(handle_->zip));
  return EntryReader(std::move(file), entry);
}

Result<size_t> EntryReader::read(char* buffer, size_t capacity) {
  zip_int64_t got = zip_fread(file_->file, buffer, capacity);
  if (got < 0)
    return make_error(name_, ": corrupt entry (", zip_file_strerror(file_->file), ")");
  produced_ += static_cast<uint64_t>(got);
  if (produced_ > declared_size_)
    return make_error(name_, ": inflates past its declared size of ",
                      std::to_string(declared_size_), " bytes");
  if (got == 0 && produced_ != declared_size_)
    return make_error(name_, ": shorter than its declared size of ",
                      std::to_string(declared_size_), " bytes");
  return static_cast<size_t>(got);
}

Result<std::string> Archive::read_entry(const ArchiveEntry& entry) {
  TRY_ASSIGN(reader, open_entry(entry));
  std::string content;
  content.resize(static_cast<size_t>(entry.size));
  size_t filled = 0;
  for (;;) {
    char probe[1];
    char* target = filled < content.size() ? content.data() + filled : probe;
    size_t room = filled < content.size() ? content.size() - filled : sizeof probe;
    TRY_ASSIGN(got, reader.read(target, room));
    if (got == 0)
      return content;
    filled += got;
  }
}

} // namespace whlinst
