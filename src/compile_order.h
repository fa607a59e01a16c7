#pragma once
// How a wheel's byte-compilation is spread over the bytecode workers so
// that both cores stay busy to the end: the sources are extracted (and so
// submitted) first, largest first, and each goes to the worker with the
// least work already given to it by this wheel. Together this is the
// longest-processing-time-first schedule, whose tail is made of the
// smallest files. Work is estimated from the sources' sizes: known from the
// archive's directory before anything is written. Everything here depends
// on the plan only, never on timing, so the same wheel gives each worker
// the same files in the same order (docs/design.md invariant 8).

#include "plan.h"

#include <cstdint>
#include <vector>

namespace whlinst {

// A compile request's estimated work: its source's length plus a fixed
// share for reading, writing and the round trip to the worker.
uint64_t compile_work(uint64_t source_size);

// The estimated work of byte-compiling the .py files among `entries`.
uint64_t estimated_work(const std::vector<ArchiveEntry>& entries);

// How many workers (at most `limit`) `work` keeps busy enough to pay for
// their start-up: one per 64 KiB of estimated work, at least one. Under
// that, a second worker's start-up (some 10 ms of CPU, as long as compiling
// 55 KiB) would compete with the first's for the cores and save nothing.
unsigned workers_for(uint64_t work, unsigned limit);

// The order in which placements are extracted, for a stable sort of
// placements in plan order: those with bytecode targets first, by
// decreasing size (plan order among equal sizes), then the others in plan
// order.
bool extracted_before(const Placement& first, const Placement& second);

// The index of the smallest of `loads` (the first of equal ones).
size_t least_loaded(const std::vector<uint64_t>& loads);

} // namespace whlinst
