#include "reserved_scripts.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("classify_script_name: the environment's interpreter names") {
  for (const char* name :
       {"python", "python3", "python3.13", "python3.9", "python3.100", "python3.13t", "python3.11d",
        "python3.13td", "python3t", "python3d", "Python", "PYTHON3.12", "python.exe", "python3.exe",
        "Python3.13T.EXE", "pythonw", "pythonw.exe", "pythonw3.12", "pypy", "pypy3", "pypy3.10", "PyPy3.exe",
        "pypy-c", "graalpy", "graalpy3.11", "GraalPy.exe"}) {
    CAPTURE(name);
    CHECK(classify_script_name(name) == ScriptNameKind::interpreter);
  }
}

TEST_CASE("classify_script_name: activation scripts") {
  for (const char* name : {"activate", "activate.csh", "activate.fish", "activate.nu", "activate.bat",
                           "Activate.ps1", "ACTIVATE", "activate_this.py", "deactivate", "deactivate.bat",
                           "activate.exe"}) {
    CAPTURE(name);
    CHECK(classify_script_name(name) == ScriptNameKind::activation);
  }
}

TEST_CASE("classify_script_name: ordinary names, including near misses") {
  for (const char* name :
       {"python2", "python2.7", "python4", "python-config", "python3-config", "python3.13-config", "python3.",
        "python3.x", "python3.13m", "python3.13tt", "python3.t", "pythonista", "pythons", "py", "ipython",
        "bpython", "mypython3", "python3.exe.manifest", "activate-global-python-argcomplete",
        "activates", "reactivate", "pip", "pip3.11", "graal", "pyp", "", "python3.13.exe.exe"}) {
    CAPTURE(name);
    CHECK(classify_script_name(name) == ScriptNameKind::ordinary);
  }
}
