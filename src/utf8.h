#pragma once
// UTF-8 validation and display of untrusted names (zip entry names, script
// names). Pure functions, no I/O.

#include <string>
#include <string_view>

namespace whlinst {

// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or
// code points above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// The one escaping function for every text whlinst prints that comes from a
// wheel or from the disk (entry and file names, project names, versions,
// metadata, RECORD rows, journal contents), so that such a text can neither
// break a message over several lines nor drive the terminal: each byte of a
// C0 control character (CR, LF, ESC...), DEL, a C1 control (U+0080-U+009F,
// e.g. the one-byte CSI), a bidirectional override or isolate (U+202A-U+202E,
// U+2066-U+2069), a line or paragraph separator (U+2028, U+2029), and each
// byte that is not part of valid UTF-8 is written as \xNN. Other printable
// UTF-8 is kept; a backslash is kept as is, so escaping twice changes nothing.
std::string printable_name(std::string_view name);

// The byte offset of the first byte of `bytes` that is not part of valid
// UTF-8, or std::string_view::npos when all of it is valid.
size_t first_invalid_utf8(std::string_view bytes);

// first_invalid_utf8 of a text that arrives in pieces: a sequence cut by
// the end of a piece is checked once the next one completes it.
class Utf8Check {
public:
  void feed(std::string_view piece);
  // The end of the text: a sequence left incomplete is invalid.
  void finish();
  // The offset in the whole text of the first byte not part of valid
  // UTF-8 seen so far, or npos.
  size_t first_invalid() const { return first_invalid_; }

private:
  std::string carried_;   // the end of the last piece: the start of a sequence it cut
  size_t carried_at_ = 0; // carried_'s offset in the whole text
  size_t first_invalid_ = std::string_view::npos;
};

} // namespace whlinst
