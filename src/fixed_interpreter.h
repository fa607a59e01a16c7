#pragma once
// A CPython 3.11 on x86-64 Linux, described without running any Python, for
// tests and fuzzers that install in-process (fault_injection_test,
// fuzz/fuzz_install): its scheme puts everything under `prefix`
// (lib/python3.11/site-packages, bin, include/python3.11/NAME, the prefix
// itself for data), and its path is PREFIX/bin/python3, which need not exist
// (no byte-compilation).

#include "interpreter.h"
#include "paths.h"

#include <string>
#include <utility>

namespace whlinst {

inline Interpreter fixed_cpython311(const std::string& prefix) {
  Interpreter interpreter;
  interpreter.path = join_path(prefix, "bin/python3");
  interpreter.executable = interpreter.path;
  interpreter.major = 3, interpreter.minor = 11, interpreter.micro = 7;
  interpreter.full_version = "3.11.7";
  interpreter.implementation = "cpython";
  interpreter.cache_tag = "cpython-311";
  interpreter.soabi = "cpython-311-x86_64-linux-gnu";
  interpreter.ext_suffix = ".cpython-311-x86_64-linux-gnu.so";
  interpreter.platform = "linux-x86_64";
  interpreter.glibc = std::make_pair(2, 36);
  interpreter.prefix_scheme = {"/@WHLINST_PREFIX@/lib/python3.11/site-packages",
                               "/@WHLINST_PREFIX@/lib/python3.11/site-packages",
                               "/@WHLINST_PREFIX@/include/python3.11/@WHLINST_DIST@", "/@WHLINST_PREFIX@/bin",
                               "/@WHLINST_PREFIX@"};
  interpreter.default_scheme = interpreter.prefix_scheme;
  return interpreter;
}

} // namespace whlinst
