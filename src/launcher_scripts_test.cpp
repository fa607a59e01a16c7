#include "launcher_scripts.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

using Strings = std::vector<std::string>;

const std::string kPython = "/opt/python3.11/bin/python3";
const std::string kSpacePython = "/tmp/with space/bin/python3";
// 125 bytes: "#!" + path + "\n" is 128 bytes, one more than distlib allows.
const std::string kLongPython = "/tmp/" + std::string(108, 'e') + "/bin/python3";
// 124 bytes: the shebang line is exactly 127 bytes.
const std::string kLongestPlainPython = "/tmp/" + std::string(107, 'd') + "/bin/python3";

std::vector<EntryPoint> entry_points_of(std::string_view text) {
  Result<std::vector<EntryPoint>> entry_points = parse_entry_points(text);
  REQUIRE(entry_points.ok());
  return std::move(entry_points).value();
}

std::vector<ScriptSpec> specs_of(std::string_view text, std::optional<std::string> ensurepip = std::nullopt) {
  auto specs = scripts_for_entry_points(entry_points_of(text), "3.11", std::move(ensurepip));
  REQUIRE(specs.ok());
  return std::move(specs).value();
}

Strings names_of(const std::vector<ScriptSpec>& specs) {
  Strings names;
  for (const ScriptSpec& spec : specs)
    names.push_back(spec.name);
  return names;
}

std::string specs_error(std::string_view text) {
  auto specs = scripts_for_entry_points(entry_points_of(text), "3.11", std::nullopt);
  REQUIRE_FALSE(specs.ok());
  return specs.error().message;
}

const char kPipNames[] = "[console_scripts]\n"
                         "pip = pip._internal.cli.main:main\n"
                         "pip3 = pip._internal.cli.main:main\n"
                         "pip3.4 = pip._internal.cli.main:main\n"
                         "easy_install = setuptools.command.easy_install:main\n"
                         "easy_install-2.7 = setuptools.command.easy_install:main\n"
                         "tool = pkg:main\n";

// The trailer of every wrapper pip 23 writes, after its first line(s).
std::string pip_wrapper_body(const std::string& module, const std::string& import_name,
                             const std::string& call) {
  return "# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom " + module + " import " + import_name +
         "\nif __name__ == '__main__':\n"
         "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
         "    sys.exit(" + call + "())\n";
}

std::string rewritten(std::string_view content, const std::string& interpreter) {
  std::optional<std::string> script = rewrite_data_script(content, interpreter);
  REQUIRE(script.has_value());
  return *script;
}

} // namespace

TEST_CASE("scripts_for_entry_points: console scripts, then GUI scripts, other groups ignored") {
  auto specs = specs_of("[gui_scripts]\n"
                        "viewer = pkg.gui:Window.show\n"
                        "[console_scripts]\n"
                        "zeta = pkg.cli:main [extra]\n"
                        "alpha = pkg:run\n"
                        "[pkg.plugins]\n"
                        "plugin = pkg.plugin:hook\n");
  REQUIRE(specs.size() == 3);
  CHECK(specs[0].name == "zeta");
  CHECK(specs[0].module == "pkg.cli");
  CHECK(specs[0].attribute == "main");
  CHECK(specs[1].name == "alpha");
  CHECK(specs[1].module == "pkg");
  CHECK(specs[1].attribute == "run");
  CHECK(specs[2].name == "viewer");
  CHECK(specs[2].module == "pkg.gui");
  CHECK(specs[2].attribute == "Window.show");
  CHECK(specs_of("").empty());
}

TEST_CASE("scripts_for_entry_points: pip and easy_install get the versions of the target Python") {
  CHECK(names_of(specs_of(kPipNames)) ==
        Strings{"pip", "pip3", "pip3.11", "easy_install", "easy_install-3.11", "tool"});
  for (const ScriptSpec& spec : specs_of(kPipNames)) {
    CAPTURE(spec.name);
    bool is_pip = spec.name.substr(0, 3) == "pip";
    CHECK(spec.module == (is_pip ? "pip._internal.cli.main"
                          : spec.name == "tool" ? "pkg"
                                                : "setuptools.command.easy_install"));
    CHECK(spec.attribute == "main");
  }
  auto specs = scripts_for_entry_points(entry_points_of(kPipNames), "3.9", std::nullopt);
  REQUIRE(specs.ok());
  CHECK(names_of(*specs) == Strings{"pip", "pip3", "pip3.9", "easy_install", "easy_install-3.9", "tool"});
}

