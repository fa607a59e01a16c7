#include "commands.h"

#include "installed_project.h"
#include "project_name.h"
#include "scheme_command.h"
#include "unlisted_files.h"
#include "verifier.h"
#include "utf8.h"

#include <cstdio>
#include <set>

namespace whlinst {

namespace {
constexpr CommandSyntax kSyntax{"verify", "usage: whlinst verify [NAME...] [options]"};

// The projects named (all when none), or an error naming one not installed.
Result<std::vector<InstalledProject>> select_projects(const Scheme& scheme,
                                                      const std::vector<std::string>& names) {
  TRY_ASSIGN(all, all_installed(scheme));
  if (names.empty())
    return all;
  std::vector<InstalledProject> selected;
  for (const std::string& name : names) {
    size_t before = selected.size();
    for (const InstalledProject& project : all)
      if (normalize_project_name(project.name) == normalize_project_name(name))
        selected.push_back(project);
    if (selected.size() == before)
      return make_error(name, ": not installed in ", scheme.purelib);
  }
  return selected;
}
} // namespace

int run_verify_command(const std::vector<std::string>& arguments) {
  int status = 0;
  auto command_line = parse_command_line(arguments, shared_options(), kSyntax, status);
  if (!command_line)
    return status;
  const ParsedArguments& parsed = command_line->arguments;
  Verbosity verbosity = verbosity_of(parsed);
  auto context = scheme_context(*command_line);
  if (!context)
    return report_failure(context.error().message);
  auto projects = select_projects(context->scheme, parsed.positionals);
  if (!projects)
    return report_failure(projects.error().message);
  auto all = all_installed(context->scheme);
  auto listed = all ? listed_paths(context->scheme, *all, context->interpreter.cache_tag) : Result<ListedPaths>(all.error());
  if (!listed)
    return report_failure(listed.error().message);
  size_t problems = 0;
  for (const InstalledProject& project : *projects) {
    auto found = verify_project(context->scheme, project);
    if (found)
      if (auto unlisted = unlisted_files(context->scheme, project, *listed, context->interpreter.cache_tag))
        for (std::string& path : *unlisted)
          found->push_back({std::move(path), "not listed in any RECORD"});
    if (!found) {
      ++problems;
      report_failure(project.name + ": " + found.error().message);
      continue;
    }
    for (const VerifyProblem& problem : *found)
      report_failure(project.name + " " + project.version + ": " + problem.path + ": " + problem.problem);
    problems += found->size();
    if (found->empty() && verbosity == Verbosity::verbose)
      std::printf("ok %s %s\n", printable_name(project.name).c_str(), printable_name(project.version).c_str());
  }
  if (verbosity != Verbosity::quiet)
    std::printf("%zu projects verified, %zu problems\n", projects->size(), problems);
  return problems == 0 ? 0 : 1;
}

} // namespace whlinst
