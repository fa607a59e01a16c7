#include "install_report.h"

#include "utf8.h"

#include <nlohmann/json.hpp>

namespace whlinst {

namespace {
std::string status_of(const InstallOutcome& outcome, bool dry_run) {
  if (outcome.rolled_back)
    return "not_installed";
  if (!outcome.summary)
    return "failed";
  if (outcome.summary->skipped)
    return "skipped";
  return dry_run ? "planned" : "installed";
}

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

// Summary and license (PEP 639's expression, else the legacy field).
void add_metadata(nlohmann::json& project, const ProjectMetadata& metadata) {
  project["summary"] = text_or_null(metadata.summary);
  project["license_expression"] = text_or_null(metadata.license_expression);
  if (metadata.license_expression.empty() && !metadata.license.empty())
    project["license"] = metadata.license;
}

nlohmann::json project_json(const InstallOutcome& outcome, bool dry_run) {
  nlohmann::json project = {{"status", status_of(outcome, dry_run)},
                            {"name", outcome.project},
                            {"version", outcome.version},
                            {"wheel", {{"path", outcome.wheel_path}}}};
  add_metadata(project, outcome.metadata);
  if (!outcome.wheel_sha256.empty())
    project["wheel"]["sha256"] = outcome.wheel_sha256;
  if (!outcome.summary) {
    project["error"] = printable_name(outcome.error.message); // the same text as the error line
    // The same, structured: which archive entry (null when none) and what.
    project["failure"] = {{"entry", text_or_null(printable_name(outcome.error.entry))},
                          {"what", printable_name(outcome.error.what())}};
    return project;
  }
  const InstallSummary& summary = *outcome.summary;
  project["dist_info"] = summary.dist_info_path;
  project["replaced_version"] = text_or_null(summary.replaced_version);
  project["files"] = summary.files;
  project["scripts"] = summary.scripts;
  project["compiled"] = summary.compiled;
  project["seconds"] = summary.seconds;
  if (!summary.not_removed.empty())
    project["not_removed"] = summary.not_removed;
  if (dry_run) {
    project["would_write"] = summary.planned;
    project["would_remove"] = summary.removed;
  }
  return project;
}

nlohmann::json removal_json(const UninstallSummary& removal, bool dry_run) {
  return {{"name", removal.name},
          {"version", removal.version},
          {"status", dry_run ? "planned" : "uninstalled"},
          {"files", removal.files},
          {"not_removed", removal.not_removed}};
}

} // namespace

std::string install_report_json(const std::vector<InstallOutcome>& outcomes,
                                const InstallRecordContext& context) {
  nlohmann::json report = {{"whlinst", WHLINST_VERSION}, {"dry_run", context.dry_run},
                           {"seconds", context.seconds}};
  if (context.interpreter != nullptr)
    report["interpreter"] = {{"path", context.interpreter->path},
                             {"version", context.interpreter->full_version},
                             {"implementation", context.interpreter->implementation}};
  report["projects"] = nlohmann::json::array();
  for (const InstallOutcome& outcome : outcomes)
    report["projects"].push_back(project_json(outcome, context.dry_run));
  report["removed"] = nlohmann::json::array();
  if (context.removals != nullptr)
    for (const UninstallSummary& removal : *context.removals)
      report["removed"].push_back(removal_json(removal, context.dry_run));
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace whlinst
