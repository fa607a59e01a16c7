#include "compatibility.h"

#include "specifier.h"
#include "tags.h"
#include "text.h"
#include "utf8.h"
#include "version.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace whlinst {

namespace {
std::string implementation_abbreviation(const std::string& name) {
  if (name == "cpython") return "cp";
  if (name == "pypy") return "pp";
  if (name == "ironpython") return "ip";
  if (name == "jython") return "jy";
  if (name == "python") return "py";
  return name;
}

// The interpreter's own ABI tag from SOABI ("cpython-311-x86_64-linux-gnu"
// -> "cp311", "pypy310-pp73-..." -> "pypy310_pp73").
std::string abi_tag(const Interpreter& interpreter) {
  auto fields = split(interpreter.soabi, '-');
  if (interpreter.implementation == "cpython" && fields.size() >= 2)
    return "cp" + std::string(fields[1]);
  if (fields.size() >= 2) {
    std::string tag = std::string(fields[0]) + "_" + std::string(fields[1]);
    for (char& c : tag)
      if (c == '.' || c == '-')
        c = '_';
    return tag;
  }
  return "";
}

constexpr unsigned kNewestMetadataMinor = 6; // of major version 2

// "2.1" -> {2, 1}; "2" -> {2, 0}; nullopt unless dot-separated decimal
// numbers (those over 9 digits read as kHuge).
constexpr unsigned long kHuge = 1000000000;
std::optional<std::pair<unsigned long, unsigned long>> major_minor(std::string_view version) {
  std::vector<unsigned long> numbers;
  for (std::string_view part : split(version, '.')) {
    if (part.empty() || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    numbers.push_back(part.size() > 9 ? kHuge : std::stoul(std::string(part)));
  }
  return std::make_pair(numbers.at(0), numbers.size() > 1 ? numbers[1] : 0);
}
} // namespace

Status check_metadata_version(const Headers& metadata, std::vector<std::string>& warnings) {
  const std::string* field = metadata.get("Metadata-Version");
  if (field == nullptr)
    return {};
  std::string value(trim(*field));
  auto version = major_minor(value);
  if (!version)
    return make_error("METADATA: invalid Metadata-Version '", printable_name(value), "' (expected MAJOR.MINOR)");
  if (version->first > 2)
    return make_error("METADATA: Metadata-Version ", value, " is not supported (whlinst reads 1.x and 2.x)");
  if (version->first == 2 && version->second > kNewestMetadataMinor)
    warnings.push_back("Metadata-Version " + value + " is newer than the 2." +
                       std::to_string(kNewestMetadataMinor) + " whlinst knows; installing anyway");
  return {};
}

TargetFacts target_facts(const Interpreter& interpreter) {
  TargetFacts facts;
  facts.implementation = implementation_abbreviation(interpreter.implementation);
  facts.major = interpreter.major;
  facts.minor = interpreter.minor;
  facts.abi = abi_tag(interpreter);
  facts.platform = interpreter.platform;
  facts.pointer_size = interpreter.pointer_bits == 32 ? PointerSize::bits32 : PointerSize::bits64;
  if (interpreter.glibc)
    facts.glibc = LibcVersion{interpreter.glibc->first, interpreter.glibc->second};
  return facts;
}

Status check_requires_python(const Wheel& wheel, const Interpreter& interpreter) {
  const std::string* requirement = wheel.metadata.get("Requires-Python");
  if (requirement == nullptr || trim(*requirement).empty())
    return {};
  auto specifiers = parse_specifier_set(*requirement);
  if (!specifiers)
    return make_error("METADATA Requires-Python: ", specifiers.error().message);
  // pip compares sys.version_info[:3]: a 3.13.0rc1 target satisfies ">=3.13".
  std::string release = std::to_string(interpreter.major) + "." + std::to_string(interpreter.minor) +
                        "." + std::to_string(interpreter.micro);
  auto version = parse_version(release);
  if (!version)
    return make_error("the target interpreter's version: ", version.error().message);
  if (!specifiers->contains(*version))
    return make_error("requires Python ", std::string(trim(*requirement)), ", the target is ",
                      release,
                      " (use --ignore-requires-python to install anyway)");
  return {};
}

Status check_compatibility(const Wheel& wheel, const Interpreter& interpreter,
                           const InstallOptions& options, std::vector<std::string>& warnings) {
  TRY(check_metadata_version(wheel.metadata, warnings));
  if (wheel.info.newer_minor())
    warnings.push_back("Wheel-Version " + std::to_string(wheel.info.version_major) + "." +
                       std::to_string(wheel.info.version_minor) +
                       " is newer than the 1.0 whlinst knows; installing anyway");
  if (wheel.info.older_major())
    warnings.push_back("Wheel-Version " + std::to_string(wheel.info.version_major) + "." +
                       std::to_string(wheel.info.version_minor) +
                       " is older than the 1.0 of the specification; installing anyway");
  TRY(best_supported_tag(wheel.name.expanded_tags(), target_facts(interpreter)));
  if (!options.ignore_requires_python)
    TRY(check_requires_python(wheel, interpreter));
  return {};
}

} // namespace whlinst
