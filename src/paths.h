#pragma once
// Lexical path arithmetic on '/'-separated strings. No I/O.

#include <string>
#include <string_view>

namespace whlinst {

// "a/b" + "c" -> "a/b/c"; an empty side yields the other.
std::string join_path(std::string_view base, std::string_view rest);

// Directory part: "a/b/c" -> "a/b", "c" -> "", "/c" -> "/".
std::string parent_path(std::string_view path);

// Last component: "a/b/c" -> "c".
std::string_view base_name(std::string_view path);

// Collapses "//", "." and ".." lexically, like Python's os.path.normpath.
std::string normalize_path(std::string_view path);

// Path of `path` relative to `base`, both absolute, like os.path.relpath:
// relative_path("/p/bin/x", "/p/lib/site") == "../../bin/x".
std::string relative_path(std::string_view path, std::string_view base);

// Prepends `root` to an absolute `path` ("/stage" + "/usr/lib" ->
// "/stage/usr/lib"); an empty root leaves the path as it is.
std::string reroot_path(std::string_view root, std::string_view path);

} // namespace whlinst
