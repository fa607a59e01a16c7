#include "lock_install.h"

#include "compatibility.h"
#include "paths.h"
#include "pylock_location.h"
#include "pylock_verification.h"
#include "tags.h"
#include "wheel_store.h"

namespace whlinst {

namespace {
// How a wheel from the lock is recorded: from an index (`wheels`) like a
// wheel found in --find-links, no direct_url.json; a direct URL reference
// (`archive`) with the lock's URL, else the file's. Every package of the
// lock was asked for (REQUESTED).
ResolvedWheel resolved_from_lock(const LockedWheel& locked) {
  ResolvedWheel resolved;
  resolved.path = locked.path;
  resolved.asked_as = locked.package;
  if (locked.source == LockedSource::wheels) {
    resolved.origin = WheelOrigin::found;
  } else {
    resolved.origin = WheelOrigin::given;
    if (!locked.url.empty())
      resolved.direct_url = locked.url;
  }
  return resolved;
}

Result<Wheel> open_locked(const LockedWheel& locked, const SizeLimits& limits) {
  auto wheel = Wheel::open(locked.path, limits);
  if (!wheel)
    return in_wheel(wheel.error(), base_name(locked.path));
  return std::move(*wheel);
}
} // namespace

LockRequest lock_request_of(const ParsedArguments& arguments) {
  LockRequest request;
  if (auto extras = arguments.values.find("extra"); extras != arguments.values.end())
    request.extras = extras->second;
  if (auto groups = arguments.values.find("group"); groups != arguments.values.end())
    request.groups = groups->second;
  if (arguments.has("no-default-groups"))
    request.default_groups = DefaultGroups::exclude;
  return request;
}

bool has_lock_selection(const ParsedArguments& arguments) {
  return arguments.has("extra") || arguments.has("group") || arguments.has("no-default-groups");
}

Result<std::vector<SelectedWheel>> select_for_target(const PyLock& lock, const Interpreter& interpreter,
                                                     const LockRequest& selection) {
  TagSet tags = TagSet::supported_by(target_facts(interpreter));
  return select_locked_wheels(lock, interpreter.marker_environment(), tags, selection);
}

Result<LockedSet> prepare_locked_set(const LockInstallRequest& request, const Interpreter& interpreter,
                                     const InstallOptions& options) {
  LockedSet set;
  TRY_ASSIGN(lock, read_pylock(request.lock_path));
  set.lock = std::move(lock);
  TRY_ASSIGN(selected, select_for_target(set.lock, interpreter, request.selection));
  TRY_ASSIGN(store, WheelStore::open(request.find_links));
  TRY_ASSIGN(located, locate_locked_wheels(set.lock, selected, store));
  for (const LockedWheel& wheel : located)
    TRY(verify_locked_wheel(wheel));
  for (const LockedWheel& locked : located) {
    TRY_ASSIGN(wheel, open_locked(locked, options.size_limits));
    set.wheels.push_back(WheelToInstall{std::move(wheel), resolved_from_lock(locked)});
  }
  return set;
}

} // namespace whlinst
