#include "fd_reserve.h"

#include "file_system.h"

#include <fcntl.h>

namespace whlinst {

Result<FdReserve> FdReserve::take() {
  FdReserve reserve;
  for (Fd& fd : reserve.fds_) {
    fd = Fd(::open("/", O_PATH | O_CLOEXEC));
    if (!fd.valid())
      return errno_error("cannot reserve file descriptors for a rollback: open", "/");
  }
  return reserve;
}

void FdReserve::release() {
  for (Fd& fd : fds_)
    fd.reset();
}

} // namespace whlinst
