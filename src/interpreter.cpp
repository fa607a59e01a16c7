#include "interpreter.h"

#include "subprocess.h"
#include "text.h"

#include <nlohmann/json.hpp>

namespace whlinst {

namespace {
const char kQueryScript[] =
#include "interpreter_query.py.inc"
    ;

SchemeTemplate scheme_from_json(const nlohmann::json& object) {
  SchemeTemplate scheme;
  scheme.purelib = object.at("purelib").get<std::string>();
  scheme.platlib = object.at("platlib").get<std::string>();
  scheme.headers = object.at("headers").get<std::string>();
  scheme.scripts = object.at("scripts").get<std::string>();
  scheme.data = object.at("data").get<std::string>();
  return scheme;
}

std::optional<std::pair<int, int>> parse_glibc(const std::string& text) {
  // "glibc 2.36"
  if (!starts_with(text, "glibc "))
    return std::nullopt;
  std::string version = text.substr(6); // split() returns views into it
  auto parts = split(version, '.');
  if (parts.size() < 2)
    return std::nullopt;
  try {
    return std::make_pair(std::stoi(std::string(parts[0])), std::stoi(std::string(parts[1])));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void fill_from_json(Interpreter& interpreter, const nlohmann::json& object) {
  interpreter.executable = object.at("executable").get<std::string>();
  auto version = object.at("version");
  interpreter.major = version.at(0).get<int>();
  interpreter.minor = version.at(1).get<int>();
  interpreter.micro = version.at(2).get<int>();
  interpreter.full_version = object.at("python_full_version").get<std::string>();
  interpreter.implementation = object.at("implementation").get<std::string>();
  interpreter.cache_tag = object.at("cache_tag").get<std::string>();
  interpreter.soabi = object.at("soabi").get<std::string>();
  interpreter.ext_suffix = object.at("ext_suffix").get<std::string>();
  interpreter.abiflags = object.at("abiflags").get<std::string>();
  interpreter.platform = object.at("platform").get<std::string>();
  interpreter.py_debug = object.at("py_debug").get<bool>();
  interpreter.pointer_bits = object.at("pointer_bits").get<int>();
  interpreter.gil_disabled = object.at("gil_disabled").get<bool>();
  interpreter.glibc = parse_glibc(object.at("glibc").get<std::string>());
  interpreter.sys_prefix = object.at("prefix").get<std::string>();
  interpreter.in_venv = object.at("in_venv").get<bool>();
  interpreter.stdlib = object.value("stdlib", "");
  interpreter.prefix_scheme = scheme_from_json(object.at("prefix_scheme"));
  interpreter.default_scheme = scheme_from_json(object.at("default_scheme"));
  if (object.contains("user_scheme"))
    interpreter.user_scheme = scheme_from_json(object.at("user_scheme"));
  if (object.contains("home_scheme"))
    interpreter.home_scheme = scheme_from_json(object.at("home_scheme"));
  for (const auto& [name, value] : object.at("markers").items())
    interpreter.marker_variables[name] = value.get<std::string>();
}
} // namespace

std::string Interpreter::major_minor() const {
  return std::to_string(major) + "." + std::to_string(minor);
}

MarkerEnvironment Interpreter::marker_environment() const {
  MarkerEnvironment environment;
  environment.variables = marker_variables;
  return environment;
}

Result<Interpreter> parse_interpreter_description(const std::string& path,
                                                  const std::string& json) {
  Interpreter interpreter;
  interpreter.path = path;
  try {
    fill_from_json(interpreter, nlohmann::json::parse(json));
  } catch (const nlohmann::json::exception& error) {
    return make_error("unexpected answer from interpreter ", path, ": ", error.what());
  }
  return interpreter;
}

Result<Interpreter> query_interpreter(const std::string& path) {
  TRY_ASSIGN(json, run_interpreter_query(path));
  return parse_interpreter_description(path, json);
}

Result<std::string> run_interpreter_query(const std::string& path) {
  auto output = run_process({path, "-E", "-s", "-c", kQueryScript}, "");
  if (!output)
    return make_error("cannot run the target interpreter ", path, ": ", output.error().message);
  if (output->exit_status != 0)
    return make_error("the target interpreter ", path, " failed (exit status ",
                      std::to_string(output->exit_status), "): ",
                      std::string(trim(output->err.substr(0, 400))));
  return std::move(output->out);
}

} // namespace whlinst
