#include "pip_compatibility.h"

#include "option_table.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
using Strings = std::vector<std::string>;

Result<ParsedArguments> compatible(const Strings& arguments) {
  static const std::vector<OptionSpec> options = options_of(Command::install);
  TRY_ASSIGN(parsed, parse_arguments(arguments, options));
  TRY(apply_pip_compatibility(parsed));
  return parsed;
}

std::string error_of(const Strings& arguments) {
  auto parsed = compatible(arguments);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error().message;
}

bool is_install(std::string_view word) { return word == "install" || word == "uninstall"; }
} // namespace

TEST_CASE("pip compatibility: aliases become whlinst's options") {
  auto parsed = compatible({"-I", "--destdir", "/d", "--interpreter=/usr/bin/python3", "x.whl"});
  REQUIRE(parsed.ok());
  CHECK(parsed->has("overwrite"));
  CHECK_FALSE(parsed->has("ignore-installed"));
  CHECK(parsed->last("root") == "/d");
  CHECK(parsed->last("python") == "/usr/bin/python3");
  auto installer = compatible({"--compile-bytecode", "0", "--compile-bytecode=2", "-d", "/d", "x.whl"});
  REQUIRE(installer.ok());
  CHECK(installer->last("optimize") == "0,2");
  CHECK(installer->has("compile"));
  CHECK(installer->last("root") == "/d");
  auto none = compatible({"--no-compile-bytecode", "x.whl"});
  REQUIRE(none.ok());
  CHECK(none->has("no-compile"));
}

TEST_CASE("pip compatibility: values checked as pip checks them") {
  CHECK(compatible({"--progress-bar", "off", "--upgrade-strategy", "eager", "--root-user-action=ignore",
                    "-U", "--no-build-isolation", "--only-binary", ":all:", "x-1.0-py3-none-any.whl"})
            .ok());
  CHECK(error_of({"--progress-bar", "fancy"}) ==
        "--progress-bar: invalid choice 'fancy' (choose from on, off, raw)");
  CHECK(error_of({"--upgrade-strategy", "always"}).find("--upgrade-strategy: invalid choice") == 0);
  CHECK(error_of({"--root-user-action", "x"}).find("--root-user-action: invalid choice") == 0);
  CHECK(error_of({"--destdir", "/a", "--root", "/b"}) == "--destdir is another name for --root: give one of them");
  CHECK(error_of({"--user", "--prefix", "/p"}) == "--user and --prefix cannot be combined");
  CHECK(error_of({"--target", "/t", "--user"}) == "--user and --target cannot be combined");
  CHECK(error_of({"--compile-bytecode", "0", "--no-compile-bytecode"}).find("contradict") != std::string::npos);
}

TEST_CASE("pip compatibility: --no-binary excluding a wheel given is a usage error") {
  CHECK(error_of({"--no-binary", ":all:", "x-1.0-py3-none-any.whl"}) ==
        "--no-binary :all: excludes every wheel, and whlinst installs only wheels");
  CHECK(error_of({"--no-binary=:all:", "-r", "reqs.txt"}).find(":all:") != std::string::npos);
  CHECK(error_of({"--no-binary", "other,My.Project", "/w/my_project-1.0-py3-none-any.whl"}) ==
        "--no-binary my-project excludes the wheel /w/my_project-1.0-py3-none-any.whl, and whlinst "
        "installs only wheels");
  CHECK(compatible({"--no-binary", "other", "x-1.0-py3-none-any.whl"}).ok());
  CHECK(compatible({"--no-binary", ":all:", "--no-binary", ":none:", "x-1.0-py3-none-any.whl"}).ok());
}

TEST_CASE("command_word_first: pip's general options before the command") {
  CHECK(command_word_first({"-vvv", "--no-input", "--no-cache-dir", "--disable-pip-version-check", "install",
                            "--no-deps", "x.whl"},
                           is_install) == Strings{"install", "-vvv", "--no-input", "--no-cache-dir",
                                                  "--disable-pip-version-check", "--no-deps", "x.whl"});
  CHECK(command_word_first({"--python", "/p", "--isolated", "uninstall", "six"}, is_install) ==
        Strings{"uninstall", "--python", "/p", "--isolated", "six"});
  CHECK(command_word_first({"--cache-dir=/c", "install"}, is_install) == Strings{"install", "--cache-dir=/c"});
  // Unchanged: no command word, an option that is not a general one, a wheel first.
  CHECK(command_word_first({"-v", "x.whl"}, is_install) == Strings{"-v", "x.whl"});
  CHECK(command_word_first({"--prefix", "/p", "install"}, is_install) == Strings{"--prefix", "/p", "install"});
  CHECK(command_word_first({"install", "-v"}, is_install) == Strings{"install", "-v"});
  CHECK(command_word_first({"-vx", "install"}, is_install) == Strings{"-vx", "install"});
}
