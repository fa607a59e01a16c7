#include "plan.h"

#include "test_support.h"
#include "wheel_in_memory.h"

#include <doctest/doctest.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {

using Payload = std::vector<ZipEntry>;

const std::string kPython = "/p/bin/python3";

Scheme test_scheme() {
  Scheme scheme;
  scheme.purelib = "/p/lib/python3.11/site-packages";
  scheme.platlib = "/p/lib64/python3.11/site-packages";
  scheme.headers = "/p/include/python3.11/pkg";
  scheme.scripts = "/p/bin";
  scheme.data = "/p";
  return scheme;
}

// A wheel "pkg-1.0" with `payload` and its .dist-info files, in memory.
class TestWheel {
public:
  explicit TestWheel(std::vector<ZipEntry> payload, std::string_view root_is_purelib = "true")
      : wheel_("pkg-1.0-py3-none-any.whl", wheel_entries("pkg-1.0", std::move(payload), root_is_purelib)) {}
  const WheelContents& operator*() const { return *wheel_; }

private:
  WheelInMemory wheel_;
};

Result<InstallPlan> plan_of(const TestWheel& wheel, const std::vector<ScriptSpec>& scripts = {},
                            const Scheme& scheme = test_scheme()) {
  return plan_install(*wheel, scheme, scripts, kPython);
}

InstallPlan valid_plan(const TestWheel& wheel, const std::vector<ScriptSpec>& scripts = {},
                       const Scheme& scheme = test_scheme()) {
  Result<InstallPlan> plan = plan_of(wheel, scripts, scheme);
  REQUIRE_MESSAGE(plan.ok(), plan.error().message);
  return std::move(plan).value();
}

std::string plan_error(const TestWheel& wheel, const std::vector<ScriptSpec>& scripts = {},
                       const Scheme& scheme = test_scheme()) {
  Result<InstallPlan> plan = plan_of(wheel, scripts, scheme);
  REQUIRE_FALSE(plan.ok());
  return plan.error().message;
}

