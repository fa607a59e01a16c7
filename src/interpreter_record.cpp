#include "interpreter_record.h"

#include <charconv>
#include <utility>

namespace whlinst {

namespace {
// The fields, in the order they are written and read: one table serves both.
constexpr std::pair<std::string_view, std::string Interpreter::*> kTexts[] = {
    {"executable", &Interpreter::executable},
    {"full_version", &Interpreter::full_version},
    {"implementation", &Interpreter::implementation},
    {"cache_tag", &Interpreter::cache_tag},
    {"soabi", &Interpreter::soabi},
    {"ext_suffix", &Interpreter::ext_suffix},
    {"abiflags", &Interpreter::abiflags},
    {"platform", &Interpreter::platform},
    {"sys_prefix", &Interpreter::sys_prefix},
    {"stdlib", &Interpreter::stdlib},
};
constexpr std::pair<std::string_view, int Interpreter::*> kNumbers[] = {
    {"major", &Interpreter::major},
    {"minor", &Interpreter::minor},
    {"micro", &Interpreter::micro},
    {"pointer_bits", &Interpreter::pointer_bits},
};
constexpr std::pair<std::string_view, bool Interpreter::*> kFlags[] = {
    {"py_debug", &Interpreter::py_debug},
    {"gil_disabled", &Interpreter::gil_disabled},
    {"in_venv", &Interpreter::in_venv},
};
constexpr std::pair<std::string_view, SchemeTemplate Interpreter::*> kSchemes[] = {
    {"prefix_scheme", &Interpreter::prefix_scheme},
    {"default_scheme", &Interpreter::default_scheme},
    {"user_scheme", &Interpreter::user_scheme},
    {"home_scheme", &Interpreter::home_scheme},
};
constexpr std::pair<std::string_view, std::string SchemeTemplate::*> kSchemePaths[] = {
    {"purelib", &SchemeTemplate::purelib}, {"platlib", &SchemeTemplate::platlib}, {"headers", &SchemeTemplate::headers},
    {"scripts", &SchemeTemplate::scripts}, {"data", &SchemeTemplate::data},
};

std::string scheme_field_name(std::string_view scheme, std::string_view path) {
  return std::string(scheme) + "." + std::string(path);
}

std::string magic_line() { return "whlinst interpreter " + std::string(kInterpreterRecordVersion) + "\n"; }

void write_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(" ").append(std::to_string(value.size())).append("\n").append(value).append("\n");
}

std::string glibc_text(const std::optional<std::pair<int, int>>& glibc) {
  return glibc ? std::to_string(glibc->first) + "." + std::to_string(glibc->second) : "";
}

std::optional<int> parse_number(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

std::optional<std::pair<int, int>> parse_glibc(std::string_view text) {
  size_t dot = text.find('.');
  if (dot == std::string_view::npos)
    return std::nullopt;
  auto major = parse_number(text.substr(0, dot));
  auto minor = parse_number(text.substr(dot + 1));
  if (!major || !minor)
    return std::nullopt;
  return std::make_pair(*major, *minor);
}

// Takes the fields off the front of a record, each only if it has the
// expected name and is whole.
class RecordReader {
public:
  explicit RecordReader(std::string_view text) : rest_(text) {}

  std::optional<std::string_view> take(std::string_view name) {
    if (rest_.substr(0, name.size()) != name || rest_.substr(name.size(), 1) != " ")
      return std::nullopt;
    std::string_view after_name = rest_.substr(name.size() + 1);
    size_t line_end = after_name.find('\n');
    if (line_end == std::string_view::npos)
      return std::nullopt;
    auto length = parse_number(after_name.substr(0, line_end));
    std::string_view after_length = after_name.substr(line_end + 1);
    if (!length || *length < 0 || after_length.size() <= static_cast<size_t>(*length) || after_length[*length] != '\n')
      return std::nullopt;
    rest_ = after_length.substr(*length + 1);
    return after_length.substr(0, *length);
  }
  bool take_text(std::string_view name, std::string& value) {
    auto field = take(name);
    if (field)
      value = std::string(*field);
    return field.has_value();
  }
  bool take_number(std::string_view name, int& value) {
    auto field = take(name);
    auto number = field ? parse_number(*field) : std::nullopt;
    if (number)
      value = *number;
    return number.has_value();
  }
  bool take_flag(std::string_view name, bool& value) {
    auto field = take(name);
    if (!field || (*field != "0" && *field != "1"))
      return false;
    value = *field == "1";
    return true;
  }
  bool take_glibc(std::optional<std::pair<int, int>>& glibc) {
    auto field = take("glibc");
    glibc = field ? parse_glibc(*field) : std::nullopt;
    return field && (field->empty() || glibc);
  }
  // "marker" fields, NAME=VALUE, up to the end of the record.
  bool take_markers_to_end(std::map<std::string, std::string, std::less<>>& markers) {
    while (auto marker = take("marker")) {
      size_t equals = marker->find('=');
      if (equals == std::string_view::npos || equals == 0)
        return false;
      markers.emplace(marker->substr(0, equals), marker->substr(equals + 1));
    }
    auto end = take("end");
    return end && end->empty() && rest_.empty();
  }

private:
  std::string_view rest_;
};

bool read_fields(RecordReader& reader, Interpreter& interpreter) {
  for (const auto& [name, member] : kTexts)
    if (!reader.take_text(name, interpreter.*member))
      return false;
  for (const auto& [name, member] : kNumbers)
    if (!reader.take_number(name, interpreter.*member))
      return false;
  for (const auto& [name, member] : kFlags)
    if (!reader.take_flag(name, interpreter.*member))
      return false;
  for (const auto& [scheme_name, scheme] : kSchemes)
    for (const auto& [path_name, path] : kSchemePaths)
      if (!reader.take_text(scheme_field_name(scheme_name, path_name), interpreter.*scheme.*path))
        return false;
  return reader.take_glibc(interpreter.glibc) && reader.take_markers_to_end(interpreter.marker_variables);
}
} // namespace

std::string write_interpreter_record(std::string_view key, const Interpreter& interpreter) {
  std::string out = magic_line();
  write_field(out, "key", key);
  for (const auto& [name, member] : kTexts)
    write_field(out, name, interpreter.*member);
  for (const auto& [name, member] : kNumbers)
    write_field(out, name, std::to_string(interpreter.*member));
  for (const auto& [name, member] : kFlags)
    write_field(out, name, interpreter.*member ? "1" : "0");
  for (const auto& [scheme_name, scheme] : kSchemes)
    for (const auto& [path_name, path] : kSchemePaths)
      write_field(out, scheme_field_name(scheme_name, path_name), interpreter.*scheme.*path);
  write_field(out, "glibc", glibc_text(interpreter.glibc));
  for (const auto& [name, value] : interpreter.marker_variables)
    write_field(out, "marker", name + "=" + value);
  write_field(out, "end", "");
  return out;
}

std::optional<Interpreter> read_interpreter_record(std::string_view text, std::string_view key,
                                                   const std::string& path) {
  std::string magic = magic_line();
  if (text.substr(0, magic.size()) != magic)
    return std::nullopt;
  RecordReader reader(text.substr(magic.size()));
  if (reader.take("key") != key)
    return std::nullopt;
  Interpreter interpreter;
  interpreter.path = path;
  if (!read_fields(reader, interpreter))
    return std::nullopt;
  return interpreter;
}

} // namespace whlinst
