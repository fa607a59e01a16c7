#include "new_record.h"

namespace whlinst {

namespace {
// A file placed in the library directory under its entry's name has that
// name as RECORD path; any other has record_path_for's.
bool recorded_at_entry_name(const Placement& placement, const std::string& lib_dir) {
  return placement.name_start == 0 && *placement.directory == lib_dir;
}
} // namespace

NewRecord::NewRecord(const InstallPlan& files, const ExpectedFile* unrecorded) : files_(files) {
  for (size_t position = 0; position < files.placements.size(); ++position) {
    const Placement& placement = files.placements[position];
    if (placement.file == unrecorded && !unrecorded->listed)
      unrecorded_ = position;
    if (recorded_at_entry_name(placement, files.lib_dir))
      continue;
    RecordRow row = placement.file->row();
    row.path = added_.keep(record_path_for(placement.destination(), files.lib_dir));
    differing_.emplace(position, row);
  }
}

void NewRecord::placed(size_t position, const InstalledFile& installed) {
  if (installed.recorded)
    return; // as the wheel's row says: implied, or at the path noted already
  auto differing = differing_.find(position);
  std::string_view path =
      differing != differing_.end() ? differing->second.path : files_.placements[position].file->entry->name.view();
  differing_.insert_or_assign(position, installed.record_row(path, added_));
}

bool NewRecord::has_row(size_t index) const { return index != unrecorded_; }

RecordRow NewRecord::row(size_t index) const {
  size_t placements = files_.placements.size();
  if (index >= placements)
    return added_.rows[index - placements];
  if (!differing_.empty())
    if (auto differing = differing_.find(index); differing != differing_.end())
      return differing->second;
  return files_.placements[index].file->row();
}

Status NewRecord::write(const std::function<Status(std::string_view)>& write) const {
  std::vector<uint32_t> indexes; // a wheel has fewer than 2^32 entries (archive.h)
  indexes.reserve(row_count());
  for (size_t index = 0; index < row_count(); ++index)
    if (has_row(index))
      indexes.push_back(static_cast<uint32_t>(index));
  return format_record(
      std::move(indexes), [this](uint32_t index) { return row(index); }, write);
}

RecordRows NewRecord::rows(const std::vector<std::shared_ptr<const void>>& held) const {
  RecordRows rows = added_;
  for (const std::shared_ptr<const void>& owner : held)
    rows.hold(owner);
  rows.rows.clear();
  rows.rows.reserve(row_count());
  for (size_t index = 0; index < row_count(); ++index)
    if (has_row(index))
      rows.rows.push_back(row(index));
  return rows;
}

} // namespace whlinst
