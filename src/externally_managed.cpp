#include "externally_managed.h"

#include "file_system.h"
#include "paths.h"
#include "text.h"

namespace whlinst {

namespace {
bool is_key_line(std::string_view line, std::string_view key) {
  if (!starts_with(line, key))
    return false;
  std::string_view rest = trim(line.substr(key.size()));
  return starts_with(rest, "=") || starts_with(rest, ":");
}
} // namespace

std::string externally_managed_message(std::string_view marker, const std::string& sys_prefix) {
  bool in_section = false;
  std::string message;
  bool in_value = false;
  for (std::string_view line : split_lines(marker)) {
    std::string_view stripped = trim(line);
    bool continuation = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    if (in_value && continuation && !stripped.empty()) {
      message += (message.empty() ? "" : "\n") + std::string(stripped);
      continue;
    }
    in_value = false;
    if (starts_with(stripped, "[")) {
      in_section = stripped == "[externally-managed]";
    } else if (in_section && !continuation && is_key_line(stripped, "Error")) {
      std::string_view value = trim(stripped.substr(stripped.find_first_of("=:") + 1));
      message = std::string(value);
      in_value = true;
    }
  }
  if (!message.empty())
    return message;
  return "The Python environment under " + sys_prefix +
         " is managed externally, and may not be\nmanipulated by the user. Please use specific tooling from "
         "the distributor of\nthe Python installation to interact with this Python environment instead.";
}

Status check_externally_managed(const Interpreter& interpreter, SchemeChoice scheme, BreakSystemPackages allow) {
  if (scheme != SchemeChoice::interpreter_default || interpreter.in_venv || allow == BreakSystemPackages::yes ||
      interpreter.stdlib.empty())
    return {};
  std::string marker = join_path(interpreter.stdlib, "EXTERNALLY-MANAGED");
  if (file_kind(marker) == FileKind::missing)
    return {};
  auto text = read_file(marker);
  return make_error("externally-managed-environment (", marker, ", PEP 668; --break-system-packages overrides): ",
                    externally_managed_message(text ? *text : std::string(), interpreter.sys_prefix));
}

} // namespace whlinst
