#include "verifier.h"

#include "file_system.h"
#include "hash.h"
#include "paths.h"
#include "record.h"
#include "text.h"

#include <algorithm>
#include <set>
#include <unistd.h>

namespace whlinst {

namespace {
struct Digest {
  std::string base64;
  uint64_t size = 0;
};

Result<Digest> digest_file(const std::string& path, HashAlgorithm algorithm) {
  TRY_ASSIGN(fd, open_for_reading(path));
  Hasher hasher(algorithm);
  std::string buffer(1 << 18, '\0');
  Digest digest;
  for (;;) {
    ssize_t got = ::read(fd.get(), buffer.data(), buffer.size());
    if (got < 0)
      return errno_error("cannot read", path);
    if (got == 0)
      break;
    hasher.update(std::string_view(buffer.data(), static_cast<size_t>(got)));
    digest.size += static_cast<uint64_t>(got);
  }
  digest.base64 = hasher.finish_base64url();
  return digest;
}

std::optional<std::string> check_row(const Scheme& scheme, const std::string& path, const RecordRow& row) {
  std::string on_disk = scheme.on_disk(path);
  FileKind kind = file_kind(on_disk);
  if (kind == FileKind::missing)
    return "missing";
  if (kind != FileKind::regular)
    return "not a regular file";
  if (row.hash_algorithm.empty())
    return std::nullopt;
  auto algorithm = hash_algorithm_named(row.hash_algorithm);
  if (!algorithm)
    return algorithm.error().message;
  auto digest = digest_file(on_disk, *algorithm);
  if (!digest)
    return digest.error().message;
  if (row.size && *row.size != digest->size)
    return "size mismatch (" + std::to_string(digest->size) + " bytes, RECORD says " +
           std::to_string(*row.size) + ")";
  if (digest->base64 != row.hash_digest)
    return "hash mismatch";
  return std::nullopt;
}
} // namespace

Result<std::vector<VerifyProblem>> verify_project(const Scheme& scheme, const InstalledProject& project) {
  std::string record_path = join_path(project.dist_info_path, "RECORD");
  TRY_ASSIGN(text, read_file(scheme.on_disk(record_path)));
  auto rows = parse_record(text);
  if (!rows)
    return make_error(record_path, ": ", rows.error().message);
  std::vector<VerifyProblem> problems;
  for (const RecordRow& row : *rows) {
    std::string path = normalize_path(row.path.front() == '/' ? row.path : join_path(project.lib_dir, row.path));
    if (auto problem = check_row(scheme, path, row))
      problems.push_back({path, *problem});
  }
  return problems;
}

} // namespace whlinst
