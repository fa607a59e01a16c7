"""Helpers shared by the parallel-stress and crash-recovery tests of whlinst
(docs/design.md invariants 2-6), standard library only.

Checks     one line per check, `KNOWN-BUG:` lines for failures a known whlinst
           bug explains (they do not fail the run), the final `N passed, M failed`.
Whlinst    command lines for the binary under test, with --prefix and --python.
Trees      what a prefix holds: files outside whlinst's own state (`.whlinst/`
           in site-packages, a venv's `.lock`), the RECORDs' paths, leftover
           `.whlinst-*` names and journals, dist-infos whose files are missing.
"""

import csv
import glob
import io
import os
import re
import subprocess
import sys

import scheme_paths

TARGET_PYTHON = sys.executable
STATE_DIR = ".whlinst"
HIDDEN_PREFIX = ".whlinst-"
TIMEOUT = 300


class Checks:
    """Counts checks; a failing check given known_bug prints KNOWN-BUG instead of FAIL."""

    def __init__(self):
        self.passed = self.failed = self.known = 0

    def check(self, name, ok, detail="", known_bug=None):
        detail = " ".join(str(detail).split())[:700]
        suffix = f": {detail}" if detail else ""
        if ok:
            self.passed += 1
            print(f"PASS {name}", flush=True)
        elif known_bug:
            self.known += 1
            print(f"KNOWN-BUG: {name}: {known_bug}{suffix}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}{suffix}", flush=True)
        return ok

    def finish(self):
        if self.known:
            print(f"{self.known} expected failures (KNOWN-BUG)")
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


class Whlinst:
    """The binary under test, always given --prefix and the target --python."""

    def __init__(self, exe, python=TARGET_PYTHON):
        self.exe = os.path.abspath(exe)
        self.python = python

    def command(self, action, *args, prefix):
        return [self.exe, action, *args, "--prefix", prefix, "--python", self.python]

    def run(self, action, *args, prefix):
        return subprocess.run(self.command(action, *args, prefix=prefix), env=clean_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=TIMEOUT)


def clean_env(extra=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(extra or {})
    return env


def describe(result):
    """Exit status (None: hung, killed by the test), stdout and stderr, shortened."""
    out = (result.stdout or "").strip()[:200]
    status = "hung, killed" if result.returncode is None else f"exit {result.returncode}"
    return f"{status}, stdout {out!r}, stderr {result.stderr.strip()[:400]!r}"


def error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("whlinst: error:")]


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


# --- trees -------------------------------------------------------------------

def site_packages(prefix):
    return scheme_paths.site_packages(TARGET_PYTHON, prefix)


def is_state(relpath):
    """A venv's .lock (uv's, may stay). whlinst's own state directory
    (site-packages/.whlinst/) is gone after every run: not state here."""
    return relpath == ".lock"


def files_under(root):
    """Relative paths of every non-directory under root, whlinst's state aside."""
    found = set()
    for directory, dirs, files in os.walk(root):
        links = [d for d in dirs if os.path.islink(os.path.join(directory, d))]
        for name in files + links:
            relpath = os.path.relpath(os.path.join(directory, name), root)
            if not is_state(relpath):
                found.add(relpath)
    return found


def hidden_names(root):
    """Every path under root with a `.whlinst-*` component (temporary, hidden)."""
    found = []
    for directory, dirs, files in os.walk(root):
        found += [os.path.join(directory, n) for n in dirs + files if n.startswith(HIDDEN_PREFIX)]
    return sorted(found)


def journals(prefix):
    return sorted(glob.glob(os.path.join(site_packages(prefix), STATE_DIR, "*.journal")))


def dist_infos(site, project=None):
    pattern = f"{project}-*.dist-info" if project else "*.dist-info"
    return sorted(glob.glob(os.path.join(site, pattern)))


