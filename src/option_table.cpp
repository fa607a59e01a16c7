#include "option_table.h"

#include "config_value.h"
#include "configuration.h"
#include "install_settings.h"

namespace whlinst {

namespace {
// Reads a configuration key's value into `Member` with `Reader`.
template <auto Member, auto Reader> Status configure(Configuration& config, const ConfigValue& value) {
  TRY_ASSIGN(read, Reader(value));
  config.*Member = std::move(read);
  return {};
}

constexpr Command kInstall = Command::install;
constexpr Command kUninstall = Command::uninstall;
constexpr Commands kEvery =
    Command::install | Command::uninstall | Command::list | Command::verify | Command::show | Command::sync;
constexpr Commands kInstallUninstall = Command::install | Command::uninstall | Command::sync;
// What installs: `whlinst install` and `whlinst sync`.
constexpr Commands kInstallSync = Command::install | Command::sync;
constexpr Commands kLockSelection = Command::install | Command::sync | Command::verify;
constexpr const char* kNoEffect = "accepted for pip compatibility; no effect";
constexpr TakesValue kFlag = TakesValue::no;
constexpr TakesValue kValue = TakesValue::yes;

using Options = InstallOptions;
using Config = Configuration;

// Shared by every command (they select the scheme and the interpreter),
// then each command's own, then those accepted for pip, installer and
// gpep517 (pip_compatibility.h). --help lists a command's in this order.
// clang-format off
constexpr OptionDefinition kOptions[] = {
    {{"prefix", 'p', kValue, "the scheme rooted at DIR"}, kEvery, {}, nullptr, set_placement},
    {{"root", 0, kValue, "the scheme under the staging directory DIR"}, kEvery, {}, nullptr, set_root},
    {{"user", 0, kFlag, "the target interpreter's user scheme (pip's --user)"}, kEvery},
    {{"target", 't', kValue, "pip's --target layout in DIR (packages in DIR, DIR/bin...)"}, kEvery},
    {{"python", 0, kValue, "the target interpreter"}, kEvery, "python", configure<&Config::python, read_string>},
    {{"purelib", 0, kValue, "override the purelib directory"}, kEvery, {}, nullptr, set_overrides},
    {{"platlib", 0, kValue, "override the platlib directory"}, kEvery},
    {{"headers", 0, kValue, "override the headers directory"}, kEvery},
    {{"scripts", 0, kValue, "override the scripts directory"}, kEvery},
    {{"data", 0, kValue, "override the data directory"}, kEvery},
    {{"config", 0, kValue, "read defaults from FILE (default: PREFIX/etc/whlinst.toml)"}, kEvery},
    {{"quiet", 'q', kFlag, "print errors only"}, kEvery, {}, nullptr, set_verbosity},
    {{"verbose", 'v', kFlag, "print more"}, kEvery},
    {{"help", 'h', kFlag, "show this help"}, kEvery},

    {{"compile", 0, kFlag, "byte-compile installed .py files (default)"}, kInstallSync, "compile",
     configure<&Config::compile, read_bool>, set_compile},
    {{"no-compile", 0, kFlag, "do not byte-compile"}, kInstallSync},
    {{"optimize", 0, kValue, "optimization levels to compile, e.g. 0,1,2"}, kInstallSync, "optimize",
     configure<&Config::optimize, read_levels>, set_optimize},
    {{"invalidation-mode", 0, kValue, "timestamp, checked-hash or unchecked-hash"}, kInstallSync, "invalidation-mode",
     configure<&Config::invalidation_mode, read_invalidation_mode>, set_invalidation_mode},
    {{"ignore-requires-python", 0, kFlag, "install despite Requires-Python"}, kInstallSync, "ignore-requires-python",
     configure<&Config::ignore_requires_python, read_bool>,
     set_flag_or_config<&Options::ignore_requires_python, &Config::ignore_requires_python>},
    {{"force-reinstall", 0, kFlag, "reinstall when the same version is installed"}, kInstallSync, {}, nullptr,
     set_flag<&Options::force_reinstall>},
    {{"overwrite", 0, kFlag, "leave an installed version alone, overwrite its files"}, kInstall, {}, nullptr,
     set_flag<&Options::overwrite>},
    {{"jobs", 'j', kValue, "parallel workers (default: all cores)"}, kInstallSync, "jobs",
     configure<&Config::jobs, read_jobs>, set_jobs},
    {{"dry-run", 0, kFlag, "check the wheels and the plan, change nothing"}, kInstallSync, {}, nullptr,
     set_flag<&Options::dry_run>},
    {{"requirement", 'r', kValue, "install the wheels and requirements listed in FILE"}, kInstall},
    {{"lock", 0, kValue, "hold a shared flock on FILE while installing"}, kInstallSync},
    {{"lock", 0, kValue, "compare the environment with the lock file FILE (pylock.toml)"}, Command::verify},
    {{"extra", 0, kValue, "with a lock file: also the packages of extra NAME"}, kLockSelection},
    {{"group", 0, kValue, "with a lock file: also dependency group NAME"}, kLockSelection},
    {{"no-default-groups", 0, kFlag, "with a lock file: without the lock's default groups"}, kLockSelection},
    {{"exact", 0, kFlag, "sync: also remove projects whlinst did not install"}, Command::sync},
    {{"lock", 0, kValue, "hold an exclusive flock on FILE while uninstalling"}, kUninstall},
    {{"lock-timeout", 0, kValue, "give up waiting for a lock after SECONDS"}, kInstallUninstall | Command::verify,
     "lock-timeout", configure<&Config::lock_timeout, read_seconds>, set_lock_wait},
    {{"break-system-packages", 0, kFlag, "install into an EXTERNALLY-MANAGED interpreter"}, kInstallSync,
     "break-system-packages", configure<&Config::break_system_packages, read_bool>,
     set_flag_or_config<&Options::break_system_packages, &Config::break_system_packages>},
    {{"break-system-packages", 0, kFlag, "uninstall from an EXTERNALLY-MANAGED interpreter"}, kUninstall},
    {{"installer", 0, kValue, "content of INSTALLER (default whlinst)"}, kInstallSync, "installer",
     configure<&Config::installer, read_string>, set_text<&Options::installer_name, &Config::installer>},
    {{"direct-url", 0, kValue, "URL for direct_url.json, or none"}, kInstall, "direct-url",
     configure<&Config::direct_url, read_string>, set_direct_url},
    {{"no-requested", 0, kFlag, "do not write REQUESTED"}, kInstallSync, "requested",
     configure<&Config::requested, read_bool>, set_requested},
    {{"report", 0, kValue, "write a JSON report of the install to FILE"}, kInstallSync, "report",
     configure<&Config::report, read_path>, set_text<&Options::report, &Config::report>},
    {{"sbom", 0, kValue, "write a CycloneDX bill of materials to FILE"}, kInstallSync, "sbom",
     configure<&Config::sbom, read_path>, set_text<&Options::sbom, &Config::sbom>},
    {{"sbom-format", 0, kValue, "the --sbom FILE's format: xml (default) or json"}, kInstallSync, "sbom-format",
     configure<&Config::sbom_format, read_sbom_format>, set_sbom_format},
    {{"fsync", 0, kFlag, "also make the install durable against power loss"}, kInstallSync, "fsync",
     configure<&Config::fsync, read_bool>, set_fsync},
    {{"fsync", 0, kFlag, "also make the uninstall durable against power loss"}, kUninstall},
    {{"no-fsync", 0, kFlag, "durable against a killed process only (default)"}, kInstallUninstall},
    {{"yes", 'y', kFlag, kNoEffect}, kUninstall},
    {{"requirement", 'r', kValue, "uninstall the projects named in FILE"}, kUninstall},
    {{"max-unpacked-size", 0, kValue, "refuse wheels declaring more bytes (default 4G)"}, kInstallSync, "max-unpacked-size",
     configure<&Config::max_unpacked_size, read_unpacked_size>, set_max_unpacked_size},
    {{"max-compression-ratio", 0, kValue, "refuse big entries compressed more (default 1000)"}, kInstallSync,
     "max-compression-ratio", configure<&Config::max_compression_ratio, read_compression_ratio>,
     set_max_compression_ratio},
    {{"no-deps", 0, kFlag, "do not install dependencies from the --find-links directories"}, kInstall},
    {{"no-index", 0, kFlag, kNoEffect}, kInstall},
    {{"isolated", 0, kFlag, kNoEffect}, kInstallUninstall},
    {{"no-cache-dir", 0, kFlag, kNoEffect}, kInstallUninstall},
    {{"disable-pip-version-check", 0, kFlag, kNoEffect}, kInstallUninstall},
    {{"no-warn-script-location", 0, kFlag, kNoEffect}, kInstall},
    {{"find-links", 'f', kValue, "look for wheels of requirements and dependencies in DIR"}, kInstallSync},
    {{"require-hashes", 0, kFlag, "every requirement must be pinned with --hash"}, kInstall},
    {{"pre", 0, kFlag, "also choose pre-releases and development versions"}, kInstall},
    {{"format", 0, kValue, "text (default) or json"}, Command::list},
    {{"files", 'f', kFlag, "list the installed files"}, Command::show},

    {{"ignore-installed", 'I', kFlag, "pip's name for --overwrite"}, kInstall, {}, nullptr,
     set_flag<&Options::overwrite>},
    {{"upgrade", 'U', kFlag, "accepted for pip compatibility (whlinst always upgrades)"}, kInstall},
    {{"upgrade-strategy", 0, kValue, "only-if-needed or eager; no effect"}, kInstall},
    {{"progress-bar", 0, kValue, "on, off or raw: off never shows the progress bar"}, kInstallSync, {}, nullptr,
     set_progress_bar},
    {{"no-binary", 0, kValue, ":none:, or names not to install from a wheel (an error here)"}, kInstall},
    {{"only-binary", 0, kValue, "accepted for pip compatibility (only wheels are installed)"}, kInstall},
    {{"prefer-binary", 0, kFlag, kNoEffect}, kInstall},
    {{"no-build-isolation", 0, kFlag, kNoEffect}, kInstall},
    {{"root-user-action", 0, kValue, "warn or ignore; no effect (whlinst never warns)"}, kInstallUninstall},
    {{"no-input", 0, kFlag, kNoEffect}, kInstallUninstall},
    {{"no-clean", 0, kFlag, kNoEffect}, kInstall},
    {{"no-color", 0, kFlag, kNoEffect}, kInstallUninstall},
    {{"no-python-version-warning", 0, kFlag, kNoEffect}, kInstallUninstall},
    {{"cache-dir", 0, kValue, kNoEffect}, kInstallUninstall},
    {{"exists-action", 0, kValue, kNoEffect}, kInstallUninstall},
    {{"timeout", 0, kValue, kNoEffect}, kInstallUninstall},
    {{"retries", 0, kValue, kNoEffect}, kInstallUninstall},
    {{"destdir", 'd', kValue, "python -m installer's and gpep517's name for --root"}, kInstall},
    {{"interpreter", 0, kValue, "gpep517's name for --python"}, kInstall},
    {{"compile-bytecode", 0, kValue, "python -m installer: compile for level L (repeatable)"}, kInstall},
    {{"no-compile-bytecode", 0, kFlag, "python -m installer's name for --no-compile"}, kInstall},
};
// clang-format on
} // namespace

std::span<const OptionDefinition> option_table() { return kOptions; }

std::vector<OptionSpec> options_of(Command command) {
  std::vector<OptionSpec> options;
  for (const OptionDefinition& option : kOptions)
    if (option.commands.has(command))
      options.push_back(option.spec);
  return options;
}

const OptionDefinition* option_with_config_key(std::string_view key) {
  for (const OptionDefinition& option : kOptions)
    if (!option.config_key.empty() && option.config_key == key)
      return &option;
  return nullptr;
}

} // namespace whlinst
