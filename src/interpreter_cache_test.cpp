#include "interpreter_cache.h"

#include "file_system.h"
#include "interpreter_record.h"
#include "test_support.h"
#include "text.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

using namespace whlinst;
using whlinst::testing::read_text_file;
using whlinst::testing::TemporaryDirectory;
using whlinst::testing::write_text_file;

namespace {
// The answer of interpreter_query.py, as a fake interpreter gives it.
const char kAnswer[] =
    R"({"executable": "EXE", "version": [3, 11, 2], "python_full_version": "3.11.2", )"
    R"("implementation": "cpython", "cache_tag": "cpython-311", "soabi": "cpython-311-x86_64-linux-gnu", )"
    R"("ext_suffix": ".cpython-311-x86_64-linux-gnu.so", "abiflags": "", "py_debug": false, )"
    R"("gil_disabled": false, "platform": "linux-x86_64", "pointer_bits": 64, "glibc": "glibc 2.36", )"
    R"("prefix": "/usr", "in_venv": false, "stdlib": "/usr/lib/python3.11", )"
    R"("prefix_scheme": {"purelib": "p", "platlib": "p", "scripts": "s", "data": "d", "headers": "h"}, )"
    R"("default_scheme": {"purelib": "p", "platlib": "p", "scripts": "s", "data": "d", "headers": "h"}, )"
    R"("markers": {"os_name": "posix", "python_version": "3.11"}})";

// Sets an environment variable for the lifetime of the object.
class ScopedVariable {
public:
  ScopedVariable(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name))
      old_ = old;
    value ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedVariable() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

private:
  const char* name_;
  std::optional<std::string> old_;
};

// A venv-like tree: ROOT/bin/python, a shell script that answers the query
// with kAnswer and counts its runs in ROOT/runs.
struct FakeInterpreter {
  TemporaryDirectory root;
  std::string path = root / "bin/python";

  FakeInterpreter() {
    REQUIRE(::mkdir((root / "bin").c_str(), 0755) == 0);
    write_script("");
  }
  void write_script(const std::string& extra_line) {
    write_text_file(path, "#!/bin/sh\necho run >> '" + root / "runs" + "'\n" + extra_line + "cat <<'EOF'\n" + kAnswer +
                              "\nEOF\n");
    REQUIRE(::chmod(path.c_str(), 0755) == 0);
  }
  size_t runs() const {
    std::string text = read_text_file(root / "runs");
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  }
};

// The one entry file in the cache directory.
std::string only_entry(const TemporaryDirectory& cache) {
  auto names = list_directory(cache / "whlinst");
  REQUIRE(names);
  REQUIRE(names->size() == 1);
  return cache / ("whlinst/" + names->front());
}
} // namespace

TEST_CASE("describe_interpreter: queried once, then read from the cache until its key changes") {
  TemporaryDirectory cache;
  ScopedVariable xdg("XDG_CACHE_HOME", cache.path().c_str());
  ScopedVariable enabled("WHLINST_NO_CACHE", nullptr);
  FakeInterpreter python;

  auto first = describe_interpreter(python.path);
  REQUIRE(first);
  CHECK(first->path == python.path);
  CHECK(first->executable == "EXE");
  CHECK(first->marker_variables.at("python_version") == "3.11");
  CHECK(python.runs() == 1);
  auto second = describe_interpreter(python.path);
  REQUIRE(second);
  CHECK(*second == *first);
  CHECK(python.runs() == 1);

  SUBCASE("the executable changed") {
    python.write_script("# changed\n");
    CHECK(describe_interpreter(python.path));
    CHECK(python.runs() == 2);
  }
  SUBCASE("a pyvenv.cfg appeared beside it") {
    write_text_file(python.root / "pyvenv.cfg", "home = /usr/bin\n");
    CHECK(describe_interpreter(python.path));
    CHECK(python.runs() == 2);
  }
  SUBCASE("another path to the same interpreter") {
    CHECK(describe_interpreter(python.root / "bin/../bin/python"));
    CHECK(python.runs() == 2);
  }
  CHECK(describe_interpreter(python.path));
  CHECK(python.runs() == 2); // the new key was stored
}

TEST_CASE("describe_interpreter: a corrupt, truncated or foreign entry means a query, and is rewritten") {
  TemporaryDirectory cache;
  ScopedVariable xdg("XDG_CACHE_HOME", cache.path().c_str());
  ScopedVariable enabled("WHLINST_NO_CACHE", nullptr);
  FakeInterpreter python;
  REQUIRE(describe_interpreter(python.path));
  std::string entry = only_entry(cache);
  std::string good = read_text_file(entry);
  std::string bad;
  SUBCASE("truncated") { bad = good.substr(0, good.size() / 2); }
  SUBCASE("corrupt") { bad = good, bad[good.find("\nsoabi ") + 7] = 'x'; }
  SUBCASE("empty") { bad = ""; }
  SUBCASE("the JSON of older whlinst versions") { bad = kAnswer; }
  SUBCASE("another interpreter's") { bad = good, bad.replace(bad.find(python.path), 1, "@"); }
  write_text_file(entry, bad);
  auto described = describe_interpreter(python.path);
  REQUIRE(described);
  CHECK(described->executable == "EXE");
  CHECK(python.runs() == 2);
  CHECK(read_text_file(only_entry(cache)) == good);
}

TEST_CASE("describe_interpreter: storing an entry removes the JSON entries of older versions, and only them") {
  TemporaryDirectory cache;
  ScopedVariable xdg("XDG_CACHE_HOME", cache.path().c_str());
  ScopedVariable enabled("WHLINST_NO_CACHE", nullptr);
  REQUIRE(make_directories(cache / "whlinst").ok());
  write_text_file(cache / "whlinst/0123456789abcdef.json", kAnswer);
  write_text_file(cache / "whlinst/notes.txt", "the user's\n");
  FakeInterpreter python;
  REQUIRE(describe_interpreter(python.path));
  auto names = list_directory(cache / "whlinst");
  REQUIRE(names);
  std::sort(names->begin(), names->end());
  REQUIRE(names->size() == 2);
  CHECK(ends_with(names->front(), ".interpreter-" + std::string(kInterpreterRecordVersion)));
  CHECK(names->back() == "notes.txt");
}

TEST_CASE("describe_interpreter: WHLINST_NO_CACHE queries every time and writes nothing") {
  TemporaryDirectory cache;
  ScopedVariable xdg("XDG_CACHE_HOME", cache.path().c_str());
  ScopedVariable disabled("WHLINST_NO_CACHE", "1");
  FakeInterpreter python;
  REQUIRE(describe_interpreter(python.path));
  REQUIRE(describe_interpreter(python.path));
  CHECK(python.runs() == 2);
  CHECK(::access((cache / "whlinst").c_str(), F_OK) != 0);
}
