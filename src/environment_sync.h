#pragma once
// What `whlinst sync` removes: the installed projects the lock does not
// select. Those another tool installed (their INSTALLER is not whlinst's)
// stay and are reported, unless --exact. Pure: the installed projects and
// their INSTALLER are read by the caller.

#include <string>
#include <vector>

namespace whlinst {

struct PresentInstall {
  std::string name, version;
  std::string installer; // the first line of INSTALLER, "" when there is none
};

enum class SyncScope { whlinst_only, exact };

struct SyncRemovals {
  std::vector<std::string> removed; // names, in the order given
  std::vector<std::string> kept;    // "NAME VERSION (installed by TOOL)" for each foreign project left
};

// `locked_keys` are the normalized names the lock selects; `installer_name`
// is the INSTALLER whlinst writes (--installer). A project installed twice
// (two .dist-info of one name) is named once.
SyncRemovals plan_sync_removals(const std::vector<PresentInstall>& present, const std::vector<std::string>& locked_keys,
                                const std::string& installer_name, SyncScope scope);

} // namespace whlinst
