#!/usr/bin/env python3
"""Differential test: the tree whlinst installs equals the one pip installs.

For each wheel, in a fresh temporary directory, the prefix P (always the same
absolute path, since scripts and pyc files embed it) is prepared, pip installs
the wheel into it, the tree is snapshotted and moved aside; P is prepared again
the same way, whlinst installs the wheel, and the two snapshots are compared:
paths, kinds, mode bits, bytes, symlink targets, directories. Only
*.dist-info/INSTALLER and *.dist-info/direct_url.json are ignored, together
with their RECORD rows, and so is a venv's .lock (uv's convention); whlinst's
own state (.whlinst/, lock files) is not, and with --uninstall the tree after
`whlinst uninstall` must hold no `.whlinst*` name or lock file either; the
other RECORD rows must be equal byte for byte, in
the same order (PRODUCT.md, "Same result as pip").

Modes:
  default    P is an empty directory;
             pip: PY -m pip install -I --no-deps --no-compile --prefix P W
             whlinst install W --prefix P --python PY --no-compile
  --venv     P is made by `PY -m venv --without-pip P`; pip runs under P's own
             interpreter (P/bin/python3, pip importable through PYTHONPATH, so
             the scheme and shebangs are P's) with --prefix P;
             whlinst install W --prefix P  (finds P/bin/python3 itself)
  --root     distribution staging: P is an empty staging root R, both
             install with --root R --prefix /opt/difftest (pip: `-I --root R
             --prefix /opt/difftest`), and the whole of R is compared: it must
             hold exactly what pip's --root leaves, nothing of whlinst's.
  --awkward-path  the prefix path holds a tab and a newline (any byte must
             reach the bytecode workers intact).
  --compile  both byte-compile, with SOURCE_DATE_EPOCH set so pyc files are
             deterministic (checked-hash); pyc bytes are compared too. A pyc
             whose header and code objects are equal and whose bytes differ
             only in marshal's reference flags is a KNOWN difference (pip's
             flags depend on its own process), a failure with --strict-pyc.

Differences listed in KNOWN_DIFFERENCES (pip, not whlinst, breaking the
specification) are reported as KNOWN with their reason and do not fail.
A failing whlinst must leave the prefix as it was prepared; a wheel both
installers refuse passes.

Output: one line per wheel, IDENTICAL / KNOWN / DIFFERENT NAME, the
differences indented below it, then `N passed, M failed` alone on the last
line. Exit status 0 all passed, 1 any failed, 77 (skip) no wheel or no usable
interpreter.
"""

import argparse
import concurrent.futures
import difflib
import fnmatch
import glob
import hashlib
import importlib.util
import marshal
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tree_snapshot  # noqa: E402

SKIP = 77
SOURCE_DATE_EPOCH = "1600000000"
INSTALLER_TIMEOUT = 600
IGNORED = ("*.dist-info/INSTALLER", "*.dist-info/direct_url.json",
           # uv's environment lock on a venv, held shared (uv leaves it too).
           # whlinst's own state (site-packages/.whlinst/) is NOT ignored:
           # nothing of it may stay (docs/design.md invariant 9).
           ".lock")
LABELS = ("pip", "whlinst")

# Differences where pip, not whlinst, breaks the specification. Each wheel
# file name pattern (fnmatch) maps to a list of (path patterns relative to P,
# reason); a RECORD row difference matches through the path its row names.
# Matching differences are reported as KNOWN with the reason, never hidden.
# Example:  "fixture_x-*.whl": [(["bin/fx-*"], "pip keeps a long #! line")],
KNOWN_DIFFERENCES = {
}

# Any wheel: a pyc whose header and code objects are equal but whose bytes
# differ only in marshal's reference flags (unless --strict-pyc).
PYC_REFS_REASON = ("pip compiles in its own process, whose earlier work changes "
                   "marshal's reference flags; the code is the same")


