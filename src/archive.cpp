#include "archive.h"

#include "archive_damage.h"
#include "archive_handle.h"
#include "archive_refusal.h"
#include "fd.h"
#include "file_identity.h"
#include "plain_zip.h"
#include "snapshot_budget.h"
#include "zip_directory.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <sys/stat.h>

namespace whlinst {

namespace {
// Wheels up to this size are read whole into private memory (one read
// system call, no read or seek per entry, every thread's handle reading the
// same bytes); larger ones are read from the file, so that a huge wheel
// never counts whole in the process's memory. Not a mapping of the file: a
// mapped file that shrinks under the reader kills it with SIGBUS. All
// snapshots together stay within kSnapshotBudget (a set's wheels are open
// at once).
constexpr off_t kSnapshotLimit = 32 << 20;

// The archive's entries, in central directory order.
Result<ArchiveListing> describe_entries(zip_t* zip) {
  zip_int64_t count = zip_functions().zip_get_num_entries(zip, 0);
  if (count > zip_int64_t{UINT32_MAX})
    return make_error("too many entries (", std::to_string(count), ")");
  ArchiveListing listing;
  listing.entries.reserve(static_cast<size_t>(count));
  for (zip_int64_t i = 0; i < count; ++i) {
    TRY_ASSIGN(entry, describe_entry(zip, static_cast<uint32_t>(i), listing.names));
    listing.entries.push_back(entry);
  }
  return listing;
}

// Loads libzip's functions, which `what` needs. Error "WHAT needs libzip:
// cannot load libzip.so.N (...)".
Status libzip_loaded(std::string_view what) {
  auto functions = load_zip_functions();
  if (!functions)
    return make_error(what, " needs libzip: ", functions.error().message);
  return {};
}

// Why a wheel file could not be opened, worded as libzip words it.
Error unopenable_error(int error) {
  if (error == ENOENT)
    return make_error("no such file");
  return make_error("cannot open file (", std::strerror(error), ")");
}

// A descriptor of `fd` for libzip to own (zip_fdopen closes it), or none.
Fd lent_to_libzip(const Fd& fd) { return fd.valid() ? Fd(::fcntl(fd.get(), F_DUPFD_CLOEXEC, 0)) : Fd(); }
} // namespace

Result<zip_t*> Archive::Handle::libzip(const std::string& path) {
  if (!zip) {
    TRY(libzip_loaded("an entry compressed otherwise than stored, deflated or with bzip2"));
    int code = 0;
    Fd lent = lent_to_libzip(fd);
    zip = open_zip(ZipInput{path, in_memory() ? &view : nullptr, lent.get()}, ZIP_RDONLY, code);
    if (!zip)
      return make_error("cannot open the wheel again (", open_error_text(code), ")");
    (void)lent.release(); // libzip's now
  }
  return zip.get();
}

Archive::Archive(std::string path, std::unique_ptr<Handle> handle,
                 std::shared_ptr<const std::vector<ArchiveEntry>> entries)
    : path_(std::move(path)), handle_(std::move(handle)), entries_(std::move(entries)) {}
// The entries share ownership of the listing that holds their names.
Archive Archive::listed(std::string path, std::unique_ptr<Handle> handle, ArchiveListing listing) {
  auto owner = std::make_shared<const ArchiveListing>(std::move(listing));
  std::shared_ptr<const std::vector<ArchiveEntry>> entries(owner, &owner->entries);
  return Archive(std::move(path), std::move(handle), std::move(entries));
}
Archive::~Archive() = default;
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;

Result<Archive> Archive::open(const std::string& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  auto handle = std::make_unique<Handle>();
  if (!fd.valid() || ::fstat(fd.get(), &handle->identity) != 0)
    return unopenable_error(errno);
  const struct stat& st = handle->identity;
  if (!S_ISREG(st.st_mode))
    return make_error(S_ISDIR(st.st_mode) ? "a directory" : "not a regular file", ", not a wheel file");
  std::optional<SnapshotShare> share = st.st_size > 0 && st.st_size <= kSnapshotLimit
                                           ? SnapshotShare::reserve(static_cast<uint64_t>(st.st_size))
                                           : std::nullopt;
  if (share) {
    TRY_ASSIGN(snapshot, read_snapshot(fd.get(), st));
    handle->bytes = held_snapshot(std::move(*share), std::move(snapshot));
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

// A plain archive is listed by whlinst (plain_zip.h). Any other is checked
// by libzip (ZIP_CHECKCONS), which lists its entries or words the refusal;
// whlinst then finds their data itself (zip_directory.h), and libzip's
// handle, with its copy of the central directory, is dropped.
Result<Archive> Archive::open_input(std::string label, std::unique_ptr<Handle> handle, Fd fd) {
  handle->fd = std::move(fd);
  if (auto plain = read_plain_zip(handle->input()))
    return listed(std::move(label), std::move(handle), std::move(*plain));
  fd = std::move(handle->fd);
  TRY(libzip_loaded("an archive other than a plain zip file"));
  int code = 0;
  Fd lent = lent_to_libzip(fd);
  ZipInput input{label, handle->in_memory() ? &handle->view : nullptr, lent.get()};
  ZipArchive zip = open_zip(input, ZIP_RDONLY | ZIP_CHECKCONS, code);
  if (!zip) {
    Error error = refusal_error(input, code);
    bool changed = input.bytes == nullptr && fd.valid() && changed_since(fd.get(), handle->identity);
    return changed ? changed_error() : error;
  }
  (void)lent.release(); // libzip's now
  handle->fd = std::move(fd);
  TRY_ASSIGN(listing, describe_entries(zip.get()));
  TRY(read_local_header_offsets(handle->input(), listing.entries));
  return listed(std::move(label), std::move(handle), std::move(listing));
}

Result<Archive> Archive::reopen() const {
  auto handle = std::make_unique<Handle>();
  handle->share_bytes(*handle_);
  handle->identity = handle_->identity;
  if (!handle->in_memory()) {
    handle->fd = Fd(::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!handle->fd.valid() || changed_since(handle->fd.get(), handle_->identity))
      return changed_error();
  }
  return Archive(path_, std::move(handle), entries_);
}

std::optional<std::string_view> Archive::bytes_in_memory() const {
  return handle_->in_memory() ? std::optional<std::string_view>(handle_->view) : std::nullopt;
}

Status Archive::check_unchanged() const {
  if (path_changed(path_, handle_->identity))
    return changed_error();
  return {};
}

} // namespace whlinst
