#pragma once
// Dependencies from the wheel store: what pip does without --no-deps and
// with --no-index --find-links, minus the backtracking resolver. For each
// `Requires-Dist` of each wheel of the set (markers evaluated for the
// target, with the extras the wheel was asked for), a project that neither
// the set nor the target environment satisfies gets the best wheel of the
// store (highest version allowed by every specifier seen so far for it,
// tags by priority: wheel_selection.h). A choice is never revisited: what
// cannot be satisfied, or a later specifier a chosen version misses, is a
// warning in pip's words, not an error. Pure: no I/O.

#include "markers.h"
#include "requirement.h"
#include "requirement_resolution.h"
#include "tags.h"
#include "version.h"
#include "wheel_store.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

// A project installed in the target environment.
struct PresentProject {
  std::string name;
  std::optional<Version> version; // nullopt when its version does not parse
};

class DependencyCollector {
public:
  // `installed` by normalized project name.
  DependencyCollector(const ResolutionContext& context, std::map<std::string, PresentProject> installed);

  // A wheel of the set: its name, version, Requires-Dist values, and the
  // extras it was asked for. Its requirements are queued.
  void add(const std::string& name, const Version& version, const std::vector<std::string>& requires_dist,
           const std::vector<std::string>& extras);

  // The wheels to add for the requirements queued so far: found in the
  // store, Requested::no, WheelOrigin::found, with the extras asked for.
  // The caller opens each and add()s it, then calls this again until it
  // returns none. Errors only for hash-checking mode (a dependency is not
  // pinned) and invalid markers.
  Result<std::vector<ResolvedWheel>> next_wheels();

  // Warnings for what the set leaves unsatisfied, one line each:
  // "NAME VER requires REQ, which is not installed (no matching wheel in
  // LOCATIONS)" or "NAME VER requires REQ, but OTHER VER is installed,
  // which is incompatible". Call after next_wheels() returned none.
  std::vector<std::string> warnings() const;

  void set_hash_checking(bool on) { hash_checking_ = on; }

private:
  struct Demand {
    std::string from; // "NAME VER"
    Requirement requirement;
  };
  struct Chosen {
    std::string name;
    Version version;
    std::vector<std::string> requires_dist; // empty until add()ed
    std::vector<std::string> extras;        // processed so far
    bool added = false;
  };

  ResolutionContext context_;
  std::map<std::string, PresentProject> installed_;
  std::map<std::string, Chosen> chosen_;              // the set, by key
  std::vector<Demand> queue_;
  std::map<std::string, std::vector<Demand>> demands_; // every applicable requirement, by key
  std::vector<std::string> parse_warnings_;
  std::map<std::string, std::string> unfound_; // why no wheel was chosen, by key
  bool hash_checking_ = false;

  void queue_requirements(const Chosen& project, const std::vector<std::string>& extras);
  Result<std::optional<ResolvedWheel>> satisfy(const Demand& demand);
  bool installed_satisfies(const std::string& key) const;
};

} // namespace whlinst