TEST_CASE("scripts_for_entry_points: ENSUREPIP_OPTIONS shapes the pip and easy_install names") {
  CHECK(names_of(specs_of(kPipNames, "altinstall")) == Strings{"pip3.11", "easy_install-3.11", "tool"});
  CHECK(names_of(specs_of(kPipNames, "install")) ==
        Strings{"pip3", "pip3.11", "easy_install-3.11", "tool"});
  // Set but empty counts as set, as in pip.
  CHECK(names_of(specs_of(kPipNames, "")) == Strings{"pip3", "pip3.11", "easy_install-3.11", "tool"});
}

TEST_CASE("scripts_for_entry_points: only pip's own versioned names are dropped") {
  CHECK(names_of(specs_of("[console_scripts]\n"
                          "pip3.12 = p:m\npipx = p:m\npip-run = p:m\npip3.11.1 = p:m\n"
                          "pip = p:m\npip2 = p:m\neasy_install-3 = p:m\n")) ==
        Strings{"pip", "pip3", "pip3.11", "pipx", "pip-run", "pip3.11.1", "easy_install-3"});
  // Without "pip" or "easy_install" themselves, versioned names are ordinary scripts.
  CHECK(names_of(specs_of("[console_scripts]\npip3 = p:m\neasy_install-2.7 = p:m\n")) ==
        Strings{"pip3", "easy_install-2.7"});
  // The special case is for console scripts only.
  CHECK(names_of(specs_of("[gui_scripts]\npip = p:m\npip3.4 = p:m\n")) == Strings{"pip", "pip3.4"});
  CHECK(names_of(specs_of("[console_scripts]\neasy_install = p:m\n", "altinstall")) ==
        Strings{"easy_install-3.11"});
}

TEST_CASE("scripts_for_entry_points: an entry point without ':attr' is refused") {
  CHECK(specs_error("[console_scripts]\nok = pkg:main\nbad = pkg.cli\n") ==
        "entry point 'bad = pkg.cli' names no callable (expected module:function)");
  CHECK(specs_error("[gui_scripts]\nwin = pkg.gui [extra]\n") ==
        "entry point 'win = pkg.gui [extra]' names no callable (expected module:function)");
  CHECK(specs_error("[console_scripts]\npip = pip\n") ==
        "entry point 'pip = pip' names no callable (expected module:function)");
  // Other groups are not scripts: no callable needed.
  CHECK(specs_of("[pkg.plugins]\nplugin = pkg.plugin\n").empty());
}

TEST_CASE("scripts_for_entry_points: duplicates") {
  // A repeated name keeps its first position and its last value, as pip's dict does.
  auto specs = specs_of("[console_scripts]\na = m:first\nb = m:b\na = m:last\n");
  REQUIRE(names_of(specs) == Strings{"a", "b"});
  CHECK(specs[0].attribute == "last");
  auto pip = specs_of("[console_scripts]\npip = old:main\npip = new:main\n");
  REQUIRE(names_of(pip) == Strings{"pip", "pip3", "pip3.11"});
  for (const ScriptSpec& spec : pip)
    CHECK(spec.module == "new");
  // The same name in both groups gives two scripts; the plan reports the collision.
  CHECK(names_of(specs_of("[console_scripts]\ntool = m:cli\n[gui_scripts]\ntool = m:gui\n")) ==
        Strings{"tool", "tool"});
}

TEST_CASE("interpreter_header: a plain shebang when the kernel can read it") {
  CHECK(interpreter_header("/usr/bin/python3") == "#!/usr/bin/python3\n");
  REQUIRE(kLongestPlainPython.size() == 124);
  std::string header = interpreter_header(kLongestPlainPython);
  CHECK(header == "#!" + kLongestPlainPython + "\n");
  CHECK(header.size() == 127);
}

