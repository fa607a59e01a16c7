#!/usr/bin/env python3
"""whlinst on every file system, and every recovery (issue 14).

The install / upgrade / uninstall cycle and kill -9 during upgrades run on
each file system of the matrix, mounted by the test (root needed; exit 77
when nothing can be mounted):
  disk     a directory of the test's TMPDIR (ext4 in CI);
  tmpfs    a tmpfs mount;
  overlay  overlayfs over a prefix holding fixture_upgrade 1.0, which is then
           in the lower layer (a container image): its directories cannot
           be renamed (EXDEV without redirect_dir);
  bindfs   a FUSE mount (Debian's bindfs) whose rename refuses
           RENAME_NOREPLACE (EINVAL).
Then, each on the file system that shows it:
  ENOSPC   upgrades on a nearly full small tmpfs (bytes, then inodes): exit
           0 with 2.0, or exit 1 with 1.0 intact, verifying, nothing stray;
  EMFILE   upgrades under RLIMIT_NOFILE from 5 up: same, and a rollback
           that could not finish says so and keeps its journal;
  journals an unparseable journal is quarantined with a warning naming it
           (escaped) and blocks nothing; a crafted journal naming paths
           outside the scheme is not replayed;
  two versions of one project on one command line are refused;
  immutable files the upgrade must remove: warning, exit 1, --report's
           not_removed, and `verify` reports the file;
  a `#!python` script of --big-script-mib MiB installs with a peak RSS
           under 64 MiB (the shebang rewrite streams).

Usage: test_file_systems.py --whlinst W --fixtures DIR --python PY
           --big-script-maker make_big_script_wheel.py [--big-script-mib N]
           [--crash-points N]
"""

import argparse
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scheme_paths  # noqa: E402
from e2e_support import (Checks, Whlinst, check_clean, clean_environment, describe, error_lines,  # noqa: E402
                         installed_versions, journals, target_site_packages, upgrade_problems)
from test_crash_recovery import Scenario, fixture, kill_during  # noqa: E402

SKIP = 77


