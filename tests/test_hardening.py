#!/usr/bin/env python3
"""Hardening cases of issue 13 on the real binary, each failing before its fix.

1. A wheel truncated, or overwritten in place, while whlinst waits for the
   lock of a venv the test holds: one `whlinst: error: ... the wheel file
   changed ...` line, exit 1, the venv untouched (not SIGBUS, exit 135);
   both for a wheel of at most 32 MiB (read into memory) and for one of
   40 MiB (read from the file while it shrinks: through handles reopened
   after the lock and, with --jobs 1, through the handle opened before it,
   whose failing reads must be reported as the change). The 40 MiB wheel
   truncated beforehand is diagnosed (read with pread, not mapped) as
   truncated.
2. Texts from the disk (an installed METADATA and RECORD holding escape
   sequences, CR, LF and invalid UTF-8) are printed escaped by list, show,
   verify and an upgrade's summary.
5. An upgrade where paths change kind (a file becomes a package, a package a
   file) and back: the tree equals a fresh install of the new version; a
   failure after the new files are in place (a wheel shipping INSTALLER,
   refused when whlinst writes its own) leaves the prefix as it was.
6. Uninstall deletes nothing outside the scheme directories and follows no
   symbolic link to a directory: an absolute RECORD row naming a file
   outside the prefix, a `..` row, and a package directory replaced by a
   link to a directory elsewhere keep their targets; what was skipped is
   reported on stderr as warnings. The same in a `--root` staging tree: the
   rows name final paths outside the scheme, planted both on the host and
   at their place in the staging tree, and the link leaves the staging
   tree; nothing outside the staged scheme is deleted.
A package directory replaced by a link to a directory elsewhere while an
upgrade waits for the lock: refused with one line naming the link, nothing
written or deleted through it, the venv as it was. The same link planted
while the upgrade's bytecode workers are paused (a --python wrapper),
after its files were extracted: refused before the renames. A committed
journal replayed after the directory holding a file it removes was replaced
by a link: nothing is deleted through the link, a warning says so.

Usage: test_hardening.py --whlinst W --python PY [--keep]
Exit 0, 1 on failure, 77 when the binary or interpreter is missing.
"""

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import fcntl  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "wheels-fixtures"))
import e2e_support as e2e  # noqa: E402
import make_hardening_fixtures  # noqa: E402
from tree_snapshot import diff_entries, snapshot  # noqa: E402

MANY = "hardening_many-1.0-py3-none-any.whl"
BIG = "hardening_big-1.0-py3-none-any.whl"  # > 32 MiB: read from the file
KIND_1 = "hardening_kind-1.0-py3-none-any.whl"
KIND_2 = "hardening_kind-2.0-py3-none-any.whl"
CHANGED = "the wheel file changed"


def is_state(relpath):
    """whlinst's lock files and the state directory holding them."""
    return e2e.is_lock_file(relpath) or os.path.basename(relpath) == ".whlinst"


