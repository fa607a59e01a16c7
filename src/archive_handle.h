#pragma once
// Archive's handle on its bytes: shared by archive.cpp (opening) and
// entry_reader.cpp (reading entries). Not for other files.

#include "archive.h"
#include "archive_input.h"
#include "fd.h"
#include "zip_handle.h"

#include <memory>
#include <string>
#include <string_view>
#include <sys/stat.h>

namespace whlinst {

struct Archive::Handle {
  std::shared_ptr<const std::string> bytes; // the archive itself when in memory (snapshot or given)
  std::string_view view;                    // bytes, if any
  struct stat identity {};                  // of the file, to reopen it and notice a change
  Fd fd;                                    // the file, when not in memory
  // libzip's handle, only for entries compressed otherwise than stored,
  // deflated or with bzip2 (libzip() opens it on first use): libzip's copy
  // of the central directory is not kept otherwise.
  ZipArchive zip;

  bool in_memory() const { return view.data() != nullptr; }
  ArchiveInput input() const {
    return in_memory() ? ArchiveInput::memory(view)
                       : ArchiveInput::file(fd.get(), static_cast<uint64_t>(identity.st_size));
  }
  void share_bytes(const Handle& other) {
    bytes = other.bytes;
    view = other.view;
  }
  // libzip's handle on the same bytes, opened on the first call. Error
  // "cannot open the wheel again (...)".
  Result<zip_t*> libzip(const std::string& path);
};

// The entry at `index` as the central directory describes it, its name
// added to `names`.
Result<ArchiveEntry> describe_entry(zip_t* zip, uint32_t index, StringArena& names);

} // namespace whlinst
