#pragma once
// The machine-readable records of an install command: a JSON report
// (--report FILE) and a CycloneDX 1.5 XML software bill of materials
// (--sbom FILE). Both are written atomically (temporary file + rename).

#include "installer.h"
#include "interpreter.h"
#include "uninstaller.h"

#include <string>
#include <vector>

namespace whlinst {

struct InstallOutcome {
  std::string wheel_path;
  std::string project, version; // from the wheel's file name
  std::string wheel_sha256;     // hex; computed for reports and SBOMs
  std::optional<InstallSummary> summary; // empty when it failed
  Error error; // when it failed
  bool rolled_back = false; // not installed because another wheel of its set failed
};

struct InstallRecordContext {
  const Interpreter* interpreter = nullptr;
  bool dry_run = false;
  double seconds = 0;
  // The projects the command removed (a sync's): they appear under "removed".
  const std::vector<UninstallSummary>* removals = nullptr;
};

// {"whlinst": VERSION, "interpreter": {...}, "dry_run": bool, "seconds": S,
//  "projects": [{"name", "version", "status": "installed"|"skipped"|"planned"
//  |"failed", "wheel": {"path", "sha256"}, "dist_info", "replaced_version",
//  "files", "scripts", "compiled", "seconds", "error"}],
//  "removed": [{"name", "version", "status": "uninstalled"|"planned",
//  "files", "not_removed": [...]}]}
std::string install_report_json(const std::vector<InstallOutcome>& outcomes,
                                const InstallRecordContext& context);

// Texts from the wheel or the disk are JSON-escaped; the error is the error
// line's text (printable_name).
// One "library" component per installed project (purl pkg:pypi/NAME@VERSION,
// the wheel's SHA-256), with one "file" component per installed file and its
// SHA-256 from RECORD where RECORD has one. Names, versions and paths go
// through printable_name (XML 1.0 cannot carry control characters at all).
std::string cyclonedx_sbom_xml(const std::vector<InstallOutcome>& outcomes);

// Writes `content` to `path` through a temporary file and a rename.
Status write_file_atomically(const std::string& path, const std::string& content);

// RECORD's urlsafe base64 digest as lowercase hex ("" if not decodable).
std::string hex_of_base64url(std::string_view digest);

} // namespace whlinst
