#pragma once
// The keys of one TOML table of a lock file, read with the context of their
// errors ("pylock.toml: package 'six': wheels[1]: "). Used by the pylock
// parser only (pylock.cpp, pylock_sources.cpp): the one place besides
// configuration.cpp that sees toml11's types.

#include "result.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <toml.hpp>
#include <vector>

namespace whlinst {

using TomlValue = toml::basic_value<toml::discard_comments, std::map, std::vector>;

// How an unknown key is treated: an error in a lock of the version whlinst
// knows, a warning in a newer minor version.
enum class UnknownKeys { refuse, warn };

class LockFields {
public:
  // `value` must outlive this object; `context` ends with ": " (or is the
  // empty string).
  LockFields(const TomlValue& value, std::string context, UnknownKeys unknown_keys,
             std::vector<std::string>& warnings);

  // `CONTEXT KEY: WHAT` as one line.
  Error error(std::string_view key, std::string_view what) const;
  // The context of a key's own table or array element: `CONTEXT KEY: `.
  std::string context_of(std::string_view key) const;
  const std::string& context() const { return context_; }
  UnknownKeys unknown_keys() const { return unknown_keys_; }
  std::vector<std::string>& warnings() const { return warnings_; }

  // nullptr when the key is absent.
  const TomlValue* find(std::string_view key) const;

  // Absent keys give nullopt (or an empty list); a value of another type is
  // an error: `KEY must be a string` etc.
  Result<std::optional<std::string>> string(std::string_view key) const;
  Result<std::string> required_string(std::string_view key) const;
  Result<std::vector<std::string>> strings(std::string_view key) const;
  Result<std::optional<uint64_t>> size(std::string_view key) const;
  Result<bool> boolean(std::string_view key, bool absent) const;
  // A TOML datetime (offset or local), in its TOML spelling.
  Result<std::optional<std::string>> datetime(std::string_view key) const;
  // An array of tables; empty when absent.
  Result<std::vector<const TomlValue*>> tables(std::string_view key) const;
  // A table; nullptr when absent.
  Result<const TomlValue*> table(std::string_view key) const;

  // Every key of the table is one of `known` or `tool`; otherwise an error
  // or, with UnknownKeys::warn, a warning `CONTEXT: unknown key 'KEY'`.
  Status check_keys(std::initializer_list<std::string_view> known) const;

private:
  const TomlValue& value_;
  std::string context_;
  UnknownKeys unknown_keys_;
  std::vector<std::string>& warnings_;
};

// The deepest nesting of arrays and inline tables ('[' and '{' outside
// strings and comments; a table header counts as its brackets) in a TOML
// text: toml11 parses them recursively, so a deep one would overflow the
// stack.
size_t toml_nesting_depth(std::string_view text);

// A TOML value in its TOML spelling (for informational tables).
std::string toml_spelling(const TomlValue& value);

} // namespace whlinst
