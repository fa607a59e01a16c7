#pragma once
// Archive's libzip handle and where its bytes are: shared by archive.cpp
// (opening) and entry_reader.cpp (reading entries). Not for other files.

#include "archive.h"
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
  ZipArchive zip;
  bool in_memory() const { return view.data() != nullptr; }
  void share_bytes(const Handle& other) {
    bytes = other.bytes;
    view = other.view;
  }
};

// The entry at `index` as the central directory describes it.
Result<ArchiveEntry> describe_entry(zip_t* zip, uint64_t index);

} // namespace whlinst
