#!/usr/bin/env python3
"""A miniature SageMath build through contrib/sage's sdh_store_and_pip_install_wheel.

Generates 24 small wheels (packages with modules, some in one shared PEP 420
namespace, some with console scripts, .data scripts and data files), one spkg
directory per wheel whose spkg-install "builds" (checks that its dependencies
import, copies the wheel to dist/) and calls sdh_store_and_pip_install_wheel
after sourcing a stub of sage-dist-helpers and the drop-in, and a Makefile
with one target per spkg, some depending on others, run with make -j.

Rounds, each in a fresh venv made with `python -m venv --without-pip`:
- direct (3 times): make -j installs into the venv; every package imports,
  every script runs, whlinst verify passes, the store holds every wheel; then
  every spkg-install is touched and make -j reinstalls the same versions
  (uninstall, then install), with the same checks.
- staged: SAGE_DESTDIR set for every job, SAGE_WHLINST_DEFER=no; nothing in the real venv changes, the
  staged tree holds no staging path in any file; reinstall staged; the staged
  tree, copied into the venv as sage-spkg does, imports and verifies.
- deferred: as sage-spkg runs jobs (one SAGE_DESTDIR per package, unloaded
  after spkg-install, then spkg-pipinst), the drop-in's default: 3 rounds
  (install, then two rebuilds), no cp race or "not found" in any log, then
  every spkg-piprm, leaving the venv as it was made.

Usage: test_sage_spkg.py --whlinst WHLINST --dropin SCRIPT --python PYTHON
       [--rounds N] [--jobs N] [--keep]
Prints one line per check and "N passed, M failed"; exit status 1 on failure.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sage_spkg_tree import PACKAGE_COUNT, Package, Tree, write_wheel


class Checker:
    """Prints one line per check and counts the results."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
            print(f"ok   {what}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {what}" + (f": {detail}" if detail else ""), flush=True)
        return condition


# ---------------------------------------------------------------------------
# Checks.

IMPORT_CHECK = r"""
import importlib, importlib.metadata, json, sys
failures = []
for module, value, project, version in json.loads(sys.argv[1]):
    try:
        got = importlib.import_module(module).VALUE
        if got != value:
            failures.append(f"{module}.VALUE is {got!r}")
        if importlib.metadata.version(project) != version:
            failures.append(f"{project} has version {importlib.metadata.version(project)}")
    except Exception as error:
        failures.append(f"{module}: {error!r}")
print(json.dumps(failures))
"""


def normalize(name):
    """PEP 503 normalized project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def whlinst(args, *command):
    return subprocess.run([str(args.whlinst), *command], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def clean_env():
    """The environment without variables that would change what Python imports."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def check_imports(checker, tree, label):
    table = [(p.module, p.value(), p.project, p.version) for p in tree.packages]
    result = subprocess.run([str(tree.venv / "bin/python3"), "-c", IMPORT_CHECK,
                             json.dumps(table)], stdout=subprocess.PIPE, text=True,
                            env=clean_env())
    failures = json.loads(result.stdout or '["no output"]')
    checker.check(result.returncode == 0 and not failures,
                  f"{label}: the venv's python imports all {len(table)} packages",
                  "; ".join(failures[:5]))


def check_scripts(checker, tree, label):
    failures = []
    count = 0
    for package in tree.packages:
        for script, expected in ((package.console_script, f"tool {package.index} ok"),
                                 (package.data_script, f"script {package.value()}")):
            if not script:
                continue
            count += 1
            path = tree.venv / "bin" / script
            result = subprocess.run([str(path)], stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, env=clean_env())
            if result.returncode != 0 or result.stdout.strip() != expected:
                failures.append(f"{script}: {result.returncode} {result.stdout.strip()[:200]}")
    checker.check(not failures, f"{label}: all {count} scripts run", "; ".join(failures[:5]))


def check_listing(checker, tree, label, root_args=()):
    result = whlinst(tree.args, "list", "--prefix", str(tree.venv), *root_args,
                     "--format", "json")
    try:
        listing = json.loads(result.stdout)
    except ValueError:
        listing = None
    if not checker.check(result.returncode == 0 and isinstance(listing, list),
                         f"{label}: whlinst list --format json", result.stdout[-500:]):
        return
    got = sorted((normalize(p["name"]), p["version"], p["installer"]) for p in listing)
    want = sorted((normalize(p.project), p.version, "whlinst") for p in tree.packages)
    checker.check(got == want, f"{label}: every project listed once, by whlinst",
                  f"got {got[:4]}... ({len(got)} rows)")