TEST_CASE("interpreter_header: the /bin/sh exec form for a space or a long path, as distlib") {
  CHECK(interpreter_header(kSpacePython) ==
        "#!/bin/sh\n'''exec' \"/tmp/with space/bin/python3\" \"$0\" \"$@\"\n' '''\n");
  REQUIRE(kLongPython.size() == 125);
  CHECK(interpreter_header(kLongPython) == "#!/bin/sh\n'''exec' " + kLongPython + " \"$0\" \"$@\"\n' '''\n");
  std::string long_with_space = "/tmp/a b/" + std::string(120, 'x');
  CHECK(interpreter_header(long_with_space) ==
        "#!/bin/sh\n'''exec' \"" + long_with_space + "\" \"$0\" \"$@\"\n' '''\n");
}

TEST_CASE("entry_point_script is byte-identical to pip 23.2.1's") {
  // Literals from `python3 -I -m pip install --no-deps --no-index --no-compile --prefix`
  // of wheels-fixtures' fixture_entrypoints (entry points fixture-ep-nested and
  // fixture-ep-simple), run as the interpreter named in the first line.
  CHECK(entry_point_script({"fixture-ep-nested", "fixture_entrypoints.cli", "App.run"}, kPython) ==
        "#!/opt/python3.11/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
        "from fixture_entrypoints.cli import App\nif __name__ == '__main__':\n"
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
        "    sys.exit(App.run())\n");
  CHECK(entry_point_script({"fixture-ep-simple", "fixture_entrypoints", "main"}, kPython) ==
        "#!/opt/python3.11/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
        "from fixture_entrypoints import main\nif __name__ == '__main__':\n"
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
        "    sys.exit(main())\n");
  CHECK(entry_point_script({"fixture-ep-nested", "fixture_entrypoints.cli", "App.run"}, kSpacePython) ==
        "#!/bin/sh\n'''exec' \"/tmp/with space/bin/python3\" \"$0\" \"$@\"\n' '''\n"
        "# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
        "from fixture_entrypoints.cli import App\nif __name__ == '__main__':\n"
        "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
        "    sys.exit(App.run())\n");
  CHECK(entry_point_script({"x", "fixture_entrypoints.cli", "App.run"}, kLongPython) ==
        "#!/bin/sh\n'''exec' " + kLongPython + " \"$0\" \"$@\"\n' '''\n" +
            pip_wrapper_body("fixture_entrypoints.cli", "App", "App.run"));
  CHECK(entry_point_script({"x", "a.b", "Obj.inner.method"}, "/usr/bin/python3") ==
        "#!/usr/bin/python3\n" + pip_wrapper_body("a.b", "Obj", "Obj.inner.method"));
}

TEST_CASE("rewrite_data_script: only '#!python' first lines are rewritten") {
  CHECK_FALSE(rewrite_data_script("", kPython));
  CHECK_FALSE(rewrite_data_script("#!/usr/bin/env python\nprint(1)\n", kPython));
  CHECK_FALSE(rewrite_data_script(" #!python\n", kPython));
  CHECK_FALSE(rewrite_data_script("print('#!python')\n", kPython));
  CHECK_FALSE(rewrite_data_script("#!/bin/sh\necho hi\n", kSpacePython));
}

TEST_CASE("rewrite_data_script: the first line is replaced as a whole, as pip does") {
  CHECK(rewritten("#!python -u\r\nprint(1)\r\n", "/usr/bin/python3") ==
        "#!/usr/bin/python3\nprint(1)\r\n");
  CHECK(rewritten("#!pythonw\nimport gui\n", "/usr/bin/python3") == "#!/usr/bin/python3\nimport gui\n");
  CHECK(rewritten("#!python3.11 -E -s\n", "/usr/bin/python3") == "#!/usr/bin/python3\n");
  CHECK(rewritten("#!python", "/usr/bin/python3") == "#!/usr/bin/python3\n");
  const std::string binary("#!python\n\xff\0" "binary", 17);
  CHECK(rewritten(binary, kLongestPlainPython) == "#!" + kLongestPlainPython + binary.substr(8));
}

