// libFuzzer target: the text parsers of a wheel's metadata and name, all on
// the same input: parse_headers (METADATA), parse_wheel_info (WHEEL),
// parse_entry_points (entry_points.txt) and the scripts made from them,
// parse_wheel_name, parse_version, parse_specifier_set, and the "#!python"
// rewrite of data scripts (plain and /bin/sh exec forms), and Unicode
// normalization. Properties: a parsed version's normal form parses back to an
// equal version, every version compares equal to itself, and NFC and NFD are
// stable (UAX #15: normalizing again, or to the other form first, gives the
// same result).

#include "entry_points.h"
#include "headers.h"
#include "launcher_scripts.h"
#include "specifier.h"
#include "unicode_normalization.h"
#include "version.h"
#include "wheel_info.h"
#include "wheel_name.h"

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace whlinst;

namespace {
// A plain interpreter path, and one that needs the /bin/sh exec form.
const std::string kInterpreters[] = {"/usr/bin/python3", "/opt/with space/bin/python3"};

void require(bool condition) {
  if (!condition)
    std::abort();
}

void check_version(std::string_view text) {
  auto version = parse_version(text);
  if (!version)
    return;
  require(compare(*version, *version) == std::strong_ordering::equal);
  auto again = parse_version(to_string(*version));
  require(again.ok());
  require(*again == *version);
  if (auto specifiers = parse_specifier_set(">=1.0, !=2.*, <" + std::string(text)))
    (void)specifiers->contains(*version);
}

void check_normalization(std::string_view text) {
  std::string composed = nfc(text);
  std::string decomposed = nfd(text);
  require(nfc(composed) == composed);
  require(nfd(decomposed) == decomposed);
  require(nfc(decomposed) == composed);
  require(nfd(composed) == decomposed);
}

void check_entry_points(std::string_view text) {
  auto entry_points = parse_entry_points(text);
  if (!entry_points)
    return;
  auto scripts = scripts_for_entry_points(*entry_points, "3.11", std::nullopt);
  if (!scripts)
    return;
  for (const ScriptSpec& spec : *scripts)
    for (const std::string& interpreter : kInterpreters)
      (void)entry_point_script(spec, interpreter);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto headers = parse_headers(text)) {
    (void)headers->get("Requires-Python");
    (void)headers->get_all("Classifier");
  }
  (void)parse_wheel_info(text);
  check_entry_points(text);
  if (auto name = parse_wheel_name(text)) {
    (void)name->expanded_tags();
    (void)name->project_key();
  }
  check_version(text);
  if (auto specifiers = parse_specifier_set(text)) {
    auto version = parse_version("3.11.7");
    if (version)
      (void)specifiers->contains(*version);
  }
  for (const std::string& interpreter : kInterpreters)
    (void)rewrite_data_script(text, interpreter);
  check_normalization(text);
  return 0;
}
