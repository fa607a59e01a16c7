// libFuzzer target: environment markers (markers.h) and dependency
// specifiers (requirement.h). Properties checked on every input that parses
// as a marker: its canonical spelling parses back, is a fixed point
// (to_string(parse(to_string(m))) == to_string(m)), and evaluates to the
// same value (or the same error) as the original against two environments.
// Every input is also parsed as a requirement, whose canonical form must
// parse back to the same canonical form. A violation aborts.

#include "markers.h"
#include "requirement.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace whlinst;

namespace {
void require(bool condition) {
  if (!condition)
    std::abort();
}

MarkerEnvironment environment(bool linux) {
  MarkerEnvironment env;
  env.variables = {{"os_name", linux ? "posix" : "nt"},
                   {"sys_platform", linux ? "linux" : "win32"},
                   {"platform_machine", "x86_64"},
                   {"platform_python_implementation", "CPython"},
                   {"platform_release", "6.1.0-18-amd64"},
                   {"platform_system", linux ? "Linux" : "Windows"},
                   {"platform_version", "#1 SMP"},
                   {"python_version", linux ? "3.11" : "3.8"},
                   {"python_full_version", linux ? "3.11.7" : "3.8.0rc1"},
                   {"implementation_name", "cpython"},
                   {"implementation_version", "3.11.7"}};
  env.extra = linux ? "" : "test";
  env.extras = {"test"};
  env.dependency_groups = {"dev"};
  return env;
}

void same_evaluation(const Marker& a, const Marker& b, const MarkerEnvironment& env) {
  auto x = a.evaluate(env);
  auto y = b.evaluate(env);
  require(x.ok() == y.ok());
  if (x.ok())
    require(*x == *y);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto marker = Marker::parse(text)) {
    std::string canonical = marker->to_string();
    auto again = Marker::parse(canonical);
    require(again.ok());
    require(again->to_string() == canonical);
    same_evaluation(*marker, *again, environment(true));
    same_evaluation(*marker, *again, environment(false));
  }
  if (auto requirement = parse_requirement(text)) {
    std::string canonical = requirement->to_string();
    auto again = parse_requirement(canonical);
    require(again.ok());
    require(again->to_string() == canonical);
  }
  return 0;
}