class Interpreter:
    """The target interpreter as pip sees itself (sys.executable), and the
    directory holding its pip package."""

    def __init__(self, executable, pip_dir):
        self.executable = executable
        self.pip_dir = pip_dir


class Config:
    def __init__(self, args, interpreter, work_root):
        self.whlinst = os.path.abspath(args.whlinst)
        self.interpreter = interpreter
        self.venv = args.venv
        self.compile = args.compile
        self.root = args.root
        self.keep = args.keep
        self.strict_pyc = args.strict_pyc
        self.work_root = work_root
        self.pythonpath_dir = os.path.join(work_root, "pip-only")


class Outcome:
    def __init__(self, wheel):
        self.wheel = wheel
        self.name = os.path.basename(wheel)
        self.status = "IDENTICAL"
        self.lines = []
        self.pip_seconds = 0.0
        self.whlinst_seconds = 0.0

    @property
    def passed(self):
        return self.status in ("IDENTICAL", "KNOWN")


class Finding:
    """One difference. relpath is the path it concerns (for a RECORD row, the
    path the row names); group is the RECORD whose rows differ, else None;
    reason, when set, makes it a known difference."""

    def __init__(self, relpath, message, detail=(), group=None, reason=None):
        self.relpath = relpath
        self.message = message
        self.detail = list(detail)
        self.group = group
        self.reason = reason


