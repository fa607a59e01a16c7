#pragma once
// A value of whlinst.toml as the option table reads it (configuration.cpp
// converts toml11's values to it), and the readers of each kind of value.
// A reader's error is the message without the file and line, which the
// configuration reader adds ("expected true or false").

#include "bytecode.h"
#include "result.h"
#include "sbom_format.h"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace whlinst {

struct ConfigValue {
  // std::monostate: any other TOML value (a table, a date, a list that is
  // not of integers...).
  std::variant<std::monostate, bool, int64_t, double, std::string, std::vector<int64_t>> value;
};

Result<bool> read_bool(const ConfigValue& value);
Result<std::string> read_string(const ConfigValue& value);
Result<std::string> read_path(const ConfigValue& value);
// A list of optimization levels, each 0, 1 or 2.
Result<std::vector<int>> read_levels(const ConfigValue& value);
Result<InvalidationMode> read_invalidation_mode(const ConfigValue& value);
// "xml" or "json".
Result<SbomFormat> read_sbom_format(const ConfigValue& value);
// 0 (all cores) to 1024.
Result<unsigned> read_jobs(const ConfigValue& value);
// A number of bytes, or a string with a unit ("2GiB", size_value.h).
Result<uint64_t> read_unpacked_size(const ConfigValue& value);
// A whole number above 0.
Result<uint64_t> read_compression_ratio(const ConfigValue& value);
// Seconds, integer or fractional, not negative.
Result<double> read_seconds(const ConfigValue& value);

} // namespace whlinst
