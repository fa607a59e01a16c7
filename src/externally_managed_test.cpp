#include "externally_managed.h"

#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;

TEST_CASE("externally_managed_message: the Error of [externally-managed], continuation lines kept") {
  CHECK(externally_managed_message("[externally-managed]\nError=To install, use apt.\n", "/usr") ==
        "To install, use apt.");
  CHECK(externally_managed_message("[other]\nError = no\n[externally-managed]\nError = first\n  second line\n"
                                   "Error-de = nein\n",
                                   "/usr") == "first\nsecond line");
}

TEST_CASE("externally_managed_message: pip's default text without an Error key") {
  CHECK(externally_managed_message("[externally-managed]\n", "/opt/py").find(
            "The Python environment under /opt/py is managed externally") == 0);
}

TEST_CASE("check_externally_managed: only the default scheme of a non-venv interpreter with the marker") {
  TemporaryDirectory directory;
  Interpreter interpreter;
  interpreter.stdlib = directory.path();
  interpreter.sys_prefix = "/usr";
  CHECK(check_externally_managed(interpreter, SchemeChoice::interpreter_default, BreakSystemPackages::no).ok());
  testing::write_text_file(directory / "EXTERNALLY-MANAGED", "[externally-managed]\nError=Use apt.\n");
  auto refused = check_externally_managed(interpreter, SchemeChoice::interpreter_default, BreakSystemPackages::no);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("externally-managed-environment") == 0);
  CHECK(refused.error().message.find(": Use apt.") != std::string::npos);
  CHECK(check_externally_managed(interpreter, SchemeChoice::interpreter_default, BreakSystemPackages::yes).ok());
  CHECK(check_externally_managed(interpreter, SchemeChoice::explicit_directories, BreakSystemPackages::no).ok());
  interpreter.in_venv = true;
  CHECK(check_externally_managed(interpreter, SchemeChoice::interpreter_default, BreakSystemPackages::no).ok());
}
