#include "extract.h"

#include "file_system.h"
#include "hash.h"

#include <memory>
#include <sys/stat.h>

namespace whlinst {

namespace {
constexpr size_t kChunk = 256 * 1024;

// One chunk buffer per thread, allocated once and never cleared: allocating
// (and zeroing) it per entry cost more than extracting a small entry.
char* chunk_buffer() {
  thread_local std::unique_ptr<char[]> buffer(new char[kChunk]);
  return buffer.get();
}

Status check_digest(const ExpectedFile& file, Hasher& hasher, uint64_t size) {
  if (file.size() && *file.size() != size)
    return entry_error(file.entry->name, "size mismatch with RECORD (", std::to_string(size), " bytes, RECORD says ",
                       std::to_string(*file.size()), ")");
  if (file.algorithm && hasher.finish_base64url() != file.digest())
    return entry_error(file.entry->name, "hash mismatch with RECORD");
  return {};
}

// The wheel's RECORD row as it is, as pip keeps it (its hash and size, empty
// when absent); a file RECORD does not list (a signature, RECORD.jws or
// RECORD.p7s) gets pip's row for an installed file it has no row for:
// empty hash and size.
InstalledFile recorded_values(const Placement& placement) {
  InstalledFile installed;
  installed.recorded = placement.file->listed ? placement.file : nullptr;
  return installed;
}

Status apply_mode(const Fd& fd, const Placement& placement, const std::string& path) {
  if (!placement.executable)
    return {};
  return set_mode(fd.get(), (0777 & ~process_umask()) | 0111, path);
}

Result<InstalledFile> stream_entry(Archive& archive, const Placement& placement, const std::string& path) {
  const ExpectedFile& file = *placement.file;
  TRY_ASSIGN(reader, archive.open_entry(*file.entry));
  TRY_ASSIGN(fd, create_new_file(path, MissingParent::recreate));
  Hasher hasher(file.algorithm.value_or(HashAlgorithm::sha256));
  char* buffer = chunk_buffer();
  uint64_t size = 0;
  for (;;) {
    TRY_ASSIGN(chunk, reader.read(buffer, kChunk));
    if (chunk.empty())
      break;
    hasher.update(chunk);
    TRY(write_all(fd.get(), chunk, path));
    size += chunk.size();
  }
  TRY(check_digest(file, hasher, size));
  TRY(apply_mode(fd, placement, path));
  return recorded_values(placement);
}

// The entry streamed through the "#!python" rewrite: the entry's bytes are
// verified, the written bytes hashed for the new RECORD row.
Result<InstalledFile> rewrite_script(Archive& archive, const Placement& placement,
                                     const std::string& path, const std::string& interpreter) {
  const ExpectedFile& file = *placement.file;
  TRY_ASSIGN(reader, archive.open_entry(*file.entry));
  TRY_ASSIGN(fd, create_new_file(path, MissingParent::recreate));
  Hasher hasher(file.algorithm.value_or(HashAlgorithm::sha256));
  Hasher written(HashAlgorithm::sha256);
  DataScriptRewriter rewriter(interpreter);
  char* buffer = chunk_buffer();
  uint64_t size = 0, written_size = 0;
  auto write = [&](const std::string& bytes) {
    written.update(bytes);
    written_size += bytes.size();
    return write_all(fd.get(), bytes, path);
  };
  for (;;) {
    TRY_ASSIGN(chunk, reader.read(buffer, kChunk));
    if (chunk.empty())
      break;
    hasher.update(chunk);
    size += chunk.size();
    TRY(write(rewriter.feed(chunk)));
  }
  TRY(write(rewriter.finish()));
  TRY(check_digest(file, hasher, size));
  TRY(apply_mode(fd, placement, path));
  if (!rewriter.rewritten())
    return recorded_values(placement);
  return InstalledFile{nullptr, written.finish_base64url(), written_size};
}
} // namespace

RecordRow InstalledFile::record_row(std::string_view path, RecordRows& rows) const {
  if (recorded) {
    RecordRow row = recorded->row();
    row.path = path;
    return row;
  }
  if (written_digest.empty())
    return {path, "", "", std::nullopt};
  return {path, "sha256", rows.keep(written_digest), written_size};
}

Result<InstalledFile> extract_placement(Archive& archive, const Placement& placement,
                                        const DiskPath& disk_path, const std::string& interpreter) {
  const std::string& path_on_disk = disk_path.str();
  if (placement.role == FileRole::data_script)
    return rewrite_script(archive, placement, path_on_disk, interpreter);
  return stream_entry(archive, placement, path_on_disk);
}

Result<InstalledFile> write_generated(const DiskPath& disk_path, std::string_view content,
                                      Executable executable) {
  const std::string& path_on_disk = disk_path.str();
  TRY_ASSIGN(fd, create_new_file(path_on_disk, MissingParent::recreate));
  TRY(write_all(fd.get(), content, path_on_disk));
  if (executable == Executable::yes)
    TRY(set_mode(fd.get(), ((0666 & ~process_umask()) | 0555) & 07777, path_on_disk));
  return InstalledFile{nullptr, digest_base64url(HashAlgorithm::sha256, content), content.size()};
}

} // namespace whlinst
