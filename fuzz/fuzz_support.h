#pragma once
// What the fuzz targets that open a wheel share.

#include "archive.h"
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

} // namespace whlinst::fuzz