const Placement& placement_of(const InstallPlan& plan, std::string_view entry_name) {
  for (const Placement& placement : plan.placements)
    if (placement.file->entry->name == entry_name)
      return placement;
  FAIL("no placement for " << std::string(entry_name));
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("plan_install: a purelib wheel's root goes to purelib") {
  TestWheel wheel(
      Payload{{"pkg/", ""}, {"pkg/__init__.py", "x = 1\n"}, {"pkg/run.sh", "#!/bin/sh\n", 0100755}});
  InstallPlan plan = valid_plan(wheel);
  CHECK(plan.lib_dir == "/p/lib/python3.11/site-packages");
  CHECK(plan.dist_info_path == "/p/lib/python3.11/site-packages/pkg-1.0.dist-info");
  CHECK(plan.scripts.empty());
  // One placement per file entry, in archive order; no directory entries.
  REQUIRE(plan.placements.size() == 5);
  const Placement& init = plan.placements[0];
  CHECK(init.file->entry->name == "pkg/__init__.py");
  CHECK(init.destination() == "/p/lib/python3.11/site-packages/pkg/__init__.py");
  CHECK(record_path_for(init.destination(), plan.lib_dir) == "pkg/__init__.py");
  CHECK(init.role == FileRole::package);
  CHECK_FALSE(init.executable);
  CHECK(plan.placements[1].executable);
  const Placement& metadata = placement_of(plan, "pkg-1.0.dist-info/METADATA");
  CHECK(metadata.destination() == "/p/lib/python3.11/site-packages/pkg-1.0.dist-info/METADATA");
  CHECK(record_path_for(metadata.destination(), plan.lib_dir) == "pkg-1.0.dist-info/METADATA");
  CHECK(metadata.role == FileRole::dist_info);
  CHECK(placement_of(plan, "pkg-1.0.dist-info/RECORD").role == FileRole::dist_info);
}

TEST_CASE("plan_install: a platlib wheel's root goes to platlib, RECORD relative to it") {
  TestWheel wheel(Payload{{"pkg/_speedups.so", "ELF"}, {"pkg-1.0.data/purelib/pure.py", ""}}, "false");
  InstallPlan plan = valid_plan(wheel);
  CHECK(plan.lib_dir == "/p/lib64/python3.11/site-packages");
  CHECK(plan.dist_info_path == "/p/lib64/python3.11/site-packages/pkg-1.0.dist-info");
  const Placement& so = placement_of(plan, "pkg/_speedups.so");
  CHECK(so.destination() == "/p/lib64/python3.11/site-packages/pkg/_speedups.so");
  CHECK(record_path_for(so.destination(), plan.lib_dir) == "pkg/_speedups.so");
  const Placement& pure = placement_of(plan, "pkg-1.0.data/purelib/pure.py");
  CHECK(pure.destination() == "/p/lib/python3.11/site-packages/pure.py");
  CHECK(record_path_for(pure.destination(), plan.lib_dir) == "../../../lib/python3.11/site-packages/pure.py");
  CHECK(placement_of(plan, "pkg-1.0.dist-info/WHEEL").destination() ==
        "/p/lib64/python3.11/site-packages/pkg-1.0.dist-info/WHEEL");
}

TEST_CASE("plan_install: each .data category goes to its scheme directory") {
  TestWheel wheel(Payload{{"pkg-1.0.data/purelib/pkg/pure.py", ""},
                   {"pkg-1.0.data/platlib/pkg/_ext.so", ""},
                   {"pkg-1.0.data/headers/pkg.h", "int x;\n"},
                   {"pkg-1.0.data/headers/sub/detail.h", ""},
                   {"pkg-1.0.data/scripts/tool", "#!python\n", 0100755},
                   {"pkg-1.0.data/scripts/plain.sh", "#!/bin/sh\n", 0100644},
                   {"pkg-1.0.data/data/share/man/man1/tool.1", ".TH\n"}});
  InstallPlan plan = valid_plan(wheel);
  auto check = [&](std::string_view entry, std::string_view destination, std::string_view record,
                   FileRole role = FileRole::package) {
    CAPTURE(entry);
    const Placement& placement = placement_of(plan, entry);
    CHECK(placement.destination() == destination);
    CHECK(record_path_for(placement.destination(), plan.lib_dir) == record);
    CHECK(placement.role == role);
  };
  check("pkg-1.0.data/purelib/pkg/pure.py", "/p/lib/python3.11/site-packages/pkg/pure.py", "pkg/pure.py");
  check("pkg-1.0.data/platlib/pkg/_ext.so", "/p/lib64/python3.11/site-packages/pkg/_ext.so",
        "../../../lib64/python3.11/site-packages/pkg/_ext.so");
  check("pkg-1.0.data/headers/pkg.h", "/p/include/python3.11/pkg/pkg.h",
        "../../../include/python3.11/pkg/pkg.h");
  check("pkg-1.0.data/headers/sub/detail.h", "/p/include/python3.11/pkg/sub/detail.h",
        "../../../include/python3.11/pkg/sub/detail.h");
  check("pkg-1.0.data/scripts/tool", "/p/bin/tool", "../../../bin/tool", FileRole::data_script);
  check("pkg-1.0.data/scripts/plain.sh", "/p/bin/plain.sh", "../../../bin/plain.sh", FileRole::data_script);
  check("pkg-1.0.data/data/share/man/man1/tool.1", "/p/share/man/man1/tool.1",
        "../../../share/man/man1/tool.1");
  CHECK(placement_of(plan, "pkg-1.0.data/scripts/tool").executable);
  CHECK_FALSE(placement_of(plan, "pkg-1.0.data/scripts/plain.sh").executable);
}

TEST_CASE("plan_install: unknown .data categories and files directly in .data are refused") {
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/etc/pkg.conf", ""}})) ==
        "pkg-1.0.data/etc/pkg.conf: unknown .data category 'etc'");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/Scripts/tool", ""}})) ==
        "pkg-1.0.data/Scripts/tool: unknown .data category 'Scripts'");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/README", ""}})) ==
        "pkg-1.0.data/README: unknown .data category 'README'");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/purelib", "a file named like a category"}})) ==
        "pkg-1.0.data/purelib: file directly in a .data directory");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/scripts", ""}})) ==
        "pkg-1.0.data/scripts: file directly in a .data directory");
}

