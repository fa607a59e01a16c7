"""Helpers for every end-to-end, stress and crash test of the whlinst binary
(standard library only); tree_snapshot.py holds the snapshots they compare.

Checks       counts checks, prints one line per check and the final
             `N passed, M failed` line; a check named in its known_bugs table,
             or given a known_bug, that fails prints a `KNOWN-BUG:` line and
             does not fail the run.
Whlinst      runs the binary (or gives its command line) with a controlled
             environment, --python and optionally --prefix.
Session      both, a work directory, the fixtures and the target interpreter's
             cache tag and site-packages, and checks on trees.
Wheel files  read_entries / write_entries / with_fresh_record / make_wheel
             build altered or new wheels with zipfile (wheel spec, "The
             .dist-info directory": RECORD rows `path,sha256=urlsafe-b64,size`).
Trees        files_under, site_packages, target_site_packages, dist_infos,
             record_rows, record_paths, listed_files, unlisted_files,
             record_versus_tree, missing_record_files, grep_tree; what a crash
             may leave (docs/design.md invariants 2-6, 9): hidden_names,
             journals, state_left, check_clean; installed_versions,
             upgrade_problems.
Files        read_text, first_line, pyc_code_filename.
"""

import argparse
import base64
import csv
import glob
import hashlib
import io
import marshal
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

from tree_snapshot import diff_snapshots, snapshot
import scheme_paths

SKIP = 77
TIMEOUT = 600
TARGET_PYTHON = sys.executable
STATE_DIR = ".whlinst"
HIDDEN_PREFIX = ".whlinst-"


