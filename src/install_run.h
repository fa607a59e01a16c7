#pragma once
// What `whlinst install` and `whlinst sync` share once their wheels are
// chosen: the target (the --lock flock, the interpreter, PEP 668), then the
// run: the bytecode pool and the progress display, the install (one wheel
// alone, else one set with the removals, set_install.h), the lines printed
// and --report/--sbom.

#include "bytecode.h"
#include "file_lock.h"
#include "install_options.h"
#include "install_set.h"
#include "interpreter.h"
#include "result.h"
#include "scheme_command.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

struct InstallTarget {
  std::optional<FileLock> lock; // --lock FILE, held shared until the run ends
  Interpreter interpreter;
  Scheme scheme; // install_scheme
};

// Takes the --lock flock, finds the target interpreter, and refuses an
// EXTERNALLY-MANAGED one (unless --break-system-packages) and, when
// compiling, one without a __pycache__ layout; then the scheme.
Result<InstallTarget> open_install_target(const CommandLine& command_line, const InstallOptions& options);

struct InstallWork {
  std::vector<WheelToInstall> wheels;
  std::vector<std::string> removals; // names of installed projects to remove (sync)
};

// Each as a line `whlinst: warning: TEXT` on stderr (printable_name).
void print_warnings(const std::vector<std::string>& warnings);

// The bytecode pool of a run (null when not compiling, or in a dry run),
// with its first worker started: to call as soon as the target is known,
// so that the start-up overlaps the opening of the wheels. run_install_work
// starts the others the wheels' sources need (compile_order.h). The pool
// refers to `target`, which must outlive it.
Result<std::unique_ptr<BytecodePool>> start_bytecode_pool(const InstallTarget& target, const InstallOptions& options);

// Installs and removes `work` into the target's scheme and reports;
// returns the exit status. `pool`: start_bytecode_pool's.
int run_install_work(InstallWork& work, const InstallTarget& target, const InstallOptions& options, BytecodePool* pool);

} // namespace whlinst
