#include "cli.h"

#include "file_system.h"
#include "install_command.h"

#include <csignal>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

namespace {
struct Command {
  std::string_view name;
  int (*run)(const std::vector<std::string>& arguments);
  std::string_view summary;
};

constexpr Command kCommands[] = {
    {"install", run_install_command, "install wheels (the default command)"},
};

void print_usage(FILE* stream) {
  std::fputs("usage: whlinst [install] WHEEL... [options]\n\ncommands:\n", stream);
  for (const Command& command : kCommands)
    std::fprintf(stream, "  %-12s %s\n", std::string(command.name).c_str(),
                 std::string(command.summary).c_str());
  std::fputs("\nwhlinst COMMAND --help describes a command's options.\n", stream);
}

const Command* find_command(std::string_view name) {
  for (const Command& command : kCommands)
    if (command.name == name)
      return &command;
  return nullptr;
}

bool looks_like_command(std::string_view word) {
  return !word.empty() && word.front() != '-' && word.find('.') == std::string_view::npos &&
         word.find('/') == std::string_view::npos;
}
} // namespace

int run_cli(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  init_umask();
  std::vector<std::string> arguments(argv + 1, argv + argc);
  if (arguments.empty()) {
    print_usage(stderr);
    return 2;
  }
  if (arguments[0] == "--help" || arguments[0] == "-h") {
    print_usage(stdout);
    return 0;
  }
  if (arguments[0] == "--version") {
    std::puts("whlinst " WHLINST_VERSION);
    return 0;
  }
  if (const Command* command = find_command(arguments[0]))
    return command->run({arguments.begin() + 1, arguments.end()});
  if (looks_like_command(arguments[0])) {
    std::fprintf(stderr, "whlinst: error: unknown command '%s'\n", arguments[0].c_str());
    print_usage(stderr);
    return 2;
  }
  return run_install_command(arguments);
}

} // namespace whlinst
