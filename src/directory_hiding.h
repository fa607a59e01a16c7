#pragma once
// Hiding a path by renaming it aside, and bringing it back, also where a
// directory cannot be renamed: on overlayfs without redirect_dir (Docker and
// Podman images), a directory coming from a lower layer fails rename(2) with
// EXDEV. There the hidden directory is created and the entries are moved
// into it one at a time (files can always be renamed: overlayfs copies them
// up), "METADATA" first, so that readers stop seeing the project at one
// instant (importlib.metadata takes name and version from it), then the
// emptied directory is removed. Restoring moves them back, "METADATA" last.

#include "result.h"

#include <string>

namespace whlinst {

// Renames `path` (file or directory) to the new name `hidden`, moving a
// directory's entries one by one where it cannot be renamed (EXDEV). On
// failure part of the entries may have moved: restore_hidden undoes that.
Status hide_path(const std::string& path, const std::string& hidden);

// Undoes hide_path, whole or partial: renames `hidden` back to `path` when
// `path` is gone, else moves every entry of `hidden` back into the directory
// `path` ("METADATA" last) and removes `hidden`; an entry inside that
// exists at both places stays at `path`, its hidden copy is removed. When
// `path` exists and is not a directory, `hidden` is left alone. Missing
// `hidden` is success.
Status restore_hidden(const std::string& hidden, const std::string& path);

} // namespace whlinst
