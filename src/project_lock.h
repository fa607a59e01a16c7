#pragma once
// The locks an operation on one installed project takes (PRODUCT.md
// invariant 5), in this order so that no two whlinst processes deadlock:
//   1. the environment lock uv takes on a venv, VENV/.lock, held shared so
//      that whlinst and uv exclude each other while whlinsts run in parallel;
//   2. the project lock, STATE_DIR/<normalized name>.lock, exclusive: the
//      same project is serialized (install, reinstall, upgrade, uninstall),
//      different projects proceed in parallel.
// Lock files are never unlinked. Taking the project lock also recovers the
// journals a dead process left for that project.

#include "file_lock.h"
#include "scheme.h"

#include <optional>
#include <string>

namespace whlinst {

// whlinst's state directory (locks, journals), on disk: PURELIB/.whlinst, or
// ROOT/.whlinst with --root, so that a staged tree (a package's payload)
// holds nothing but the installed files.
std::string state_directory(const Scheme& scheme);

struct ProjectLock {
  std::optional<FileLock> environment;
  FileLock project;
  std::string state_dir;
};

Result<ProjectLock> lock_project(const Scheme& scheme, const std::string& project_key);

// Recovers every journal of dead processes in the scheme's state directory.
Status recover_interrupted(const Scheme& scheme);

} // namespace whlinst
