// libFuzzer target: lock files (pylock.h) and what is chosen from them
// (pylock_selection.h). Properties checked on every input that parses: each
// package's name is normalized, its sources are an allowed combination,
// every file has hashes, every wheel's file name names the package; the
// selection for two targets (fuzz_support.h) (with and without groups and extras) gives
// packages of the lock, at most one per name, each with a wheel of its own
// whose tag the target supports. A violation aborts.

#include "fuzz_support.h"
#include "project_name.h"
#include "pylock.h"
#include "pylock_selection.h"
#include "wheel_name.h"

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

using namespace whlinst;

namespace {
void require(bool condition) {
  if (!condition)
    std::abort();
}

void check_package(const LockedPackage& package) {
  require(normalize_project_name(package.name) == package.name);
  int direct = int(package.vcs.has_value()) + int(package.directory.has_value()) + int(package.archive.has_value());
  bool distributions = package.sdist.has_value() || !package.wheels.empty();
  require(distributions ? direct == 0 : direct == 1);
  for (const LockedFile& wheel : package.wheels) {
    require(!wheel.hashes.empty());
    auto name = parse_wheel_name(wheel.name);
    require(name.ok() && name->project_key() == package.name);
  }
  require(!package.sdist || !package.sdist->hashes.empty());
  require(!package.archive || !package.archive->hashes.empty());
}

void check_selection(const PyLock& lock, const MarkerEnvironment& target, const LockRequest& request) {
  TagSet tags(target.variables.at("sys_platform") == "linux"
                  ? std::vector<std::string>{"cp311-cp311-manylinux_2_17_x86_64", "cp311-abi3-manylinux_2_17_x86_64",
                                             "py3-none-manylinux_2_17_x86_64", "py3-none-any"}
                  : std::vector<std::string>{"cp38-cp38-win_amd64", "cp38-abi3-win_amd64", "py3-none-any"});
  auto selected = select_locked_wheels(lock, target, tags, request);
  if (!selected)
    return;
  std::set<std::string> names;
  for (const SelectedWheel& wheel : *selected) {
    require(wheel.package >= lock.packages.data() && wheel.package < lock.packages.data() + lock.packages.size());
    require(names.insert(wheel.package->name).second);
    require(tags.rank(wheel.tag).has_value());
    bool own = wheel.file == (wheel.package->archive ? &*wheel.package->archive : nullptr);
    for (const LockedFile& file : wheel.package->wheels)
      own = own || wheel.file == &file;
    require(own);
  }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto lock = parse_pylock(text, "pylock.toml");
  if (!lock)
    return 0;
  require(lock->major_version == kPylockMajorVersion);
  for (const LockedPackage& package : lock->packages)
    check_package(package);
  check_selection(*lock, fuzz::marker_environment(true), {});
  LockRequest everything{lock->extras, lock->dependency_groups, DefaultGroups::exclude};
  check_selection(*lock, fuzz::marker_environment(false), everything);
  return 0;
}
