#include "wheel_in_memory.h"

#include "paths.h"
#include "text.h"

#include <doctest/doctest.h>

namespace whlinst::testing {

namespace {
ArchiveEntry archive_entry(size_t index, const ZipEntry& entry, StringArena& names) {
  ArchiveEntry archived;
  archived.index = static_cast<uint32_t>(index);
  archived.name = names.add(entry.name);
  archived.size = entry.content.size();
  archived.compressed_size = entry.content.size();
  archived.unix_attributes = entry.mode.has_value();
  archived.unix_mode = static_cast<uint16_t>(entry.mode.value_or(0));
  return archived;
}

template <typename T> T required(Result<T> result) {
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  return std::move(result).value();
}

const ZipEntry* find_entry(const std::vector<ZipEntry>& entries, const std::string& name) {
  for (const ZipEntry& entry : entries)
    if (entry.name == name)
      return &entry;
  return nullptr;
}
} // namespace

WheelInMemory::WheelInMemory(std::string_view file_name, const std::vector<ZipEntry>& entries) {
  for (const ZipEntry& entry : entries)
    entries_.push_back(archive_entry(entries_.size(), entry, names_));
  contents_.name = required(parse_wheel_name(file_name));
  contents_.dist_info = contents_.name.distribution + "-" + contents_.name.version + ".dist-info";
  std::string data_dir = contents_.name.distribution + "-" + contents_.name.version + ".data";
  for (const ZipEntry& entry : entries)
    if (starts_with(entry.name, data_dir + "/"))
      contents_.data_dir = data_dir;
  const ZipEntry* record = find_entry(entries, contents_.dist_info + "/RECORD");
  const ZipEntry* wheel = find_entry(entries, contents_.dist_info + "/WHEEL");
  REQUIRE(record != nullptr);
  REQUIRE(wheel != nullptr);
  contents_.info = required(parse_wheel_info(wheel->content));
  if (const ZipEntry* entry_points = find_entry(entries, contents_.dist_info + "/entry_points.txt"))
    contents_.entry_points = required(parse_entry_points(entry_points->content));
  auto feed = [record](RecordStream& stream) -> Status {
    TRY(stream.feed(record->content));
    return stream.finish();
  };
  ExpectedFiles expected = required(expected_files(entries_, feed, contents_.dist_info));
  contents_.files = std::move(expected.files);
  contents_.digests = std::move(expected.digests);
}

} // namespace whlinst::testing