TEST_CASE("plan_install: two entries with the same destination are refused") {
  CHECK(plan_error(TestWheel(Payload{{"pkg/a.py", "1"}, {"pkg-1.0.data/purelib/pkg/a.py", "2"}})) ==
        "pkg-1.0.data/purelib/pkg/a.py: installs to the same path as pkg/a.py");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/platlib/pkg/a.py", "1"}, {"pkg/a.py", "2"}}, "false")) ==
        "pkg/a.py: installs to the same path as pkg-1.0.data/platlib/pkg/a.py");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/data/bin/tool", "1"},
                                     {"pkg-1.0.data/scripts/tool", "2"}})) ==
        "pkg-1.0.data/scripts/tool: installs to the same path as pkg-1.0.data/data/bin/tool");
  // With purelib and platlib the same directory (the usual Debian layout).
  Scheme merged = test_scheme();
  merged.platlib = merged.purelib;
  TestWheel both(Payload{{"pkg-1.0.data/purelib/m.py", "1"}, {"pkg-1.0.data/platlib/m.py", "2"}});
  CHECK(plan_error(both, {}, merged) ==
        "pkg-1.0.data/platlib/m.py: installs to the same path as pkg-1.0.data/purelib/m.py");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/purelib/pkg-1.0.dist-info/METADATA", ""}})) ==
        "pkg-1.0.data/purelib/pkg-1.0.dist-info/METADATA: installs into the .dist-info directory "
        "from outside it");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/purelib/pkg-1.0.dist-info/extra.txt", ""}})) ==
        "pkg-1.0.data/purelib/pkg-1.0.dist-info/extra.txt: installs into the .dist-info directory "
        "from outside it");
}

TEST_CASE("plan_install: entry-point scripts go to the scripts directory") {
  TestWheel wheel(Payload{{"pkg/__init__.py", ""}});
  std::vector<ScriptSpec> specs{{"pkg-cli", "pkg.cli", "main"}, {"pkg-gui", "pkg.gui", "App.run"}};
  InstallPlan plan = valid_plan(wheel, specs);
  REQUIRE(plan.scripts.size() == 2);
  CHECK(plan.scripts[0].destination == "/p/bin/pkg-cli");
  CHECK(plan.scripts[0].record_path == "../../../bin/pkg-cli");
  CHECK(plan.scripts[0].content == entry_point_script(specs[0], kPython));
  CHECK(plan.scripts[1].destination == "/p/bin/pkg-gui");
  CHECK(plan.scripts[1].content == entry_point_script(specs[1], kPython));
  CHECK(plan.scripts[1].content.rfind("#!/p/bin/python3\n", 0) == 0);
  TestWheel platlib(Payload{{"pkg/_x.so", ""}}, "false");
  CHECK(valid_plan(platlib, specs).scripts[0].record_path == "../../../bin/pkg-cli");
}

TEST_CASE("plan_install: entry-point script collisions are refused") {
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/scripts/tool", "#!python\n"}}),
                   {{"tool", "pkg", "main"}}) ==
        "entry point script tool collides with pkg-1.0.data/scripts/tool");
  CHECK(plan_error(TestWheel(Payload{{"pkg/a.py", ""}}), {{"tool", "pkg", "cli"}, {"tool", "pkg", "gui"}}) ==
        "entry point script tool collides with entry point tool");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/data/bin/tool", ""}}), {{"tool", "pkg", "main"}}) ==
        "entry point script tool collides with pkg-1.0.data/data/bin/tool");
}

TEST_CASE("record_path_for is os.path.relpath to the library directory") {
  const std::string lib = "/p/lib/python3.11/site-packages";
  CHECK(record_path_for("/p/lib/python3.11/site-packages/pkg/a.py", lib) == "pkg/a.py");
  CHECK(record_path_for("/p/bin/x", lib) == "../../../bin/x");
  CHECK(record_path_for("/p/include/python3.11/pkg/h.h", lib) == "../../../include/python3.11/pkg/h.h");
  CHECK(record_path_for("/p/lib/python3.11/x.pth", lib) == "../x.pth");
  CHECK(record_path_for("/p/lib/python3.11/site-packages", lib) == ".");
  CHECK(record_path_for("/other/bin/x", lib) == "../../../../other/bin/x");
  CHECK(record_path_for("/p/lib/python3.11/site-packages/pkg/a.py", lib + "/") == "pkg/a.py");
  CHECK(record_path_for("/p/share/a b/é.txt", lib) == "../../../share/a b/é.txt");
}

