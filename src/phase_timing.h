#pragma once
// Where the time of a run goes, for bench/fixed_cost.py: with the
// environment variable WHLINST_PHASE_TIMING=FILE, the CLOCK_MONOTONIC time
// of named points of the run (main's start, the command line read, the
// target described, the wheels opened, each step of an install...) is appended to FILE when the
// run ends, one "SECONDS NAME" line each, after a line "run PID". The clock
// is the system-wide one Python's time.monotonic() reads, so the caller
// also sees the time before main (process start, dynamic loading) and after
// it (exit). Without the variable nothing is recorded. Thread-safe.

#include <string_view>

namespace whlinst {

void mark_phase(std::string_view name);

// Appends the marks to the file (main calls it once, last).
void write_phase_timing();

} // namespace whlinst
