// libFuzzer target: environment markers (markers.h) and dependency
// specifiers (requirement.h). Properties checked on every input that parses
// as a marker: its canonical spelling parses back, is a fixed point
// (to_string(parse(to_string(m))) == to_string(m)), and evaluates to the
// same value (or the same error) as the original against two environments.
// Every input is also parsed as a requirement, whose canonical form must
// parse back to the same canonical form. A violation aborts.

#include "fuzz_support.h"
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
    same_evaluation(*marker, *again, fuzz::marker_environment(true));
    same_evaluation(*marker, *again, fuzz::marker_environment(false));
  }
  if (auto requirement = parse_requirement(text)) {
    std::string canonical = requirement->to_string();
    auto again = parse_requirement(canonical);
    require(again.ok());
    require(again->to_string() == canonical);
  }
  return 0;
}