class Checks:
    """One line per check; known_bugs maps a check name to the bug it shows."""

    def __init__(self, known_bugs=None):
        self.known_bugs = dict(known_bugs or {})
        self.passed = self.failed = self.expected_failures = 0

    def check(self, name, ok, detail="", known_bug=None):
        known_bug = known_bug or self.known_bugs.get(name)
        detail = " ".join(str(detail).split())[:700]
        if ok:
            self.passed += 1
            fixed = " (listed as KNOWN-BUG: fixed now?)" if name in self.known_bugs else ""
            print(f"PASS {name}{fixed}", flush=True)
        elif known_bug:
            self.expected_failures += 1
            suffix = f" [{detail}]" if detail else ""
            print(f"KNOWN-BUG: {name}: {known_bug}{suffix}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""), flush=True)
        return ok

    def finish(self):
        if self.expected_failures:
            print(f"{self.expected_failures} expected failures (KNOWN-BUG)")
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


class Whlinst:
    """The binary under test and the target interpreter passed with --python."""

    def __init__(self, exe, python=TARGET_PYTHON):
        self.exe = os.path.abspath(exe)
        self.python = python

    def command(self, *args, prefix=None, with_python=True):
        """[exe, *args] then --prefix prefix when given and --python."""
        return ([self.exe, *args] + (["--prefix", prefix] if prefix is not None else [])
                + (["--python", self.python] if with_python else []))

    def run(self, *args, prefix=None, env=None, cwd=None, with_python=True):
        return run_command(self.command(*args, prefix=prefix, with_python=with_python), env=env, cwd=cwd)


class Session:
    """What a test script works with; its work directory is made here."""

    def __init__(self, whlinst, python, fixtures, known_bugs):
        self.checks = Checks(known_bugs)
        self.whlinst = Whlinst(whlinst, python)
        self.fixtures = os.path.abspath(fixtures)
        self.python = python
        self.workdir = tempfile.mkdtemp(prefix="whlinst-e2e-")
        query = "import sys; print(sys.implementation.cache_tag, '%d.%d' % sys.version_info[:2])"
        self.cache_tag, version = run_command([python, "-c", query]).stdout.split()
        scheme = scheme_paths.relative_scheme(python)
        self.site_rel, self.scripts_rel, self.data_rel = scheme["purelib"], scheme["scripts"], scheme["data"]

    def check(self, name, ok, detail=""):
        return self.checks.check(name, ok, detail)

    def fixture(self, name):
        return os.path.join(self.fixtures, name)

    def new_dir(self, name):
        path = os.path.join(self.workdir, name)
        os.makedirs(path)
        return path

    def install(self, prefix, *wheels_and_options, env=None):
        return self.whlinst.run(*wheels_and_options, "--prefix", prefix, env=env)

    def check_ran(self, name, result, code=0):
        return self.check(name, result.returncode == code, describe(result))

    def check_unchanged(self, name, root, before, split=False):
        differences = diff_snapshots(before, snapshot(root), ("before", "after"))
        return self.check_differences(name, differences, split)

    def check_differences(self, name, differences, split=False):
        """One check, or with split one for pyc files and one for the rest."""
        if not split:
            return self.check(name, not differences, "; ".join(differences[:4]))
        pyc = [d for d in differences if "__pycache__" in d]
        other = [d for d in differences if "__pycache__" not in d]
        self.check(f"{name} (pyc aside)", not other, "; ".join(other[:4]))
        return self.check(f"{name} (pyc files)", not pyc, "; ".join(pyc[:4]))

    def check_record_complete(self, label, prefix, split=False):
        """The RECORDs in prefix list exactly the files in it."""
        listed_only, present_only = record_versus_tree(prefix)
        differences = ([f"listed only: {p}" for p in listed_only]
                       + [f"present only: {p}" for p in present_only])
        self.check_differences(f"{label}: RECORD lists exactly the files present", differences,
                               split)


def cannot_run(whlinst, python):
    """True, after saying the test skips, when whlinst or the interpreter is
    missing."""
    if os.access(whlinst, os.X_OK) and shutil.which(python) is not None:
        return False
    print("SKIP: whlinst or the interpreter is missing")
    return True


def clean_environment(extra=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(extra or {})
    return env


def kill_test_arguments(argv):
    """The arguments of the set and lock crash tests: --whlinst, the script
    that makes their fixtures, and how many moments to kill at."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures-script", required=True)
    parser.add_argument("--points", type=int, default=25)
    return parser.parse_args(argv)


def kill_during(command, trigger, marker_pattern, env=None):
    """Starts command in its own process group; kill -9s the group after
    `trigger` seconds, or (trigger "marker") once a path matching
    marker_pattern exists. Returns whether it was killed."""
    process = subprocess.Popen(command, env=clean_environment(env), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    if trigger == "marker":
        while process.poll() is None and not glob.glob(marker_pattern):
            pass
    else:
        time.sleep(trigger)
    killed = process.poll() is None
    if killed:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return killed


def run_command(command, env=None, cwd=None):
    return subprocess.run(command, env=clean_environment(env), cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=TIMEOUT)


def describe(result):
    """Exit status (None: hung, killed by the test), stdout and stderr, shortened."""
    out = (result.stdout or "").strip()[:200]
    status = "hung, killed" if result.returncode is None else f"exit {result.returncode}"
    return f"{status}, stdout {out!r}, stderr {result.stderr.strip()[:400]!r}"


def error_lines(result):
    return [line for line in result.stderr.splitlines() if line.startswith("whlinst: error:")]


def normalize(name):
    """A project name normalized (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def is_one_error_line(result, wheel_name=None):
    """stderr is exactly one `whlinst: error: ...` line (naming wheel_name if given)."""
    lines = result.stderr.splitlines()
    if len(lines) != 1 or not lines[0].startswith("whlinst: error:"):
        return False
    return wheel_name is None or wheel_name in lines[0]


# --- wheel files -------------------------------------------------------------

def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def read_entries(path):
    """[(ZipInfo, bytes)] in archive order."""
    with zipfile.ZipFile(path) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def write_entries(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)


def is_record(name):
    return name.endswith(".dist-info/RECORD") and name.count("/") == 1


def record_text(entries, omit=()):
    """A RECORD for entries: every file but directories and the names in omit."""
    rows = []
    for info, data in entries:
        if info.is_dir() or info.filename in omit:
            continue
        if is_record(info.filename):
            rows.append(f"{info.filename},,\n")
        else:
            rows.append(f"{info.filename},{record_hash(data)},{len(data)}\n")
    return "".join(rows).encode("utf-8")


def with_fresh_record(entries, omit=()):
    """entries with RECORD rewritten to match them (minus the rows in omit)."""
    fresh = record_text(entries, omit)
    return [(info, fresh if is_record(info.filename) else data) for info, data in entries]


def zip_info(name, mode=0o644):
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 2, 0, 0, 0))
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def make_wheel(path, name, version, files, metadata_headers=(), tag="py3-none-any"):
    """A valid wheel at path: files {archive name: text} plus a dist-info."""
    dist_info = f"{name}-{version}.dist-info"
    metadata = "".join(f"{h}\n" for h in
                       ("Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                        *metadata_headers))
    wheel = (f"Wheel-Version: 1.0\nGenerator: whlinst-e2e\nRoot-Is-Purelib: true\n"
             f"Tag: {tag}\n")
    contents = dict(files)
    contents.update({f"{dist_info}/METADATA": metadata, f"{dist_info}/WHEEL": wheel,
                     f"{dist_info}/RECORD": ""})
    entries = [(zip_info(n), t.encode("utf-8")) for n, t in contents.items()]
    write_entries(path, with_fresh_record(entries))
    return path


# --- trees -------------------------------------------------------------------

def files_under(root):
    """Relative paths of every non-directory under root."""
    found = set()
    for directory, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(directory, d))]:
            found.add(os.path.relpath(os.path.join(directory, name), root))
    return found


def site_packages(prefix):
    """The one site-packages (or Debian's dist-packages) directory under prefix."""
    found = glob.glob(os.path.join(prefix, "lib", "python3*", "site-packages"))
    found += glob.glob(os.path.join(prefix, "local", "lib", "python3*", "dist-packages"))
    return found[0] if len(found) == 1 else None


def target_site_packages(prefix, python=TARGET_PYTHON):
    """Where `--prefix prefix` puts python's packages, whether it exists yet or not."""
    return scheme_paths.site_packages(python, prefix)


def dist_infos(site, project=None):
    pattern = f"{project}-*.dist-info" if project else "*.dist-info"
    return sorted(glob.glob(os.path.join(site, pattern)))


def record_rows(dist_info):
    with open(os.path.join(dist_info, "RECORD"), encoding="utf-8", newline="") as stream:
        return [row for row in csv.reader(io.StringIO(stream.read())) if row]


def record_paths(dist_info):
    """Absolute, normalized paths a dist-info's RECORD lists ([] if unreadable)."""
    site = os.path.dirname(dist_info)
    try:
        rows = record_rows(dist_info)
    except OSError:
        return []
    return [os.path.normpath(os.path.join(site, row[0])) for row in rows]


def record_files(dist_info, root):
    """The RECORD's paths, as paths relative to root."""
    return {os.path.relpath(path, root) for path in record_paths(dist_info)}


def listed_files(prefix, site=None):
    """Paths (relative to prefix) listed by the RECORD of any project installed in
    site (default: the target interpreter's site-packages under prefix)."""
    listed = set()
    for dist_info in dist_infos(site or target_site_packages(prefix)):
        listed |= record_files(dist_info, prefix)
    return listed


def present_files(root):
    """files_under(root) but a venv's .lock."""
    return {path for path in files_under(root) if not is_lock_file(path)}


def unlisted_files(prefix):
    return sorted(present_files(prefix) - listed_files(prefix))


def record_versus_tree(prefix):
    """(paths only the RECORDs list, paths only the tree holds), both sorted,
    for every project installed in prefix (paths relative to prefix), lock
    files aside."""
    listed = listed_files(prefix, site_packages(prefix) or prefix)
    present = present_files(prefix)
    return sorted(listed - present), sorted(present - listed)


def is_lock_file(relpath):
    """A venv's .lock (uv's convention, held shared by whlinst), never in a
    RECORD. whlinst's own state (site-packages/.whlinst/) is gone after every
    run (docs/design.md invariant 9): not a lock file here."""
    return relpath == ".lock"


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


def grep_tree(root, needle):
    """Paths under root whose name, content or symlink target holds needle (bytes)."""
    hits = []
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(directory, name)
            if needle in os.fsencode(os.path.relpath(path, root)):
                hits.append(path)
            elif os.path.islink(path):
                if needle in os.fsencode(os.readlink(path)):
                    hits.append(path)
            elif os.path.isfile(path):
                with open(path, "rb") as stream:
                    if needle in stream.read():
                        hits.append(path)
    return hits


# --- what a run leaves ---------------------------------------------------------

def hidden_names(root):
    """Every path under root with a `.whlinst-*` component (temporary, hidden)."""
    found = []
    for directory, dirs, files in os.walk(root):
        found += [os.path.join(directory, n) for n in dirs + files if n.startswith(HIDDEN_PREFIX)]
    return sorted(found)


def journals(prefix):
    return sorted(glob.glob(os.path.join(target_site_packages(prefix), STATE_DIR, "*.journal")))


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


def upgrade_problems(prefix, version):
    """What is wrong with fixture_upgrade VERSION (1.0 or 2.0) as installed in
    prefix: files of the other version present, or its own missing."""
    new = version == "2.0"
    package = os.path.join(target_site_packages(prefix), "fixture_upgrade")
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


# --- files -------------------------------------------------------------------

def read_text(path):
    with open(path, encoding="utf-8") as stream:
        return stream.read()


def first_line(path):
    """The first line without its LF, decoded leniently."""
    with open(path, "rb") as stream:
        return stream.readline().rstrip(b"\n").decode("utf-8", "replace")


def pyc_code_filename(path):
    """co_filename of a pyc's module code object (after the 16-byte header, PEP 552)."""
    with open(path, "rb") as stream:
        return marshal.loads(stream.read()[16:]).co_filename
