#pragma once
// What an install or an uninstall is asked to do: the options of `whlinst
// install` and `whlinst uninstall` after the command line and configuration
// are merged.

#include "bytecode.h"
#include "progress.h"
#include "sbom_format.h"
#include "lock_wait.h"
#include "scheme.h"
#include "wheel.h"

#include <optional>
#include <string>
#include <vector>

namespace whlinst {

enum class Verbosity { quiet, normal, verbose };


struct InstallOptions {
  std::optional<std::string> prefix; // absolute; the user base with --user, the directory with --target
  SchemeKind scheme_kind = SchemeKind::standard;
  ProgressBar progress_bar = ProgressBar::on; // --progress-bar off: never (otherwise on a terminal)
  std::string root;                  // absolute or ""
  SchemeOverrides overrides;         // absolute
  bool compile = true;
  std::vector<int> optimize_levels = {0};
  InvalidationMode invalidation_mode = InvalidationMode::by_environment;
  bool ignore_requires_python = false;
  std::string installer_name = "whlinst";
  bool write_direct_url = true;        // --direct-url none turns it off
  std::optional<std::string> direct_url; // explicit URL; default: the wheel's file URL
  bool requested = true;
  std::optional<std::string> report; // --report FILE
  std::optional<std::string> sbom;   // --sbom FILE
  SbomFormat sbom_format = SbomFormat::xml; // --sbom-format
  bool wheel_digest = false; // the command reports the wheels' sha256 (--report, --sbom)
  unsigned jobs = 1;
  bool fsync = false; // durable against power loss too (Durability::power_loss)
  SizeLimits size_limits; // --max-unpacked-size, --max-compression-ratio: for Wheel::open
  bool dry_run = false;
  bool force_reinstall = false; // reinstall even when the same version is installed
  bool overwrite = false;       // do not replace an installed version: overwrite its files
  Verbosity verbosity = Verbosity::normal;
  LockWait lock_wait; // --lock-timeout, -q
  bool break_system_packages = false; // PEP 668: install into an EXTERNALLY-MANAGED scheme anyway
};

struct UninstallOptions {
  bool fsync = false; // durable against power loss too (Durability::power_loss)
  Verbosity verbosity = Verbosity::normal;
  LockWait lock_wait; // --lock-timeout, -q
  bool break_system_packages = false; // PEP 668
};

} // namespace whlinst
