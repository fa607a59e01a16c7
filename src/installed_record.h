#pragma once
// The RECORD of an installed project ("Recording installed projects"
// specification, "The RECORD file"), each row resolved once to the final
// path it names: a relative path is relative to the directory holding the
// .dist-info (so `../../bin/x` names a file of the scripts directory), an
// absolute path (pip writes one for a file outside that directory's drive
// or tree) is taken as it is; both are normalized lexically like
// os.path.normpath. The one reader of installed RECORDs: listing,
// uninstalling, verifying and showing a project all read it through here.

#include "installed_project.h"
#include "record.h"
#include "result.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct InstalledRow {
  std::string path; // final absolute path, normalized (not under --root)
  RecordRow row;    // as RECORD has it, viewing its InstalledRecord's text
};

// An installed RECORD's rows, in RECORD order, and the text they view.
struct InstalledRecord {
  std::shared_ptr<const std::string> text;
  std::vector<InstalledRow> rows;
};

// The final path a RECORD path names for a project whose .dist-info is in
// `lib_dir` (absolute).
std::string installed_path(std::string_view lib_dir, std::string_view record_path);

// `record`'s rows with their final paths. Pure.
InstalledRecord resolve_installed_rows(ParsedRecord record, std::string_view lib_dir);

// The project's RECORD, read on disk under `root` (empty: none), its rows
// resolved. Errors: RECORD missing or unreadable (read_file's message),
// unparseable ("DIST_INFO/RECORD: line N: ...", the final path).
Result<InstalledRecord> read_installed_record(const std::string& root, const InstalledProject& project);

// The final paths of the files the project's RECORD lists, in its order,
// read as read_installed_record does but holding neither its rows nor
// their views (a project of 100,000 files: its paths and RECORD's text,
// once). Errors as read_installed_record's.
Result<std::vector<std::string>> read_installed_paths(const std::string& root, const InstalledProject& project);

} // namespace whlinst