def check_verify(checker, tree, label, root_args=()):
    result = whlinst(tree.args, "verify", "--prefix", str(tree.venv), *root_args)
    checker.check(result.returncode == 0, f"{label}: whlinst verify passes",
                  result.stdout[-800:])


def site_packages(tree, root=None):
    venv = Path(str(root) + str(tree.venv)) if root else tree.venv
    return venv / "lib/python3.11/site-packages"


def check_store(checker, tree, label, root=None):
    store = Path(str(root) + str(tree.store)) if root else tree.store
    missing = [p.wheel_name for p in tree.packages
               if not (store / p.wheel_name).is_file()
               or (store / p.wheel_name).read_bytes()
               != (tree.upstream / p.wheel_name).read_bytes()]
    checker.check(not missing, f"{label}: the store holds every wheel, intact", str(missing[:5]))
    scripts = Path(str(root) + str(tree.scripts_dir)) if root else tree.scripts_dir
    bad = []
    for package in tree.packages:
        record = scripts / package.spkg / "spkg-requirements.txt"
        want = f"{package.dist} @ file://{tree.store}/{package.wheel_name}\n"
        if not record.is_file() or record.read_text() != want:
            bad.append(f"{record}: {record.read_text() if record.is_file() else 'missing'!r}")
    checker.check(not bad, f"{label}: spkg-requirements.txt records NAME @ file:///...whl once",
                  "; ".join(bad[:3]))


def check_no_strays(checker, tree, label, base_files, root=None):
    """Every file in site-packages and bin is in a RECORD, part of the bare venv,
    or a .whlinst lock; exactly one dist-info per project."""
    site = site_packages(tree, root)
    venv = site.parent.parent.parent
    recorded = set()
    infos = [d for d in site.iterdir() if d.name.endswith(".dist-info")]
    for info in infos:
        for row in (info / "RECORD").read_text().splitlines():
            if row:
                recorded.add(os.path.normpath(site / row.rsplit(",", 2)[0]))
    strays = []
    for top in (site, venv / "bin"):
        for directory, _, names in os.walk(top):
            for name in names:
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, venv)
                if path in recorded or relative in base_files:
                    continue
                if os.path.basename(directory) == ".whlinst" and name.endswith(".lock"):
                    continue
                strays.append(relative)
    checker.check(not strays, f"{label}: no stray or temporary files", str(strays[:5]))
    names = sorted(info.name.split("-")[0] for info in infos)
    checker.check(names == sorted(p.dist for p in tree.packages),
                  f"{label}: one .dist-info per project", str(names))


def check_round(checker, tree, label, base_files):
    check_imports(checker, tree, label)
    check_scripts(checker, tree, label)
    check_verify(checker, tree, label)
    check_listing(checker, tree, label)
    check_store(checker, tree, label)
    check_no_strays(checker, tree, label, base_files)


def run_make(checker, tree, label, env, parallel_check=True):
    result, seconds = tree.make(env)
    ok = checker.check(result.returncode == 0, f"{label}: make -j{tree.args.jobs} "
                       f"({seconds:.1f} s)", result.stdout[-3000:])
    if ok and parallel_check:
        peak = tree.max_concurrency()
        checker.check(peak >= 2, f"{label}: spkg-install jobs ran in parallel (peak {peak})")
    return ok


def touch_all(tree):
    later = time.time() + 1
    for package in tree.packages:
        os.utime(tree.spkg_install(package), (later, later))


def check_reinstalled(checker, tree, label, since, root=None):
    """Every project was uninstalled then installed again by the last make."""
    site = site_packages(tree, root)
    stale = []
    for package in tree.packages:
        metadata = site / f"{package.dist}-{package.version}.dist-info" / "METADATA"
        if not metadata.exists() or metadata.stat().st_ctime_ns < since:
            stale.append(package.project)
    checker.check(not stale, f"{label}: every project installed anew", str(stale[:5]))
    logs = [p.spkg for p in tree.packages
            if "before installing it again" not in (tree.logs / f"{p.spkg}.log").read_text()]
    checker.check(not logs, f"{label}: each spkg uninstalled its project first", str(logs[:5]))


def venv_files(venv):
    files = set()
    for directory, _, names in os.walk(venv):
        for name in names:
            files.add(os.path.relpath(os.path.join(directory, name), venv))
    return files


