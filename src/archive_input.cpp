#include "archive_input.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace whlinst {

Result<size_t> ArchiveInput::read_at(uint64_t offset, char* buffer, size_t capacity) const {
  if (offset >= size_)
    return size_t{0};
  size_t wanted = static_cast<size_t>(std::min<uint64_t>(capacity, size_ - offset));
  if (in_memory()) {
    std::memcpy(buffer, bytes_.data() + offset, wanted);
    return wanted;
  }
  size_t done = 0;
  while (done < wanted) {
    ssize_t got = ::pread(fd_, buffer + done, wanted - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return make_error("cannot read: ", std::strerror(errno));
    if (got == 0)
      break; // the file shrank: the caller's check of the size reports it
    done += static_cast<size_t>(got);
  }
  return done;
}

Result<std::string_view> ArchiveInput::bytes_at(uint64_t offset, size_t length, std::string& buffer) const {
  if (offset > size_ || length > size_ - offset)
    return make_error("truncated archive");
  if (in_memory())
    return bytes_.substr(static_cast<size_t>(offset), length);
  buffer.resize(length);
  TRY_ASSIGN(got, read_at(offset, buffer.data(), length));
  if (got != length)
    return make_error("truncated archive");
  return std::string_view(buffer);
}

} // namespace whlinst
