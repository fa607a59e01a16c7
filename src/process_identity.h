#pragma once
// A process named so that a reused process ID is not mistaken for it: the
// ID with the start time the kernel records for it (/proc/PID/stat, field
// 22, in clock ticks since boot).

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>

namespace whlinst {

struct ProcessIdentity {
  pid_t pid = 0;
  unsigned long long start_time = 0;
};

// The identity of a live (not zombie) process, or nullopt.
std::optional<ProcessIdentity> identify_process(pid_t pid);

// "PID:START" and back (nullopt for anything else).
std::string format_process_identity(const ProcessIdentity& identity);
std::optional<ProcessIdentity> parse_process_identity(std::string_view text);

// Waits until the process is gone (exited, zombie, or its ID reused), at
// most `limit`. Returns whether it is gone.
bool wait_for_process_exit(const ProcessIdentity& identity, std::chrono::milliseconds limit);

} // namespace whlinst