def snapshot(directory):
    state = {}
    for path, dirs, names in os.walk(directory):
        for name in dirs + names:
            full = os.path.join(path, name)
            info = os.lstat(full)
            state[os.path.relpath(full, directory)] = (info.st_mode, info.st_size,
                                                       info.st_mtime_ns, info.st_ino)
    return state


# ---------------------------------------------------------------------------
# Rounds.


def direct_round(checker, base, args, packages, upstream, number, failures=False):
    label = f"direct {number}"
    tree = Tree(base, args, packages, upstream, f"direct{number}")
    tree.create("direct")
    base_files = venv_files(tree.venv)
    env = tree.environment()
    if run_make(checker, tree, label, env):
        check_round(checker, tree, label, base_files)
    touch_all(tree)
    since = time.time_ns()
    label = f"direct {number} reinstall"
    if run_make(checker, tree, label, env):
        check_reinstalled(checker, tree, label, since)
        check_round(checker, tree, label, base_files)
        if failures:
            check_single_spkgs(checker, tree, base)


def run_spkg(tree, package, **extra):
    return subprocess.run([str(tree.spkg_install(package))], env=tree.environment(**extra),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def installed(tree, project):
    result = whlinst(tree.args, "list", "--prefix", str(tree.venv), "--format", "json")
    return normalize(project) in {normalize(p["name"]) for p in json.loads(result.stdout)}


def check_single_spkgs(checker, tree, base):
    """Errors end spkg-install through sdh_die with whlinst's exit status."""
    label = "single spkg"
    broken = base / "upstream-broken"
    broken.mkdir(exist_ok=True)
    new = Package(90)
    new.deps = []
    tree.write_spkg(new)
    write_wheel(new, tree.packages, broken, tamper=True)
    result = run_spkg(tree, new, SAGE_TEST_UPSTREAM=str(broken))
    checker.check(result.returncode == 3 and f"Error installing {new.dist}" in result.stdout
                  and "Retrying the installation" in result.stdout
                  and "whlinst: error:" in result.stdout and not installed(tree, new.project),
                  f"{label}: a corrupt wheel fails its spkg-install after one retry (exit 3, as "
                  "sage-pip-install)",
                  f"exit {result.returncode}: {result.stdout[-600:]}")

    victim = tree.packages[1]
    write_wheel(victim, tree.packages, broken, tamper=True)
    result = run_spkg(tree, victim, SAGE_TEST_UPSTREAM=str(broken))
    checker.check(result.returncode == 3 and not installed(tree, victim.project),
                  f"{label}: a corrupt rebuild fails after the uninstallation, as with pip",
                  f"exit {result.returncode}: {result.stdout[-600:]}")
    result = run_spkg(tree, victim)
    checker.check(result.returncode == 0 and installed(tree, victim.project),
                  f"{label}: the good wheel installs again", result.stdout[-600:])
    result = run_spkg(tree, victim, SAGE_TEST_UPSTREAM=str(broken),
                      SAGE_WHLINST_REINSTALL="atomic")
    checker.check(result.returncode == 3 and installed(tree, victim.project),
                  f"{label}: with SAGE_WHLINST_REINSTALL=atomic the installed version stays",
                  f"exit {result.returncode}: {result.stdout[-600:]}")
    result = run_spkg(tree, victim, SAGE_WHLINST_REINSTALL="atomic")
    checker.check(result.returncode == 0 and "before installing it again" not in result.stdout,
                  f"{label}: SAGE_WHLINST_REINSTALL=atomic reinstalls in one step",
                  result.stdout[-600:])
    result = run_spkg(tree, victim, SAGE_PIP_INSTALL_FLAGS="--user")
    checker.check(result.returncode != 0 and "--user cannot be honoured" in result.stdout,
                  f"{label}: a pip option whlinst cannot honour is an error",
                  result.stdout[-600:])
    check_sudo(checker, tree, label)
    check_pip_uninstall(checker, tree, label, victim)
    check_imports(checker, tree, label)
    check_verify(checker, tree, label)


def run_helpers(tree, script, **extra):
    """Runs `script` after sourcing the stub sage-dist-helpers and the drop-in."""
    prologue = '. "$SAGE_ROOT/build/bin/sage-dist-helpers" || exit 1; . "$SAGE_TEST_DROPIN" || exit 1; '
    return subprocess.run(["bash", "-c", prologue + script], env=tree.environment(**extra),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def check_pip_uninstall(checker, tree, label, victim):
    """spkg-piprm's sdh_pip_uninstall goes through whlinst, failures ignored;
    without whlinst the drop-in leaves SageMath's helpers alone."""
    requirements = tree.root / "piprm-requirements.txt"
    requirements.write_text(f"{victim.project} @ file:///nowhere/{victim.wheel_name}\nnot-installed-x\n")
    result = run_helpers(tree, f'sdh_pip_uninstall -r "{requirements}" && echo after')
    checker.check(result.returncode == 0 and "after" in result.stdout and not installed(tree, victim.project),
                  f"{label}: sdh_pip_uninstall -r FILE uninstalls with whlinst", result.stdout[-600:])
    result = run_helpers(tree, f'sdh_pip_uninstall -r "{requirements}" {victim.project} && echo after')
    checker.check(result.returncode == 0 and "after" in result.stdout,
                  f"{label}: sdh_pip_uninstall of projects not installed succeeds", result.stdout[-600:])
    result = run_spkg(tree, victim)
    checker.check(result.returncode == 0 and installed(tree, victim.project),
                  f"{label}: reinstalled after sdh_pip_uninstall", result.stdout[-600:])
    result = run_helpers(tree, "type -t sdh_store_and_pip_install_wheel sdh_pip_uninstall; echo sourced",
                         WHLINST=str(tree.root / "no-such-whlinst"))
    checker.check(result.returncode == 0 and "sourced" in result.stdout and "function" not in result.stdout
                  and "SageMath's pip-based helpers stay in use" in result.stdout,
                  f"{label}: without whlinst the drop-in defines nothing (pip stays in use)",
                  result.stdout[-600:])


def check_sudo(checker, tree, label):
    """$SAGE_SUDO prefixes the store and whlinst commands, unless staging."""
    sudo = tree.root / "build/bin/fake-sudo"
    sudo_log = tree.root / "sudo.log"
    sudo.write_text(f'#!/bin/sh\necho "${{1##*/}} $2" >> "{sudo_log}"\nexec "$@"\n')
    sudo.chmod(0o755)
    package = tree.packages[2]
    result = run_spkg(tree, package, SAGE_SUDO=str(sudo))
    calls = sudo_log.read_text().split("\n") if sudo_log.exists() else []
    checker.check(result.returncode == 0 and calls[:3] == ["mv -f", "whlinst uninstall",
                                                           "whlinst install"],
                  f"{label}: SAGE_SUDO runs mv, whlinst uninstall and install",
                  f"{calls} {result.stdout[-400:]}")
    sudo_log.unlink(missing_ok=True)
    destdir = tree.root / "sudo-destdir"
    result = run_spkg(tree, package, SAGE_SUDO=str(sudo), SAGE_DESTDIR=str(destdir))
    staged = Path(f"{destdir}{site_packages(tree)}") / f"{package.dist}-{package.version}.dist-info"
    checker.check(result.returncode == 0 and not sudo_log.exists() and staged.is_dir(),
                  f"{label}: SAGE_SUDO with SAGE_DESTDIR stages without sudo",
                  result.stdout[-400:])


def check_staged_tree(checker, tree, label, destdir, before):
    checker.check(snapshot(tree.venv) == before, f"{label}: nothing changed in the real venv")
    root_args = ("--root", str(destdir))
    check_verify(checker, tree, label, root_args)
    check_listing(checker, tree, label, root_args)
    check_store(checker, tree, label, destdir)
    result = subprocess.run(["grep", "-rlF", str(destdir), str(destdir)],
                            stdout=subprocess.PIPE, text=True)
    checker.check(result.returncode == 1 and not result.stdout,
                  f"{label}: no file of the staged tree contains the staging path",
                  result.stdout[:500])
    staged_bin = Path(str(destdir) + str(tree.venv)) / "bin"
    wrong = []
    for package in tree.packages:
        for script in (package.console_script, package.data_script):
            if script:
                first = (staged_bin / script).read_bytes().split(b"\n", 1)[0]
                if first != b"#!" + str(tree.venv / "bin/python3").encode():
                    wrong.append(f"{script}: {first[:120]!r}")
    checker.check(not wrong, f"{label}: staged scripts name the venv's python", str(wrong[:3]))


def staged_round(checker, base, args, packages, upstream):
    label = "staged"
    tree = Tree(base, args, packages, upstream, "staged")
    tree.create("direct")
    base_files = venv_files(tree.venv)
    destdir = tree.root / "destdir"
    env = tree.environment(SAGE_DESTDIR=str(destdir), SAGE_WHLINST_DEFER="no")
    before = snapshot(tree.venv)
    if run_make(checker, tree, label, env):
        check_staged_tree(checker, tree, label, destdir, before)
    touch_all(tree)
    since = time.time_ns()
    label = "staged reinstall"
    if not run_make(checker, tree, label, env):
        return
    check_reinstalled(checker, tree, label, since, destdir)
    check_staged_tree(checker, tree, label, destdir, before)
    subprocess.run(["cp", "-Rp", f"{destdir}{tree.venv}/.", str(tree.venv)], check=True)
    label = "staged, copied into the venv"
    check_round(checker, tree, label, base_files)


def check_make_output(checker, tree, label):
    """No cp race and no missing-file warnings in any job's log."""
    bad = [p.spkg for p in tree.packages
           if re.search(r"cp: cannot create|not found", (tree.logs / f"{p.spkg}.log").read_text())]
    checker.check(not bad, f"{label}: no 'cp: cannot create' or 'not found' in the logs", str(bad[:5]))


def run_piprm(checker, tree, label, base_files):
    """Every spkg-piprm (sdh_pip_uninstall -r spkg-requirements.txt) removes
    its project with whlinst; the venv is left as it was made."""
    failed = []
    for package in tree.packages:
        piprm = tree.build_dir / f"{package.spkg}-{package.version}" / "spkg-piprm"
        result = run_helpers(tree, f'. "{piprm}"', PKG_BASE=package.spkg)
        if result.returncode != 0:
            failed.append(f"{package.spkg}: {result.stdout[-300:]}")
    checker.check(not failed, f"{label}: every spkg-piprm succeeds", str(failed[:3]))
    left = [p.project for p in tree.packages if installed(tree, p.project)]
    checker.check(not left, f"{label}: no project left installed", str(left[:5]))
    site = site_packages(tree)
    strays = [os.path.relpath(os.path.join(d, n), tree.venv) for top in (site, tree.venv / "bin")
              for d, _, names in os.walk(top) for n in names
              if os.path.relpath(os.path.join(d, n), tree.venv) not in base_files
              and not (os.path.basename(d) == ".whlinst" and n.endswith(".lock"))]
    checker.check(not strays, f"{label}: nothing left in site-packages and bin", str(strays[:5]))


def deferred_round(checker, base, args, packages, upstream):
    """sage-spkg's flow, the drop-in's default: install, rebuild twice
    (uninstall then install again), then spkg-piprm of every package."""
    tree = Tree(base, args, packages, upstream, "deferred")
    tree.create("sage-spkg")
    base_files = venv_files(tree.venv)
    env = tree.environment()  # deferred by default
    for number in range(1, 4):
        label = f"deferred (sage-spkg flow) round {number}"
        since = time.time_ns()
        if number > 1:
            touch_all(tree)
        if not run_make(checker, tree, label, env, parallel_check=False):
            return
        pipinst = [p.spkg for p in packages if "sdh_actually_pip_install_wheel" not in
                   (tree.build_dir / f"{p.spkg}-{p.version}" / "spkg-pipinst").read_text()]
        checker.check(not pipinst, f"{label}: installs deferred to spkg-pipinst", str(pipinst[:5]))
        if number > 1:
            check_reinstalled(checker, tree, label, since)
        check_make_output(checker, tree, label)
        check_round(checker, tree, label, base_files)
    run_piprm(checker, tree, "deferred (sage-spkg flow) uninstall", base_files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", type=Path, required=True)
    parser.add_argument("--dropin", type=Path, required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    args.whlinst = args.whlinst.resolve()
    args.dropin = args.dropin.resolve()

    checker = Checker()
    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="whlinst-sage-"))
    try:
        packages = [Package(i) for i in range(PACKAGE_COUNT)]
        upstream = base / "upstream"
        upstream.mkdir()
        for package in packages:
            write_wheel(package, packages, upstream)
        for number in range(1, args.rounds + 1):
            direct_round(checker, base, args, packages, upstream, number,
                         failures=number == args.rounds)
        staged_round(checker, base, args, packages, upstream)
        deferred_round(checker, base, args, packages, upstream)
    finally:
        if args.keep or checker.failed:
            print(f"work directory kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    print(f"{checker.passed} passed, {checker.failed} failed "
          f"({time.monotonic() - started:.1f} s)")
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main())
