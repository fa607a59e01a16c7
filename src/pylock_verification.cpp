#include "pylock_verification.h"

#include "file_system.h"
#include "hash.h"
#include "text.h"

#include <utility>
#include <vector>

namespace whlinst {

namespace {

struct ExpectedHash {
  std::string algorithm;
  std::string hex;
  Hasher hasher;
};

Result<std::vector<ExpectedHash>> checkable_hashes(const LockedWheel& wheel, const std::string& context) {
  std::vector<ExpectedHash> hashes;
  std::vector<std::string> refused;
  for (const auto& [name, hex] : wheel.hashes) {
    auto algorithm = hash_algorithm_named(name);
    if (algorithm)
      hashes.push_back(ExpectedHash{name, hex, Hasher(*algorithm)});
    else
      refused.push_back(name + ": " + algorithm.error().message);
  }
  if (hashes.empty())
    return make_error(context, "no hash whlinst can check (", join(refused, "; "), ")");
  return hashes;
}

// Streams the file through every hasher; returns its size.
Result<uint64_t> hash_file(const std::string& path, std::vector<ExpectedHash>& hashes) {
  TRY_ASSIGN(fd, open_for_reading(path));
  uint64_t size = 0;
  TRY(read_in_chunks(fd.get(), "cannot read", path, 1 << 18, [&](std::string_view piece) {
    for (ExpectedHash& hash : hashes)
      hash.hasher.update(piece);
    size += piece.size();
    return Status{};
  }));
  return size;
}

Status verify(const LockedWheel& wheel) {
  std::string context = "package '" + wheel.package + "': " + wheel.path + ": ";
  TRY_ASSIGN(hashes, checkable_hashes(wheel, context));
  TRY_ASSIGN(size, hash_file(wheel.path, hashes));
  if (wheel.size && size != *wheel.size)
    return make_error(context, std::to_string(size), " bytes, the lock says ", std::to_string(*wheel.size));
  for (ExpectedHash& hash : hashes)
    if (std::string actual = hash.hasher.finish_hex(); actual != hash.hex)
      return make_error(context, hash.algorithm, " mismatch: the lock says ", hash.hex, ", the file has ", actual);
  return {};
}

} // namespace

Status verify_locked_wheel(const LockedWheel& wheel) { return printable(verify(wheel)); }

} // namespace whlinst