TEST_CASE("plan_install: a file where another entry needs a directory, and unsafe script names") {
  CHECK(plan_error(TestWheel(Payload{{"pkg/x", "1"}, {"pkg/x/y", "2"}})) ==
        "pkg/x: installs a file where pkg/x/y needs a directory");
  CHECK(plan_error(TestWheel(Payload{{"pkg/a.py", ""}}), {{"../../x", "pkg", "main"}}) ==
        "entry point script name '../../x' is not a plain file name");
}

TEST_CASE("plan_install: destinations equal after Unicode normalization (NFC) are refused") {
  const std::string composed = "caf\u00e9", decomposed = "cafe\u0301";
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/purelib/" + composed + ".py", "1"},
                                     {decomposed + ".py", "2"}})) ==
        decomposed + ".py: installs to the same path as pkg-1.0.data/purelib/" + composed +
            ".py after Unicode normalization (NFC)");
  // Combining marks out of canonical order (dot above, ccc 230, before dot below, 220), then in it.
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/purelib/q\u0307\u0323", "1"}, {"q\u0323\u0307", "2"}})) ==
        "q\u0323\u0307: installs to the same path as pkg-1.0.data/purelib/q\u0307\u0323 after Unicode "
        "normalization (NFC)");
  // U+212A KELVIN SIGN is "K" in NFC: an ASCII destination collides too.
  CHECK(plan_error(TestWheel(Payload{{"pkg/K.py", "1"}, {"pkg-1.0.data/purelib/pkg/\u212a.py", "2"}})) ==
        "pkg-1.0.data/purelib/pkg/\u212a.py: installs to the same path as pkg/K.py after Unicode "
        "normalization (NFC)");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/scripts/" + decomposed, "#!python\n"}}),
                   {{composed, "pkg", "main"}}) ==
        "entry point " + composed + ": installs to the same path as pkg-1.0.data/scripts/" + decomposed +
            " after Unicode normalization (NFC)");
}

TEST_CASE("plan_install: a file and a directory, or two directories, equal after NFC are refused") {
  const std::string composed = "caf\u00e9", decomposed = "cafe\u0301";
  const std::string inside = "pkg-1.0.data/purelib/pkg/" + decomposed + "/x.py";
  CHECK(plan_error(TestWheel(Payload{{"pkg/" + composed, "1"}, {inside, "2"}})) ==
        "pkg/" + composed + ": installs a file where pkg-1.0.data/purelib/pkg/" + decomposed +
            "/x.py needs a directory after Unicode normalization (NFC)");
  CHECK(plan_error(TestWheel(Payload{{inside, "1"}, {"pkg/" + composed, "2"}})) ==
        "pkg/" + composed + ": installs a file where pkg-1.0.data/purelib/pkg/" + decomposed +
            "/x.py needs a directory after Unicode normalization (NFC)");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/purelib/" + decomposed + "/a/x.py", "1"},
                                     {composed + "/a/y.py", "2"}})) ==
        composed + "/a/y.py: its directory \"" + composed + "\" and pkg-1.0.data/purelib/" + decomposed +
            "/a/x.py's \"" + decomposed + "\" name the same directory after Unicode normalization (NFC)");
}

TEST_CASE("plan_install: non-ASCII destinations distinct after NFC are planned") {
  const std::string composed = "caf\u00e9", decomposed = "cafe\u0301";
  // Shared directories, the same name in two scheme directories, NFKC-only equivalents.
  TestWheel wheel(Payload{{"pkg/" + composed + "/a.py", ""},
                          {"pkg-1.0.data/purelib/pkg/" + composed + "/b.py", ""},
                          {"pkg-1.0.data/data/" + decomposed + ".py", ""},
                          {"pkg/" + composed + ".py", ""},
                          {"pkg/\ufb01.py", "U+FB01 LATIN SMALL LIGATURE FI"},
                          {"pkg/fi.py", ""},
                          {"pkg/K.py", ""}});
  InstallPlan plan = valid_plan(wheel, {{composed, "pkg", "main"}});
  CHECK(placement_of(plan, "pkg-1.0.data/data/" + decomposed + ".py").destination() == "/p/" + decomposed + ".py");
  CHECK(plan.scripts[0].destination == "/p/bin/" + composed);
  // An exact collision is reported as such, before any normalization.
  TestWheel exact(Payload{{"pkg/" + composed, "1"}, {"pkg-1.0.data/purelib/pkg/" + composed, "2"}});
  CHECK(plan_error(exact) ==
        "pkg-1.0.data/purelib/pkg/" + composed + ": installs to the same path as pkg/" + composed);
}