TEST_CASE("rewrite_data_script: exec form without a docstring") {
  // The trampoline's string becomes the docstring, so a __future__ import stays legal.
  CHECK(rewritten("#!python -u\r\nfrom __future__ import annotations\r\nimport sys\r\n", kSpacePython) ==
        "#!/bin/sh\n'''exec' \"/tmp/with space/bin/python3\" \"$0\" \"$@\"\n' '''\n"
        "from __future__ import annotations\r\nimport sys\r\n");
  CHECK(rewritten("#!python\nimport sys\n", kLongPython) ==
        "#!/bin/sh\n'''exec' " + kLongPython + " \"$0\" \"$@\"\n' '''\nimport sys\n");
  CHECK(rewritten("#!python", kSpacePython) ==
        "#!/bin/sh\n'''exec' \"/tmp/with space/bin/python3\" \"$0\" \"$@\"\n' '''\n");
}

TEST_CASE("rewrite_data_script: exec form joins a module docstring to the trampoline") {
  // Each expected text was run by hand under /bin/sh with "/tmp/with space/bin/python3"
  // a symlink to Python 3.11: the arguments arrive, the __future__ import is accepted.
  const std::string header = "#!/bin/sh\n'''exec' \"/tmp/with space/bin/python3\" \"$0\" \"$@\"\n' ''' \\\n";
  CHECK(rewritten("#!python\n"
                            "# a comment\n"
                            "\"\"\"Script docstring.\"\"\"\n"
                            "from __future__ import annotations\n"
                            "import sys\n",
                            kSpacePython) == header +
                                                 "\"\"\"Script docstring.\"\"\"\n"
                                                 "# a comment\n"
                                                 "from __future__ import annotations\n"
                                                 "import sys\n");
  CHECK(rewritten("#!python -u\r\n\"\"\"doc\r\nline two\"\"\"\r\nfrom __future__ import annotations\r\n",
                            kSpacePython) ==
        header + "\"\"\"doc\r\nline two\"\"\"\r\nfrom __future__ import annotations\r\n");
  CHECK(rewritten("#!python\n\n# c\n\nu'it\\'s'\nfrom __future__ import annotations\n", kSpacePython) ==
        header + "u'it\\'s'\n\n# c\n\nfrom __future__ import annotations\n");
  CHECK(rewritten("#!python\n\"doc\\\nmore\"\nx = 1\n", kSpacePython) == header + "\"doc\\\nmore\"\nx = 1\n");
  CHECK(rewritten("#!python\n\"\"\"doc\"\"\"", kSpacePython) == header + "\"\"\"doc\"\"\"\n");
  CHECK(rewritten("#!python\n\"\"\"doc\"\"\"\n", kLongPython) ==
        "#!/bin/sh\n'''exec' " + kLongPython + " \"$0\" \"$@\"\n' ''' \\\n\"\"\"doc\"\"\"\n");
  // Bytes and f-strings are not docstrings: nothing is joined.
  CHECK(rewritten("#!python\nb'x'\n", kSpacePython) ==
        "#!/bin/sh\n'''exec' \"/tmp/with space/bin/python3\" \"$0\" \"$@\"\n' '''\nb'x'\n");
  CHECK(rewritten("#!python\nf'x'\n", kSpacePython) ==
        "#!/bin/sh\n'''exec' \"/tmp/with space/bin/python3\" \"$0\" \"$@\"\n' '''\nf'x'\n");
}

// PEP 263 reads an encoding declaration only on line 1 or 2.
TEST_CASE("rewrite_data_script: exec form keeps a coding declaration on line 1 or 2") {
  auto script = rewrite_data_script("#!python\n# -*- coding: latin-1 -*-\nprint('caf\xe9')\n", kSpacePython);
  REQUIRE(script);
  size_t second_line_end = script->find('\n', script->find('\n') + 1);
  CHECK(script->substr(0, second_line_end).find("coding: latin-1") != std::string::npos);
}
