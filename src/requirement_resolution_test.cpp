#include "requirement_resolution.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
InstallInput input(std::string_view text, std::string origin = "") {
  auto parsed = parse_install_input(text, "/base");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
  parsed->origin = std::move(origin);
  return std::move(parsed).value();
}

ResolutionContext linux_target(const WheelStore& store, const TagSet& tags) {
  ResolutionContext context;
  context.store = &store;
  context.tags = &tags;
  context.environment.variables = {{"python_version", "3.11"}, {"sys_platform", "linux"}};
  return context;
}

std::string failure(const std::vector<InstallInput>& inputs, RequireHashes mode = RequireHashes::no) {
  WheelStore store;
  TagSet tags({"py3-none-any"});
  ResolutionContext context = linux_target(store, tags);
  context.require_hashes = mode;
  auto resolved = resolve_inputs(inputs, context);
  REQUIRE_FALSE(resolved.ok());
  return resolved.error().message;
}
} // namespace

TEST_CASE("resolve_inputs: wheel files as given, markers evaluated, duplicates merged") {
  WheelStore store;
  TagSet tags({"py3-none-any"});
  auto resolved = resolve_inputs({input("a-1.0-py3-none-any.whl"),
                                  input("b @ file:///w/b-1.0-py3-none-any.whl ; sys_platform == 'win32'"),
                                  input("A[x] @ file:///base/a-1.0-py3-none-any.whl"),
                                  input("c @ file:///w/c-1.0-py3-none-any.whl ; python_version >= '3'")},
                                 linux_target(store, tags));
  REQUIRE_MESSAGE(resolved.ok(), resolved.error().message);
  REQUIRE(resolved->size() == 2);
  CHECK((*resolved)[0].path == "/base/a-1.0-py3-none-any.whl");
  CHECK((*resolved)[0].origin == WheelOrigin::given);
  CHECK((*resolved)[0].extras == std::vector<std::string>{"x"});
  CHECK((*resolved)[1].path == "/w/c-1.0-py3-none-any.whl");
  CHECK((*resolved)[1].requested == Requested::yes);
}

TEST_CASE("resolve_inputs: errors name the input") {
  CHECK(failure({input("six==1.0", "/r.txt:3")}) ==
        "/r.txt:3: six==1.0: a requirement, not a wheel file: give --find-links DIR to find its wheel");
  CHECK(failure({input("a-1.0-py3-none-any.whl"), input("/w/a-2.0-py3-none-any.whl")}) ==
        "/w/a-2.0-py3-none-any.whl: conflicts with a-1.0-py3-none-any.whl: a-2.0-py3-none-any.whl and "
        "a-1.0-py3-none-any.whl are two wheels of one project");
  CHECK(failure({input("b @ file:///w/a-1.0-py3-none-any.whl")}) ==
        "b @ file:///w/a-1.0-py3-none-any.whl: the URL names a wheel of a, not of b");
  CHECK(failure({input("b @ file:///w/b-1.0-py3-none-any.whl ; python_version ~= 'x'")}).find("cannot compare") !=
        std::string::npos);
}

TEST_CASE("resolve_inputs: hash-checking mode needs a hash everywhere and == pins") {
  InstallInput pinned = input("/w/a-1.0-py3-none-any.whl");
  pinned.hashes.push_back(*parse_pinned_hash("sha256:" + std::string(64, 'a')));
  CHECK(failure({pinned, input("/w/b-1.0-py3-none-any.whl", "/r.txt:2")}).find(
            "/r.txt:2: /w/b-1.0-py3-none-any.whl: no --hash: in hash-checking mode") == 0);
  CHECK(failure({input("/w/b-1.0-py3-none-any.whl")}, RequireHashes::yes).find("no --hash") != std::string::npos);
  InstallInput loose = input("six>=1");
  loose.hashes = pinned.hashes;
  CHECK(failure({loose}) == "six>=1: in hash-checking mode a requirement must be pinned with == or ===");
  CHECK_FALSE(hash_checking({input("/w/b-1.0-py3-none-any.whl")}, RequireHashes::no));
  CHECK(hash_checking({pinned}, RequireHashes::no));
}

TEST_CASE("resolve_inputs: one project asked for twice is resolved once, every specifier applying") {
  testing::TemporaryDirectory directory;
  for (const char* file : {"six-1.16.0-py3-none-any.whl", "six-1.17.0-py3-none-any.whl", "six-1.15.0-py3-none-any.whl"})
    testing::write_text_file(directory / file, "");
  auto store = WheelStore::open({directory.path()});
  REQUIRE_MESSAGE(store.ok(), store.error().message);
  TagSet tags({"py3-none-any"});
  ResolutionContext context = linux_target(*store, tags);
  auto resolved = resolve_inputs({input("six>=1.15"), input("Six[x]<1.17", "/r.txt:2"), input("six!=1.16.0")}, context);
  REQUIRE_MESSAGE(resolved.ok(), resolved.error().message);
  REQUIRE(resolved->size() == 1);
  CHECK((*resolved)[0].path == directory / "six-1.15.0-py3-none-any.whl");
  CHECK((*resolved)[0].origin == WheelOrigin::found);
  CHECK((*resolved)[0].extras == std::vector<std::string>{"x"});
  CHECK((*resolved)[0].asked_as == "six>=1.15");

  auto none = resolve_inputs({input("six>=1.17"), input("six<1.16")}, context);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("six>=1.17: no wheel for six>=1.17,<1.16 in ") == 0);

  auto named = resolve_inputs({input("six<1.17"), input(directory / "six-1.16.0-py3-none-any.whl")}, context);
  REQUIRE_MESSAGE(named.ok(), named.error().message);
  CHECK((*named)[0].path == directory / "six-1.16.0-py3-none-any.whl");
  CHECK((*named)[0].origin == WheelOrigin::given);
  auto missed = resolve_inputs({input(directory / "six-1.17.0-py3-none-any.whl"), input("six<1.17")}, context);
  REQUIRE_FALSE(missed.ok());
  CHECK(missed.error().message.find(": six-1.17.0-py3-none-any.whl does not satisfy six<1.17") != std::string::npos);
}

TEST_CASE("resolve_inputs: pins of one project asked for twice must all allow the file (pip's intersection)") {
  std::string a(64, 'a'), b(64, 'b');
  InstallInput first = input("/w/a-1.0-py3-none-any.whl");
  first.hashes = {*parse_pinned_hash("sha256:" + a), *parse_pinned_hash("sha256:" + b)};
  InstallInput second = input("a @ file:///w/a-1.0-py3-none-any.whl");
  second.hashes = {*parse_pinned_hash("sha256:" + b)};
  WheelStore store;
  TagSet tags({"py3-none-any"});
  auto resolved = resolve_inputs({first, second}, linux_target(store, tags));
  REQUIRE_MESSAGE(resolved.ok(), resolved.error().message);
  REQUIRE((*resolved)[0].hashes.size() == 1);
  CHECK((*resolved)[0].hashes[0].hex == b);
  second.hashes = {*parse_pinned_hash("sha256:" + std::string(64, 'c'))};
  auto disjoint = resolve_inputs({first, second}, linux_target(store, tags));
  REQUIRE_FALSE(disjoint.ok());
  CHECK(disjoint.error().message.find("no digest in common") != std::string::npos);
}