def record_paths(dist_info):
    """Absolute, normalized paths a dist-info's RECORD lists ([] if unreadable)."""
    site = os.path.dirname(dist_info)
    try:
        with open(os.path.join(dist_info, "RECORD"), encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(io.StringIO(stream.read())))
    except OSError:
        return []
    return [os.path.normpath(os.path.join(site, row[0])) for row in rows if row]


def listed_files(prefix):
    """Paths (relative to prefix) listed by the RECORD of any installed project."""
    listed = set()
    for dist_info in dist_infos(site_packages(prefix)):
        listed |= {os.path.relpath(p, prefix) for p in record_paths(dist_info)}
    return listed


def unlisted_files(prefix):
    return sorted(files_under(prefix) - listed_files(prefix))


def missing_record_files(site, project=None):
    """'NAME VERSION: PATH: missing' for each RECORD path of a visible dist-info
    that is absent (docs/design.md invariant 3)."""
    missing = []
    for dist_info in dist_infos(site, project):
        name, version = os.path.basename(dist_info)[:-len(".dist-info")].rsplit("-", 1)
        for path in record_paths(dist_info):
            if not os.path.lexists(path):
                missing.append(f"{name} {version}: {path}: missing")
    return missing


def installed_versions(site, project):
    return [os.path.basename(d)[len(project) + 1:-len(".dist-info")]
            for d in dist_infos(site, project)]


def upgrade_problems(prefix, version):
    """What is wrong with fixture_upgrade VERSION (1.0 or 2.0) as installed in
    prefix: files of the other version present, or its own missing."""
    new = version == "2.0"
    package = os.path.join(site_packages(prefix), "fixture_upgrade")
    scheme = scheme_paths.prefix_scheme(TARGET_PYTHON, prefix)
    share, scripts = os.path.join(scheme["data"], "share", "fixture_upgrade"), scheme["scripts"]
    expected = {
        os.path.join(package, "added.py"): new, os.path.join(package, "dropped.py"): not new,
        os.path.join(package, "gone", "__init__.py"): not new,
        os.path.join(scripts, "fixture-upgrade-new"): new,
        os.path.join(scripts, "fixture-upgrade-old"): not new,
        os.path.join(scripts, "fixture-upgrade-v1-script"): not new,
        os.path.join(share, "v2-only.txt"): new, os.path.join(share, "v1-only.txt"): not new,
    }
    wrong = [f"{path} {'missing' if want else 'present'}" for path, want in expected.items()
             if os.path.exists(path) != want]
    try:
        with open(os.path.join(package, "__init__.py")) as stream:
            if f'__version__ = "{version}"' not in stream.read():
                wrong.append("fixture_upgrade/__init__.py of the other version")
    except OSError as error:
        wrong.append(str(error))
    return wrong


def state_left(root):
    """Paths under root of whlinst's state: a `.whlinst` directory or a
    `*.lock` file other than a venv's top-level .lock."""
    found = []
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(directory, name)
            if name == STATE_DIR or (name.endswith(".lock") and os.path.relpath(path, root) != ".lock"):
                found.append(path)
    return sorted(found)


def check_clean(checks, label, whlinst, prefix):
    """verify exits 0, every file is listed by a RECORD, no leftovers,
    journals, lock files or state directory."""
    verified = whlinst.run("verify", prefix=prefix)
    checks.check(f"{label}: whlinst verify exits 0", verified.returncode == 0,
                 describe(verified))
    unlisted = unlisted_files(prefix)
    checks.check(f"{label}: every file is listed by a RECORD", not unlisted,
                 f"{len(unlisted)} unlisted: {unlisted[:5]}")
    hidden = hidden_names(prefix)
    checks.check(f"{label}: no .whlinst-* names left", not hidden, hidden[:5])
    left = journals(prefix)
    checks.check(f"{label}: no journal left", not left, left[:5])
    state = state_left(prefix)
    checks.check(f"{label}: no .whlinst state directory or lock file left", not state, state[:5])
