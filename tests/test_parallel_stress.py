#!/usr/bin/env python3
"""Many whlinst processes at once on one prefix (docs/design.md invariants 2, 3, 5).

Per round, in a fresh prefix: a few projects are installed first, then at
least 16 whlinst processes are started together (byte-compilation on):
namespace packages sharing directories, the same wheel twice and once with
--force-reinstall, two versions of one project, an uninstall racing an
install of the same project, several wheels in one invocation. Meanwhile a
reader (the target python) polls importlib.metadata: a dist-info it sees must
have every RECORD file present. Afterwards: every process exited as the
order it ran in implies, `whlinst verify` exits 0, RECORDs list every file,
no `.whlinst-*` leftovers or journals, importlib.metadata lists exactly the
expected projects, and they import.

Usage: test_parallel_stress.py --whlinst W --fixtures DIR [--rounds N] [--processes N]
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_support import (TARGET_PYTHON, Checks, Whlinst, check_clean, clean_environment,  # noqa: E402
                         describe, error_lines, installed_versions, normalize,
                         target_site_packages, upgrade_problems)

MIN_PROCESSES = 16
HANG_SECONDS = 30

# The reader: one pass lists the distributions importlib.metadata finds in
# site-packages and looks for each RECORD file. A missing file counts only if
# the dist-info is the same directory (inode) before and after the look, so a
# project uninstalled or replaced meanwhile is not blamed. Each violation is
# printed once; a last pass runs after the stop file appears.
READER = r"""
import importlib.metadata as metadata, os, sys
site, stop = sys.argv[1], sys.argv[2]
reported, passes, most = set(), 0, 0

def inode(path):
    try:
        return os.stat(path).st_ino
    except OSError:
        return None

def missing_files(dist):
    files = dist.files
    if files is None:
        return [str(dist._path / "RECORD")]
    return [str(f.locate()) for f in files if not os.path.lexists(f.locate())]

def one_pass():
    dists = list(metadata.distributions(path=[site]))
    for dist in dists:
        before = inode(dist._path)
        missing = missing_files(dist) if before is not None else []
        if missing and inode(dist._path) == before:
            name, version = dist._path.name[:-len(".dist-info")].rsplit("-", 1)
            for path in missing:
                line = f"{name} {version}: {path}: missing"
                if line not in reported:
                    reported.add(line)
                    print("VIOLATION " + line, flush=True)
    return len(dists)

while True:
    last = os.path.exists(stop)
    most = max(most, one_pass())
    passes += 1
    if passes == 1:
        print("READY", flush=True)
    if last:
        break
