#include "wheel_contents.h"

#include "name_order.h"

#include <algorithm>
#include <map>
#include <set>

namespace whlinst {

namespace {
std::string_view top_level(std::string_view name) { return name.substr(0, name.find('/')); }

bool is_signature_or_record(std::string_view name, std::string_view dist_info) {
  if (top_level(name) != dist_info)
    return false;
  std::string_view file = name.substr(dist_info.size());
  return file == "/RECORD" || file == "/RECORD.jws" || file == "/RECORD.p7s";
}

// What RECORD's rows say of the files, gathered in one pass over its text.
struct Matched {
  std::vector<ExpectedFile> files;
  std::optional<std::string> twice;           // the first path listed twice
  std::optional<std::string> missing;         // the first path no file has
  std::map<size_t, Error> refused_algorithms; // file index -> why its hash algorithm is refused
};

void take_row(ExpectedFile& file, const RecordRow& row, size_t index, Matched& matched) {
  file.listed = true;
  file.size = row.size;
  file.digest = row.hash_digest;
  if (row.hash_algorithm.empty())
    return;
  auto algorithm = hash_algorithm_named(row.hash_algorithm);
  if (algorithm)
    file.algorithm = *algorithm;
  else
    matched.refused_algorithms.emplace(index, algorithm.error());
}

Status match_rows(Matched& matched, std::string& record_text) {
  std::vector<uint32_t> order =
      indexes_by_name(matched.files.size(), [&](uint32_t i) { return matched.files[i].entry->name; });
  std::set<std::string_view> unmatched;
  auto name_before = [&](uint32_t file, std::string_view path) { return matched.files[file].entry->name < path; };
  return for_each_record_row(record_text, [&](const RecordRow& row) {
    auto found = std::lower_bound(order.begin(), order.end(), row.path, name_before);
    bool again = false;
    if (found != order.end() && matched.files[*found].entry->name == row.path) {
      again = matched.files[*found].listed;
      take_row(matched.files[*found], row, *found, matched);
    } else {
      again = !unmatched.insert(row.path).second;
      if (!matched.missing)
        matched.missing = std::string(row.path);
    }
    if (again && !matched.twice)
      matched.twice = std::string(row.path);
    return Status{};
  });
}

Status check_file(const ExpectedFile& file, const Error* refused_algorithm, const std::string& dist_info) {
  std::string_view name = file.entry->name;
  if (!file.listed)
    return is_signature_or_record(name, dist_info) ? Status{} : entry_error(name, "file not listed in RECORD");
  if (!file.algorithm && refused_algorithm == nullptr)
    return is_signature_or_record(name, dist_info) ? Status{} : entry_error(name, "no hash in RECORD");
  if (refused_algorithm != nullptr)
    return entry_error(name, refused_algorithm->message);
  if (file.size && *file.size != file.entry->size)
    return entry_error(name, "size in archive (", std::to_string(file.entry->size), ") differs from RECORD (",
                       std::to_string(*file.size), ")");
  return {};
}
} // namespace

Result<std::vector<ExpectedFile>> expected_files(const std::vector<ArchiveEntry>& entries, std::string& record_text,
                                                 const std::string& dist_info) {
  Matched matched;
  matched.files.reserve(entries.size());
  for (const ArchiveEntry& entry : entries)
    if (!entry.is_directory())
      matched.files.emplace_back().entry = &entry;
  if (Status parsed = match_rows(matched, record_text); !parsed)
    return entry_error(dist_info + "/RECORD", parsed.error().message);
  if (matched.twice)
    return make_error("RECORD lists ", *matched.twice, " twice");
  for (size_t i = 0; i < matched.files.size(); ++i) {
    auto refused = matched.refused_algorithms.find(i);
    TRY(check_file(matched.files[i], refused == matched.refused_algorithms.end() ? nullptr : &refused->second,
                   dist_info));
  }
  if (matched.missing)
    return make_error(*matched.missing, ": listed in RECORD but missing from the archive");
  return std::move(matched.files);
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
