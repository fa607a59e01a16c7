#pragma once
// Every option of whlinst's commands, in one table (option_table.cpp): its
// spelling and help, which commands accept it, its key in whlinst.toml and
// how it sets InstallOptions. The command-line parser and --help
// (options_of), the configuration reader (option_with_config_key) and
// make_install_options (install_settings.h) all read it; the bash completion
// is checked against --help (tests/test_bash_completion.sh).

#include "command_line.h"
#include "result.h"

#include <span>
#include <string_view>
#include <vector>

namespace whlinst {

struct CommandLine;
struct ConfigValue;
struct Configuration;
struct InstallOptions;

enum class Command : unsigned { install = 1, uninstall = 2, list = 4, verify = 8, show = 16, sync = 32 };

// A set of commands.
class Commands {
public:
  constexpr Commands(Command command) : bits_(static_cast<unsigned>(command)) {}
  constexpr Commands operator|(Commands other) const { return Commands(bits_ | other.bits_); }
  constexpr bool has(Command command) const { return (bits_ & static_cast<unsigned>(command)) != 0; }

private:
  constexpr explicit Commands(unsigned bits) : bits_(bits) {}
  unsigned bits_;
};

constexpr Commands operator|(Command a, Command b) { return Commands(a) | Commands(b); }

struct OptionDefinition {
  OptionSpec spec;
  Commands commands;
  // The key in whlinst.toml ('-' or '_' between words), "" when it has none;
  // `configure` reads that key's value into the configuration.
  std::string_view config_key = {};
  Status (*configure)(Configuration& config, const ConfigValue& value) = nullptr;
  // How `whlinst install` sets InstallOptions from the option (and the
  // configuration key, which the option overrides); nullptr for an option
  // another row's setter reads too (--no-compile: --compile's), one a
  // command reads itself (--requirement, --lock) or one without effect.
  Status (*sets)(std::string_view name, const CommandLine& command_line, InstallOptions& options) = nullptr;
};

std::span<const OptionDefinition> option_table();

// The options `command` accepts, in the table's order (what --help lists).
std::vector<OptionSpec> options_of(Command command);

// The row whose config_key is `key` (spelled with '-'), or nullptr.
const OptionDefinition* option_with_config_key(std::string_view key);

} // namespace whlinst
