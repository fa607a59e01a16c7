#pragma once
// The email-header format of WHEEL and METADATA (core metadata
// specifications: "a format that can be parsed by the email module", read by
// pip with email.parser's compat32 policy). Pure functions, no I/O.

#include "result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace whlinst {

struct Headers {
  // (name, value) in file order; duplicates kept (e.g. several "Tag").
  std::vector<std::pair<std::string, std::string>> fields;
  // Everything after the first empty line, unchanged.
  std::string body;

  // The value of the first field named `name` (ASCII case-insensitive), or
  // nullptr when there is none.
  const std::string* get(std::string_view name) const;
  // The values of every field named `name` (ASCII case-insensitive), in order.
  std::vector<std::string> get_all(std::string_view name) const;
};

// Parses the header section up to the first empty line; the rest is the body.
// Lines end with "\n" or "\r\n". A header line is `Name:value`, the name being
// printable ASCII other than ':' and space; the value is what follows the
// colon without leading spaces and tabs, trailing whitespace kept. A line
// starting with a space or tab continues the previous value: it is appended
// after a "\n" as it is, leading whitespace included, which is what
// email.parser.HeaderParser returns for a folded value (Python keeps "\r\n"
// there for CRLF input; here it is always "\n"). Any other line, and a
// continuation line before the first header, is an error naming the 1-based
// line: "line N: ...".
Result<Headers> parse_headers(std::string_view text);

} // namespace whlinst
