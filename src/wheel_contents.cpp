#include "wheel_contents.h"

#include <unordered_map>

namespace whlinst {

namespace {
std::string_view top_level(std::string_view name) { return name.substr(0, name.find('/')); }

bool is_signature_or_record(std::string_view name, std::string_view dist_info) {
  if (top_level(name) != dist_info)
    return false;
  std::string_view file = name.substr(dist_info.size());
  return file == "/RECORD" || file == "/RECORD.jws" || file == "/RECORD.p7s";
}

Result<ExpectedFile> expected_file(const ArchiveEntry& entry, const RecordRow* row,
                                   const std::string& dist_info) {
  ExpectedFile file;
  file.entry = &entry;
  file.listed = row != nullptr;
  if (row == nullptr) {
    if (is_signature_or_record(entry.name, dist_info))
      return file;
    return entry_error(entry.name, "file not listed in RECORD");
  }
  file.size = row->size;
  if (row->hash_algorithm.empty()) {
    if (is_signature_or_record(entry.name, dist_info))
      return file;
    return entry_error(entry.name, "no hash in RECORD");
  }
  auto algorithm = hash_algorithm_named(row->hash_algorithm);
  if (!algorithm)
    return entry_error(entry.name, algorithm.error().message);
  file.algorithm = *algorithm;
  file.digest = row->hash_digest;
  if (row->size && *row->size != entry.size)
    return entry_error(entry.name, "size in archive (", std::to_string(entry.size),
                      ") differs from RECORD (", std::to_string(*row->size), ")");
  return file;
}

} // namespace

Result<std::vector<ExpectedFile>> expected_files(const std::vector<ArchiveEntry>& entries,
                                                 const std::vector<RecordRow>& record, const std::string& dist_info) {
  std::unordered_map<std::string_view, const RecordRow*> rows;
  rows.reserve(record.size());
  for (const RecordRow& row : record)
    if (!rows.emplace(row.path, &row).second)
      return make_error("RECORD lists ", row.path, " twice");
  std::vector<ExpectedFile> files;
  files.reserve(entries.size());
  for (const ArchiveEntry& entry : entries) {
    if (entry.is_directory())
      continue;
    auto found = rows.find(entry.name);
    const RecordRow* row = found == rows.end() ? nullptr : found->second;
    if (found != rows.end())
      rows.erase(found);
    TRY_ASSIGN(file, expected_file(entry, row, dist_info));
    files.push_back(std::move(file));
  }
  for (const RecordRow& row : record)
    if (rows.count(row.path) != 0)
      return make_error(row.path, ": listed in RECORD but missing from the archive");
  return files;
}

RecordRow ExpectedFile::row() const {
  std::string_view hash = algorithm ? hash_algorithm_name(*algorithm) : std::string_view();
  return RecordRow{entry->name, hash, digest, size};
}

std::shared_ptr<const std::string> hold_digests(std::vector<ExpectedFile>& files) {
  size_t total = 0;
  for (const ExpectedFile& file : files)
    total += file.digest.size();
  auto digests = std::make_shared<std::string>();
  digests->reserve(total);
  for (const ExpectedFile& file : files)
    digests->append(file.digest);
  std::string_view held = *digests;
  for (ExpectedFile& file : files) {
    size_t size = file.digest.size();
    file.digest = held.substr(0, size);
    held.remove_prefix(size);
  }
  return digests;
}

const ExpectedFile* WheelContents::find(std::string_view entry_name) const {
  for (const ExpectedFile& file : files)
    if (file.entry->name == entry_name)
      return &file;
  return nullptr;
}

} // namespace whlinst
