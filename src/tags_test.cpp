#include "tags.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace whlinst;

namespace {

// A supported-tag list in compressed form: every "interpreter-abi" pair of
// `groups` combined with each of `platforms` in turn, then the
// "INTERPRETER-none-any" tags for the interpreters of `any`.
struct Expected {
  std::vector<std::string> platforms;
  std::string groups;
  std::string any;
  size_t size;
};

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> result;
  for (size_t start = 0; start < text.size();) {
    size_t end = std::min(text.find(' ', start), text.size());
    if (end > start)
      result.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return result;
}

std::string upper(std::string text) {
  for (char& c : text)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// TagSet::supported_by(facts) ranks every tag of `tags` (supported_tags'
// list) at its first position there, in any case, and nothing else.
void check_ranks(const TargetFacts& facts, const std::vector<std::string>& tags) {
  TagSet set = TagSet::supported_by(facts);
  CHECK(set.first() == (tags.empty() ? "" : tags.front()));
  for (size_t i = 0; i < tags.size(); ++i) {
    CAPTURE(tags[i]);
    size_t first = static_cast<size_t>(std::find(tags.begin(), tags.end(), tags[i]) - tags.begin());
    REQUIRE(set.rank(tags[i]) == first);
    REQUIRE(set.rank(upper(tags[i])) == first);
  }
  for (const char* unsupported : {"cp11-cp11-linux_x86_64", "py3-none-win32", "py3-none", "py3", "", "py99-none-any"})
    CHECK(!set.rank(unsupported));
}

void check_tags(const TargetFacts& facts, const Expected& expected) {
  CHECK(platform_tags(facts) == expected.platforms);
  std::vector<std::string> expanded;
  for (const auto& group : words(expected.groups))
    for (const auto& platform : expected.platforms)
      expanded.push_back(group + "-" + platform);
  for (const auto& interpreter : words(expected.any))
    expanded.push_back(interpreter + "-none-any");
  REQUIRE(expanded.size() == expected.size);
  auto tags = supported_tags(facts);
  CHECK(tags.size() == expected.size);
  for (size_t i = 0; i < std::min(tags.size(), expanded.size()); ++i) {
    CAPTURE(i);
    REQUIRE(tags[i] == expanded[i]);
  }
  check_ranks(facts, tags);
}

// platform_tags() of x86_64 with glibc 2.36, this machine.
const std::vector<std::string> glibc_2_36_x86_64{
    "manylinux_2_36_x86_64", "manylinux_2_35_x86_64", "manylinux_2_34_x86_64", "manylinux_2_33_x86_64",
    "manylinux_2_32_x86_64", "manylinux_2_31_x86_64", "manylinux_2_30_x86_64", "manylinux_2_29_x86_64",
    "manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_26_x86_64", "manylinux_2_25_x86_64",
    "manylinux_2_24_x86_64", "manylinux_2_23_x86_64", "manylinux_2_22_x86_64", "manylinux_2_21_x86_64",
    "manylinux_2_20_x86_64", "manylinux_2_19_x86_64", "manylinux_2_18_x86_64", "manylinux_2_17_x86_64",
    "manylinux2014_x86_64",  "manylinux_2_16_x86_64", "manylinux_2_15_x86_64", "manylinux_2_14_x86_64",
    "manylinux_2_13_x86_64", "manylinux_2_12_x86_64", "manylinux2010_x86_64",  "manylinux_2_11_x86_64",
    "manylinux_2_10_x86_64", "manylinux_2_9_x86_64",  "manylinux_2_8_x86_64",  "manylinux_2_7_x86_64",
    "manylinux_2_6_x86_64",  "manylinux_2_5_x86_64",  "manylinux1_x86_64",     "linux_x86_64"};

const TargetFacts cpython_3_11{"cp",        3, 11, "cp311", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36},
                               std::nullopt};

} // namespace

