#pragma once
// Wheel compatibility tags: which `python-abi-platform` tags a target
// interpreter accepts, best first, per the PyPA "Platform compatibility tags"
// specification, PEP 600 (manylinux_x_y) and PEP 656 (musllinux_x_y).
// The order is pip's (`pip._internal.utils.compatibility_tags.get_supported()`,
// i.e. packaging's `sys_tags()` for CPython). Pure functions, no I/O.

#include "result.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

struct LibcVersion {
  int major = 0;
  int minor = 0;
};

enum class PointerSize { bits64, bits32 };

// What tag computation needs to know about the target interpreter. Each field
// comes from a Python expression run by that interpreter:
struct TargetFacts {
  // sys.implementation.name abbreviated as the spec's "Python Tag" says:
  // "cpython" -> "cp", "pypy" -> "pp", "ironpython" -> "ip", "jython" -> "jy",
  // "python" -> "py"; any other name as it is (e.g. "graalpy").
  std::string implementation;
  // sys.version_info[0], sys.version_info[1].
  int major = 3;
  int minor = 0;
  // The interpreter's own ABI tag, "" when it has none.
  // CPython: "cp" + f"{major}{minor}" + "t" if sysconfig Py_GIL_DISABLED
  //   (3.13+) + "d" if Py_DEBUG + "m" if WITH_PYMALLOC (before 3.8) + "u" if
  //   sys.maxunicode == 0x10FFFF (before 3.3): "cp311", "cp311d", "cp37m",
  //   "cp313t". This is also the ABI part of SOABI ("cpython-37m-...").
  // Others: from EXT_SUFFIX ".SOABI.so": the SOABI's first two "-" fields
  //   for PyPy ("pypy310-pp73-x86_64-linux-gnu" -> "pypy310_pp73"), with "-"
  //   and "." replaced by "_".
  std::string abi;
  // sysconfig.get_platform(), e.g. "linux-x86_64", "linux-aarch64".
  std::string platform;
  // bits32 when sys.maxsize <= 2**32 (a 32-bit interpreter on a 64-bit
  // kernel reports "linux-x86_64" and gets i686 tags).
  PointerSize pointer_size = PointerSize::bits64;
  // os.confstr("CS_GNU_LIBC_VERSION") ("glibc 2.36" -> {2, 36}); nullopt
  // when it raises or does not start with "glibc ". (Not platform.libc_ver():
  // it misreports, e.g. 2.34 for 2.36 on Python 3.7.)
  std::optional<LibcVersion> glibc;
  // For an interpreter linked against musl: the "Version 1.2.4" line that
  // its dynamic loader (the ELF PT_INTERP of sys.executable,
  // /lib/ld-musl-ARCH.so.1) prints on stderr when run without arguments;
  // nullopt otherwise.
  std::optional<LibcVersion> musl;
};

// The platform tags, best first. On Linux: manylinux_2_N_ARCH for N from
// the glibc minor down to 17 (down to 5 on x86_64 and i686), each legacy
// alias right after its equivalent (manylinux2014 after 2_17, manylinux2010
// after 2_12, manylinux1 after 2_5); then musllinux_1_N_ARCH down to N = 0;
// then linux_ARCH. A 32-bit interpreter on x86_64/aarch64 uses i686/armv8l;
// armv8l also accepts armv7l. manylinux tags are given only for the
// architectures PEP 600 covers (x86_64, i686, aarch64, armv7l, ppc64,
// ppc64le, s390x, loongarch64, riscv64); an i686 or armv7l interpreter is
// assumed to have the matching ELF ABI (packaging reads the executable;
// the manylinux_compatible() hook of a `_manylinux` module is not honoured).
// Other systems: the platform with "-", "." and " " replaced by "_".
std::vector<std::string> platform_tags(const TargetFacts& facts);

// Every tag the target accepts, best first ("Use", "Compressed Tag Sets"):
// CPython: cpXY-ABI-P (and cpXY-cpXY-P after cpXYd-P for a debug build from
//   3.8), cpXY-abi3-P (from 3.2, not free-threaded), cpXY-none-P, then
//   cpXW-abi3-P for W = Y-1 down to 2;
// other implementations: IMPLXY-ABI-P, IMPLXY-none-P;
// then pyXY-none-P, pyX-none-P, pyXW-none-P for W = Y-1 down to 0; IMPLXY-
// none-any; pyXY-none-any, pyX-none-any, pyXW-none-any. P runs over
// platform_tags(), inner loop. Tags are lower-case.
// (packaging's sys_tags() gives pp3-none-any and no IMPLXY-none-any for
// other non-CPython interpreters; pip's list, followed here, does not.)
std::vector<std::string> supported_tags(const TargetFacts& facts);

// Expands a compressed tag set ("py2.py3-none-any") into its tags, lower-
// cased, in order ("Compressed Tag Sets"). A text that is not three
// "-"-separated non-empty parts gives an empty list.
std::vector<std::string> expand_tag_set(std::string_view compressed);

// A target's supported tags with their rank. Held as blocks of tags that
// share "python-abi" and run over a list of platforms (as supported_tags()
// builds them), not as one string per tag: a target on Linux supports about
// 900 tags, and making them all costs more than the rest of a small install's
// planning.
class TagSet {
public:
  // `tags` best first, lower-case.
  explicit TagSet(const std::vector<std::string>& tags);
  // Every tag `facts` supports, in supported_tags()'s order.
  static TagSet supported_by(const TargetFacts& facts);

  // 0 for the best tag; nullopt when the tag is not supported. The tag is
  // compared case-insensitively and must be a single tag (not compressed).
  std::optional<size_t> rank(std::string_view tag) const;

  // The best of `wheel_tags`, each a tag or a compressed tag set (as in a
  // wheel file name or the WHEEL file's Tag lines), returned lower-case.
  // Error: `no compatible tag: the wheel is built for TAGS, the target
  // supports e.g. BEST` naming up to three of `wheel_tags` as given.
  Result<std::string> best(const std::vector<std::string>& wheel_tags) const;

  // Every tag, best first.
  std::vector<std::string> tags() const;
  // The best tag, "" when there is none.
  std::string first() const;

  // Tags "PREFIX-PLATFORM" for each of `platforms` in turn, PREFIX being
  // "python-abi".
  struct Block {
    std::string prefix;
    std::shared_ptr<const std::vector<std::string>> platforms;
  };

private:
  explicit TagSet(std::vector<Block> blocks) : blocks_(std::move(blocks)) {}
  std::vector<Block> blocks_;
};

// TagSet::supported_by(facts).best(wheel_tags).
Result<std::string> best_supported_tag(const std::vector<std::string>& wheel_tags, const TargetFacts& facts);

} // namespace whlinst
