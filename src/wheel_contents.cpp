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
  std::shared_ptr<StringArena> digests = std::make_shared<StringArena>();
  std::optional<std::string> twice;           // the first path listed twice
  std::optional<std::string> missing;         // the first path no file has
  std::map<size_t, Error> refused_algorithms; // file index -> why its hash algorithm is refused
  std::map<size_t, uint64_t> other_sizes;     // file index -> the size RECORD gives, not the entry's
};

void take_row(ExpectedFile& file, const RecordRow& row, size_t index, Matched& matched) {
  file.listed = true;
  file.sized = row.size.has_value();
  if (row.size && *row.size != file.entry->size)
    matched.other_sizes.emplace(index, *row.size);
  std::string_view digest = row.hash_digest.substr(0, UINT16_MAX);
  file.digest_text = matched.digests->add(digest).data();
  file.digest_length = static_cast<uint16_t>(digest.size());
  if (row.hash_algorithm.empty())
    return;
  auto algorithm = hash_algorithm_named(row.hash_algorithm);
  if (algorithm)
    file.algorithm = *algorithm;
  else
    matched.refused_algorithms.emplace(index, algorithm.error());
}

Status match_rows(Matched& matched, const RecordFeed& feed) {
  std::vector<uint32_t> order =
      indexes_by_name(matched.files.size(), [&](uint32_t i) { return matched.files[i].entry->name.view(); });
  std::set<std::string, std::less<>> unmatched; // rows of no file: an error, rare
  auto name_before = [&](uint32_t file, std::string_view path) { return matched.files[file].entry->name < path; };
  RecordStream stream([&](const RecordRow& row) {
    auto found = std::lower_bound(order.begin(), order.end(), row.path, name_before);
    bool again = false;
    if (found != order.end() && matched.files[*found].entry->name == row.path) {
      again = matched.files[*found].listed;
      take_row(matched.files[*found], row, *found, matched);
    } else {
      again = !unmatched.emplace(row.path).second;
      if (!matched.missing)
        matched.missing = std::string(row.path);
    }
    if (again && !matched.twice)
      matched.twice = std::string(row.path);
    return Status{};
  });
  return feed(stream);
}

// The file at `index` as RECORD's rows said: listed, with a hash of an
// algorithm accepted, of the entry's size.
Status check_file(const Matched& matched, size_t index, const std::string& dist_info) {
  const ExpectedFile& file = matched.files[index];
  std::string_view name = file.entry->name;
  auto refused = matched.refused_algorithms.find(index);
  bool algorithm_refused = refused != matched.refused_algorithms.end();
  if (!file.listed)
    return is_signature_or_record(name, dist_info) ? Status{} : entry_error(name, "file not listed in RECORD");
  if (!file.algorithm && !algorithm_refused)
    return is_signature_or_record(name, dist_info) ? Status{} : entry_error(name, "no hash in RECORD");
  if (algorithm_refused)
    return entry_error(name, refused->second.message);
  if (auto other = matched.other_sizes.find(index); other != matched.other_sizes.end())
    return entry_error(name, "size in archive (", std::to_string(file.entry->size), ") differs from RECORD (",
                       std::to_string(other->second), ")");
  return {};
}
} // namespace

Result<ExpectedFiles> expected_files(const std::vector<ArchiveEntry>& entries, const RecordFeed& feed,
                                     const std::string& dist_info) {
  Matched matched;
  matched.files.reserve(entries.size());
  for (const ArchiveEntry& entry : entries)
    if (!entry.is_directory())
      matched.files.emplace_back().entry = &entry;
  TRY(match_rows(matched, feed));
  if (matched.twice)
    return make_error("RECORD lists ", *matched.twice, " twice");
  for (size_t i = 0; i < matched.files.size(); ++i)
    TRY(check_file(matched, i, dist_info));
  if (matched.missing)
    return make_error(*matched.missing, ": listed in RECORD but missing from the archive");
  return ExpectedFiles{std::move(matched.files), std::move(matched.digests)};
}

static_assert(sizeof(ExpectedFile) <= 24, "one per file of a wheel: 300,000 of them must fit in a few MiB");

RecordRow ExpectedFile::row() const {
  std::string_view hash = algorithm ? hash_algorithm_name(*algorithm) : std::string_view();
  return RecordRow{entry->name, hash, digest(), size()};
}

const ExpectedFile* WheelContents::find(std::string_view entry_name) const {
  for (const ExpectedFile& file : files)
    if (file.entry->name == entry_name)
      return &file;
  return nullptr;
}

} // namespace whlinst
