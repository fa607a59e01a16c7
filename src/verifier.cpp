#include "verifier.h"

#include "file_system.h"
#include "hash.h"
#include "installed_record.h"
#include "paths.h"
#include "text.h"

#include <algorithm>
#include <set>
#include <unistd.h>

namespace whlinst {

namespace {
std::optional<std::string> check_row(const Scheme& scheme, const std::string& path, const RecordRow& row) {
  std::string on_disk = scheme.on_disk(path).str();
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
  if (digest->base64url != row.hash_digest)
    return "hash mismatch";
  return std::nullopt;
}
} // namespace

Result<std::vector<VerifyProblem>> verify_project(const Scheme& scheme, const InstalledProject& project) {
  TRY_ASSIGN(record, read_installed_record(scheme.root, project));
  std::vector<VerifyProblem> problems;
  // pip keeps the wheel's own row of a setuptools wrapper it did not
  // install ("NAME-1.0.data/scripts/NAME", see is_entry_point_wrapper).
  std::string_view dist_info = base_name(project.dist_info_path);
  std::string data_dir = std::string(dist_info.substr(0, dist_info.size() - 10)) + ".data/";
  for (const InstalledRow& installed : record.rows) {
    if (starts_with(installed.row.path, data_dir) && file_kind(scheme.on_disk(installed.path)) == FileKind::missing)
      continue;
    if (auto problem = check_row(scheme, installed.path, installed.row))
      problems.push_back({installed.path, *problem});
  }
  return problems;
}

} // namespace whlinst
