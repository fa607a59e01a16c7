#include "commands.h"

#include "file_system.h"
#include "headers.h"
#include "installed_record.h"
#include "option_table.h"
#include "paths.h"
#include "project_metadata.h"
#include "project_name.h"
#include "scheme_command.h"
#include "text.h"
#include "utf8.h"

#include <cstdio>
#include <sys/stat.h>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"show", "usage: whlinst show NAME... [options]"};

struct Footprint {
  size_t files = 0;
  uint64_t bytes = 0;
};

// The files of `rows` present on disk and their total size; every row
// counts, an absolute one or one outside the library directory
// (`../../bin/x`) included, as `pip show --files` lists them all.
Footprint footprint(const Scheme& scheme, const std::vector<InstalledRow>& rows) {
  Footprint total;
  for (const InstalledRow& row : rows) {
    struct stat st;
    if (::stat(scheme.on_disk(row.path).str().c_str(), &st) == 0) {
      ++total.files;
      total.bytes += static_cast<uint64_t>(st.st_size);
    }
  }
  return total;
}

// Labels are pip show's where it has the field; values start in one column.
constexpr int kLabelWidth = 19; // "License-Expression:"

void print_field(const char* label, const std::string* value) {
  if (value != nullptr && !value->empty())
    std::printf("%-*s %s\n", kLabelWidth, label, printable_name(*value).c_str());
}

// Name, version, summary, home page (Home-page, else a Project-URL, PEP
// 753), then the license: its expression, the legacy field and each
// License-File (Metadata 2.4).
void print_project_metadata(const ProjectMetadata& project) {
  print_field("Name:", &project.name);
  print_field("Version:", &project.version);
  print_field("Summary:", &project.summary);
  print_field("Home-page:", &project.home_page);
  print_field("License-Expression:", &project.license_expression);
  print_field("License:", &project.license);
  for (const std::string& file : project.license_files)
    print_field("License-File:", &file);
}

Status show_project(const Scheme& scheme, const InstalledProject& project, bool list_files) {
  std::string dist_info = scheme.on_disk(project.dist_info_path).str();
  TRY_ASSIGN(text, read_file(join_path(dist_info, "METADATA")));
  TRY_ASSIGN(metadata, parse_headers(text));
  auto installer = read_file(join_path(dist_info, "INSTALLER"));
  std::string installer_name = installer ? std::string(trim(*installer)) : "";
  auto record = read_installed_record(scheme.root, project);
  Footprint total = record ? footprint(scheme, record->rows) : Footprint{};
  print_project_metadata(project_metadata(metadata));
  print_field("Requires-Python:", metadata.get("Requires-Python"));
  std::string requires_dist = join(metadata.get_all("Requires-Dist"), ", ");
  print_field("Requires-Dist:", &requires_dist);
  print_field("Location:", &project.lib_dir);
  print_field("Installer:", &installer_name);
  std::printf("%-*s %zu files, %llu bytes\n", kLabelWidth, "Files:", total.files,
              static_cast<unsigned long long>(total.bytes));
  if (list_files && record)
    for (const InstalledRow& row : record->rows)
      std::printf("  %s\n", printable_name(row.row.path).c_str());
  return {};
}
} // namespace

int run_show_command(const std::vector<std::string>& arguments) {
  int status = 0;
  static const std::vector<OptionSpec> options = options_of(Command::show);
  auto command_line = parse_command_line(arguments, options, kSyntax, status);
  if (!command_line)
    return status;
  const ParsedArguments& parsed = command_line->arguments;
  if (parsed.positionals.empty())
    return report_usage_error("no project named", kSyntax);
  auto context = scheme_context(*command_line);
  if (!context)
    return report_failure(context.error().message);
  for (size_t i = 0; i < parsed.positionals.size(); ++i) {
    const std::string& name = parsed.positionals[i];
    auto found = find_installed(context->scheme, normalize_project_name(name));
    if (!found)
      return report_failure(found.error().message);
    if (found->empty())
      return report_failure(name + ": not installed in " + context->scheme.purelib);
    if (i > 0)
      std::printf("---\n");
    if (Status shown = show_project(context->scheme, found->front(), parsed.has("files")); !shown)
      return report_failure(name + ": " + shown.error().message);
  }
  return 0;
}

} // namespace whlinst
