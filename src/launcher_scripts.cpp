#include "launcher_scripts.h"

#include "text.h"

#include <regex>

namespace whlinst {

namespace {
constexpr size_t kMaxShebangLength = 127;

bool needs_exec_form(const std::string& executable) {
  return executable.find(' ') != std::string::npos || executable.size() + 3 > kMaxShebangLength;
}

std::string quoted_executable(const std::string& interpreter) {
  if (interpreter.find(' ') != std::string::npos)
    return "\"" + interpreter + "\"";
  return interpreter;
}

std::string exec_form_lines(const std::string& executable) {
  return "#!/bin/sh\n'''exec' " + executable + " \"$0\" \"$@\"\n' '''";
}

void add_pip_scripts(std::vector<std::pair<std::string, std::string>>& specs, const std::string& target,
                     std::string_view major_minor, const std::optional<std::string>& ensurepip) {
  std::string major(major_minor.substr(0, major_minor.find('.')));
  if (!ensurepip)
    specs.emplace_back("pip", target);
  if (ensurepip.value_or("") != "altinstall")
    specs.emplace_back("pip" + major, target);
  specs.emplace_back("pip" + std::string(major_minor), target);
}

void add_easy_install_scripts(std::vector<std::pair<std::string, std::string>>& specs, const std::string& target,
                              std::string_view major_minor, const std::optional<std::string>& ensurepip) {
  if (!ensurepip)
    specs.emplace_back("easy_install", target);
  specs.emplace_back("easy_install-" + std::string(major_minor), target);
}

Result<ScriptSpec> make_spec(const std::string& name, const EntryPoint& entry) {
  if (entry.attribute.empty())
    return make_error("entry point '", name, " = ", entry.value, "' names no callable (expected module:function)");
  return ScriptSpec{name, entry.module, entry.attribute};
}

// Length of the string literal starting at `text[0]` (after an optional
// r/u prefix), or 0 when `text` does not start with one.
size_t string_literal_length(std::string_view text) {
  size_t start = 0;
  while (start < text.size() && start < 1 && std::string_view("rRuU").find(text[start]) != std::string_view::npos)
    ++start;
  if (start >= text.size() || (text[start] != '"' && text[start] != '\''))
    return 0;
  std::string_view rest = text.substr(start);
  std::string quote = rest.substr(0, 3) == std::string(3, rest[0]) ? std::string(3, rest[0]) : std::string(1, rest[0]);
  for (size_t i = quote.size(); i < rest.size(); ++i) {
    if (rest[i] == '\\') {
      ++i;
      continue;
    }
    if (rest.substr(i, quote.size()) == quote)
      return start + i + quote.size();
    if (quote.size() == 1 && rest[i] == '\n')
      return 0;
  }
  return 0;
}

// Splits a script body into its leading comment/blank lines and the rest.
size_t leading_comment_length(std::string_view body) {
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find('\n', pos);
    std::string_view line = trim(body.substr(pos, end == std::string_view::npos ? end : end - pos));
    if (!line.empty() && line.front() != '#')
      break;
    pos = end == std::string_view::npos ? body.size() : end + 1;
  }
  return pos;
}

// PEP 263: an encoding declaration counts on line 1 or 2 only.
bool is_coding_declaration(std::string_view line) {
  static const std::regex coding(R"(^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+.*)");
  return std::regex_match(line.begin(), line.end(), coding);
}

// Removes one or more ASCII digits from the start of `text`; whether there were.
bool take_digits(std::string_view& text) {
  size_t count = 0;
  while (count < text.size() && text[count] >= '0' && text[count] <= '9')
    ++count;
  text.remove_prefix(count);
  return count > 0;
}

// Removes `separator` followed by digits; whether they were there.
bool take_separated_digits(std::string_view& text, char separator) {
  if (text.empty() || text.front() != separator)
    return false;
  text.remove_prefix(1);
  return take_digits(text);
}

// pip's own script names, which pip replaces by its versioned ones: pip,
// pipX, pipX.Y (the regular expression pip(\d+(\.\d+)?)?). Matched by hand:
// compiling a std::regex costs more than the rest of a small install's planning.
bool is_versioned_pip(std::string_view name) {
  if (!starts_with(name, "pip"))
    return false;
  name.remove_prefix(3);
  if (name.empty())
    return true;
  if (!take_digits(name))
    return false;
  return name.empty() || (take_separated_digits(name, '.') && name.empty());
}

// easy_install and easy_install-X.Y (easy_install(-\d+\.\d+)?).
bool is_versioned_easy_install(std::string_view name) {
  if (!starts_with(name, "easy_install"))
    return false;
  name.remove_prefix(12);
  return name.empty() || (take_separated_digits(name, '-') && take_separated_digits(name, '.') && name.empty());
}

std::string exec_form_script(std::string_view body, const std::string& interpreter) {
  std::string header = exec_form_lines(quoted_executable(interpreter));
  std::string_view first_line = body.substr(0, body.find('\n'));
  if (is_coding_declaration(trim(first_line)) && first_line.size() < body.size()) {
    // Keep it on line 2, between "#!/bin/sh" and the trampoline (both sh and
    // Python read it as a comment).
    header.insert(header.find('\n') + 1, std::string(first_line) + "\n");
    body.remove_prefix(first_line.size() + 1);
  }
  size_t comments = leading_comment_length(body);
  std::string_view code = body.substr(comments);
  size_t literal = string_literal_length(code);
  if (literal == 0)
    return header + "\n" + std::string(body);
  size_t line_end = code.find('\n', literal);
  line_end = line_end == std::string_view::npos ? code.size() : line_end + 1;
  std::string script = header + " \\\n" + std::string(code.substr(0, line_end));
  if (!script.empty() && script.back() != '\n')
    script.push_back('\n');
  script.append(body.substr(0, comments));
  script.append(code.substr(line_end));
  return script;
}
} // namespace

