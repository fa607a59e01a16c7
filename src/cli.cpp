#include "cli.h"

#include "file_system.h"
#include "commands.h"
#include "utf8.h"
#include "pip_compatibility.h"

#include <algorithm>
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
    {"sync", run_sync_command, "make the environment exactly what a lock file says"},
    {"uninstall", run_uninstall_command, "remove installed projects using their RECORD"},
    {"list", run_list_command, "installed projects: name, version, installer"},
    {"verify", run_verify_command, "check installed files against RECORD"},
    {"show", run_show_command, "metadata summary, location, files and size of projects"},
};

void print_usage(FILE* stream) {
  std::fputs("usage: whlinst [install] WHEEL... [options]\n"
             "       whlinst [install] -r pylock.toml [options]\n"
             "       whlinst sync pylock.toml [options]\n"
             "       whlinst uninstall NAME... [options]\n"
             "       whlinst list [options]\n"
             "       whlinst verify [NAME...] [--lock pylock.toml] [options]\n"
             "       whlinst show NAME... [options]\n\ncommands:\n", stream);
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

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// ", did you mean 'X'?" for the closest command at most two edits away.
std::string suggestion(std::string_view word) {
  const Command* best = nullptr;
  size_t best_distance = 3;
  for (const Command& command : kCommands) {
    size_t distance = edit_distance(word, command.name);
    if (distance < best_distance)
      best = &command, best_distance = distance;
  }
  return best ? ", did you mean '" + std::string(best->name) + "'?" : "";
}

bool is_command(std::string_view word) { return find_command(word) != nullptr; }

bool looks_like_command(std::string_view word) {
  return !word.empty() && word.front() != '-' && word.find('.') == std::string_view::npos &&
         word.find('/') == std::string_view::npos;
}
} // namespace

int run_cli(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  init_umask();
  std::vector<std::string> arguments = command_word_first({argv + 1, argv + argc}, is_command);
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
    std::fprintf(stderr, "whlinst: error: unknown command '%s'%s\n", printable_name(arguments[0]).c_str(),
                 suggestion(arguments[0]).c_str());
    print_usage(stderr);
    return 2;
  }
  return run_install_command(arguments);
}

} // namespace whlinst
