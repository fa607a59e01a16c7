#include "fd.h"

#include <unistd.h>

namespace whlinst {

void Fd::reset() {
  if (fd_ >= 0)
    ::close(fd_);
  fd_ = -1;
}

} // namespace whlinst
