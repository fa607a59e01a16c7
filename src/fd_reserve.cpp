#include "fd_reserve.h"

#include "file_system.h"
#include "file_system_calls.h"

#include <fcntl.h>

namespace whlinst {

Result<FdReserve> FdReserve::take() {
  FdReserve reserve;
  for (Fd& fd : reserve.fds_) {
    fd = Fd(file_system_calls().open("/", O_PATH | O_CLOEXEC, 0));
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