class Mounts:
    """Mount points made by the test, unmounted (lazily if busy) at exit."""

    def __init__(self):
        self.points = []

    def mount(self, *args):
        result = subprocess.run(["mount", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, universal_newlines=True)
        if result.returncode == 0:
            self.points.append(args[-1])
        return result.returncode == 0, result.stdout.strip()

    def bindfs(self, source, target):
        if not shutil.which("bindfs"):
            return False, "bindfs not installed"
        result = subprocess.run(["bindfs", source, target], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, universal_newlines=True)
        if result.returncode == 0:
            self.points.append(target)
        return result.returncode == 0, result.stdout.strip()

    def unmount(self, point):
        if subprocess.run(["umount", point], stderr=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["umount", "-l", point], stderr=subprocess.DEVNULL)
        self.points.remove(point)

    def close(self):
        for point in reversed(list(self.points)):
            self.unmount(point)


class Context:
    def __init__(self, args, workdir):
        self.checks, self.whlinst = Checks(), Whlinst(args.whlinst, args.python)
        self.mounts, self.workdir, self.args = Mounts(), workdir, args
        fixtures = os.path.abspath(args.fixtures)
        self.v1 = fixture(fixtures, "fixture_upgrade-1.0")
        self.v2 = fixture(fixtures, "fixture_upgrade-2.0")
        self.many = fixture(fixtures, "fixture_many")
        self.unrelated = fixture(fixtures, "fixture_multitag")

    def directory(self, name):
        path = os.path.join(self.workdir, name)
        os.makedirs(path)
        return path

    def install(self, *args, prefix, env=None, limit=None):
        def set_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))
        return subprocess.run(self.whlinst.command("install", *args, prefix=prefix),
                              env=clean_environment(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, errors="backslashreplace", timeout=300,
                              preexec_fn=set_limit if limit else None)

    def installed(self, prefix, version, label):
        result = self.install(self.v1 if version == "1.0" else self.v2, prefix=prefix)
        return self.checks.check(f"{label}: install {version} exits 0", result.returncode == 0,
                                 describe(result))


# --- the matrix ----------------------------------------------------------------

def file_systems(ctx):
    """(name, make_prefix) for each file system that can be mounted here;
    make_prefix(label) returns an empty directory on it holding nothing,
    or (overlay) fixture_upgrade 1.0 in its lower layer."""
    found = [("disk", lambda label: ctx.directory(f"disk-{label}"))]
    tmpfs = ctx.directory("tmpfs")
    ok, why = ctx.mounts.mount("-t", "tmpfs", "-o", "size=512m", "tmpfs", tmpfs)
    if ok:
        found.append(("tmpfs", lambda label: ctx.directory(f"tmpfs/{label}")))
    else:
        print(f"# SKIP tmpfs: {why}")
    if overlay_prefix(ctx, "probe"):
        found.append(("overlay", lambda label: overlay_prefix(ctx, label)))
    source, target = ctx.directory("bindfs-source"), ctx.directory("bindfs")
    ok, why = ctx.mounts.bindfs(source, target)
    if ok:
        found.append(("bindfs", lambda label: ctx.directory(f"bindfs/{label}")))
    else:
        print(f"# SKIP bindfs: {why}")
    return found


def overlay_prefix(ctx, label):
    """A prefix with fixture_upgrade 1.0 installed, then covered by an
    overlay mount using it as lower layer; None if overlayfs cannot mount."""
    prefix = ctx.directory(f"overlay-{label}")
    result = ctx.install(ctx.v1, prefix=prefix)
    assert result.returncode == 0, describe(result)
    upper, work = ctx.directory(f"overlay-{label}.upper"), ctx.directory(f"overlay-{label}.work")
    ok, why = ctx.mounts.mount("-t", "overlay", "-o",
                               f"lowerdir={prefix},upperdir={upper},workdir={work}", "overlay", prefix)
    if not ok:
        print(f"# SKIP overlay: {why}")
        return None
    return prefix


def lifecycle(ctx, fs, make_prefix):
    """1.0 (already there on overlay), upgrade to 2.0, a wheel creating new
    directories, uninstall of both: each step exits 0 and leaves a clean,
    verifying prefix."""
    checks, label = ctx.checks, f"{fs} lifecycle"
    prefix = make_prefix("lifecycle")
    if fs != "overlay" and not ctx.installed(prefix, "1.0", label):
        return
    result = ctx.install(ctx.v2, prefix=prefix)
    checks.check(f"{label}: upgrade to 2.0 exits 0", result.returncode == 0, describe(result))
    wrong = upgrade_problems(prefix, "2.0")
    checks.check(f"{label}: 2.0 coherent", not wrong, wrong)
    result = ctx.install(ctx.many, prefix=prefix)
    checks.check(f"{label}: fixture_many (new directories) exits 0", result.returncode == 0,
                 describe(result))
    check_clean(checks, f"{label}: installed", ctx.whlinst, prefix)
    for project in ("fixture_upgrade", "fixture_many"):
        result = ctx.whlinst.run("uninstall", project, prefix=prefix)
        checks.check(f"{label}: uninstall {project} exits 0", result.returncode == 0,
                     describe(result))
    left = [p for p in os.listdir(target_site_packages(prefix)) if p != ".whlinst"]
    checks.check(f"{label}: nothing left in site-packages", not left, left)
    check_clean(checks, f"{label}: uninstalled", ctx.whlinst, prefix)


def crash_points(ctx, fs, make_prefix, count):
    """kill -9 of the upgrade 1.0 -> 2.0 at `count` moments, then recovery by
    an unrelated install and the upgrade again."""
    checks = ctx.checks
    scenario = Scenario("upgrade", [], ctx.v2, "fixture_upgrade", "2.0", "1.0")
    prefix = make_prefix("timing")
    if fs != "overlay":
        ctx.installed(prefix, "1.0", f"{fs} timing")
    started = time.monotonic()
    ctx.install(ctx.v2, prefix=prefix)
    seconds = time.monotonic() - started
    for point in range(count):
        label = f"{fs} kill -9 at {point + 1}/{count + 1} of the upgrade"
        prefix = make_prefix(f"crash-{point}")
        if fs != "overlay" and not ctx.installed(prefix, "1.0", label):
            continue
        kill_during(ctx.whlinst, scenario, prefix, seconds * (point + 1) / (count + 1), "group")
        result = ctx.install(ctx.unrelated, prefix=prefix)
        checks.check(f"{label}: recovery exits 0", result.returncode == 0, describe(result))
        versions = installed_versions(target_site_packages(prefix), "fixture_upgrade")
        wrong = upgrade_problems(prefix, versions[0]) if len(versions) == 1 else versions
        checks.check(f"{label}: one coherent version after recovery", not wrong, wrong)
        check_clean(checks, f"{label}: recovered", ctx.whlinst, prefix)
        result = ctx.install(ctx.v2, prefix=prefix)
        checks.check(f"{label}: the upgrade again exits 0", result.returncode == 0, describe(result))
        check_clean(checks, f"{label}: upgraded", ctx.whlinst, prefix)


# --- failures --------------------------------------------------------------------

def old_or_new(ctx, label, prefix, result):
    """After an upgrade that may fail: 2.0 when it exited 0, else 1.0 or 2.0
    (other wheels of the command may have failed), coherent; verifying,
    nothing stray (a kept journal must have been announced, and is then
    finished by the next run). Returns the version installed."""
    checks = ctx.checks
    versions = installed_versions(target_site_packages(prefix), "fixture_upgrade")
    version = versions[0] if len(versions) == 1 else None
    wrong = upgrade_problems(prefix, version) if version else versions
    if result.returncode == 0 and version != "2.0":
        wrong = [f"exit 0 with {versions} installed"]
    checks.check(f"{label}: exit {result.returncode}, {version} intact", not wrong,
                 f"{wrong}; {describe(result)}")
    kept = journals(prefix)
    if kept:
        checks.check(f"{label}: a kept journal is announced", "kept" in result.stderr,
                     describe(result))
        ctx.install(ctx.unrelated, prefix=prefix)
    check_clean(checks, label, ctx.whlinst, prefix)
    return version


def fill(path, leave):
    """Fills the file system of `path` with one file, leaving `leave` bytes."""
    filler = os.path.join(path, "filler")
    with open(filler, "wb") as stream:
        try:
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()
        except OSError:
            pass
    stat = os.statvfs(path)
    size = os.path.getsize(filler) - max(0, leave - stat.f_bavail * stat.f_frsize)
    os.truncate(filler, max(0, size))
    return filler


def fill_inodes(path, leave):
    names = []
    try:
        while True:
            name = os.path.join(path, f"inode-{len(names)}")
            open(name, "w").close()
            names.append(name)
    except OSError:
        pass
    for name in names[len(names) - leave:] if leave else []:
        os.unlink(name)
    return names[:len(names) - leave]


def enospc(ctx):
    """Upgrades on a small tmpfs left with little space (bytes, then inodes)."""
    cases = [("bytes", leave, "size=4m") for leave in (0, 8192, 32768, 131072, 262144)]
    cases += [("inodes", leave, "size=64m,nr_inodes=200") for leave in (0, 3, 10, 25, 60)]
    for kind, leave, options in cases:
        label = f"ENOSPC ({kind}, {leave} left)"
        mount_point = ctx.directory(f"enospc-{kind}-{leave}")
        ok, why = ctx.mounts.mount("-t", "tmpfs", "-o", options, "tmpfs", mount_point)
        if not ok:
            print(f"# SKIP {label}: {why}")
            return
        prefix = os.path.join(mount_point, "prefix")
        if ctx.installed(prefix, "1.0", label):
            fillers = ([fill(mount_point, leave)] if kind == "bytes"
                       else fill_inodes(mount_point, leave))
            old_or_new(ctx, label, prefix, ctx.install(ctx.v2, prefix=prefix))
            for filler in fillers:
                os.unlink(filler)
        ctx.mounts.unmount(mount_point)


def emfile(ctx):
    """An upgrade and a fresh install (new directories) in one command, with
    RLIMIT_NOFILE from 5 up until it succeeds."""
    if "ASAN_OPTIONS" in os.environ:
        print("# SKIP EMFILE: the sanitizer runtime needs descriptors of its own (reports, leak check)")
        return
    for limit in range(5, 40):
        label = f"EMFILE (ulimit -n {limit})"
        prefix = ctx.directory(f"emfile-{limit}")
        if not ctx.installed(prefix, "1.0", label):
            return
        result = ctx.install(ctx.v2, ctx.many, prefix=prefix, limit=limit)
        if old_or_new(ctx, label, prefix, result) == "2.0" and result.returncode == 0:
            print(f"# the two installs need {limit} file descriptors")
            return


def journals_refused(ctx):
    checks, prefix = ctx.checks, ctx.directory("journals")
    ctx.installed(prefix, "1.0", "journals")
    state = os.path.join(target_site_packages(prefix, ctx.args.python), ".whlinst")
    os.makedirs(state, exist_ok=True)  # removed after each run: planted as a crash would leave it
    corrupt = os.path.join(state, "fixture_upgrade.1x.journal")
    with open(corrupt, "wb") as stream:
        stream.write(b"T\t/x\t\n\x01\xff\xfe not a record \x1b[31m\n")
    victim = ctx.directory("victim")
    with open(os.path.join(victim, "precious"), "w") as stream:
        stream.write("keep\n")
    crafted = os.path.join(state, "fixture_many.2x.journal")
    with open(crafted, "w") as stream:
        stream.write(f"T\t{victim}\t\nT\t{victim}/.whlinst-2x-0\t\nR\t{victim}/precious\t/\n")
    result = ctx.install(ctx.v2, prefix=prefix)
    checks.check("journals: an upgrade beside a corrupt and a crafted journal exits 0",
                 result.returncode == 0, describe(result))
    warnings = [line for line in result.stderr.splitlines() if line.startswith("whlinst: warning:")]
    checks.check("journals: the corrupt journal is named in a warning, escaped",
                 any(corrupt in line and "\\x01" in line for line in warnings)
                 and "\x01" not in result.stderr and "\x1b" not in result.stderr, warnings)
    checks.check("journals: the corrupt journal is quarantined",
                 os.path.exists(corrupt + ".corrupt") and not os.path.exists(corrupt))
    checks.check("journals: the crafted journal is refused with a warning naming it",
                 any(crafted in line and "outside" in line for line in warnings), warnings)
    checks.check("journals: the paths it names are untouched",
                 os.path.exists(os.path.join(victim, "precious")))
    wrong = upgrade_problems(prefix, "2.0")
    checks.check("journals: 2.0 installed", not wrong, wrong)


def two_versions(ctx):
    prefix = ctx.directory("two-versions")
    result = ctx.install(ctx.v1, ctx.v2, prefix=prefix)
    lines = error_lines(result)
    ctx.checks.check("two versions of one project on one command line: refused, one error line",
                     result.returncode == 1 and len(lines) == 1
                     and ("one version" in lines[0] or "two wheels of one project" in lines[0]),
                     describe(result))
    ctx.checks.check("two versions: nothing installed",
                     not installed_versions(target_site_packages(prefix), "fixture_upgrade"))


def immutable(ctx):
    checks, prefix = ctx.checks, ctx.directory("immutable")
    ctx.installed(prefix, "1.0", "immutable")
    dropped = os.path.join(target_site_packages(prefix), "fixture_upgrade", "dropped.py")
    if subprocess.run(["chattr", "+i", dropped], stderr=subprocess.DEVNULL).returncode != 0:
        print("# SKIP immutable: chattr +i refused")
        return
    try:
        report = os.path.join(ctx.workdir, "immutable-report.json")
        result = ctx.install(ctx.v2, "--report", report, prefix=prefix)
        warned = [line for line in result.stderr.splitlines()
                  if line.startswith("whlinst: warning:") and "dropped.py" in line]
        checks.check("immutable file left by an upgrade: warning naming it, exit 1",
                     result.returncode == 1 and len(warned) == 1, describe(result))
        with open(report) as stream:
            not_removed = json.load(stream)["projects"][0].get("not_removed", [])
        checks.check("immutable: --report lists it", any("dropped.py" in m for m in not_removed),
                     not_removed)
        verified = ctx.whlinst.run("verify", prefix=prefix)
        checks.check("immutable: verify reports the unlisted file",
                     verified.returncode == 1 and "dropped.py" in verified.stderr,
                     describe(verified))
    finally:
        subprocess.run(["chattr", "-i", dropped])


def big_script(ctx):
    wheels = ctx.directory("big-script-wheel")
    subprocess.run([sys.executable, ctx.args.big_script_maker, wheels, str(ctx.args.big_script_mib)],
                   check=True, stdout=subprocess.DEVNULL)
    prefix = ctx.directory("big-script")
    command = ctx.whlinst.command("install", glob.glob(os.path.join(wheels, "*.whl"))[0],
                                  "--no-compile", "--max-compression-ratio", "100000",
                                  prefix=prefix)
    process = subprocess.Popen(command, env=clean_environment(), stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read().decode(errors="replace")
    peak_mib = usage.ru_maxrss / 1024
    print(f"# a {ctx.args.big_script_mib} MiB #!python script installs with a peak RSS "
          f"of {peak_mib:.1f} MiB")
    ctx.checks.check("big script: install exits 0", os.waitstatus_to_exitcode(status) == 0, stderr)
    script = os.path.join(scheme_paths.scripts_dir(ctx.args.python, prefix), "big-script")
    with open(script, "rb") as stream:
        head = stream.read(200)
    ctx.checks.check("big script: shebang rewritten",
                     head.startswith(f"#!{ctx.args.python}\nprint('big')\n".encode()), head[:80])
    if "ASAN_OPTIONS" in os.environ:
        print("# (sanitizer build: its shadow memory and quarantine make RSS meaningless)")
        return
    ctx.checks.check("big script: peak RSS under 64 MiB", peak_mib < 64, f"{peak_mib:.1f} MiB")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--big-script-maker", required=True)
    parser.add_argument("--big-script-mib", type=int, default=256)
    parser.add_argument("--crash-points", type=int, default=4)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("SKIP: mounting file systems needs root")
        return SKIP
    workdir = tempfile.mkdtemp(prefix="whlinst-fs-")
    ctx = Context(args, workdir)
    try:
        probe = ctx.directory("probe")
        ok, why = ctx.mounts.mount("-t", "tmpfs", "tmpfs", probe)
        if not ok:
            print(f"SKIP: cannot mount here: {why}")
            return SKIP
        ctx.mounts.unmount(probe)
        for fs, make_prefix in file_systems(ctx):
            print(f"# file system: {fs}")
            lifecycle(ctx, fs, make_prefix)
            crash_points(ctx, fs, make_prefix, args.crash_points)
        for case in (enospc, emfile, journals_refused, two_versions, immutable, big_script):
            case(ctx)
    finally:
        ctx.mounts.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return ctx.checks.finish()


if __name__ == "__main__":
    sys.exit(main())
