#pragma once
// Defaults for whlinst's commands from a TOML file: PREFIX/etc/whlinst.toml
// when it exists, or the file given with --config. Command-line flags win;
// each command uses the keys that apply to it (python: all; fsync: install
// and uninstall; the others: install). The keys and how each value is read
// are the option table's (option_table.h, config_value.h).
//
//   python = "/opt/py/bin/python3"      compile = false
//   optimize = [0, 1]                   invalidation-mode = "checked-hash"
//   jobs = 4                            installer = "my-distro"
//   requested = false                   direct-url = "none"
//   ignore-requires-python = true      report = "/var/log/whlinst.json"
//   sbom = "bom.xml"                    sbom-format = "json"
//   fsync = true
//   max-unpacked-size = "8GiB"          max-compression-ratio = 2000
//   lock-timeout = 30                   break-system-packages = true
//
// max-unpacked-size is a number of bytes or a string with a unit as
// parse_size (size_value.h) reads it; max-compression-ratio a number >= 1.
// Keys may be spelled with '-' or '_'. Unknown keys and values of the wrong
// type are errors naming the file and line. lock-timeout (seconds) applies
// to install, uninstall and verify; break-system-packages to install and
// uninstall. The only file that includes
// toml11.

#include "bytecode.h"
#include "result.h"
#include "sbom_format.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

struct Configuration {
  std::optional<std::string> python;
  std::optional<bool> compile;
  std::optional<std::vector<int>> optimize;
  std::optional<InvalidationMode> invalidation_mode;
  std::optional<unsigned> jobs;
  std::optional<std::string> installer;
  std::optional<bool> requested;
  std::optional<std::string> direct_url;
  std::optional<bool> ignore_requires_python;
  std::optional<std::string> report; // --report FILE
  std::optional<std::string> sbom;   // --sbom FILE
  std::optional<SbomFormat> sbom_format;
  std::optional<bool> fsync;
  std::optional<uint64_t> max_unpacked_size;     // bytes
  std::optional<uint64_t> max_compression_ratio;
  std::optional<double> lock_timeout; // seconds
  std::optional<bool> break_system_packages;
};

Result<Configuration> read_configuration(const std::string& path);

// PREFIX/etc/whlinst.toml if it exists, else an empty configuration.
Result<Configuration> read_prefix_configuration(const std::string& prefix);

Result<InvalidationMode> invalidation_mode_named(const std::string& name);

} // namespace whlinst
