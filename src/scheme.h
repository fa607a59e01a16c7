#pragma once
// The installation scheme: the five directories a wheel's files go to
// ("Recommended installation scheme" of the binary distribution format), and
// the optional --root staging directory that is prepended to every path
// written but never to paths written into files.

#include "disk_path.h"
#include "interpreter.h"
#include "result.h"

#include <optional>
#include <string>
#include <string_view>

namespace whlinst {

enum class SchemeKey { purelib, platlib, headers, scripts, data };

// Maps a ".data/<category>/" name to its key; nullopt for unknown categories.
std::optional<SchemeKey> scheme_key_named(std::string_view category);

struct Scheme {
  std::string purelib, platlib, headers, scripts, data; // final, absolute
  std::string root;                                     // "" or absolute

  const std::string& directory(SchemeKey key) const;
  // Where a final path lives on disk: the path under --root.
  DiskPath on_disk(std::string_view final_path) const;
  // The scheme directory holding a final path (the parent of headers, which
  // is per project), where pruning emptied directories stops; "/" if none.
  std::string owning_directory(std::string_view final_path) const;
};

// Which of the interpreter's schemes: its own (with --prefix, rooted at the
// prefix), the user scheme (--user; the prefix is the user base), or pip's
// --target layout (the prefix is the target directory: packages directly in
// it, the rest as in pip's --home scheme rooted there: DIR/bin, DIR/include).
enum class SchemeKind { standard, user, target };

struct SchemeRequest {
  std::optional<std::string> prefix; // absolute; nullopt = interpreter default
  std::string root;                  // absolute or ""
  std::string dist_name;             // for the headers directory
  SchemeKind kind = SchemeKind::standard; // user and target need a prefix
};

// Directories given explicitly (--purelib, --platlib, ...), absolute.
struct SchemeOverrides {
  std::optional<std::string> purelib, platlib, headers, scripts, data;
};

// Replaces the scheme's directories that `overrides` names.
void apply_overrides(Scheme& scheme, const SchemeOverrides& overrides);

// Expands the interpreter's scheme templates for a prefix and project. Fails
// when a template does not start with the prefix placeholder.
Result<Scheme> make_scheme(const Interpreter& interpreter, const SchemeRequest& request);

} // namespace whlinst