TEST_CASE("is_entry_point_wrapper: pip's rule for setuptools' wrappers in .data/scripts") {
  std::vector<EntryPoint> entry_points = {{"console_scripts", "tool", "pkg", "main", {}, "pkg:main"},
                                          {"gui_scripts", "gui", "pkg", "main", {}, "pkg:main"},
                                          {"pkg.plugins", "plugin", "pkg", "main", {}, "pkg:main"}};
  for (const char* dropped : {"tool", "tool.exe", "tool.EXE", "tool-script.py", "tool-SCRIPT.PY", "tool.pya",
                              "gui", "gui.exe", "sub/tool"}) {
    CAPTURE(dropped);
    CHECK(is_entry_point_wrapper(std::string("pkg-1.0.data/scripts/") + dropped, entry_points));
  }
  for (const char* kept : {"tool-script.pyw", "tool.exe.manifest", "TOOL", "tool2", "plugin", "tool.sh", ""}) {
    CAPTURE(kept);
    CHECK_FALSE(is_entry_point_wrapper(std::string("pkg-1.0.data/scripts/") + kept, entry_points));
  }
}

TEST_CASE("plan_install: setuptools wrappers are dropped, their RECORD rows kept, the scripts generated") {
  TestWheel wheel(Payload{{"pkg/__init__.py", "def main(): pass\n"},
                          {"pkg-1.0.dist-info/entry_points.txt", "[console_scripts]\ntool = pkg:main\n"},
                          {"pkg-1.0.data/scripts/tool", "#!python\n", 0100755},
                          {"pkg-1.0.data/scripts/tool-script.py", "#!python\n"},
                          {"pkg-1.0.data/scripts/tool-script.pyw", "#!python\n"}});
  InstallPlan plan = valid_plan(wheel, {{"tool", "pkg", "main"}});
  REQUIRE(plan.dropped_wrappers.size() == 2);
  CHECK(plan.dropped_wrappers[0]->entry->name == "pkg-1.0.data/scripts/tool");
  CHECK(plan.dropped_wrappers[1]->row().path == "pkg-1.0.data/scripts/tool-script.py");
  CHECK(placement_of(plan, "pkg-1.0.data/scripts/tool-script.pyw").destination() == "/p/bin/tool-script.pyw");
  REQUIRE(plan.scripts.size() == 1);
  CHECK(plan.scripts[0].destination == "/p/bin/tool");
}

TEST_CASE("plan_install: scripts named like the environment's interpreter are refused") {
  TestWheel wheel(Payload{{"pkg/__init__.py", "def main(): pass\n"},
                          {"pkg-1.0.dist-info/entry_points.txt",
                           "[console_scripts]\npython3 = pkg:main\n[gui_scripts]\npythonw = pkg:main\n"}});
  CHECK(plan_error(wheel, {{"python3", "pkg", "main"}}) ==
        "console_scripts entry point 'python3 = pkg:main': the script name 'python3' is reserved for the "
        "environment's interpreter");
  CHECK(plan_error(wheel, {{"pythonw", "pkg", "main"}}) ==
        "gui_scripts entry point 'pythonw = pkg:main': the script name 'pythonw' is reserved for the "
        "environment's interpreter");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/scripts/python3.13t", "#!python\n", 0100755}})) ==
        "pkg-1.0.data/scripts/python3.13t: the script name 'python3.13t' is reserved for the environment's "
        "interpreter");
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/scripts/PyPy3.exe", "MZ"}})) ==
        "pkg-1.0.data/scripts/PyPy3.exe: the script name 'PyPy3.exe' is reserved for the environment's "
        "interpreter");
  // Any entry landing directly in the scripts directory, not only .data/scripts.
  CHECK(plan_error(TestWheel(Payload{{"pkg-1.0.data/data/bin/python", "#!/bin/sh\n"}})) ==
        "pkg-1.0.data/data/bin/python: the script name 'python' is reserved for the environment's "
        "interpreter");
  // A script without an entry_points.txt line of its own (as pip's renamed pipX.Y are).
  CHECK(plan_error(TestWheel(Payload{{"pkg/__init__.py", ""}}), {{"graalpy", "pkg", "main"}}) ==
        "entry point script graalpy: the script name 'graalpy' is reserved for the environment's interpreter");
}

