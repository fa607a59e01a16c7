#include "commands.h"

#include "file_lock.h"
#include "scheme_command.h"
#include "target_interpreter.h"
#include "uninstaller.h"

#include <cstdio>
#include <optional>

namespace whlinst {

namespace {
constexpr std::string_view kUsage = "usage: whlinst uninstall NAME... [options]";
}

int run_uninstall_command(const std::vector<std::string>& arguments) {
  auto options = scheme_options({
      {"lock", 0, TakesValue::yes, "hold an exclusive flock on FILE while uninstalling"},
      {"yes", 'y', TakesValue::no, "accepted for pip compatibility; no effect"},
  });
  int status = 0;
  auto parsed = parse_command_line(arguments, options, kUsage, status);
  if (!parsed)
    return status;
  if (parsed->positionals.empty()) {
    std::fprintf(stderr, "whlinst: error: no project named\n%.*s\n", static_cast<int>(kUsage.size()), kUsage.data());
    return 2;
  }
  std::optional<FileLock> lock;
  if (auto lock_path = parsed->last("lock")) {
    auto acquired = FileLock::acquire(absolute_path(*lock_path), LockMode::exclusive);
    if (!acquired)
      return report_failure(acquired.error().message);
    lock.emplace(std::move(*acquired));
  }
  auto context = scheme_context(*parsed);
  if (!context)
    return report_failure(context.error().message);
  for (const std::string& name : parsed->positionals) {
    auto summary = uninstall_project(context->scheme, name, context->interpreter.cache_tag);
    if (!summary)
      return report_failure(summary.error().message);
    if (parsed->has("verbose"))
      std::printf("uninstalled %s %s (%zu files)\n", summary->name.c_str(), summary->version.c_str(),
                  summary->files);
  }
  return 0;
}

} // namespace whlinst
