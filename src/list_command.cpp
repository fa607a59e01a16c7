#include "commands.h"

#include "file_system.h"
#include "headers.h"
#include "installed_project.h"
#include "option_table.h"
#include "paths.h"
#include "scheme_command.h"
#include "text.h"
#include "utf8.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"list", "usage: whlinst list [options]"};

std::string installer_of(const Scheme& scheme, const InstalledProject& project) {
  auto text = read_file(scheme.on_disk(join_path(project.dist_info_path, "INSTALLER")));
  return text ? std::string(trim(*text)) : "";
}

// Name and version as METADATA spells them (what pip and importlib.metadata
// show), falling back to the .dist-info directory's escaped name.
InstalledProject with_metadata_names(const Scheme& scheme, InstalledProject project) {
  auto text = read_file(scheme.on_disk(join_path(project.dist_info_path, "METADATA")));
  auto metadata = text ? parse_headers(*text) : Result<Headers>(Error{});
  if (!metadata)
    return project;
  if (const std::string* name = metadata->get("Name"))
    project.name = *name;
  if (const std::string* version = metadata->get("Version"))
    project.version = *version;
  return project;
}

void print_json(const Scheme& scheme, const std::vector<InstalledProject>& projects) {
  nlohmann::json list = nlohmann::json::array();
  for (const InstalledProject& installed : projects) {
    InstalledProject project = with_metadata_names(scheme, installed);
    list.push_back({{"name", project.name},
                    {"version", project.version},
                    {"installer", installer_of(scheme, project)},
                    {"location", project.lib_dir}});
  }
  std::printf("%s\n", list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void print_table(const Scheme& scheme, const std::vector<InstalledProject>& projects) {
  for (const InstalledProject& installed : projects) {
    InstalledProject project = with_metadata_names(scheme, installed);
    std::printf("%-32s %-16s %s\n", printable_name(project.name).c_str(), printable_name(project.version).c_str(),
                printable_name(installer_of(scheme, project)).c_str());
  }
}
} // namespace

int run_list_command(const std::vector<std::string>& arguments) {
  int status = 0;
  static const std::vector<OptionSpec> options = options_of(Command::list);
  auto command_line = parse_command_line(arguments, options, kSyntax, status);
  if (!command_line)
    return status;
  std::string format = command_line->arguments.last("format").value_or("text");
  if (format != "text" && format != "json")
    return report_usage_error("--format: expected text or json", kSyntax);
  if (!command_line->arguments.positionals.empty())
    return report_usage_error("list takes no arguments", kSyntax);
  auto context = scheme_context(*command_line);
  if (!context)
    return report_failure(context.error().message);
  auto projects = all_installed(context->scheme);
  if (!projects)
    return report_failure(projects.error().message);
  if (format == "json")
    print_json(context->scheme, *projects);
  else
    print_table(context->scheme, *projects);
  return 0;
}

} // namespace whlinst
