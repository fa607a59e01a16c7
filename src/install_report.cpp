#include "install_report.h"

#include "file_system.h"
#include "paths.h"
#include "project_name.h"
#include "utf8.h"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <unistd.h>

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

nlohmann::json project_json(const InstallOutcome& outcome, bool dry_run) {
  nlohmann::json project = {{"status", status_of(outcome, dry_run)},
                            {"name", outcome.project},
                            {"version", outcome.version},
                            {"wheel", {{"path", outcome.wheel_path}}}};
  if (!outcome.wheel_sha256.empty())
    project["wheel"]["sha256"] = outcome.wheel_sha256;
  if (!outcome.summary) {
    project["error"] = printable_name(outcome.error.message); // the same text as the error line
    // The same, structured: which archive entry (null when none) and what.
    project["failure"] = {{"entry", outcome.error.entry.empty() ? nlohmann::json()
                                                               : nlohmann::json(printable_name(outcome.error.entry))},
                          {"what", printable_name(outcome.error.what())}};
    return project;
  }
  const InstallSummary& summary = *outcome.summary;
  project["dist_info"] = summary.dist_info_path;
  project["replaced_version"] =
      summary.replaced_version.empty() ? nlohmann::json() : nlohmann::json(summary.replaced_version);
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

int base64url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

nlohmann::json removal_json(const UninstallSummary& removal, bool dry_run) {
  return {{"name", removal.name},
          {"version", removal.version},
          {"status", dry_run ? "planned" : "uninstalled"},
          {"files", removal.files},
          {"not_removed", removal.not_removed}};
}

std::string purl_of(const InstallSummary& summary) {
  return printable_name("pkg:pypi/" + normalize_project_name(summary.project) + "@" + summary.version);
}

void add_hash(pugi::xml_node component, const std::string& hex) {
  pugi::xml_node hash = component.append_child("hashes").append_child("hash");
  hash.append_attribute("alg") = "SHA-256";
  hash.text() = hex.c_str();
}

void add_files(pugi::xml_node component, const InstallSummary& summary) {
  pugi::xml_node files = component.append_child("components");
  for (const RecordRow& row : summary.record) {
    pugi::xml_node file = files.append_child("component");
    file.append_attribute("type") = "file";
    file.append_child("name").text() = printable_name(row.path).c_str();
    if (row.hash_algorithm == "sha256")
      add_hash(file, hex_of_base64url(row.hash_digest));
  }
}
} // namespace

std::string hex_of_base64url(std::string_view digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : digest) {
    int value = base64url_value(c);
    if (value < 0)
      return "";
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      unsigned byte = (buffer >> bits) & 0xff;
      hex.push_back(kHex[byte >> 4]);
      hex.push_back(kHex[byte & 15]);
    }
  }
  return hex;
}

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

std::string cyclonedx_sbom_xml(const std::vector<InstallOutcome>& outcomes) {
  pugi::xml_document document;
  pugi::xml_node bom = document.append_child("bom");
  bom.append_attribute("xmlns") = "http://cyclonedx.org/schema/bom/1.5";
  bom.append_attribute("version") = 1;
  pugi::xml_node tool = bom.append_child("metadata").append_child("tools").append_child("tool");
  tool.append_child("name").text() = "whlinst";
  tool.append_child("version").text() = WHLINST_VERSION;
  pugi::xml_node components = bom.append_child("components");
  for (const InstallOutcome& outcome : outcomes) {
    if (!outcome.summary || outcome.summary->record.empty())
      continue;
    const InstallSummary& summary = *outcome.summary;
    pugi::xml_node component = components.append_child("component");
    component.append_attribute("type") = "library";
    component.append_attribute("bom-ref") = purl_of(summary).c_str();
    component.append_child("name").text() = printable_name(summary.project).c_str();
    component.append_child("version").text() = printable_name(summary.version).c_str();
    if (!outcome.wheel_sha256.empty())
      add_hash(component, outcome.wheel_sha256);
    component.append_child("purl").text() = purl_of(summary).c_str();
    add_files(component, summary);
  }
  std::ostringstream text;
  document.save(text, "  ", pugi::format_default, pugi::encoding_utf8);
  return text.str();
}

Status write_file_atomically(const std::string& path, const std::string& content) {
  std::string temporary = path + ".whlinst-" + std::to_string(::getpid()) + ".tmp";
  Status written = write_new_file(temporary, content);
  if (written)
    written = rename_path(temporary, path);
  if (!written)
    (void)remove_file(temporary);
  return written;
}

} // namespace whlinst
