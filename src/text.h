#pragma once
// Small string helpers shared by the parsers. Pure functions, no I/O.

#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// ' ', '\t', '\r', '\n', '\f' or '\v' (what Python's str.strip removes of ASCII).
bool is_ascii_space(char c);

// Returns `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// Splits on every occurrence of `separator`; keeps empty fields.
std::vector<std::string_view> split(std::string_view text, char separator);

// ASCII lower-casing; other bytes are left as they are.
std::string to_lower(std::string_view text);

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

// Splits text into lines, accepting "\n", "\r\n" and a last line without
// terminator. The terminators are not part of the returned lines.
std::vector<std::string_view> split_lines(std::string_view text);

// Joins parts with `separator` between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

} // namespace whlinst
