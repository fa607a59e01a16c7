#include "tags.h"

#include "text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace whlinst {

namespace {

std::string normalize_platform(std::string_view platform) {
  std::string normalized = to_lower(platform);
  std::replace_if(
      normalized.begin(), normalized.end(), [](char c) { return c == '-' || c == '.' || c == ' '; }, '_');
  return normalized;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// PEP 600 "Package installers": the architectures with a manylinux ABI.
bool has_manylinux_abi(const std::vector<std::string>& archs) {
  static constexpr std::array<std::string_view, 9> known{"x86_64",  "i686",  "aarch64",     "armv7l", "ppc64",
                                                         "ppc64le", "s390x", "loongarch64", "riscv64"};
  return std::any_of(archs.begin(), archs.end(), [](const std::string& arch) {
    return std::find(known.begin(), known.end(), arch) != known.end();
  });
}

std::optional<std::string_view> legacy_manylinux(int major, int minor) {
  if (major != 2)
    return std::nullopt;
  switch (minor) {
  case 17: return "manylinux2014";
  case 12: return "manylinux2010";
  case 5: return "manylinux1";
  default: return std::nullopt;
  }
}

// PEP 600: every glibc from the target's down to the oldest manylinux
// baseline; glibc minors of an older major are assumed to end at 50.
void add_manylinux(const std::vector<std::string>& archs, LibcVersion glibc, std::vector<std::string>& out) {
  if (!has_manylinux_abi(archs))
    return;
  bool x86 = contains(archs, "x86_64") || contains(archs, "i686");
  int oldest_minor = x86 ? 5 : 17;
  std::vector<LibcVersion> newest_per_major{glibc};
  for (int major = glibc.major - 1; major > 1; --major)
    newest_per_major.push_back({major, 50});
  for (const auto& arch : archs) {
    for (auto newest : newest_per_major) {
      int lowest = newest.major == 2 ? oldest_minor : 0;
      for (int minor = newest.minor; minor >= lowest; --minor) {
        out.push_back("manylinux_" + std::to_string(newest.major) + "_" + std::to_string(minor) + "_" + arch);
        if (auto legacy = legacy_manylinux(newest.major, minor))
          out.push_back(std::string(*legacy) + "_" + arch);
      }
    }
  }
}

// PEP 656: musllinux_X_Y for Y from the target's minor down to 0.
void add_musllinux(const std::vector<std::string>& archs, LibcVersion musl, std::vector<std::string>& out) {
  for (const auto& arch : archs)
    for (int minor = musl.minor; minor >= 0; --minor)
      out.push_back("musllinux_" + std::to_string(musl.major) + "_" + std::to_string(minor) + "_" + arch);
}

// The architecture part of a "linux_ARCH" platform, as the interpreter's
// word size sees it.
std::string_view linux_arch(const TargetFacts& facts, std::string_view platform) {
  std::string_view arch = platform.substr(std::string_view("linux_").size());
  if (facts.pointer_size == PointerSize::bits32) {
    if (arch == "x86_64")
      return "i686";
    if (arch == "aarch64")
      return "armv8l";
  }
  return arch;
}

using Blocks = std::vector<TagSet::Block>;
using Platforms = std::shared_ptr<const std::vector<std::string>>;

void add_product(Blocks& out, std::string_view interpreter, std::string_view abi, const Platforms& platforms) {
  out.push_back(TagSet::Block{std::string(interpreter) + "-" + std::string(abi), platforms});
}

std::string version_nodot(int major, int minor) { return std::to_string(major) + std::to_string(minor); }

// The ABI flags after "cpNN" ("d", "m", "t"...), nullopt when `abi` is not a
// CPython ABI tag.
std::optional<std::string_view> cpython_abi_flags(std::string_view abi) {
  if (!starts_with(abi, "cp") || abi.size() < 3 || abi[2] < '0' || abi[2] > '9')
    return std::nullopt;
  abi.remove_prefix(2);
  while (!abi.empty() && abi.front() >= '0' && abi.front() <= '9')
    abi.remove_prefix(1);
  return abi;
}

// The target's ABIs: a debug build from 3.8 on also loads release-build
// extension modules, so "cp311d" brings "cp311" and "cp313td" "cp313t".
std::vector<std::string> cpython_abis(const TargetFacts& facts) {
  std::string abi = to_lower(facts.abi);
  if (abi.empty() || abi == "abi3" || abi == "none")
    return {};
  std::vector<std::string> abis{abi};
  auto flags = cpython_abi_flags(abi);
  bool debug = flags && flags->find('d') != std::string_view::npos;
  if (debug && std::pair(facts.major, facts.minor) >= std::pair(3, 8)) {
    bool threaded = flags->find('t') != std::string_view::npos;
    abis.push_back("cp" + version_nodot(facts.major, facts.minor) + (threaded ? "t" : ""));
  }
  return abis;
}

// PEP 384 (abi3) exists from 3.2 on, not for free-threaded builds.
bool abi3_applies(const TargetFacts& facts) {
  std::string abi = to_lower(facts.abi);
  auto flags = cpython_abi_flags(abi);
  bool threaded = flags && flags->find('t') != std::string_view::npos;
  return std::pair(facts.major, facts.minor) >= std::pair(3, 2) && !threaded;
}

void add_cpython_tags(const TargetFacts& facts, const Platforms& platforms, Blocks& out) {
  std::string interpreter = "cp" + version_nodot(facts.major, facts.minor);
  for (const auto& abi : cpython_abis(facts))
    add_product(out, interpreter, abi, platforms);
  bool abi3 = abi3_applies(facts);
  if (abi3)
    add_product(out, interpreter, "abi3", platforms);
  add_product(out, interpreter, "none", platforms);
  if (!abi3)
    return;
  for (int minor = facts.minor - 1; minor > 1; --minor)
    add_product(out, "cp" + version_nodot(facts.major, minor), "abi3", platforms);
}

void add_generic_tags(const TargetFacts& facts, const Platforms& platforms, Blocks& out) {
  std::string interpreter = to_lower(facts.implementation) + version_nodot(facts.major, facts.minor);
  std::string abi = to_lower(facts.abi);
  if (!abi.empty() && abi != "none")
    add_product(out, interpreter, abi, platforms);
  add_product(out, interpreter, "none", platforms);
}

// pyXY, pyX, then pyXW for W = Y-1 down to 0.
std::vector<std::string> python_versions(const TargetFacts& facts) {
  std::vector<std::string> versions{"py" + version_nodot(facts.major, facts.minor), "py" + std::to_string(facts.major)};
  for (int minor = facts.minor - 1; minor >= 0; --minor)
    versions.push_back("py" + version_nodot(facts.major, minor));
  return versions;
}

std::string describe_wheel_tags(const std::vector<std::string>& wheel_tags) {
  constexpr size_t shown = 3;
  if (wheel_tags.empty())
    return "no tag";
  std::string text = wheel_tags.front();
  for (size_t i = 1; i < std::min(shown, wheel_tags.size()); ++i)
    text += ", " + wheel_tags[i];
  if (wheel_tags.size() > shown)
    text += " and " + std::to_string(wheel_tags.size() - shown) + " more";
  return text;
}

} // namespace

std::vector<std::string> platform_tags(const TargetFacts& facts) {
  std::string platform = normalize_platform(facts.platform);
  if (!starts_with(platform, "linux_"))
    return {platform};
  std::string_view arch = linux_arch(facts, platform);
  std::vector<std::string> archs{std::string(arch)};
  if (arch == "armv8l")
    archs.push_back("armv7l");
  std::vector<std::string> tags;
  if (facts.glibc)
    add_manylinux(archs, *facts.glibc, tags);
  if (facts.musl)
    add_musllinux(archs, *facts.musl, tags);
  for (const auto& each : archs)
    tags.push_back("linux_" + each);
  return tags;
}

TagSet TagSet::supported_by(const TargetFacts& facts) {
  auto platforms = std::make_shared<const std::vector<std::string>>(platform_tags(facts));
  auto any = std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"any"});
  Blocks blocks;
  std::string implementation = to_lower(facts.implementation);
  if (implementation == "cp")
    add_cpython_tags(facts, platforms, blocks);
  else
    add_generic_tags(facts, platforms, blocks);
  std::vector<std::string> versions = python_versions(facts);
  for (const auto& version : versions)
    add_product(blocks, version, "none", platforms);
  add_product(blocks, implementation + version_nodot(facts.major, facts.minor), "none", any);
  for (const auto& version : versions)
    add_product(blocks, version, "none", any);
  return TagSet(std::move(blocks));
}