class Session:
    def __init__(self, args):
        self.args = args
        self.checks = e2e.Checks()
        self.workdir = tempfile.mkdtemp(prefix="whlinst-hardening-")
        self.wheels = os.path.join(self.workdir, "wheels")
        with open(os.devnull, "w") as quiet:
            subprocess.run([sys.executable, make_hardening_fixtures.__file__, self.wheels],
                           stdout=quiet, check=True)

    def check(self, name, ok, detail=""):
        return self.checks.check(name, ok, detail)

    def wheel(self, name, ships_installer=False):
        return os.path.join(self.wheels, "ships-installer" if ships_installer else "", name)

    def whlinst(self, *args):
        # SOURCE_DATE_EPOCH: checked-hash pyc files, comparable between trees.
        return e2e.run_command([self.args.whlinst, *args, "--python", self.args.python],
                               env={"SOURCE_DATE_EPOCH": "1600000000"})

    def whlinst_in_venv(self, venv, *args):
        """whlinst run for the venv's own interpreter (its scheme, its lock),
        as uv and pip in a venv do; --prefix VENV with a distribution's
        interpreter would use that interpreter's scheme (Debian: local/)."""
        return e2e.run_command([self.args.whlinst, *args, "--python", os.path.join(venv, "bin", "python")],
                               env={"SOURCE_DATE_EPOCH": "1600000000"})

    def new_dir(self, name):
        path = os.path.join(self.workdir, name)
        os.makedirs(path)
        return path

    def check_refused(self, label, result, words):
        self.check(f"{label}: exit 1", result.returncode == 1, e2e.describe(result))
        # The notice printed while the test holds the lock is not an error line.
        errors = [line for line in result.stderr.splitlines()
                  if not line.startswith("whlinst: waiting for the lock on ")]
        self.check(f"{label}: one error line saying {words!r}",
                   len(errors) == 1 and errors[0].startswith("whlinst: error:")
                   and all(w in errors[0] for w in words), result.stderr)

    def check_unchanged(self, label, root, before):
        differences = [message for path, message in diff_entries(before, snapshot(root), ("before", "after"))
                       if not is_state(path)]
        self.check(f"{label}: prefix unchanged", not differences, "; ".join(differences[:4]))

    # --- 1. the wheel changes while whlinst waits -----------------------------

    def make_venv(self, label):
        venv = os.path.join(self.workdir, label)
        subprocess.run([self.args.python, "-m", "venv", "--without-pip", venv], check=True)
        return venv

    def wait_until_blocked(self, process, lock_path):
        """Until `process` waits for a lock (a `->` line of /proc/locks naming
        it), or 10 s; then gives it a moment more."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            with open("/proc/locks") as locks:
                if any("->" in line and f" {process.pid} " in line for line in locks):
                    break
            time.sleep(0.02)
        time.sleep(0.2)

    def install_while_locked(self, venv, wheel, action, options=(), lock_path=None):
        """Installs wheel into venv, calling action() while whlinst waits for
        a lock the test holds: the venv's (the environment lock whlinst takes
        first) unless `lock_path` names another."""
        lock_path = lock_path or os.path.join(venv, ".lock")
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            target = (["--python", os.path.join(venv, "bin", "python")]
                      if os.path.exists(os.path.join(venv, "pyvenv.cfg")) else ["--prefix", venv])
            process = subprocess.Popen([self.args.whlinst, wheel, *target, *options],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       universal_newlines=True, env=e2e.clean_environment())
            self.wait_until_blocked(process, lock_path)
            action()
            fcntl.flock(lock, fcntl.LOCK_UN)
        stdout, stderr = process.communicate(timeout=e2e.TIMEOUT)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def install_while_changed(self, label, change, name, options=()):
        venv = self.make_venv(label)
        wheel = os.path.join(self.new_dir(f"{label}-wheel"), name)
        shutil.copy(self.wheel(name), wheel)
        before = snapshot(venv)
        result = self.install_while_locked(venv, wheel, lambda: change(wheel), options)
        self.check_refused(f"{label}: changed while waiting for the lock", result, [name.split("-")[0], CHANGED])
        self.check_unchanged(label, venv, before)
        return venv

    def test_wheel_changed(self):
        def truncate(path):
            with open(path, "r+b") as wheel:
                wheel.truncate(os.path.getsize(path) // 3)

        def overwrite(path):  # as cp does: same inode, same size, other bytes
            with open(path, "r+b") as wheel:
                data = bytearray(wheel.read())
                data[len(data) // 4:len(data) // 2] = bytes(len(data) // 2 - len(data) // 4)
                wheel.seek(0)
                wheel.write(data)

        self.check("the big wheel is larger than 32 MiB", os.path.getsize(self.wheel(BIG)) > 32 << 20)
        for name, size in ((MANY, "small"), (BIG, "big")):
            self.install_while_changed(f"{size} truncated", truncate, name)
            venv = self.install_while_changed(f"{size} overwritten", overwrite, name)
        # One extraction thread reads through the handle opened before the
        # lock (no reopen to compare the identity): the failed reads
        # themselves must be reported as the change.
        self.install_while_changed("big truncated, --jobs 1", truncate, BIG, ("--jobs", "1"))
        self.install_while_changed("big overwritten, --jobs 1", overwrite, BIG, ("--jobs", "1"))
        damaged = os.path.join(self.new_dir("damaged-big"), BIG)
        shutil.copy(self.wheel(BIG), damaged)
        truncate(damaged)
        before = snapshot(venv)
        result = self.whlinst_in_venv(venv, damaged)
        self.check_refused("big wheel truncated beforehand", result,
                           ["hardening_big", "truncated zip archive (no end of central directory record)"])
        self.check_unchanged("big wheel truncated beforehand", venv, before)

    # --- 5. paths changing kind in an upgrade ---------------------------------

    def install(self, prefix, wheel, label):
        result = self.whlinst(wheel, "--prefix", prefix)
        self.check(f"{label}: installs", result.returncode == 0 and not result.stderr, e2e.describe(result))

    def check_like_fresh(self, label, prefix, wheel):
        os.rename(prefix, prefix + ".upgraded")
        self.install(prefix, wheel, f"{label}: fresh install")  # the same path: pyc files name it
        expected = snapshot(prefix)
        shutil.rmtree(prefix)
        os.rename(prefix + ".upgraded", prefix)
        differences = [message for path, message in diff_entries(expected, snapshot(prefix), ("fresh", "upgraded"))
                       if not is_state(path)]
        self.check(f"{label}: the tree equals a fresh install", not differences, "; ".join(differences[:4]))

    def install_failing_at_commit(self, prefix, wheel):
        """Installs a copy of wheel that is replaced while whlinst waits for
        the project lock: whlinst reads its snapshot of the first file,
        writes and places every file, then refuses at the commit step, where
        it checks that the file it read is still there (a late failure,
        rolled back after the renames)."""
        copy = os.path.join(self.new_dir(f"late-{len(os.listdir(self.workdir))}"), os.path.basename(wheel))
        shutil.copy(wheel, copy)
        state = os.path.join(e2e.site_packages(prefix), ".whlinst")
        os.makedirs(state, exist_ok=True)

        def replace():
            shutil.copy(wheel, copy + ".new")
            os.rename(copy + ".new", copy)

        return self.install_while_locked(prefix, copy, replace, ("--python", self.args.python),
                                         lock_path=os.path.join(state, "hardening-kind.lock"))  # the normalized name

    def test_kind_changes(self):
        prefix = os.path.join(self.workdir, "kind")
        self.install(prefix, self.wheel(KIND_1), "kind 1.0")
        for version, wheel, old in (("2.0", KIND_2, KIND_1), ("1.0", KIND_1, KIND_2)):
            before = snapshot(prefix)
            for dry_run in ((), ("--dry-run",)):
                result = self.whlinst(self.wheel(wheel, ships_installer=True), "--prefix", prefix, *dry_run)
                label = f"kind upgrade to {version} shipping INSTALLER {' '.join(dry_run)}"
                self.check_refused(label, result, ["INSTALLER", "must not be shipped"])
                self.check_unchanged(label, prefix, before)
            result = self.install_failing_at_commit(prefix, self.wheel(wheel))
            label = f"kind upgrade to {version} failing after placement"
            self.check_refused(label, result, ["hardening_kind", CHANGED])
            self.check_unchanged(label, prefix, before)
            self.check(f"{label}: no state directory left", not os.path.exists(
                os.path.join(e2e.site_packages(prefix), ".whlinst")), os.listdir(e2e.site_packages(prefix)))
            self.install(prefix, self.wheel(wheel), f"kind upgrade to {version}")
            self.check_like_fresh(f"kind upgrade to {version}", prefix, self.wheel(wheel))
            leftovers = [name for name in e2e.files_under(prefix) if ".whlinst-" in name]
            self.check(f"kind upgrade to {version}: no hidden leftovers", not leftovers, leftovers)

    # --- a directory replaced by a link while whlinst waits ------------------

    def test_symlink_planted(self):
        """hardening_kind 1.0 in a venv; while the upgrade to 2.0 waits for
        the venv's lock, the package directory is moved elsewhere and
        replaced by a link to it: the upgrade (which hides x, writes x/ and
        __init__.py there, deletes d/) must not follow it."""
        venv = self.make_venv("planted")
        result = self.whlinst_in_venv(venv, self.wheel(KIND_1))
        self.check("planted: kind 1.0: installs", result.returncode == 0 and not result.stderr, e2e.describe(result))
        package = os.path.join(e2e.site_packages(venv), "hardening_kind")
        elsewhere = os.path.join(self.workdir, "planted-elsewhere")
        state = {}

        def plant():
            shutil.move(package, elsewhere)
            os.symlink(elsewhere, package)
            state["venv"], state["elsewhere"] = snapshot(venv), snapshot(elsewhere)

        result = self.install_while_locked(venv, self.wheel(KIND_2), plant)
        label = "package directory replaced by a link while waiting for the lock"
        self.check_refused(label, result, ["hardening_kind", "is a symbolic link", "not writing through it"])
        self.check_unchanged(label, venv, state["venv"])
        self.check_unchanged(f"{label}: the linked directory", elsewhere, state["elsewhere"])

    def paused_interpreter(self, directory):
        """A --python wrapper whose bytecode workers (started with -I) wait,
        once they have said so in directory/started, until directory/go
        exists: a deterministic pause after extraction, before the renames."""
        wrapper = os.path.join(directory, "python3")
        with open(wrapper, "w") as script:
            script.write(f"""#!/bin/sh
