#include "journal_scope.h"

#include "paths.h"
#include "text.h"

#include <cstdlib>
#include <functional>
#include <optional>
#include <unistd.h>
#include <unordered_map>

namespace whlinst {

namespace {
bool normalized_absolute(const std::string& path) {
  return !path.empty() && path.front() == '/' && normalize_path(path) == path;
}

bool hidden_name(const std::string& path) { return starts_with(base_name(path), ".whlinst-"); }

// A ".whlinst-" name or a path inside one (a tree or the .dist-info being
// built).
bool hidden_or_inside_hidden(const std::string& path) { return path.find("/.whlinst-") != std::string::npos; }

// A file a transaction creates: a hidden name or inside one, or a bytecode
// file written by a worker.
bool created_name(const std::string& path) { return hidden_or_inside_hidden(path) || ends_with(path, ".pyc"); }

// realpath(3) of `path`, nullopt when it fails (the path does not exist).
// Answers are remembered in `known`: the scheme's directories share their
// ancestors, and realpath reads every component's link (two readlink calls
// per missing directory of a fresh prefix, for each of them).
using RealPaths = std::unordered_map<std::string, std::optional<std::string>>;
std::optional<std::string> real_path(const std::string& path, RealPaths* known) {
  if (known != nullptr)
    if (auto found = known->find(path); found != known->end())
      return found->second;
  std::optional<std::string> result;
  // One access(2) tells a missing directory; realpath would read the link of
  // every component before failing.
  char* real = ::access(path.c_str(), F_OK) == 0 ? ::realpath(path.c_str(), nullptr) : nullptr;
  if (real != nullptr) {
    result = real;
    std::free(real);
  }
  if (known != nullptr)
    known->emplace(path, result);
  return result;
}

// `path` with the symbolic links of its longest existing ancestor resolved
// (another spelling of the same place, e.g. through a symlinked prefix).
std::string resolved(const std::string& path, RealPaths* known = nullptr) {
  std::string head = path, tail;
  while (!head.empty() && head != "/") {
    if (std::optional<std::string> real = real_path(head, known))
      return tail.empty() ? *real : join_path(*real, tail);
    tail = tail.empty() ? std::string(base_name(head)) : join_path(base_name(head), tail);
    head = parent_path(head);
  }
  return path;
}

Error refuse(const JournalRecord& record, const std::string& path, std::string_view why) {
  return make_error("record '", std::string(1, static_cast<char>(record.action)), "' names ", path, ": ",
                    std::string(why));
}
} // namespace

JournalScope::JournalScope(std::vector<std::string> directories) {
  RealPaths known;
  for (std::string& directory : directories) {
    if (!normalized_absolute(directory) || directory == "/")
      continue;
    if (std::string real = resolved(directory, &known); real != directory && real != "/")
      directories_.push_back(std::move(real));
    directories_.push_back(std::move(directory));
  }
}

bool JournalScope::matches(const std::string& path,
                           const std::function<bool(const std::string&, const std::string&)>& relation) const {
  auto related = [&](const std::string& spelling) {
    for (const std::string& directory : directories_)
      if (relation(spelling, directory))
        return true;
    return false;
  };
  return related(path) || related(resolved(path)); // realpath(3) only when the path as written is not inside
}

Status JournalScope::check_set_marker(const JournalRecord& record) const {
  std::string_view name = base_name(record.path);
  if (!normalized_absolute(record.path) || !inside(record.path))
    return refuse(record, record.path, "not an absolute normalized path inside the installation scheme");
  if (!starts_with(name, "_set.") || !ends_with(name, ".commit") || base_name(parent_path(record.path)) != ".whlinst" ||
      !record.other.empty())
    return refuse(record, record.path, "not a set marker (.whlinst/_set.*.commit)");
  return {};
}

bool JournalScope::inside(const std::string& path) const {
  return matches(path, [](const std::string& p, const std::string& d) { return starts_with(p, d + "/"); });
}

bool JournalScope::scope_directory(const std::string& path) const {
  return matches(path, [](const std::string& p, const std::string& d) { return p == d; });
}

bool JournalScope::ancestor_or_self(const std::string& path) const {
  return matches(path, [](const std::string& p, const std::string& d) {
    return p == d || starts_with(d, p == "/" ? p : p + "/");
  });
}

Status JournalScope::check(const JournalRecord& record) const {
  // What `other` must be: a hidden name, or (a put_in_place: a temporary,
  // or a file of a tree merged file by file) a hidden name or inside one.
  bool other_is_hidden = false, other_may_be_inside_hidden = false;
  bool other_may_be_scope = false, path_may_be_ancestor = false;
  switch (record.action) {
  case JournalAction::worker: return {};
  case JournalAction::make_directory: path_may_be_ancestor = true; break;
  case JournalAction::put_in_place: other_may_be_inside_hidden = true; break;
  case JournalAction::backup:
  case JournalAction::hide:
  case JournalAction::tree_member:
  case JournalAction::put_tree: other_is_hidden = true; break;
  case JournalAction::remove: other_may_be_scope = true; break;
  case JournalAction::create_file:
  case JournalAction::commit:
  case JournalAction::prepared: break;
  case JournalAction::set_member: return check_set_marker(record);
  }
  bool path_empty_ok = record.action == JournalAction::commit || record.action == JournalAction::prepared;
  if (!(path_empty_ok && record.path.empty()) && !normalized_absolute(record.path))
    return refuse(record, record.path, "not an absolute normalized path");
  if (!(path_empty_ok && record.path.empty()) && !inside(record.path) &&
      !(path_may_be_ancestor && ancestor_or_self(record.path)))
    return refuse(record, record.path, "outside the installation scheme");
  if (record.action == JournalAction::create_file && !created_name(record.path))
    return refuse(record, record.path, "not a name whlinst creates (.whlinst-*, *.pyc)");
  if (record.action == JournalAction::make_directory || record.action == JournalAction::create_file)
    return {};
  if (record.other.empty() && path_empty_ok)
    return {};
  if (!normalized_absolute(record.other))
    return refuse(record, record.other, "not an absolute normalized path");
  if (!inside(record.other) && !(other_may_be_scope && scope_directory(record.other)))
    return refuse(record, record.other, "outside the installation scheme");
  if (other_is_hidden && !hidden_name(record.other))
    return refuse(record, record.other, "not a name whlinst creates (.whlinst-*)");
  if (other_may_be_inside_hidden && !hidden_or_inside_hidden(record.other))
    return refuse(record, record.other, "not a name whlinst creates (.whlinst-* or inside one)");
  return {};
}

JournalScope journal_scope(const Scheme& scheme) {
  std::vector<std::string> directories;
  for (const std::string& directory :
       {scheme.purelib, scheme.platlib, scheme.scripts, scheme.data, parent_path(scheme.headers)})
    directories.push_back(normalize_path(scheme.on_disk(directory).str()));
  return JournalScope(std::move(directories));
}

} // namespace whlinst
