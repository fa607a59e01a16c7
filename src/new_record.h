#pragma once
// The installed RECORD as an install makes it (plan_execution.h). A placed
// file's row is implied by the plan: the wheel's own row, at the entry's
// name when the file goes to the library directory under that name. Only
// what differs is held: rows of files whlinst rewrote ("#!python" scripts),
// rows at another RECORD path (.data files, as "../../bin/x"), and the rows
// of what whlinst adds (entry-point scripts, pyc files, generated files).
// So a wheel of 300,000 files holds no row per file while it is installed;
// the rows are made as RECORD is written, in pip's order.

#include "extract.h"
#include "plan.h"
#include "record.h"
#include "record_rows.h"
#include "result.h"

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>

namespace whlinst {

class NewRecord {
public:
  // Every placement of `files` has a row but `unrecorded` (null: none):
  // the wheel's RECORD, not extracted, listed only when its RECORD lists
  // itself. `files` must outlive this.
  NewRecord(const InstallPlan& files, const ExpectedFile* unrecorded);

  // Placement `position` (in files.placements) was installed as
  // `installed` says.
  void placed(size_t position, const InstalledFile& installed);
  // The row of a file that is not placed (a dropped wrapper, as the wheel
  // has it): its fields view what outlives this.
  void add(const RecordRow& row) { added_.rows.push_back(row); }
  // The row of a file whlinst wrote at RECORD path `path` (an entry-point
  // script, a generated file), or of a pyc file (no hash, no size).
  void add_written(std::string path, const InstalledFile& installed) {
    added_.rows.push_back(installed.record_row(added_.keep(std::move(path)), added_));
  }
  void add_compiled(std::string path) { added_.rows.push_back({added_.keep(std::move(path)), "", "", std::nullopt}); }

  // RECORD's text, handed to `write` in pieces (format_record).
  Status write(const std::function<Status(std::string_view)>& write) const;
  // Every row, in no particular order; `held` (what the placements' rows
  // view: the wheel's digests and entry names) kept with them.
  RecordRows rows(const std::vector<std::shared_ptr<const void>>& held) const;

private:
  size_t row_count() const { return files_.placements.size() + added_.rows.size(); }
  bool has_row(size_t index) const;
  RecordRow row(size_t index) const;

  const InstallPlan& files_;
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t unrecorded_ = kNone;                       // its position in files_.placements
  std::unordered_map<size_t, RecordRow> differing_; // placement rows not as the plan implies
  RecordRows added_;                                // rows of other files, and the text kept for differing_
};

} // namespace whlinst
