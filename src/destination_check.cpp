#include "destination_check.h"

#include "paths.h"
#include "unicode_normalization.h"
#include "utf8.h"

#include <algorithm>
#include <functional>

namespace whlinst {

namespace {
// Destination -> the entry (or entry point) installing there.
using Owners = std::unordered_map<std::string_view, std::string_view>;

// A file installed where another one needs a directory (e.g. "pkg/x" and
// "pkg/x/y"), checked in installation order so the message is stable.
Status check_file_directory_clashes(const std::vector<std::string_view>& destinations, const Owners& owners) {
  for (std::string_view destination : destinations)
    for (size_t slash = destination.find('/', 1); slash != std::string::npos;
         slash = destination.find('/', slash + 1)) {
      auto clash = owners.find(destination.substr(0, slash));
      if (clash != owners.end())
        return make_error(clash->second, ": installs a file where ", owners.at(destination), " needs a directory");
    }
  return {};
}

// A destination or one of its directories, and the entry installing there.
struct Installed {
  std::string_view path;
  std::string_view owner;
  bool directory = false;
};

// Two directories are named by their first component that differs.
Error normalization_clash(const Installed& first, const Installed& second, const std::string& lib_dir) {
  const char* kNfc = " after Unicode normalization (NFC)";
  if (!first.directory && !second.directory)
    return make_error(second.owner, ": installs to the same path as ", first.owner, kNfc);
  if (first.directory != second.directory) {
    const Installed& file = first.directory ? second : first;
    return make_error(file.owner, ": installs a file where ", (first.directory ? first : second).owner,
                      " needs a directory", kNfc);
  }
  size_t differ = std::mismatch(first.path.begin(), first.path.end(), second.path.begin(), second.path.end()).first -
                  first.path.begin();
  auto top = [&](std::string_view path) { return relative_path(path.substr(0, path.find('/', differ)), lib_dir); };
  return make_error(second.owner, ": its directory \"", top(second.path), "\" and ", first.owner, "'s \"",
                    top(first.path), "\" name the same directory", kNfc);
}

// Destinations that differ as bytes but are equal after NFC normalization are
// one file on a normalizing file system and look the same everywhere (e.g.
// "NAME-1.0.data/purelib/café.py" and "café.py" with é decomposed): the first
// such pair of files or directories, in installation order, is refused. NFC
// acts on each '/'-separated component alone, so a directory's normal form is
// a prefix of its file's. Nothing to do when every entry name is ASCII.
Status check_normalization_clashes(const std::vector<std::string_view>& destinations, const Owners& owners,
                                   const std::string& lib_dir) {
  if (std::all_of(owners.begin(), owners.end(), [](const auto& owner) { return is_ascii(owner.second); }))
    return {};
  std::unordered_map<std::string, Installed> seen; // NFC form -> first path with it
  for (std::string_view destination : destinations) {
    std::string normal = nfc(destination);
    Installed path{destination, owners.at(destination), false};
    for (size_t end = destination.size(), normal_end = normal.size(); end > 0 && end != std::string_view::npos;
         end = destination.rfind('/', end - 1), normal_end = normal.rfind('/', normal_end - 1)) {
      path.path = destination.substr(0, end);
      auto [first, inserted] = seen.try_emplace(normal.substr(0, normal_end), path);
      if (!inserted && first->second.path != path.path)
        return normalization_clash(first->second, path, lib_dir);
      if (!inserted)
        break;
      path.directory = true;
    }
  }
  return {};
}

size_t hash_of(std::string_view path) { return std::hash<std::string_view>{}(path); }

Error not_screened() { return make_error("destinations to check one by one"); }
} // namespace

DestinationScreen::DestinationScreen(size_t expected, const std::string& /*lib_dir*/) { files_.reserve(expected); }

std::optional<std::string_view> DestinationScreen::note(std::string_view destination, std::string_view owner) {
  files_.push_back(hash_of(destination));
  ascii_ = ascii_ && is_ascii(owner);
  size_t last_slash = destination.rfind('/');
  std::string_view parent = destination.substr(0, last_slash == std::string_view::npos ? 0 : last_slash);
  if (parent != last_parent_) {
    // The directories this parent shares with the last one were noted with it.
    size_t common = static_cast<size_t>(
        std::mismatch(parent.begin(), parent.end(), last_parent_.begin(), last_parent_.end()).first - parent.begin());
    for (size_t slash = parent.find('/', std::max<size_t>(common, 1)); slash != std::string_view::npos;
         slash = parent.find('/', slash + 1))
      directories_.push_back(hash_of(parent.substr(0, slash)));
    if (!parent.empty())
      directories_.push_back(hash_of(parent));
    last_parent_ = parent;
  }
  return std::nullopt;
}

Status DestinationScreen::check() {
  std::sort(files_.begin(), files_.end());
  if (!ascii_ || std::adjacent_find(files_.begin(), files_.end()) != files_.end())
    return not_screened();
  for (size_t directory : directories_)
    if (std::binary_search(files_.begin(), files_.end(), directory))
      return not_screened();
  return {};
}

DestinationOwners::DestinationOwners(size_t expected, std::string lib_dir) : lib_dir_(std::move(lib_dir)) {
  destinations_.reserve(expected);
  owners_.reserve(expected);
}

std::optional<std::string_view> DestinationOwners::note(std::string_view destination, std::string_view owner) {
  if (auto found = owners_.find(destination); found != owners_.end())
    return found->second;
  std::string_view held = text_.add(destination);
  destinations_.push_back(held);
  owners_.emplace(held, text_.add(owner));
  return std::nullopt;
}

Status DestinationOwners::check() const {
  TRY(check_file_directory_clashes(destinations_, owners_));
  return check_normalization_clashes(destinations_, owners_, lib_dir_);
}

} // namespace whlinst