// Expected lists come from the oracle: pip's own
// pip._internal.utils.compatibility_tags.get_supported() for each interpreter
// on this machine (Debian 12, x86_64, glibc 2.36; the same as
// packaging.tags.sys_tags() plus cpXY-none-any), and for other targets from
// pip 24.2's vendored packaging 24.1 (cpython_tags/generic_tags +
// compatible_tags, as get_supported() calls them) with the platform facts
// patched in.

TEST_CASE("supported_tags: CPython 3.11.7 on this machine, first 40 tags") {
  const std::vector<std::string> first{
      "cp311-cp311-manylinux_2_36_x86_64", "cp311-cp311-manylinux_2_35_x86_64", "cp311-cp311-manylinux_2_34_x86_64",
      "cp311-cp311-manylinux_2_33_x86_64", "cp311-cp311-manylinux_2_32_x86_64", "cp311-cp311-manylinux_2_31_x86_64",
      "cp311-cp311-manylinux_2_30_x86_64", "cp311-cp311-manylinux_2_29_x86_64", "cp311-cp311-manylinux_2_28_x86_64",
      "cp311-cp311-manylinux_2_27_x86_64", "cp311-cp311-manylinux_2_26_x86_64", "cp311-cp311-manylinux_2_25_x86_64",
      "cp311-cp311-manylinux_2_24_x86_64", "cp311-cp311-manylinux_2_23_x86_64", "cp311-cp311-manylinux_2_22_x86_64",
      "cp311-cp311-manylinux_2_21_x86_64", "cp311-cp311-manylinux_2_20_x86_64", "cp311-cp311-manylinux_2_19_x86_64",
      "cp311-cp311-manylinux_2_18_x86_64", "cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64",
      "cp311-cp311-manylinux_2_16_x86_64", "cp311-cp311-manylinux_2_15_x86_64", "cp311-cp311-manylinux_2_14_x86_64",
      "cp311-cp311-manylinux_2_13_x86_64", "cp311-cp311-manylinux_2_12_x86_64", "cp311-cp311-manylinux2010_x86_64",
      "cp311-cp311-manylinux_2_11_x86_64", "cp311-cp311-manylinux_2_10_x86_64", "cp311-cp311-manylinux_2_9_x86_64",
      "cp311-cp311-manylinux_2_8_x86_64",  "cp311-cp311-manylinux_2_7_x86_64",  "cp311-cp311-manylinux_2_6_x86_64",
      "cp311-cp311-manylinux_2_5_x86_64",  "cp311-cp311-manylinux1_x86_64",     "cp311-cp311-linux_x86_64",
      "cp311-abi3-manylinux_2_36_x86_64",  "cp311-abi3-manylinux_2_35_x86_64",  "cp311-abi3-manylinux_2_34_x86_64",
      "cp311-abi3-manylinux_2_33_x86_64",
  };
  auto tags = supported_tags(cpython_3_11);
  REQUIRE(tags.size() >= first.size());
  for (size_t i = 0; i < first.size(); ++i)
    CHECK(tags[i] == first[i]);
}

