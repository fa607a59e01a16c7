#pragma once
// Project (distribution) names. Pure functions, no I/O.

#include <string>
#include <string_view>

namespace whlinst {

// PEP 503 normalized form ("Names and normalization" in the packaging
// specifications): ASCII lower case, every run of '-', '_' and '.' replaced by
// one '-'. Used as the key when comparing projects ("Foo.Bar" == "foo-bar").
std::string normalize_project_name(std::string_view name);

// True when `name` is a valid PEP 508 name: ASCII letters, digits, '.', '_'
// and '-', starting and ending with a letter or digit (case-insensitive
// `^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$`).
bool is_valid_project_name(std::string_view name);

} // namespace whlinst