print(f"PASSES {passes} MOST {most}", flush=True)
"""


class Job:
    """One whlinst process: its arguments and what it touches."""

    def __init__(self, label, action, args):
        self.label, self.action, self.args = label, action, args
        self.process = self.output = None
        self.result = None

    def projects(self):
        """Normalized names of the projects of the wheels it installs."""
        return {normalize(os.path.basename(a).split("-")[0]) for a in self.args
                if a.endswith(".whl")}


def wheel(fixtures, stem):
    found = glob.glob(os.path.join(fixtures, f"{stem}-*.whl"))
    assert len(found) == 1, f"fixture {stem}: {found}"
    return found[0]


def install(fixtures, label, *stems, force=False):
    wheels = [wheel(fixtures, s) for s in stems]
    return Job(label, "install", wheels + (["--force-reinstall"] if force else []))


def base_jobs(fixtures, round_index):
    """The processes of one round; odd rounds uninstall nsfix_one instead."""
    ns_one = (Job("uninstall nsfix_one", "uninstall", ["nsfix_one"])
              if round_index % 2 else install(fixtures, "nsfix_one", "nsfix_one"))
    return [
        ns_one, install(fixtures, "nsfix_two", "nsfix_two"),
        install(fixtures, "pure #1", "fixture_pure"), install(fixtures, "pure #2", "fixture_pure"),
        install(fixtures, "pure forced", "fixture_pure", force=True),
        install(fixtures, "upgrade 1.0", "fixture_upgrade-1.0"),
        install(fixtures, "upgrade 2.0", "fixture_upgrade-2.0"),
        install(fixtures, "many", "fixture_many"), install(fixtures, "alldata", "fixture_alldata"),
        install(fixtures, "entrypoints", "fixture_entrypoints"),
        install(fixtures, "pipnames", "fixture_pipnames"),
        install(fixtures, "platlib", "fixture_platlib"),
        Job("uninstall platlib", "uninstall", ["fixture_platlib"]),
        install(fixtures, "record", "fixture_record"),
        install(fixtures, "metadata forced", "fixture_metadata", force=True),
        install(fixtures, "build forced", "fixture_build", force=True),
        install(fixtures, "mixed case", "Fixture_Mixed.Case"),
        install(fixtures, "modern name", "fixture_modern_name"),
        install(fixtures, "sha384+sha512+nocompile", "fixture_sha384", "fixture_sha512",
                "fixture_nocompile"),
        install(fixtures, "multitag+requirespython forced", "fixture_multitag",
                "fixture_requirespython", force=True),
    ]


def all_jobs(fixtures, round_index, count):
    jobs = base_jobs(fixtures, round_index)
    extra = ["fixture_record", "fixture_alldata", "fixture_entrypoints", "fixture_many",
             "fixture_modern_name", "nsfix_two"]
    for i in range(max(0, count - len(jobs))):
        stem = extra[i % len(extra)]
        jobs.append(install(fixtures, f"{stem} extra forced #{i}", stem, force=True))
    return jobs


def preinstalled(round_index):
    return ["fixture_metadata", "fixture_build"] + (["nsfix_one"] if round_index % 2 else [])


def expected_projects(jobs, site):
    """The projects installed by some job; fixture_platlib is gone when its
    uninstall ran after its install."""
    expected = set()
    for job in jobs:
        if job.action == "install":
            expected |= job.projects()
    if not installed_versions(site, "fixture_platlib"):
        expected.discard("fixture-platlib")
    return expected


def start_reader(site, stop):
    env = clean_environment({"PYTHONPATH": site})
    reader = subprocess.Popen([TARGET_PYTHON, "-c", READER, site, stop], env=env,
                              stdout=subprocess.PIPE, universal_newlines=True)
    assert reader.stdout.readline().strip() == "READY"
    return reader


def wait_or_kill(process, deadline):
    """The exit status, or None after killing a process still running at deadline."""
    try:
        return process.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


def run_all(whlinst, jobs, prefix):
    """Starts every job, then waits for all (a job still running after
    HANG_SECONDS + 3 s per job is killed: result.returncode None); returns
    the wall time."""
    started = time.monotonic()
    for job in jobs:
        job.output = (tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+"))
        job.process = subprocess.Popen(whlinst.command(job.action, *job.args, prefix=prefix),
                                       env=clean_environment(), stdout=job.output[0],
                                       stderr=job.output[1], universal_newlines=True)
    deadline = started + HANG_SECONDS + 3 * len(jobs)
    for job in jobs:
        code = wait_or_kill(job.process, deadline)
        out, err = (stream.seek(0) or stream.read() for stream in job.output)
        job.result = subprocess.CompletedProcess(job.process.args, code, out, err)
    return time.monotonic() - started


def check_reader(checks, label, reader, stop):
    open(stop, "w").close()
    output, _ = reader.communicate(timeout=120)
    lines = output.splitlines()
    violations = [line[len("VIOLATION "):] for line in lines if line.startswith("VIOLATION ")]
    summary = [line for line in lines if line.startswith("PASSES ")]
    print(f"# {label}: reader: {' '.join(summary) or 'no summary'}")
    checks.check(f"{label}: reader polled while whlinst ran", summary and
                 int(summary[0].split()[1]) >= 3, summary)
    checks.check(f"{label}: reader never saw a dist-info with files missing", not violations,
                 f"{len(violations)} violations: {violations[:5]}")


def check_installs(checks, label, jobs):
    for job in jobs:
        if job.action == "install":
            checks.check(f"{label}: {job.label} exits 0", job.result.returncode == 0,
                         describe(job.result))
    pure = [j for j in jobs if j.label.startswith("pure #")]
    installed = [j.label for j in pure if "already installed" not in j.result.stdout]
    checks.check(f"{label}: at most one plain fixture_pure installs, the others are "
                 f"'already installed'", len(installed) <= 1,
                 "; ".join(f"{j.label}: {describe(j.result)}" for j in pure))


def check_uninstall_race(checks, label, jobs, site):
    job = next(j for j in jobs if j.label == "uninstall platlib")
    present = installed_versions(site, "fixture_platlib") == ["1.0"]
    lines = error_lines(job.result)
    if job.result.returncode == 0:
        checks.check(f"{label}: uninstall ran after the install: fixture_platlib is gone",
                     not present and not os.path.exists(os.path.join(site, "fixture_platlib")),
                     installed_versions(site, "fixture_platlib"))
    else:
        ok = (job.result.returncode == 1 and len(lines) == 1 and "not installed" in lines[0])
        checks.check(f"{label}: uninstall ran first: exit 1, one 'not installed' line",
                     ok, describe(job.result))
        checks.check(f"{label}: uninstall ran first: fixture_platlib 1.0 is installed",
                     present, installed_versions(site, "fixture_platlib"))


def check_upgrade(checks, label, prefix, site):
    versions = installed_versions(site, "fixture_upgrade")
    if not checks.check(f"{label}: exactly one fixture_upgrade installed", len(versions) == 1,
                        versions):
        return
    wrong = upgrade_problems(prefix, versions[0])
    checks.check(f"{label}: fixture_upgrade {versions[0]} is coherent", not wrong, wrong)


def check_namespace(checks, label, site, round_index):
    shared = os.path.join(site, "nsfix", "shared_ns")
    one_expected = round_index % 2 == 0
    ok = (os.path.exists(os.path.join(shared, "one_mod.py")) == one_expected
          and os.path.exists(os.path.join(shared, "two_mod.py")))
    what = "both halves" if one_expected else "nsfix_two only"
    checks.check(f"{label}: nsfix shared namespace holds {what}", ok,
                 sorted(os.listdir(shared)) if os.path.isdir(shared) else "no nsfix/shared_ns")


def metadata_and_imports(site, modules):
    code = ("import importlib, importlib.metadata as m, sys\n"
            "dists = m.distributions(path=[sys.argv[1]])\n"
            "print(' '.join(sorted(d.metadata['Name'] for d in dists)))\n"
            "for name in sys.argv[2:]: importlib.import_module(name)\n")
    return subprocess.run([TARGET_PYTHON, "-c", code, site, *modules],
                          env=clean_environment({"PYTHONPATH": site}), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=120)


def check_metadata(checks, label, site, jobs, round_index):
    modules = ["nsfix.two", "nsfix.shared_ns.two_mod", "fixture_many.p4.q9.m8",
               "fixture_alldata_plat", "fixture_record"]
    modules += ["nsfix.one", "nsfix.shared_ns.one_mod"] if round_index % 2 == 0 else []
    result = metadata_and_imports(site, modules)
    names = {normalize(n) for n in result.stdout.split()}
    expected = expected_projects(jobs, site)
    checks.check(f"{label}: importlib.metadata lists exactly the expected projects",
                 names == expected, f"missing {sorted(expected - names)}, "
                 f"unexpected {sorted(names - expected)}")
    checks.check(f"{label}: installed modules import", result.returncode == 0, describe(result))


def recover_after_crashes(checks, label, whlinst, fixtures, prefix, jobs):
    """After a whlinst that hung (killed here) or died of a signal, the next
    run must recover its journals: one more install does it before the checks."""
    crashed = [j.label for j in jobs if j.result.returncode is None or j.result.returncode < 0]
    if crashed:
        result = whlinst.run("install", wheel(fixtures, "fixture_pure"), prefix=prefix)
        checks.check(f"{label}: an install after the crash of {crashed} exits 0",
                     result.returncode == 0, describe(result))


def run_round(checks, whlinst, fixtures, round_index, processes, workdir):
    label = f"round {round_index + 1}"
    prefix = os.path.join(workdir, f"prefix-{round_index}")
    site = target_site_packages(prefix)
    for stem in preinstalled(round_index):
        pre = whlinst.run("install", wheel(fixtures, stem), prefix=prefix)
        checks.check(f"{label}: pre-install {stem} exits 0", pre.returncode == 0, describe(pre))
    jobs = all_jobs(fixtures, round_index, processes)
    stop = os.path.join(workdir, f"stop-{round_index}")
    reader = start_reader(site, stop)
    seconds = run_all(whlinst, jobs, prefix)
    print(f"# {label}: {len(jobs)} whlinst processes at once took {seconds:.2f} s")
    check_reader(checks, label, reader, stop)
    check_installs(checks, label, jobs)
    if round_index % 2:
        job = jobs[0]
        checks.check(f"{label}: uninstall nsfix_one exits 0", job.result.returncode == 0,
                     describe(job.result))
    check_uninstall_race(checks, label, jobs, site)
    check_upgrade(checks, label, prefix, site)
    check_namespace(checks, label, site, round_index)
    check_metadata(checks, label, site, jobs, round_index)
    recover_after_crashes(checks, label, whlinst, fixtures, prefix, jobs)
    check_clean(checks, label, whlinst, prefix)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--processes", type=int, default=0,
                        help=f"whlinst processes per round (at least {MIN_PROCESSES}; "
                             "default: the base set)")
    args = parser.parse_args(argv)
    if args.processes and args.processes < MIN_PROCESSES:
        parser.error(f"--processes must be at least {MIN_PROCESSES}")
    checks, whlinst = Checks(), Whlinst(args.whlinst)
    workdir = tempfile.mkdtemp(prefix="whlinst-stress-")
    try:
        for round_index in range(args.rounds):
            run_round(checks, whlinst, os.path.abspath(args.fixtures), round_index,
                      args.processes, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
