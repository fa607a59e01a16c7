#pragma once
// What the fuzz targets share: limits and names for those that open a
// wheel, the marker environments for those that evaluate markers.

#include "archive.h"
#include "markers.h"
#include "wheel.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst::fuzz {

// Tighter than the defaults, so that one input cannot inflate for long.
constexpr SizeLimits kLimits{uint64_t{64} << 20, 1000, uint64_t{1} << 20};

// A wheel file name matching the first top-level NAME-VERSION.dist-info
// directory, so that inputs get past the name checks.
inline std::string file_name_for(const std::vector<ArchiveEntry>& entries) {
  for (const ArchiveEntry& entry : entries) {
    std::string_view name = entry.name;
    size_t slash = name.find('/');
    std::string_view top = name.substr(0, slash);
    if (slash != std::string_view::npos && top.size() > 10 && top.substr(top.size() - 10) == ".dist-info")
      return std::string(top.substr(0, top.size() - 10)) + "-py3-none-any.whl";
  }
  return "fuzz-1.0-py3-none-any.whl";
}

// CPython on Linux x86_64 (3.11.7) or on Windows (3.8.0rc1, with the extra
// "test"); both with the extra "test" and the dependency group "dev" set.
inline MarkerEnvironment marker_environment(bool linux) {
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

} // namespace whlinst::fuzz
