// libFuzzer target: the archive and wheel readers end to end. The input is a
// zip archive, opened from memory; when it is a wheel, every file entry is
// inflated and verified against RECORD as extraction does (hash and size, in
// one pass), data scripts get their "#!python" rewrite, and the install plan
// is computed for a fixed scheme. Any outcome is fine but a crash, a leak or
// a sanitizer report.

#include "archive.h"
#include "fuzz_support.h"
#include "hash.h"
#include "launcher_scripts.h"
#include "plan.h"
#include "wheel.h"

#include <cstdint>
#include <string>

using namespace whlinst;
using whlinst::fuzz::file_name_for;
using whlinst::fuzz::kLimits;

namespace {
const std::string kInterpreter = "/prefix/bin/python3";

Status verify(Archive& archive, const ExpectedFile& file) {
  TRY_ASSIGN(reader, archive.open_entry(*file.entry));
  Hasher hasher(file.algorithm.value_or(HashAlgorithm::sha256));
  char buffer[16384];
  uint64_t size = 0;
  for (;;) {
    TRY_ASSIGN(chunk, reader.read(buffer, sizeof buffer));
    if (chunk.empty())
      break;
    hasher.update(chunk);
    size += chunk.size();
  }
  if (file.size() && *file.size() != size)
    return make_error("size mismatch");
  if (file.algorithm && hasher.finish_base64url() != file.digest())
    return make_error("hash mismatch");
  return {};
}

Scheme fixed_scheme() {
  Scheme scheme;
  scheme.purelib = "/prefix/lib/python3.11/site-packages";
  scheme.platlib = "/prefix/lib64/python3.11/site-packages";
  scheme.headers = "/prefix/include/python3.11/fuzz";
  scheme.scripts = "/prefix/bin";
  scheme.data = "/prefix";
  return scheme;
}

void plan(Wheel& wheel) {
  auto specs = scripts_for_entry_points(wheel.entry_points, "3.11", std::nullopt);
  if (!specs)
    return;
  auto plan = plan_install(wheel, fixed_scheme(), *specs, kInterpreter);
  if (!plan)
    return;
  for (const Placement& placement : plan->placements) {
    if (placement.role != FileRole::data_script)
      continue;
    if (auto content = wheel.archive.read_entry(*placement.file->entry))
      (void)rewrite_data_script(*content, kInterpreter);
  }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto archive = Archive::open_memory(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!archive)
    return 0;
  std::string file_name = file_name_for(archive->entries());
  auto wheel = Wheel::from_archive(file_name, std::move(*archive), kLimits);
  if (!wheel)
    return 0;
  for (const ExpectedFile& file : wheel->files)
    (void)verify(wheel->archive, file);
  plan(*wheel);
  return 0;
}
