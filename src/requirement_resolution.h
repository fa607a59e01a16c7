#pragma once
// From what an install is asked for (install_input.h) to the wheel files to
// install: wheel paths as given, requirements by name resolved offline
// against the --find-links wheel store (wheel_selection.h), inputs whose
// marker is false for the target skipped, and pip's hash-checking mode.

#include "install_input.h"
#include "markers.h"
#include "requirements_file.h"
#include "tags.h"
#include "wheel_store.h"

#include <optional>
#include <string>
#include <vector>

namespace whlinst {

// How a wheel came to be installed: given as a file (pip writes
// direct_url.json for it) or found in a --find-links directory (pip writes
// none).
enum class WheelOrigin { given, found };
// Whether the user asked for it (pip writes REQUESTED) or it is a dependency.
enum class Requested { yes, no };

struct ResolvedWheel {
  std::string path;
  WheelOrigin origin = WheelOrigin::given;
  Requested requested = Requested::yes;
  std::vector<std::string> extras; // asked for, for its dependencies
  std::vector<PinnedHash> hashes;  // the file must match one, when any
  std::string asked_as;            // the input or dependency, for messages
  // A wheel found in the store: the next best ones, best first, to try in
  // turn when its Requires-Python excludes the target (pip's resolver
  // rejects such a candidate and takes the next).
  std::vector<std::string> fallbacks;
  // The URL direct_url.json records for a given wheel, when not the
  // file's own (a lock file's direct URL reference).
  std::optional<std::string> direct_url;
};

struct ResolutionContext {
  const WheelStore* store = nullptr;
  const TagSet* tags = nullptr;
  MarkerEnvironment environment; // the target's, without extra
  PreReleases pre = PreReleases::when_asked;
  RequireHashes require_hashes = RequireHashes::no;
};

// Resolves every input, in order. Hash-checking mode is on with
// --require-hashes or as soon as one input carries a hash (as pip): then
// every input needs a hash and every requirement by name an `==`/`===` pin.
// Inputs of one project are resolved together, as pip's resolver does:
// every version specifier must hold (for a named wheel file too), extras
// add up, hash pins intersect; two inputs naming different wheel files of
// one project are an error. Errors
// begin with the input: "FILE:LINE: TEXT: what is wrong".
Result<std::vector<ResolvedWheel>> resolve_inputs(const std::vector<InstallInput>& inputs,
                                                  const ResolutionContext& context);

// Whether hash-checking mode is on for these inputs.
bool hash_checking(const std::vector<InstallInput>& inputs, RequireHashes require_hashes);

// Hashes the wheel file and compares with its pins (nothing to do without
// pins). Error: `ASKED_AS: hash mismatch for FILE: expected sha256:A (or
// sha256:B), got sha256:C`.
Status check_pinned_hashes(const ResolvedWheel& wheel);

// "DIR1, DIR2" or "no --find-links location", for messages.
std::string describe_locations(const WheelStore& store);

} // namespace whlinst