def clean_environment(compile_mode):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON")) and k != "SOURCE_DATE_EPOCH"}
    env.update(PIP_NO_INPUT="1", PIP_CONFIG_FILE=os.devnull, PIP_ROOT_USER_ACTION="ignore",
               PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONNOUSERSITE="1")
    if compile_mode:
        env["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    return env


def find_interpreter(python):
    """Interpreter for `python`, or None with a message when unusable."""
    found = shutil.which(python)
    if found is None:
        print(f"differential: no interpreter {python}", file=sys.stderr)
        return None
    code = "import os, sys, pip; print(sys.executable); print(os.path.dirname(pip.__file__))"
    run = subprocess.run([found, "-c", code], capture_output=True, text=True,
                         env=clean_environment(False))
    if run.returncode != 0:
        print(f"differential: {python} has no pip: {run.stderr.strip()}", file=sys.stderr)
        return None
    executable, pip_dir = run.stdout.splitlines()[:2]
    return Interpreter(executable, pip_dir)


def collect_wheels(patterns, wheel_dirs):
    """Wheel paths from explicit names, globs and directories (*.whl inside,
    not recursive), in the order given, copies of one wheel dropped."""
    found = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            found.extend(sorted(glob.glob(pattern, recursive=True)))
        elif os.path.isdir(pattern):
            wheel_dirs = wheel_dirs + [pattern]
        else:
            found.append(pattern)
    for directory in wheel_dirs:
        if not os.path.isdir(directory):
            print(f"differential: note: no directory {directory}", file=sys.stderr)
        found.extend(sorted(glob.glob(os.path.join(glob.escape(directory), "*.whl"))))
    unique, seen = [], set()
    for wheel in found:
        key = wheel_identity(wheel)
        if key not in seen:
            seen.add(key)
            unique.append(os.path.abspath(wheel))
    return unique


def wheel_identity(wheel):
    """Copies of one wheel (same name, same bytes) are compared once."""
    try:
        return os.path.basename(wheel), tree_snapshot.file_sha256(wheel)
    except OSError:
        return os.path.abspath(wheel), None


def run_command(command, env):
    """(exit status, combined output, seconds)."""
    start = time.monotonic()
    try:
        run = subprocess.run(command, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=INSTALLER_TIMEOUT)
        status, output = run.returncode, run.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as timeout:
        status = "timeout"
        output = (timeout.output or b"").decode("utf-8", "replace")
    return status, output, time.monotonic() - start


def prepare_prefix(config, prefix):
    if not config.venv:
        os.mkdir(prefix)
        return
    command = [config.interpreter.executable, "-m", "venv", "--without-pip", prefix]
    status, output, _ = run_command(command, clean_environment(False))
    if status != 0:
        raise RuntimeError(f"cannot create venv {prefix}: {output.strip()}")


# The prefix the --root mode installs for, inside the staging root.
ROOT_PREFIX = "/opt/difftest"


def target_options(config, prefix):
    """Where to install: prefix itself, or (--root) a staging root."""
    return ["--root", prefix, "--prefix", ROOT_PREFIX] if config.root else ["--prefix", prefix]


def pip_command(config, prefix, wheel):
    python = config.interpreter.executable
    if config.venv:
        python = os.path.join(prefix, "bin", "python3")
    command = [python, "-m", "pip", "install", "-q", "-I", "--no-deps", "--no-index",
               "--no-cache-dir", "--disable-pip-version-check"]
    if not config.compile:
        command.append("--no-compile")
    return command + target_options(config, prefix) + [wheel]


def pip_environment(config):
    env = clean_environment(config.compile)
    if config.venv:
        env["PYTHONPATH"] = config.pythonpath_dir
    return env


def whlinst_command(config, prefix, wheel):
    command = [config.whlinst, "install", wheel] + target_options(config, prefix)
    if not config.venv:
        command += ["--python", config.interpreter.executable]
    if not config.compile:
        command.append("--no-compile")
    return command


def is_ignored(relpath):
    return any(fnmatch.fnmatchcase(relpath, pattern) for pattern in IGNORED)


def kept_record_rows(path):
    with open(path, "rb") as stream:
        rows = tree_snapshot.record_rows(stream.read())
    return [row for row in rows if not (row[1] and is_ignored(row[1][0]))]


def comparable_snapshot(prefix):
    """Snapshot of prefix without the ignored paths, each RECORD's value
    replaced by the digest of its kept rows; and those rows by RECORD path."""
    snap = {path: entry for path, entry in tree_snapshot.snapshot(prefix).items()
            if not is_ignored(path)}
    records = {}
    for path, (kind, mode, _) in snap.items():
        if kind == tree_snapshot.FILE and fnmatch.fnmatchcase(path, "*.dist-info/RECORD"):
            rows = kept_record_rows(os.path.join(prefix, path))
            records[path] = rows
            digest = hashlib.sha256(b"".join(raw for raw, _ in rows)).hexdigest()
            snap[path] = (kind, mode, digest)
    return snap, records


def text_diff(path_a, path_b, relpath, limit=40):
    """A unified diff of two small text files, or []."""
    try:
        if max(os.path.getsize(path_a), os.path.getsize(path_b)) > 256 * 1024:
            return []
        with open(path_a, "rb") as a, open(path_b, "rb") as b:
            text_a, text_b = a.read().decode("utf-8"), b.read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    lines = list(difflib.unified_diff(
        text_a.splitlines(keepends=True), text_b.splitlines(keepends=True),
        fromfile=f"pip/{relpath}", tofile=f"whlinst/{relpath}", n=1))
    shown = ["    " + printable(line.rstrip("\n")) for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"    ... {len(lines) - limit} more diff lines")
    return shown


def pyc_detail(path_a, path_b, config):
    """(detail lines, known reason or None) for two different pyc files:
    the 16-byte header differs, the code differs, or only marshal's
    reference flags do. FLAG_REF is set on objects the compiling process
    also holds elsewhere, so it depends on what that process did before:
    pip compiles in its own, busy process. The code is compared only when
    this interpreter reads the pyc format."""
    with open(path_a, "rb") as a, open(path_b, "rb") as b:
        data_a, data_b = a.read(), b.read()
    if data_a[:16] != data_b[:16]:
        return [f"    pyc headers differ: pip {data_a[:16].hex()}, "
                f"whlinst {data_b[:16].hex()}"], None
    if data_a[:4] != importlib.util.MAGIC_NUMBER:
        return [], None
    try:
        code_a, code_b = marshal.loads(data_a[16:]), marshal.loads(data_b[16:])
    except (EOFError, ValueError, TypeError):
        return ["    a pyc file does not unmarshal"], None
    if not same_code(code_a, code_b):
        return ["    same header, different code objects"], None
    reason = None if config.strict_pyc else PYC_REFS_REASON
    return ["    same header and code objects: only marshal reference flags differ"], reason


def same_code(a, b):
    """Code objects equal, file and qualified names included (== skips
    them), recursively."""
    if a != b or type(a) is not type(b):
        return False
    if not hasattr(a, "co_code"):
        return True
    names = ("co_filename", "co_qualname")
    if any(getattr(a, name, None) != getattr(b, name, None) for name in names):
        return False
    return all(same_code(x, y) for x, y in zip(a.co_consts, b.co_consts))


def printable(line):
    return line if line.isprintable() else repr(line)


def record_row_path(record_relpath, fields):
    """The path relative to P that a RECORD row names."""
    site = posixpath.dirname(posixpath.dirname(record_relpath))
    return posixpath.normpath(posixpath.join(site, fields[0])) if fields else record_relpath


def differences(config, pip_tree, pip_view, whlinst_tree, whlinst_view):
    """A Finding for every difference between the two trees."""
    (pip_snap, pip_records), (whl_snap, whl_records) = pip_view, whlinst_view
    found = []
    for relpath, message in tree_snapshot.diff_entries(pip_snap, whl_snap, LABELS):
        different_bytes = message.startswith("bytes")
        if different_bytes and relpath in pip_records and relpath in whl_records:
            found.extend(record_differences(relpath, pip_records[relpath], whl_records[relpath]))
            continue
        finding = Finding(relpath, message)
        paths = (os.path.join(pip_tree, relpath), os.path.join(whlinst_tree, relpath))
        if different_bytes and relpath.endswith(".pyc"):
            finding.detail, finding.reason = pyc_detail(*paths, config)
        elif different_bytes:
            finding.detail = text_diff(*paths, relpath)
        found.append(finding)
    return found


def record_differences(relpath, pip_rows, whlinst_rows):
    rows = tree_snapshot.record_row_differences(pip_rows, whlinst_rows, LABELS)
    return [Finding(record_row_path(relpath, fields), f"{relpath}: {message}", group=relpath)
            for fields, message in rows]


def known_reason(wheel_name, relpath):
    for wheel_pattern, entries in KNOWN_DIFFERENCES.items():
        if not fnmatch.fnmatchcase(wheel_name, wheel_pattern):
            continue
        for path_patterns, reason in entries:
            if any(fnmatch.fnmatchcase(relpath, p) for p in path_patterns):
                return reason
    return None


def classify(outcome, found, group_limit=20):
    """Sets the status of outcome from found and lists the differences, at
    most group_limit of each RECORD's rows."""
    unknown, shown = 0, {}
    for finding in found:
        reason = finding.reason or known_reason(outcome.name, finding.relpath)
        unknown += reason is None
        group = finding.group
        shown[group] = shown.get(group, 0) + 1
        if group is None or shown[group] <= group_limit:
            outcome.lines.append(f"  {finding.message}" if reason is None
                                 else f"  known: {finding.message} ({reason})")
            outcome.lines.extend(finding.detail)
    for group, count in shown.items():
        if group is not None and count > group_limit:
            outcome.lines.append(f"  {group}: {count - group_limit} more RECORD rows differ")
    if unknown:
        outcome.status = "DIFFERENT"
    elif found:
        outcome.status = "KNOWN"


def install_both(config, outcome, prefix, pip_tree):
    """Runs pip then whlinst into prefix; returns the two views, or None
    with outcome filled in when an installer failed."""
    prepare_prefix(config, prefix)
    pip_status, pip_output, outcome.pip_seconds = run_command(
        pip_command(config, prefix, outcome.wheel), pip_environment(config))
    pip_view = comparable_snapshot(prefix) if pip_status == 0 else None
    os.rename(prefix, pip_tree)
    prepare_prefix(config, prefix)
    prepared = tree_snapshot.snapshot(prefix)
    status, output, outcome.whlinst_seconds = run_command(
        whlinst_command(config, prefix, outcome.wheel), clean_environment(config.compile))
    if status == 0 and pip_status == 0:
        return pip_view, comparable_snapshot(prefix)
    if status == 0:
        outcome.status = "DIFFERENT"
        outcome.lines.append(f"  pip refused the wheel (exit {pip_status}), whlinst installed it:")
        outcome.lines.extend("    " + line for line in pip_output.splitlines())
        return None
    if pip_status == 0:
        outcome.status = "DIFFERENT"
        outcome.lines.append(f"  whlinst failed (exit {status}):")
        outcome.lines.extend("    " + line for line in output.splitlines())
    else:
        outcome.lines.append("  both refused the wheel; pip said: " + last_line(pip_output))
    check_untouched(outcome, prepared, prefix)
    return None


def check_untouched(outcome, prepared, prefix):
    """A failed whlinst must leave the prefix as it was (PRODUCT.md,
    invariant 4)."""
    changes = tree_snapshot.diff_snapshots(prepared, tree_snapshot.snapshot(prefix),
                                           ("before", "after whlinst failed"))
    if changes:
        outcome.status = "DIFFERENT"
        outcome.lines.append("  whlinst failed and changed the prefix:")
        outcome.lines.extend("    " + change for change in changes)


def last_line(text):
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(no output)"


def whlinst_traces(prefix):
    """whlinst's names left under prefix: `.whlinst*` (state directory,
    temporary and hidden names) and lock files other than a venv's .lock."""
    found = []
    for directory, dirs, files in os.walk(prefix):
        for name in dirs + files:
            relpath = os.path.relpath(os.path.join(directory, name), prefix)
            if name.startswith(".whlinst") or (name.endswith(".lock") and relpath != ".lock"):
                found.append(relpath)
    return sorted(found)


def check_uninstall_traces(config, outcome, prefix):
    """`whlinst uninstall` of the wheel's project exits 0 and leaves no
    trace of whlinst (docs/design.md invariant 9)."""
    project = os.path.basename(outcome.wheel).split("-")[0]
    command = [config.whlinst, "uninstall", project] + target_options(config, prefix)
    if not config.venv:
        command += ["--python", config.interpreter.executable]
    status, output, _ = run_command(command, clean_environment(config.compile))
    traces = whlinst_traces(prefix)
    if status != 0 or traces:
        outcome.status = "DIFFERENT"
        outcome.lines.append(f"  whlinst uninstall {project}: exit {status}, traces left {traces[:5]}")
        outcome.lines.extend("    " + line for line in output.splitlines())


def compare_wheel(config, wheel):
    outcome = Outcome(wheel)
    directory = tempfile.mkdtemp(prefix="w", dir=config.work_root)
    prefix, pip_tree = os.path.join(directory, "p"), os.path.join(directory, "pip-tree")
    try:
        if not os.path.isfile(wheel):
            raise RuntimeError(f"no wheel file {wheel}")
        views = install_both(config, outcome, prefix, pip_tree)
        if views is not None:
            classify(outcome, differences(config, pip_tree, views[0], prefix, views[1]))
            check_uninstall_traces(config, outcome, prefix)
    except (OSError, RuntimeError) as error:
        outcome.status = "DIFFERENT"
        outcome.lines.append(f"  harness error: {error}")
    if config.keep and not outcome.passed:
        outcome.lines.append(f"  kept: pip tree {pip_tree}, whlinst tree {prefix}")
    else:
        shutil.rmtree(directory, ignore_errors=True)
    return outcome


def make_pythonpath_dir(config):
    """A directory with only pip in it, for running pip under a venv's
    interpreter without the outer site-packages."""
    os.mkdir(config.pythonpath_dir)
    os.symlink(config.interpreter.pip_dir, os.path.join(config.pythonpath_dir, "pip"))


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True, help="the whlinst executable")
    parser.add_argument("--python", default="python3", help="target interpreter (with pip)")
    parser.add_argument("--venv", action="store_true", help="install into a venv")
    parser.add_argument("--compile", action="store_true", help="byte-compile, compare pyc")
    parser.add_argument("--root", action="store_true", help="install into a staging root (--root)")
    parser.add_argument("--strict-pyc", action="store_true",
                        help="pyc files differing only in marshal reference flags fail too")
    parser.add_argument("--wheel-dir", action="append", default=[], metavar="DIR",
                        help="every *.whl in DIR (repeatable; a missing DIR is empty)")
    parser.add_argument("--keep", action="store_true",
                        default=bool(os.environ.get("DIFFTEST_KEEP")),
                        help="keep the trees of failing wheels (also DIFFTEST_KEEP=1)")
    parser.add_argument("--awkward-path", action="store_true",
                        help="a tab and a newline in the prefix path (issue 13)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="wheels compared at once")
    parser.add_argument("wheels", nargs="*", metavar="WHEEL", help="wheel, glob or directory")
    return parser.parse_args(argv)


def report(outcomes):
    for outcome in outcomes:
        print(f"{outcome.status} {outcome.name}")
        for line in outcome.lines:
            print(line)
        sys.stdout.flush()


def main(argv=None):
    args = parse_arguments(argv)
    os.umask(0o022)
    wheels = collect_wheels(args.wheels, args.wheel_dir)
    if not wheels:
        print("differential: no wheel given or found; skipped", file=sys.stderr)
        print("0 passed, 0 failed")
        return SKIP
    interpreter = find_interpreter(args.python)
    if interpreter is None:
        print("0 passed, 0 failed")
        return SKIP
    if args.root and args.venv:
        print("differential: --root and --venv do not combine", file=sys.stderr)
        return 2
    mode = ("venv" if args.venv else "root" if args.root else "prefix") + (", compile" if args.compile else "")
    print(f"differential: {len(wheels)} wheels, {mode}, python {interpreter.executable}")
    work_root = tempfile.mkdtemp(prefix="difftest-tab\there newline\nhere-" if args.awkward_path else "difftest-")
    config = Config(args, interpreter, work_root)
    start = time.monotonic()
    try:
        make_pythonpath_dir(config)
        outcomes = run_all(config, wheels, args.jobs)
    finally:
        remove_work_root(work_root)
    passed = sum(outcome.passed for outcome in outcomes)
    pip_seconds = sum(outcome.pip_seconds for outcome in outcomes)
    whlinst_seconds = sum(outcome.whlinst_seconds for outcome in outcomes)
    print(f"time: {time.monotonic() - start:.1f} s; "
          f"pip {pip_seconds:.1f} s, whlinst {whlinst_seconds:.1f} s")
    print(f"{passed} passed, {len(outcomes) - passed} failed")
    return 0 if passed == len(outcomes) else 1


def remove_work_root(work_root):
    """Removes work_root unless it holds the kept trees of failed wheels."""
    if any(entry.name.startswith("w") for entry in os.scandir(work_root)):
        print(f"differential: failed trees kept under {work_root}")
    else:
        shutil.rmtree(work_root, ignore_errors=True)


def run_all(config, wheels, jobs):
    """Outcomes in wheel order; each reported as soon as it and all earlier
    ones are done."""
    outcomes = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for outcome in pool.map(lambda wheel: compare_wheel(config, wheel), wheels):
            report([outcome])
            outcomes.append(outcome)
    return outcomes


if __name__ == "__main__":
    sys.exit(main())