Result<std::vector<ScriptSpec>> scripts_for_entry_points(const std::vector<EntryPoint>& entry_points,
                                                         std::string_view python_major_minor,
                                                         std::optional<std::string> ensurepip_options) {
  std::vector<ScriptSpec> specs;
  for (std::string_view group : {"console_scripts", "gui_scripts"}) {
    auto scripts = scripts_of_group(entry_points, group);
    std::vector<std::pair<std::string, std::string>> names; // (script name, entry name)
    bool console = group == "console_scripts";
    bool has_pip = false, has_easy_install = false;
    for (const EntryPoint& entry : scripts) {
      has_pip |= console && entry.name == "pip";
      has_easy_install |= console && entry.name == "easy_install";
    }
    if (has_pip)
      add_pip_scripts(names, "pip", python_major_minor, ensurepip_options);
    if (has_easy_install)
      add_easy_install_scripts(names, "easy_install", python_major_minor, ensurepip_options);
    for (const EntryPoint& entry : scripts) {
      if (has_pip && is_versioned_pip(entry.name))
        continue;
      if (has_easy_install && is_versioned_easy_install(entry.name))
        continue;
      names.emplace_back(entry.name, entry.name);
    }
    for (const auto& [script_name, entry_name] : names) {
      for (const EntryPoint& entry : scripts)
        if (entry.name == entry_name) {
          TRY_ASSIGN(spec, make_spec(script_name, entry));
          specs.push_back(std::move(spec));
        }
    }
  }
  return specs;
}

std::string interpreter_header(const std::string& interpreter) {
  std::string executable = quoted_executable(interpreter);
  if (needs_exec_form(executable))
    return exec_form_lines(executable) + "\n";
  return "#!" + executable + "\n";
}

std::string entry_point_script(const ScriptSpec& spec, const std::string& interpreter) {
  std::string import_name = spec.attribute.substr(0, spec.attribute.find('.'));
  return interpreter_header(interpreter) +
         "# -*- coding: utf-8 -*-\n"
         "import re\n"
         "import sys\n"
         "from " +
         spec.module + " import " + import_name +
         "\n"
         "if __name__ == '__main__':\n"
         "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
         "    sys.exit(" +
         spec.attribute + "())\n";
}

std::optional<std::string> rewrite_data_script(std::string_view content, const std::string& interpreter) {
  DataScriptRewriter rewriter(interpreter);
  std::string output = rewriter.feed(content);
  output += rewriter.finish();
  if (!rewriter.rewritten())
    return std::nullopt;
  return output;
}

namespace {
constexpr std::string_view kPythonShebang = "#!python";

// Whether `code` may be the start of a string literal not complete yet.
bool may_start_literal(std::string_view code) {
  size_t start = std::string_view("rRuU").find(code[0]) != std::string_view::npos ? 1 : 0;
  if (start == code.size())
    return true;
  char quote = code[start];
  if (quote != '"' && quote != '\'')
    return false;
  std::string_view rest = code.substr(start);
  if (rest.size() < 3 || rest.substr(0, 3) == std::string(3, quote))
    return true;
  for (size_t i = 1; i < rest.size(); ++i) {
    if (rest[i] == '\\')
      ++i;
    else if (rest[i] == '\n')
      return false; // a one-line string broken by a newline: not a literal
  }
  return true;
}

// Whether exec_form_script could give another result for a longer `body`
// than for this start of it.
bool exec_form_needs_more(std::string_view body) {
  size_t first_end = body.find('\n');
  if (first_end == std::string_view::npos)
    return true;
  if (is_coding_declaration(trim(body.substr(0, first_end))))
    body.remove_prefix(first_end + 1);
  std::string_view code = body.substr(leading_comment_length(body));
  if (code.empty())
    return true;
  size_t literal = string_literal_length(code);
  if (literal == 0)
    return may_start_literal(code);
  return code.find('\n', literal) == std::string_view::npos;
}
} // namespace

std::string DataScriptRewriter::decide(bool at_end) {
  bool shebang = starts_with(head_, kPythonShebang);
  if (!shebang && (at_end || head_.size() >= kPythonShebang.size() || !starts_with(kPythonShebang, head_))) {
    state_ = State::copying;
    return std::move(head_);
  }
  size_t first_line_end = head_.find('\n');
  if (!shebang || (!at_end && first_line_end == std::string::npos))
    return "";
  std::string_view body =
      first_line_end == std::string::npos ? std::string_view() : std::string_view(head_).substr(first_line_end + 1);
  std::string rewritten;
  if (!needs_exec_form(quoted_executable(interpreter_)))
    rewritten = "#!" + interpreter_ + "\n" + std::string(body);
  else if (!at_end && exec_form_needs_more(body))
    return "";
  else
    rewritten = exec_form_script(body, interpreter_);
  state_ = State::rewriting;
  head_ = std::string();
  return rewritten;
}

std::string DataScriptRewriter::feed(std::string_view chunk) {
  if (state_ != State::head)
    return std::string(chunk);
  head_.append(chunk);
  return decide(false);
}

std::string DataScriptRewriter::finish() {
  if (state_ != State::head)
    return "";
  return decide(true);
}

} // namespace whlinst
