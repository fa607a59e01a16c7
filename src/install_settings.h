#pragma once
// How `whlinst install`'s options set InstallOptions: one setter per row of
// the option table (option_table.h) that has one, each reading its option
// and, when the option is not given, the configuration's key. Flags win over
// the configuration, which wins over InstallOptions' defaults.

#include "install_options.h"
#include "result.h"
#include "scheme_command.h"

#include <string_view>

namespace whlinst {

// Every setter of the option table's install rows, in the table's order;
// then wheel_digest (--report or --sbom). Errors name the option
// ("--jobs: expected a number, got 'x'").
Result<InstallOptions> make_install_options(const CommandLine& command_line);

// Setters: `name` is the row's option.

// Sets the member when the flag is given.
template <auto Member>
Status set_flag(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  if (command_line.arguments.has(name))
    options.*Member = true;
  return {};
}

// The flag, else the configuration's key when true.
template <auto Member, auto ConfigMember>
Status set_flag_or_config(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  options.*Member = command_line.arguments.has(name) || (command_line.config.*ConfigMember).value_or(false);
  return {};
}

// The option's last value, else the configuration's, else the default.
template <auto Member, auto ConfigMember>
Status set_text(std::string_view name, const CommandLine& command_line, InstallOptions& options) {
  if (auto value = command_line.arguments.last(name))
    options.*Member = *value;
  else if (const auto& configured = command_line.config.*ConfigMember)
    options.*Member = *configured;
  return {};
}

// --prefix, --user and --target: the prefix and the kind of scheme.
Status set_placement(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --root, made absolute.
Status set_root(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --purelib, --platlib, --headers, --scripts and --data.
Status set_overrides(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// -q and -v.
Status set_verbosity(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --progress-bar off.
Status set_progress_bar(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --compile or --no-compile (--compile wins), else `compile`, else on.
Status set_compile(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --optimize 0,1,2 or all.
Status set_optimize(std::string_view name, const CommandLine& command_line, InstallOptions& options);
Status set_invalidation_mode(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --sbom-format xml or json, else `sbom-format`, else xml.
Status set_sbom_format(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --jobs N (0 or none: all cores).
Status set_jobs(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --direct-url URL or none.
Status set_direct_url(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --no-requested, else `requested`.
Status set_requested(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --fsync or --no-fsync (--fsync wins), else `fsync`.
Status set_fsync(std::string_view name, const CommandLine& command_line, InstallOptions& options);
Status set_max_unpacked_size(std::string_view name, const CommandLine& command_line, InstallOptions& options);
Status set_max_compression_ratio(std::string_view name, const CommandLine& command_line, InstallOptions& options);
// --lock-timeout, else `lock-timeout`; silent with -q.
Status set_lock_wait(std::string_view name, const CommandLine& command_line, InstallOptions& options);

} // namespace whlinst
