#include "config_value.h"

#include "configuration.h"
#include "size_value.h"

namespace whlinst {

namespace {
template <typename T> Result<T> as(const ConfigValue& value, const char* expected) {
  if (const T* held = std::get_if<T>(&value.value))
    return *held;
  return make_error("expected ", expected);
}
} // namespace

Result<bool> read_bool(const ConfigValue& value) { return as<bool>(value, "true or false"); }

Result<std::string> read_string(const ConfigValue& value) { return as<std::string>(value, "a string"); }

Result<std::string> read_path(const ConfigValue& value) { return as<std::string>(value, "a file path"); }

Result<std::vector<int>> read_levels(const ConfigValue& value) {
  TRY_ASSIGN(numbers, as<std::vector<int64_t>>(value, "a list of levels, e.g. [0, 1]"));
  std::vector<int> levels;
  for (int64_t level : numbers) {
    if (level < 0 || level > 2)
      return make_error("optimize: levels are 0, 1 or 2");
    levels.push_back(static_cast<int>(level));
  }
  return levels;
}

Result<InvalidationMode> read_invalidation_mode(const ConfigValue& value) {
  TRY_ASSIGN(name, read_string(value));
  return invalidation_mode_named(name);
}

Result<SbomFormat> read_sbom_format(const ConfigValue& value) {
  TRY_ASSIGN(name, read_string(value));
  auto format = sbom_format_named(name);
  if (!format)
    return make_error("sbom-format: ", format.error().message);
  return *format;
}

Result<unsigned> read_jobs(const ConfigValue& value) {
  TRY_ASSIGN(jobs, as<int64_t>(value, "a number"));
  if (jobs < 0 || jobs > 1024)
    return make_error("jobs: expected 0 (all cores) to 1024");
  return static_cast<unsigned>(jobs);
}

Result<uint64_t> read_unpacked_size(const ConfigValue& value) {
  std::string text;
  if (const int64_t* number = std::get_if<int64_t>(&value.value))
    text = std::to_string(*number);
  else if (const std::string* string = std::get_if<std::string>(&value.value))
    text = *string;
  else
    return make_error("max-unpacked-size: expected a number of bytes or a string such as \"2GiB\"");
  auto size = parse_size(text);
  if (!size)
    return make_error("max-unpacked-size: ", size.error().message);
  return *size;
}

Result<uint64_t> read_compression_ratio(const ConfigValue& value) {
  const int64_t* number = std::get_if<int64_t>(&value.value);
  if (number == nullptr || *number < 1)
    return make_error("max-compression-ratio: expected a whole number above 0");
  return static_cast<uint64_t>(*number);
}

Result<double> read_seconds(const ConfigValue& value) {
  const int64_t* whole = std::get_if<int64_t>(&value.value);
  const double* fraction = std::get_if<double>(&value.value);
  double seconds = whole ? static_cast<double>(*whole) : fraction ? *fraction : -1;
  if (!(seconds >= 0 && seconds <= 1e9))
    return make_error("lock-timeout: expected a number of seconds");
  return seconds;
}

} // namespace whlinst
