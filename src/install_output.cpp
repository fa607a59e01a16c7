#include "install_output.h"
#include "utf8.h"

#include <cstdio>

namespace whlinst {

namespace {
std::string replacing(const InstallSummary& summary) {
  return summary.replaced_version.empty() ? "" : ", replacing " + printable_name(summary.replaced_version);
}

void print_paths(const char* verb, const std::vector<std::string>& paths) {
  for (const std::string& path : paths)
    std::printf("  %s %s\n", verb, printable_name(path).c_str());
}

void print_plan(const InstallSummary& summary, const InstallOptions& options) {
  std::printf("would install %s %s: %zu files, %zu scripts%s; would remove %zu files\n",
              printable_name(summary.project).c_str(), printable_name(summary.version).c_str(), summary.files,
              summary.scripts, replacing(summary).c_str(),
              summary.removed.size());
  if (options.verbosity != Verbosity::verbose)
    return;
  print_paths("write", summary.planned);
  print_paths("remove", summary.removed);
}
} // namespace

void print_summary(const InstallSummary& summary, const InstallOptions& options) {
  if (summary.skipped) {
    if (options.verbosity != Verbosity::quiet)
      std::printf("%s %s is already installed (use --force-reinstall to reinstall)\n",
                  printable_name(summary.project).c_str(), printable_name(summary.version).c_str());
    return;
  }
  if (options.dry_run) {
    if (options.verbosity != Verbosity::quiet)
      print_plan(summary, options);
    return;
  }
  if (options.verbosity != Verbosity::verbose)
    return;
  std::printf("installed %s %s (%zu files, %zu scripts, %zu compiled, %.2f s)%s\n",
              printable_name(summary.project).c_str(), printable_name(summary.version).c_str(), summary.files,
              summary.scripts, summary.compiled, summary.seconds, replacing(summary).c_str());
}

} // namespace whlinst