std::vector<std::string> supported_tags(const TargetFacts& facts) { return TagSet::supported_by(facts).tags(); }

std::vector<std::string> expand_tag_set(std::string_view compressed) {
  std::string lowered = to_lower(trim(compressed));
  auto parts = split(lowered, '-');
  if (parts.size() != 3)
    return {};
  std::vector<std::string> tags;
  for (auto interpreter : split(parts[0], '.'))
    for (auto abi : split(parts[1], '.'))
      for (auto platform : split(parts[2], '.')) {
        if (interpreter.empty() || abi.empty() || platform.empty())
          return {};
        tags.push_back(std::string(interpreter) + "-" + std::string(abi) + "-" + std::string(platform));
      }
  return tags;
}

TagSet::TagSet(const std::vector<std::string>& tags) {
  for (const std::string& tag : tags) {
    size_t platform = tag.find('-', tag.find('-') + 1);
    std::string_view whole(tag);
    blocks_.push_back(Block{std::string(whole.substr(0, platform)),
                            std::make_shared<const std::vector<std::string>>(std::vector<std::string>{
                                std::string(platform == std::string::npos ? "" : whole.substr(platform + 1))})});
  }
}

std::optional<size_t> TagSet::rank(std::string_view tag) const {
  std::string lowered = to_lower(tag);
  std::string_view wanted(lowered);
  size_t platform_at = wanted.find('-', wanted.find('-') + 1);
  if (platform_at == std::string_view::npos)
    return std::nullopt;
  std::string_view prefix = wanted.substr(0, platform_at);
  std::string_view platform = wanted.substr(platform_at + 1);
  size_t offset = 0;
  for (const Block& block : blocks_) {
    if (block.prefix == prefix)
      for (size_t i = 0; i < block.platforms->size(); ++i)
        if ((*block.platforms)[i] == platform)
          return offset + i;
    offset += block.platforms->size();
  }
  return std::nullopt;
}

std::vector<std::string> TagSet::tags() const {
  std::vector<std::string> tags;
  for (const Block& block : blocks_)
    for (const std::string& platform : *block.platforms)
      tags.push_back(block.prefix + "-" + platform);
  return tags;
}

std::string TagSet::first() const {
  for (const Block& block : blocks_)
    if (!block.platforms->empty())
      return block.prefix + "-" + block.platforms->front();
  return "";
}

Result<std::string> TagSet::best(const std::vector<std::string>& wheel_tags) const {
  std::optional<size_t> best_rank;
  std::string best_tag;
  for (const auto& given : wheel_tags)
    for (const auto& tag : expand_tag_set(given))
      if (auto found = rank(tag); found && (!best_rank || *found < *best_rank)) {
        best_rank = found;
        best_tag = tag;
      }
  if (best_rank)
    return best_tag;
  std::string example = first();
  return make_error("no compatible tag: the wheel is built for ", describe_wheel_tags(wheel_tags),
                    ", the target supports e.g. ", example.empty() ? "nothing" : example);
}

Result<std::string> best_supported_tag(const std::vector<std::string>& wheel_tags, const TargetFacts& facts) {
  return TagSet::supported_by(facts).best(wheel_tags);
}

} // namespace whlinst
