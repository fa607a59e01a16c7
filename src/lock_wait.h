#pragma once
// How long a lock is waited for, and what is said meanwhile (issue 14,
// item 7): after a second of waiting, one line on stderr
//   whlinst: waiting for the lock on PATH held by PID N
// and, with a timeout, an error naming the lock and its holder once it
// expires. The holder of an flock(2) lock is read from /proc/locks (fcntl's
// F_GETLK does not see flock locks).

#include "result.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace whlinst {

enum class WaitReport { silent, after_a_second };

struct LockWait {
  std::optional<std::chrono::milliseconds> timeout; // nullopt: wait forever
  WaitReport report = WaitReport::after_a_second;
};

// Parses "--lock-timeout SECONDS" (a non-negative decimal number).
Result<std::chrono::milliseconds> parse_lock_timeout(const std::string& text);

// Blocks until flock(fd, operation) is granted, as `wait` says. `path`
// names the lock in messages. Errors: the timeout expired ("timed out after
// S s waiting for the lock on PATH held by PID N"), or flock failed.
Status wait_for_flock(int fd, int operation, const std::string& path, const LockWait& wait);

// The processes /proc/locks lists as holding an flock lock on the file open
// at `fd` (waiters excluded); empty when unknown.
std::vector<long> flock_holders(int fd);

// The holders of a /proc/locks text for device major:minor and inode.
std::vector<long> flock_holders_in(std::string_view proc_locks, unsigned major, unsigned minor,
                                   unsigned long inode);

} // namespace whlinst