TEST_CASE("supported_tags: every CPython on this machine, as pip lists them") {
  const std::vector<std::pair<TargetFacts, Expected>> cases{
      // Python 3.7.16, pip 22.0.4
      {{"cp", 3, 7, "cp37m", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt},
       {glibc_2_36_x86_64,
        "cp37-cp37m cp37-abi3 cp37-none cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 "
        "py37-none py3-none py36-none py35-none py34-none py33-none py32-none py31-none "
        "py30-none",
        "cp37 py37 py3 py36 py35 py34 py33 py32 py31 py30", 622}},
      // Python 3.8.18, pip 23.0.1
      {{"cp", 3, 8, "cp38", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt},
       {glibc_2_36_x86_64,
        "cp38-cp38 cp38-abi3 cp38-none cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 "
        "cp32-abi3 py38-none py3-none py37-none py36-none py35-none py34-none py33-none "
        "py32-none py31-none py30-none",
        "cp38 py38 py3 py37 py36 py35 py34 py33 py32 py31 py30", 695}},
      // Python 3.9.18, pip 23.0.1
      {{"cp", 3, 9, "cp39", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt},
       {glibc_2_36_x86_64,
        "cp39-cp39 cp39-abi3 cp39-none cp38-abi3 cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 "
        "cp33-abi3 cp32-abi3 py39-none py3-none py38-none py37-none py36-none py35-none "
        "py34-none py33-none py32-none py31-none py30-none",
        "cp39 py39 py3 py38 py37 py36 py35 py34 py33 py32 py31 py30", 768}},
      // Python 3.10.13, pip 23.0.1
      {{"cp", 3, 10, "cp310", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt},
       {glibc_2_36_x86_64,
        "cp310-cp310 cp310-abi3 cp310-none cp39-abi3 cp38-abi3 cp37-abi3 cp36-abi3 cp35-abi3 "
        "cp34-abi3 cp33-abi3 cp32-abi3 py310-none py3-none py39-none py38-none py37-none "
        "py36-none py35-none py34-none py33-none py32-none py31-none py30-none",
        "cp310 py310 py3 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 841}},
      // Python 3.11.7, pip 23.2.1
      {{"cp", 3, 11, "cp311", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt},
       {glibc_2_36_x86_64,
        "cp311-cp311 cp311-abi3 cp311-none cp310-abi3 cp39-abi3 cp38-abi3 cp37-abi3 cp36-abi3 "
        "cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py311-none py3-none py310-none py39-none "
        "py38-none py37-none py36-none py35-none py34-none py33-none py32-none py31-none "
        "py30-none",
        "cp311 py311 py3 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 914}},
      // Python 3.12.1, pip 23.2.1
      {{"cp", 3, 12, "cp312", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt},
       {glibc_2_36_x86_64,
        "cp312-cp312 cp312-abi3 cp312-none cp311-abi3 cp310-abi3 cp39-abi3 cp38-abi3 "
        "cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py312-none py3-none "
        "py311-none py310-none py39-none py38-none py37-none py36-none py35-none py34-none "
        "py33-none py32-none py31-none py30-none",
        "cp312 py312 py3 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 987}},
      // Python 3.13.0, pip 24.2
      {{"cp", 3, 13, "cp313", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt},
       {glibc_2_36_x86_64,
        "cp313-cp313 cp313-abi3 cp313-none cp312-abi3 cp311-abi3 cp310-abi3 cp39-abi3 "
        "cp38-abi3 cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py313-none "
        "py3-none py312-none py311-none py310-none py39-none py38-none py37-none py36-none "
        "py35-none py34-none py33-none py32-none py31-none py30-none",
        "cp313 py313 py3 py312 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 1060}},
  };
  for (const auto& entry : cases) {
    CAPTURE(entry.first.minor);
    check_tags(entry.first, entry.second);
  }
}

TEST_CASE("supported_tags: CPython 3.11 debug build (Py_DEBUG) also takes release-build ABI") {
  TargetFacts facts{"cp", 3, 11, "cp311d", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt};
  check_tags(facts, {glibc_2_36_x86_64,
                     "cp311-cp311d cp311-cp311 cp311-abi3 cp311-none cp310-abi3 cp39-abi3 cp38-abi3 "
                     "cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py311-none py3-none "
                     "py310-none py39-none py38-none py37-none py36-none py35-none py34-none py33-none "
                     "py32-none py31-none py30-none",
                     "cp311 py311 py3 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 950});
}

TEST_CASE("supported_tags: free-threaded CPython 3.13 (Py_GIL_DISABLED) has no abi3") {
  TargetFacts facts{"cp", 3, 13, "cp313t", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt};
  check_tags(facts, {glibc_2_36_x86_64,
                     "cp313-cp313t cp313-none py313-none py3-none py312-none py311-none py310-none "
                     "py39-none py38-none py37-none py36-none py35-none py34-none py33-none py32-none "
                     "py31-none py30-none",
                     "cp313 py313 py3 py312 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 628});
}

TEST_CASE("supported_tags: free-threaded debug CPython 3.13") {
  TargetFacts facts{"cp", 3, 13, "cp313td", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt};
  check_tags(facts, {glibc_2_36_x86_64,
                     "cp313-cp313td cp313-cp313t cp313-none py313-none py3-none py312-none py311-none "
                     "py310-none py39-none py38-none py37-none py36-none py35-none py34-none py33-none "
                     "py32-none py31-none py30-none",
                     "cp313 py313 py3 py312 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 664});
}

TEST_CASE("supported_tags: CPython 2.7 UCS-4 on glibc 2.17") {
  TargetFacts facts{"cp", 2, 7, "cp27mu", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 17}, std::nullopt};
  check_tags(facts, {{"manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64", "manylinux_2_15_x86_64",
                      "manylinux_2_14_x86_64", "manylinux_2_13_x86_64", "manylinux_2_12_x86_64", "manylinux2010_x86_64",
                      "manylinux_2_11_x86_64", "manylinux_2_10_x86_64", "manylinux_2_9_x86_64", "manylinux_2_8_x86_64",
                      "manylinux_2_7_x86_64", "manylinux_2_6_x86_64", "manylinux_2_5_x86_64", "manylinux1_x86_64",
                      "linux_x86_64"},
                     "cp27-cp27mu cp27-none py27-none py2-none py26-none py25-none py24-none py23-none "
                     "py22-none py21-none py20-none",
                     "cp27 py27 py2 py26 py25 py24 py23 py22 py21 py20",
                     197});
}

TEST_CASE("supported_tags: aarch64 stops manylinux at 2_17") {
  TargetFacts facts{"cp", 3, 12, "cp312", "linux-aarch64", PointerSize::bits64, LibcVersion{2, 28}, std::nullopt};
  check_tags(facts,
             {{"manylinux_2_28_aarch64", "manylinux_2_27_aarch64", "manylinux_2_26_aarch64", "manylinux_2_25_aarch64",
               "manylinux_2_24_aarch64", "manylinux_2_23_aarch64", "manylinux_2_22_aarch64", "manylinux_2_21_aarch64",
               "manylinux_2_20_aarch64", "manylinux_2_19_aarch64", "manylinux_2_18_aarch64", "manylinux_2_17_aarch64",
               "manylinux2014_aarch64", "linux_aarch64"},
              "cp312-cp312 cp312-abi3 cp312-none cp311-abi3 cp310-abi3 cp39-abi3 cp38-abi3 "
              "cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py312-none py3-none "
              "py311-none py310-none py39-none py38-none py37-none py36-none py35-none py34-none "
              "py33-none py32-none py31-none py30-none",
              "cp312 py312 py3 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
              393});
}

TEST_CASE("supported_tags: aarch64 with glibc older than 2.17 gets no manylinux tag") {
  TargetFacts facts{"cp", 3, 12, "cp312", "linux-aarch64", PointerSize::bits64, LibcVersion{2, 16}, std::nullopt};
  check_tags(facts, {{"linux_aarch64"},
                     "cp312-cp312 cp312-abi3 cp312-none cp311-abi3 cp310-abi3 cp39-abi3 cp38-abi3 "
                     "cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py312-none py3-none "
                     "py311-none py310-none py39-none py38-none py37-none py36-none py35-none py34-none "
                     "py33-none py32-none py31-none py30-none",
                     "cp312 py312 py3 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
                     42});
}

TEST_CASE("supported_tags: 32-bit interpreter on x86_64 uses i686") {
  TargetFacts facts{"cp", 3, 11, "cp311", "linux-x86_64", PointerSize::bits32, LibcVersion{2, 31}, std::nullopt};
  check_tags(facts, {{"manylinux_2_31_i686", "manylinux_2_30_i686", "manylinux_2_29_i686", "manylinux_2_28_i686",
                      "manylinux_2_27_i686", "manylinux_2_26_i686", "manylinux_2_25_i686", "manylinux_2_24_i686",
                      "manylinux_2_23_i686", "manylinux_2_22_i686", "manylinux_2_21_i686", "manylinux_2_20_i686",
                      "manylinux_2_19_i686", "manylinux_2_18_i686", "manylinux_2_17_i686", "manylinux2014_i686",
                      "manylinux_2_16_i686", "manylinux_2_15_i686", "manylinux_2_14_i686", "manylinux_2_13_i686",
                      "manylinux_2_12_i686", "manylinux2010_i686",  "manylinux_2_11_i686", "manylinux_2_10_i686",
                      "manylinux_2_9_i686",  "manylinux_2_8_i686",  "manylinux_2_7_i686",  "manylinux_2_6_i686",
                      "manylinux_2_5_i686",  "manylinux1_i686",     "linux_i686"},
                     "cp311-cp311 cp311-abi3 cp311-none cp310-abi3 cp39-abi3 cp38-abi3 cp37-abi3 cp36-abi3 "
                     "cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py311-none py3-none py310-none py39-none "
                     "py38-none py37-none py36-none py35-none py34-none py33-none py32-none py31-none "
                     "py30-none",
                     "cp311 py311 py3 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
                     789});
}

TEST_CASE("supported_tags: 32-bit interpreter on aarch64 uses armv8l then armv7l") {
  TargetFacts facts{"cp", 3, 11, "cp311", "linux-aarch64", PointerSize::bits32, LibcVersion{2, 19}, std::nullopt};
  check_tags(facts, {{"manylinux_2_19_armv8l", "manylinux_2_18_armv8l", "manylinux_2_17_armv8l", "manylinux2014_armv8l",
                      "manylinux_2_19_armv7l", "manylinux_2_18_armv7l", "manylinux_2_17_armv7l", "manylinux2014_armv7l",
                      "linux_armv8l", "linux_armv7l"},
                     "cp311-cp311 cp311-abi3 cp311-none cp310-abi3 cp39-abi3 cp38-abi3 cp37-abi3 cp36-abi3 "
                     "cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py311-none py3-none py310-none py39-none "
                     "py38-none py37-none py36-none py35-none py34-none py33-none py32-none py31-none "
                     "py30-none",
                     "cp311 py311 py3 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
                     264});
}

TEST_CASE("supported_tags: musl x86_64") {
  TargetFacts facts{"cp", 3, 12, "cp312", "linux-x86_64", PointerSize::bits64, std::nullopt, LibcVersion{1, 2}};
  check_tags(facts, {{"musllinux_1_2_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64", "linux_x86_64"},
                     "cp312-cp312 cp312-abi3 cp312-none cp311-abi3 cp310-abi3 cp39-abi3 cp38-abi3 "
                     "cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py312-none py3-none "
                     "py311-none py310-none py39-none py38-none py37-none py36-none py35-none py34-none "
                     "py33-none py32-none py31-none py30-none",
                     "cp312 py312 py3 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
                     123});
}

TEST_CASE("supported_tags: riscv64 with glibc and musl") {
  TargetFacts facts{"cp", 3, 13, "cp313", "linux-riscv64", PointerSize::bits64, LibcVersion{2, 39}, LibcVersion{1, 1}};
  check_tags(facts,
             {{"manylinux_2_39_riscv64", "manylinux_2_38_riscv64", "manylinux_2_37_riscv64", "manylinux_2_36_riscv64",
               "manylinux_2_35_riscv64", "manylinux_2_34_riscv64", "manylinux_2_33_riscv64", "manylinux_2_32_riscv64",
               "manylinux_2_31_riscv64", "manylinux_2_30_riscv64", "manylinux_2_29_riscv64", "manylinux_2_28_riscv64",
               "manylinux_2_27_riscv64", "manylinux_2_26_riscv64", "manylinux_2_25_riscv64", "manylinux_2_24_riscv64",
               "manylinux_2_23_riscv64", "manylinux_2_22_riscv64", "manylinux_2_21_riscv64", "manylinux_2_20_riscv64",
               "manylinux_2_19_riscv64", "manylinux_2_18_riscv64", "manylinux_2_17_riscv64", "manylinux2014_riscv64",
               "musllinux_1_1_riscv64",  "musllinux_1_0_riscv64",  "linux_riscv64"},
              "cp313-cp313 cp313-abi3 cp313-none cp312-abi3 cp311-abi3 cp310-abi3 cp39-abi3 "
              "cp38-abi3 cp37-abi3 cp36-abi3 cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py313-none "
              "py3-none py312-none py311-none py310-none py39-none py38-none py37-none py36-none "
              "py35-none py34-none py33-none py32-none py31-none py30-none",
              "cp313 py313 py3 py312 py311 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
              799});
}

TEST_CASE("supported_tags: mips has no manylinux ABI") {
  TargetFacts facts{"cp", 3, 11, "cp311", "linux-mips", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt};
  check_tags(facts, {{"linux_mips"},
                     "cp311-cp311 cp311-abi3 cp311-none cp310-abi3 cp39-abi3 cp38-abi3 cp37-abi3 cp36-abi3 "
                     "cp35-abi3 cp34-abi3 cp33-abi3 cp32-abi3 py311-none py3-none py310-none py39-none "
                     "py38-none py37-none py36-none py35-none py34-none py33-none py32-none py31-none "
                     "py30-none",
                     "cp311 py311 py3 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
                     39});
}

TEST_CASE("supported_tags: PyPy") {
  TargetFacts facts{"pp", 3, 10, "pypy310_pp73", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt};
  check_tags(facts, {glibc_2_36_x86_64,
                     "pp310-pypy310_pp73 pp310-none py310-none py3-none py39-none py38-none py37-none "
                     "py36-none py35-none py34-none py33-none py32-none py31-none py30-none",
                     "pp310 py310 py3 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30", 517});
}

TEST_CASE("supported_tags: implementation without ABI tag") {
  TargetFacts facts{"graalpy", 3, 11, "", "linux-aarch64", PointerSize::bits64, LibcVersion{2, 17}, std::nullopt};
  check_tags(facts, {{"manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64"},
                     "graalpy311-none py311-none py3-none py310-none py39-none py38-none py37-none "
                     "py36-none py35-none py34-none py33-none py32-none py31-none py30-none",
                     "graalpy311 py311 py3 py310 py39 py38 py37 py36 py35 py34 py33 py32 py31 py30",
                     56});
}

TEST_CASE("platform_tags outside Linux is the normalized platform") {
  TargetFacts facts{"cp", 3, 12, "cp312", "macosx-11.0-arm64", PointerSize::bits64, std::nullopt, std::nullopt};
  CHECK(platform_tags(facts) == std::vector<std::string>{"macosx_11_0_arm64"});
  facts.platform = "linux-x86_64";
  CHECK(platform_tags(facts) == std::vector<std::string>{"linux_x86_64"});
}

TEST_CASE("expand_tag_set expands compressed tag sets in order, lower-cased") {
  CHECK(expand_tag_set("py2.py3-none-any") == std::vector<std::string>{"py2-none-any", "py3-none-any"});
  CHECK(expand_tag_set("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64") ==
        std::vector<std::string>{"cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64"});
  CHECK(expand_tag_set("CP311-Abi3-Linux_X86_64") == std::vector<std::string>{"cp311-abi3-linux_x86_64"});
  CHECK(expand_tag_set("py3-none").empty());
  CHECK(expand_tag_set("py3-none-any-x").empty());
  CHECK(expand_tag_set("py3..py2-none-any").empty());
  CHECK(expand_tag_set("").empty());
}

TEST_CASE("TagSet ranks tags from 0 for the best") {
  TagSet set(supported_tags(cpython_3_11));
  CHECK(set.rank("cp311-cp311-manylinux_2_36_x86_64") == std::optional<size_t>(0));
  CHECK(set.rank("CP311-cp311-manylinux_2_35_x86_64") == std::optional<size_t>(1));
  CHECK(set.rank("py3-none-any") == std::optional<size_t>(902));
  CHECK(set.rank("py30-none-any") == std::optional<size_t>(913));
  CHECK_FALSE(set.rank("cp312-cp312-manylinux_2_17_x86_64").has_value());
  CHECK_FALSE(set.rank("py2.py3-none-any").has_value());
  CHECK(set.tags().size() == 914);
}

TEST_CASE("best_supported_tag picks the tag of best rank") {
  auto best = best_supported_tag({"py2.py3-none-any"}, cpython_3_11);
  REQUIRE(best.ok());
  CHECK(*best == "py3-none-any");
  best = best_supported_tag({"cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"}, cpython_3_11);
  REQUIRE(best.ok());
  CHECK(*best == "cp311-cp311-manylinux_2_17_x86_64");
  best =
      best_supported_tag({"cp39-abi3-manylinux_2_28_x86_64", "cp311-cp311-linux_x86_64", "py3-none-any"}, cpython_3_11);
  REQUIRE(best.ok());
  CHECK(*best == "cp311-cp311-linux_x86_64");
  best = best_supported_tag({"cp39-abi3-manylinux2014_x86_64"}, cpython_3_11);
  REQUIRE(best.ok());
  CHECK(*best == "cp39-abi3-manylinux2014_x86_64");
}

TEST_CASE("best_supported_tag names what the wheel offers and the target's best tag") {
  auto best = best_supported_tag({"cp312-cp312-manylinux_2_17_x86_64"}, cpython_3_11);
  REQUIRE_FALSE(best.ok());
  CHECK(best.error().message == "no compatible tag: the wheel is built for cp312-cp312-manylinux_2_17_x86_64, "
                                "the target supports e.g. cp311-cp311-manylinux_2_36_x86_64");
  best = best_supported_tag({"cp311-cp311-win_amd64", "cp311-cp311-macosx_11_0_arm64",
                             "cp311-cp311-manylinux_2_38_x86_64", "cp311-cp311-musllinux_1_1_x86_64"},
                            cpython_3_11);
  REQUIRE_FALSE(best.ok());
  CHECK(best.error().message == "no compatible tag: the wheel is built for cp311-cp311-win_amd64, "
                                "cp311-cp311-macosx_11_0_arm64, cp311-cp311-manylinux_2_38_x86_64 and 1 more, "
                                "the target supports e.g. cp311-cp311-manylinux_2_36_x86_64");
  best = best_supported_tag({}, cpython_3_11);
  REQUIRE_FALSE(best.ok());
  CHECK(best.error().message == "no compatible tag: the wheel is built for no tag, the target "
                                "supports e.g. cp311-cp311-manylinux_2_36_x86_64");
}

TEST_CASE("free-threaded CPython refuses abi3 wheels") {
  TargetFacts facts{"cp", 3, 13, "cp313t", "linux-x86_64", PointerSize::bits64, LibcVersion{2, 36}, std::nullopt};
  auto best = best_supported_tag({"cp38-abi3-manylinux_2_17_x86_64"}, facts);
  CHECK_FALSE(best.ok());
  best = best_supported_tag({"cp313-cp313t-manylinux_2_17_x86_64", "cp313-none-any"}, facts);
  REQUIRE(best.ok());
  CHECK(*best == "cp313-cp313t-manylinux_2_17_x86_64");
}
