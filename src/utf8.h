#pragma once
// UTF-8 validation and display of untrusted names (zip entry names, script
// names). Pure functions, no I/O.

#include <string>
#include <string_view>

namespace whlinst {

// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// An entry name fit for a one-line message: control characters, DEL and
// bytes that are not part of valid UTF-8 are written as \xNN, a backslash
// as is.
std::string printable_name(std::string_view name);

} // namespace whlinst
