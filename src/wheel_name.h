#pragma once
// The wheel file name, per the binary distribution format specification,
// "File name convention":
//   {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl
// Pure functions, no I/O.

#include "result.h"

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct WheelName {
  std::string distribution; // as written, e.g. "zope_interface"
  std::string version;
  std::string build_tag;                // empty when absent
  std::vector<std::string> python_tags; // compressed tag set split on '.'
  std::vector<std::string> abi_tags;
  std::vector<std::string> platform_tags;

  // Every "python-abi-platform" triple the compressed tag sets stand for, in
  // the order python tags, then ABI tags, then platform tags vary slowest to
  // fastest (e.g. "py2.py3-none-any" gives "py2-none-any", "py3-none-any").
  std::vector<std::string> expanded_tags() const;

  // normalize_project_name(distribution): the key identifying the project.
  std::string project_key() const;
};

// Parses a wheel file name; `file_name` is a basename, not a path. Refuses a
// name that does not end in ".whl", does not have 5 or 6 '-'-separated parts,
// has an empty part or tag, a build tag not starting with a digit, a
// distribution that is not a valid project name (with '_' read as '-'), or a
// version containing whitespace. The error message says which rule failed.
Result<WheelName> parse_wheel_name(std::string_view file_name);

} // namespace whlinst
