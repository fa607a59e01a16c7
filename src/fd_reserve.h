#pragma once
// File descriptors held in reserve so that a rollback can run when the
// process has run out of them (EMFILE, a low `ulimit -n`): taken when a
// transaction begins, released just before the rollback or the clean-up
// after commit, which need one descriptor at a time (directory listings).

#include "fd.h"
#include "result.h"

#include <array>

namespace whlinst {

class FdReserve {
public:
  static constexpr size_t kCount = 3;
  // Errors: the descriptors cannot be opened (EMFILE): the transaction must
  // not begin.
  static Result<FdReserve> take();
  // Closes the reserved descriptors (also done by the destructor).
  void release();

private:
  std::array<Fd, kCount> fds_;
};

} // namespace whlinst
