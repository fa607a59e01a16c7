"""The commands the benchmark compares, as measure.Tool templates.

Without byte-compilation: unzip (the extraction floor) against whlinst
--no-compile (by default durable against a killed process, no sync); the
durable pair: unzip followed by sync against whlinst --fsync (durable against
power loss: journal fdatasyncs and one syncfs); pip --no-compile, Debian's
python3 -m installer --no-compile-bytecode. With: unzip followed by
compileall -j0 (the floor), whlinst, pip, installer --compile-bytecode 0
(the same single level as the others; its default compiles 0 and 1).
"""

from measure import Tool

INSTALLER_PYTHON = "/usr/bin/python3"
PIP_FLAGS = ["--no-deps", "--no-index", "-I", "-q", "--disable-pip-version-check",
             "--root-user-action=ignore"]
WHLINST = ["{whlinst}", "install", "{wheel}", "--prefix", "{dest}", "--python", "{python}", "-q"]
PIP = ["{python}", "-m", "pip", "install"] + PIP_FLAGS + ["--prefix", "{dest}", "{wheel}"]
INSTALLER = [INSTALLER_PYTHON, "-m", "installer", "--destdir", "{dest}", "{wheel}"]

ALL = [
    Tool("unzip", ["unzip", "-q", "{wheel}", "-d", "{dest}"], False),
    Tool("whlinst", WHLINST + ["--no-compile"], False),
    Tool("unzip+sync", ["sh", "-c", 'unzip -q "$0" -d "$1" && sync', "{wheel}", "{dest}"], False),
    Tool("whlinst+fsync", WHLINST + ["--no-compile", "--fsync"], False),
    Tool("pip", PIP + ["--no-compile"], False),
    Tool("installer", INSTALLER + ["--no-compile-bytecode"], False),
    # compileall exits 1 when a file does not compile (fixture_nocompile).
    Tool("floor-c", ["sh", "-c", 'unzip -q "$0" -d "$1" && "$2" -m compileall -q -j0 "$1"',
                     "{wheel}", "{dest}", "{python}"], True, ok_status=(0, 1)),
    Tool("whlinst-c", WHLINST, True),
    Tool("pip-c", PIP, True),
    Tool("installer-c", INSTALLER + ["--compile-bytecode", "0"], True),
]
NAMES = [tool.name for tool in ALL]
NO_COMPILE = [tool.name for tool in ALL if not tool.compile]
COMPILE = [tool.name for tool in ALL if tool.compile]


def select(names):
    """The Tools named in NAMES (all when empty), in ALL's order."""
    unknown = set(names or []) - set(NAMES)
    if unknown:
        raise ValueError(f"unknown tools {sorted(unknown)}; known: {', '.join(NAMES)}")
    return [tool for tool in ALL if not names or tool.name in names]
