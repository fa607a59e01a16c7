#pragma once
// The compact form in which the interpreter cache (interpreter_cache.h)
// stores one description: read back with no general parser, in one pass.
//
//   whlinst interpreter 2\n           the format and its version
//   key LENGTH\nBYTES\n                what the description depends on
//   NAME LENGTH\nBYTES\n ...           each field of Interpreter, in a fixed
//                                      order; "marker" once per PEP 508
//                                      variable, as NAME=VALUE
//   end 0\n\n
//
// Any byte may appear in a value: its length, not a delimiter, ends it.
// Change kInterpreterRecordVersion with the fields or their meaning: an entry
// of another version, like one written by a whlinst that cached the query's
// JSON, is then never read.

#include "interpreter.h"

#include <optional>
#include <string>
#include <string_view>

namespace whlinst {

inline constexpr std::string_view kInterpreterRecordVersion = "2";

// `interpreter` (all but its path) under `key`.
std::string write_interpreter_record(std::string_view key, const Interpreter& interpreter);

// The description `text` holds, with `path` as its path; nullopt unless
// `text` is exactly one record of this version written under `key`
// (another format, another key, truncated, trailing bytes, a malformed
// field).
std::optional<Interpreter> read_interpreter_record(std::string_view text, std::string_view key,
                                                   const std::string& path);

} // namespace whlinst
