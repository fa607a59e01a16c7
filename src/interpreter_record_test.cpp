#include "interpreter_record.h"

#include "fixed_interpreter.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
const char kKey[] = "/usr/bin/python3\n/usr/bin/python3\n65024:1:2:3.4\n-\n0123abcd";

// Every field set, and values a line-oriented format would get wrong:
// newlines, spaces, '=' and numbers inside, empty strings, non-ASCII.
Interpreter sample_interpreter() {
  Interpreter interpreter = fixed_cpython311("/opt/py");
  interpreter.full_version = "3.11.7rc2";
  interpreter.abiflags = "";
  interpreter.py_debug = true;
  interpreter.pointer_bits = 32;
  interpreter.sys_prefix = "/opt/py with space\nand a newline";
  interpreter.in_venv = true;
  interpreter.stdlib = "/opt/py/lib/python3.11";
  interpreter.default_scheme = {"/opt/py/lib", "/opt/py/lib64", "/opt/py/include/@WHLINST_DIST@", "/opt/py/bin",
                                "/opt/py"};
  interpreter.user_scheme = {"a", "b", "c", "d", "e"};
  interpreter.home_scheme = {"key 3\nabc", "", "end 0", "\n", "\xc3\xa9t\xc3\xa9"};
  interpreter.marker_variables = {
      {"os_name", "posix"}, {"platform_version", "#1 SMP x=y\n"}, {"python_version", "3.11"}, {"platform_release", ""}};
  return interpreter;
}
} // namespace

TEST_CASE("interpreter record: what is written is read back, with the path given") {
  Interpreter interpreter = sample_interpreter();
  std::string record = write_interpreter_record(kKey, interpreter);
  auto read = read_interpreter_record(record, kKey, interpreter.path);
  REQUIRE(read);
  CHECK(*read == interpreter);
  CHECK(read_interpreter_record(record, kKey, "/other")->path == "/other");

  interpreter.glibc.reset(); // musl, macOS
  interpreter.marker_variables.clear();
  interpreter.home_scheme = {};
  read = read_interpreter_record(write_interpreter_record(kKey, interpreter), kKey, interpreter.path);
  REQUIRE(read);
  CHECK(*read == interpreter);
}

TEST_CASE("interpreter record: another key is not read") {
  std::string record = write_interpreter_record(kKey, sample_interpreter());
  std::string other_key = kKey;
  other_key.back() = 'e'; // another query script
  CHECK_FALSE(read_interpreter_record(record, other_key, "/p"));
  CHECK_FALSE(read_interpreter_record(record, std::string(kKey) + "\n", "/p"));
  CHECK_FALSE(read_interpreter_record(record, "", "/p"));
}

TEST_CASE("interpreter record: every truncation, and trailing bytes, are refused") {
  std::string record = write_interpreter_record(kKey, sample_interpreter());
  for (size_t size = 0; size < record.size(); ++size) {
    CAPTURE(size);
    CHECK_FALSE(read_interpreter_record(std::string_view(record).substr(0, size), kKey, "/p"));
  }
  CHECK_FALSE(read_interpreter_record(record + "\n", kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(record + record, kKey, "/p"));
}

TEST_CASE("interpreter record: a corrupt field is refused") {
  std::string record = write_interpreter_record(kKey, sample_interpreter());
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string changed = record;
    size_t at = changed.find(from);
    REQUIRE(at != std::string::npos);
    return changed.replace(at, from.size(), to);
  };
  CHECK_FALSE(read_interpreter_record(replaced("\nmajor 1\n3\n", "\nmajor 1\nx\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(replaced("\nmajor 1\n3\n", "\nmajor -1\n3\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(replaced("\npy_debug 1\n1\n", "\npy_debug 1\n2\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(replaced("\nglibc 4\n2.36\n", "\nglibc 4\n2x36\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(replaced("\nsoabi 28\n", "\nsoabi 29\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(replaced("\nsoabi 28\n", "\nsoabi 99999999999999999999\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(replaced("\nsoabi 28\n", "\nSOABI 28\n"), kKey, "/p"));
  CHECK_FALSE(
      read_interpreter_record(replaced("marker 13\nos_name=posix\n", "marker 13\nos_name-posix\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(replaced("whlinst interpreter 2\n", "whlinst interpreter 3\n"), kKey, "/p"));
  CHECK_FALSE(read_interpreter_record(std::string(record.size(), '\0'), kKey, "/p"));
}

TEST_CASE("interpreter record: an entry of the JSON format of older whlinst versions is not read") {
  const char old_entry[] =
      R"({"executable": "/usr/bin/python3", "version": [3, 11, 2], "python_full_version": "3.11.2", )"
      R"("implementation": "cpython", "cache_tag": "cpython-311", "soabi": "cpython-311-x86_64-linux-gnu", )"
      R"("ext_suffix": ".cpython-311-x86_64-linux-gnu.so", "abiflags": "", "py_debug": false, )"
      R"("gil_disabled": false, "platform": "linux-x86_64", "pointer_bits": 64, "glibc": "glibc 2.36", )"
      R"("prefix": "/usr", "in_venv": false, "stdlib": "/usr/lib/python3.11", "prefix_scheme": {}, "markers": {}})";
  CHECK_FALSE(read_interpreter_record(old_entry, kKey, "/usr/bin/python3"));
  CHECK_FALSE(read_interpreter_record("", kKey, "/usr/bin/python3"));
}