TEST_CASE("plan_install: interpreter names elsewhere than the scripts directory are planned") {
  InstallPlan plan = valid_plan(TestWheel(Payload{{"pkg-1.0.data/scripts/sub/python3", "#!/bin/sh\n"},
                                                  {"pkg-1.0.data/data/share/pkg/python", ""},
                                                  {"pkg/python3", ""},
                                                  {"pkg-1.0.data/scripts/python3-config", "#!/bin/sh\n"}}),
                                {{"python2", "pkg", "main"}});
  CHECK(plan.placements.size() == 7);
  CHECK(plan.scripts.size() == 1);
  CHECK(plan.warnings.empty());
}

TEST_CASE("plan_install: scripts replacing a venv's activation scripts are a warning") {
  TestWheel wheel(Payload{{"pkg/__init__.py", "def main(): pass\n"},
                          {"pkg-1.0.dist-info/entry_points.txt", "[console_scripts]\nactivate = pkg:main\n"},
                          {"pkg-1.0.data/scripts/Activate.ps1", "Write-Output x\n"},
                          {"pkg-1.0.data/scripts/activate-global-python-argcomplete", "#!python\n"}});
  InstallPlan plan = valid_plan(wheel, {{"activate", "pkg", "main"}});
  CHECK(plan.scripts.size() == 1);
  CHECK(placement_of(plan, "pkg-1.0.data/scripts/Activate.ps1").destination() == "/p/bin/Activate.ps1");
  CHECK(plan.warnings ==
        std::vector<std::string>{"pkg-1.0.data/scripts/Activate.ps1: the script name 'Activate.ps1' is that of a "
                                 "venv's activation script; installing anyway",
                                 "console_scripts entry point 'activate = pkg:main': the script name "
                                 "'activate' is that of a venv's activation script; installing anyway"});
}

TEST_CASE("check_generated_dist_info: a wheel shipping a file the installer writes is refused while planning") {
  TestWheel shipping(Payload{{"pkg/__init__.py", ""}, {"pkg-1.0.dist-info/REQUESTED", ""}});
  InstallPlan plan = valid_plan(shipping);
  CHECK(check_generated_dist_info(plan, {"INSTALLER"}).ok());
  auto refused = check_generated_dist_info(plan, {"INSTALLER", "REQUESTED"});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "pkg-1.0.dist-info/REQUESTED: must not be shipped in the wheel");
}

TEST_CASE("plan_bytecode: every .py file outside the .dist-info, once per level, named by the cache tag") {
  TestWheel wheel(Payload{{"pkg/__init__.py", ""}, {"pkg/data.txt", ""}, {"pkg-1.0.dist-info/extra.py", ""}});
  InstallPlan plan = valid_plan(wheel);
  plan_bytecode(plan, "cpython-311", {0, 2});
  std::vector<std::string> pycs;
  for (const Placement& placement : plan.placements)
    for (const BytecodeTarget& target : plan.bytecode(placement))
      pycs.push_back(std::to_string(target.level) + " " + target.pyc);
  CHECK(pycs == std::vector<std::string>{
                    "0 /p/lib/python3.11/site-packages/pkg/__pycache__/__init__.cpython-311.pyc",
                    "2 /p/lib/python3.11/site-packages/pkg/__pycache__/__init__.cpython-311.opt-2.pyc"});
  plan_bytecode(plan, "cpython-311", {});
  for (const Placement& placement : plan.placements) {
    CHECK_FALSE(placement.compiled);
    CHECK(plan.bytecode(placement).empty());
  }
}