if [ "$1" = "-I" ]; then
  : > '{directory}/started'
  while [ ! -e '{directory}/go' ]; do sleep 0.05; done
fi
exec '{self.args.python}' "$@"
""")
        os.chmod(wrapper, 0o755)
        return wrapper

    def test_symlink_planted_while_compiling(self):
        """The same link planted while the upgrade's bytecode workers run
        (its files already extracted beside their final paths): refused
        by the check before the renames; the moved directory ends as it
        was, the temporaries written into it before the move removed."""
        base = self.new_dir("planted-compiling")
        prefix = os.path.join(base, "prefix")
        self.install(prefix, self.wheel(KIND_1), "planted while compiling: kind 1.0")
        package = os.path.join(e2e.site_packages(prefix), "hardening_kind")
        elsewhere = os.path.join(base, "elsewhere")
        original, installed = snapshot(package), snapshot(prefix)
        pause = self.new_dir("planted-compiling/pause")
        process = subprocess.Popen([self.args.whlinst, self.wheel(KIND_2), "--prefix", prefix, "--jobs", "1",
                                    "--python", self.paused_interpreter(pause)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                                   env=e2e.clean_environment({"WHLINST_NO_CACHE": "1"}))
        deadline = time.monotonic() + 30
        while not os.path.exists(os.path.join(pause, "started")) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)  # the extraction of a few small files ends meanwhile
        shutil.move(package, elsewhere)
        os.symlink(elsewhere, package)
        open(os.path.join(pause, "go"), "w").close()
        stdout, stderr = process.communicate(timeout=e2e.TIMEOUT)
        result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        label = "package directory replaced by a link while compiling"
        self.check_refused(label, result, ["hardening_kind", "is a symbolic link", "not writing through it"])
        link = os.path.relpath(package, prefix)
        after = snapshot(prefix)
        self.check(f"{label}: the link stays", after.pop(link, None) == ("symlink", 0o777, elsewhere), link)
        expected = {path: entry for path, entry in installed.items()
                    if path != link and not path.startswith(link + "/")}
        differences = [message for path, message in diff_entries(expected, after, ("installed", "after"))
                       if not is_state(path)]
        self.check(f"{label}: prefix as installed but for the link", not differences, differences[:4])
        differences = [message for _, message in diff_entries(original, snapshot(elsewhere), ("1.0", "after"))]
        self.check(f"{label}: the linked directory holds 1.0 as it was", not differences, differences[:4])

    def test_replay_through_planted_link(self):
        """A committed journal left by a killed uninstall of d/m.py (as the
        kill would leave it), and d replaced by a link to a directory
        elsewhere before the next run: its replay deletes nothing there and
        says why."""
        base = self.new_dir("replay-link")
        prefix = os.path.join(base, "prefix")
        self.install(prefix, self.wheel(KIND_1), "replay through a link: kind 1.0")
        site = e2e.site_packages(prefix)
        package = os.path.join(site, "hardening_kind", "d")
        elsewhere = os.path.join(base, "elsewhere")
        shutil.move(package, elsewhere)
        os.symlink(elsewhere, package)
        os.makedirs(os.path.join(site, ".whlinst"), exist_ok=True)
        with open(os.path.join(site, ".whlinst", "hardening-kind.9x.journal"), "w") as journal:
            journal.write(f"R\t{package}/m.py\t{site}\nC\t\t\n")
        before = snapshot(elsewhere)
        result = self.whlinst("uninstall", "whlinst-recovery-probe", "--prefix", prefix)
        label = "replay of a removal through a planted link"
        self.check(f"{label}: the next run recovers, then says the probe is not installed",
                   result.returncode == 1 and "not installed" in result.stderr, e2e.describe(result))
        self.check(f"{label}: warns that the link stopped it",
                   f"{package} is a symbolic link: {package}/m.py not removed" in result.stderr, result.stderr)
        self.check_unchanged(f"{label}: the linked directory", elsewhere, before)
        self.check(f"{label}: the journal is done",
                   not os.path.exists(os.path.join(site, ".whlinst", "hardening-kind.9x.journal")))

    # --- 6. uninstall stays inside the scheme ---------------------------------

    def plant_outside(self, base, site, final_site=None, root=""):
        """Outside files a hostile RECORD names, and the package directory d
        replaced by a link to a directory elsewhere holding d's file names.
        With a root, site is the staged site-packages of final_site, and
        the outside files are planted on the host and under the root."""
        outside = os.path.join(base, "outside")
        elsewhere = os.path.join(base, "elsewhere")
        os.makedirs(os.path.join(elsewhere, "__pycache__"))
        planted = [outside, elsewhere] + ([root + outside] if root else [])
        names = [os.path.join(outside, "absolute.txt"), os.path.join(outside, "dotdot.txt")]
        paths = names + [prefix + name for prefix in ([root] if root else []) for name in names]
        paths += [os.path.join(elsewhere, "__init__.py"), os.path.join(elsewhere, "m.py"),
                  os.path.join(elsewhere, "__pycache__", "m.cpython-311.pyc")]
        for path in paths:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as planted_file:
                planted_file.write("not the project's\n")
        package = os.path.join(site, "hardening_kind", "d")
        shutil.rmtree(package)
        os.symlink(elsewhere, package)
        record = os.path.join(site, "hardening_kind-1.0.dist-info", "RECORD")
        with open(record, "a") as rows:
            rows.write(f"{names[0]},,\n")
            rows.write(f"{os.path.relpath(names[1], final_site or site)},,\n")
        return planted

    def check_uninstall_confined(self, label, result, site, planted, before):
        self.check(f"{label}: exit 0", result.returncode == 0, e2e.describe(result))
        for root in planted:
            after = snapshot(root) if os.path.isdir(root) else {}
            differences = [message for _, message in diff_entries(before[root], after)] or \
                ([] if os.path.isdir(root) else [f"{root} deleted"])
            self.check(f"{label}: {root} untouched", not differences, differences[:4])
        warnings = [line for line in result.stderr.splitlines() if line.startswith("whlinst: warning:")]
        for word in ("absolute.txt: outside the scheme", "dotdot.txt: outside the scheme",
                     "hardening_kind/d is a symbolic link"):
            self.check(f"{label}: reports {word!r}", any(word in line for line in warnings), result.stderr)
        self.check(f"{label}: only warning lines", len(warnings) == len(result.stderr.splitlines()),
                   result.stderr)
        left = sorted(name for name in e2e.files_under(site) if not is_state(name))
        self.check(f"{label}: the project's own files are gone, the link stays",
                   left == [os.path.join("hardening_kind", "d")], left)

    def test_uninstall_confined(self):
        base = self.new_dir("uninstall")
        prefix = os.path.join(base, "prefix")
        self.install(prefix, self.wheel(KIND_1), "uninstall: kind 1.0")
        site = e2e.site_packages(prefix)
        planted = self.plant_outside(base, site)
        before = {root: snapshot(root) for root in planted}
        result = self.whlinst("uninstall", "hardening_kind", "--prefix", prefix)
        self.check_uninstall_confined("uninstall with hostile RECORD rows", result, site, planted, before)

    def test_uninstall_confined_under_root(self):
        base = self.new_dir("uninstall-root")
        root = os.path.join(base, "stage")
        final = f"/opt/whlinst-hardening-{os.getpid()}"
        options = ("--root", root, "--prefix", final)
        result = self.whlinst(self.wheel(KIND_1), *options)
        self.check("uninstall --root: kind 1.0 installs staged", result.returncode == 0 and not result.stderr,
                   e2e.describe(result))
        site = e2e.site_packages(root + final)
        final_site = site[len(root):]
        planted = self.plant_outside(base, site, final_site, root)
        before = {path: snapshot(path) for path in planted}
        result = self.whlinst("uninstall", "hardening_kind", *options)
        self.check_uninstall_confined("uninstall --root with hostile RECORD rows", result, site, planted, before)
        self.check("uninstall --root: nothing at the un-rooted prefix", not os.path.lexists(final))

    # --- 2. texts from the disk are escaped -----------------------------------

    def test_disk_text_escaped(self):
        """An installed project whose METADATA and RECORD hold escape
        sequences, CR, LF and a byte that is not UTF-8: list (text and
        JSON), show --files, verify and an upgrade's -v summary print them
        escaped, each message on one line."""
        prefix = os.path.join(self.new_dir("escaped"), "prefix")
        self.install(prefix, self.wheel(KIND_1), "escaped: kind 1.0")
        dist_info = os.path.join(e2e.site_packages(prefix), "hardening_kind-1.0.dist-info")
        forged = b"\r\x1b[2K\x1b[32mOK\x1b[0m\xff"
        with open(os.path.join(dist_info, "METADATA"), "rb") as metadata:
            text = metadata.read()
        with open(os.path.join(dist_info, "METADATA"), "wb") as metadata:
            metadata.write(text.replace(b"Version: 1.0", b"Version: 1.0" + forged))
        with open(os.path.join(dist_info, "RECORD"), "ab") as record:
            record.write(b"hardening_kind/ghost" + forged + b"\n.py,,\n")
        runs = {
            "list": ["list", "--prefix", prefix],
            "list --format json": ["list", "--format", "json", "--prefix", prefix],
            "show --files": ["show", "--files", "hardening_kind", "--prefix", prefix],
            "verify": ["verify", "--prefix", prefix],
            "upgrade -v": [self.wheel(KIND_2), "--prefix", prefix, "-v"],
        }
        for label, args in runs.items():
            result = subprocess.run([self.args.whlinst, *args, "--python", self.args.python],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e2e.clean_environment())
            output = result.stdout + result.stderr
            self.check(f"escaped {label}: runs (no crash)", result.returncode in (0, 1),
                       f"exit {result.returncode} {result.stderr[-300:]!r}")
            raw = [bytes([c]) for c in b"\r\x1b\xff" if bytes([c]) in output]
            self.check(f"escaped {label}: no raw control character or invalid byte", not raw, repr(output[-300:]))
            errors = [line for line in result.stderr.splitlines() if b"ghost" in line]
            self.check(f"escaped {label}: a message naming the forged path is one line",
                       all(line.startswith(b"whlinst: ") for line in errors), repr(result.stderr[-300:]))



def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    if not os.access(args.whlinst, os.X_OK) or not os.access(args.python, os.X_OK):
        print(f"SKIP: {args.whlinst} or {args.python} missing")
        return e2e.SKIP
    args.whlinst = os.path.abspath(args.whlinst)
    session = Session(args)
    session.test_wheel_changed()
    session.test_disk_text_escaped()
    session.test_kind_changes()
    session.test_uninstall_confined()
    session.test_uninstall_confined_under_root()
    session.test_symlink_planted()
    session.test_symlink_planted_while_compiling()
    session.test_replay_through_planted_link()
    status = session.checks.finish()
    if status == 0 and not args.keep:
        shutil.rmtree(session.workdir)
    else:
        print(f"work directory kept: {session.workdir}")
    return status


if __name__ == "__main__":
    sys.exit(main())
