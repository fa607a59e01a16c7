#pragma once
// What one `whlinst install` invocation installs: the wheel arguments,
// requirements and `-r` files on the command line, resolved against the
// --find-links store for the target interpreter, hash pins checked, every
// wheel opened, and (unless --no-deps, and only with --find-links) the
// missing dependencies found in the store. Nothing is installed here.

#include "command_line.h"
#include "install_options.h"
#include "interpreter.h"
#include "requirement_resolution.h"
#include "requirements_file.h"
#include "wheel.h"

#include <string>
#include <vector>

namespace whlinst {

enum class WithDependencies { yes, no };

// The command line's inputs: positional arguments, then each -r file.
struct InstallRequest {
  std::vector<InstallInput> inputs;
  std::vector<std::string> find_links; // --find-links, then those of the -r files
  RequireHashes require_hashes = RequireHashes::no;
  PreReleases pre = PreReleases::when_asked;
  WithDependencies dependencies = WithDependencies::yes;
  std::vector<std::string> warnings;
  std::vector<std::string> lock_files; // -r files named pylock.toml or pylock.NAME.toml
};

// Reads the arguments and -r files (a lock file, by its name, is only
// noted in `lock_files`) (--find-links, --require-hashes, --pre,
// --no-deps among `parsed`'s options). Errors name the file and line.
Result<InstallRequest> read_install_request(const ParsedArguments& parsed);

struct WheelToInstall {
  Wheel wheel;
  ResolvedWheel resolved;
};

// Resolves, checks every pinned hash before opening any wheel, opens them,
// and adds the dependencies. Dependency warnings are appended to
// `warnings`. Errors: "WHEEL: what is wrong" or "INPUT: what is wrong".
Result<std::vector<WheelToInstall>> prepare_install_set(const InstallRequest& request, const Interpreter& interpreter,
                                                       const InstallOptions& options,
                                                       std::vector<std::string>& warnings);

// The scheme `options` install into, for no project in particular (its
// headers directory is no project's): what the installed projects are
// listed and removed in.
Result<Scheme> install_scheme(const Interpreter& interpreter, const InstallOptions& options);

// `options` adjusted for one wheel: no direct_url.json for a wheel found in
// --find-links, no REQUESTED for a dependency (as pip).
InstallOptions options_for(const InstallOptions& options, const ResolvedWheel& resolved);

} // namespace whlinst
