#!/usr/bin/env python3
"""The command lines build scripts run, verbatim, with whlinst in place of the
tool (issue 12, PRODUCT.md "Drop-in means verbatim").

Each row of LINES is one line as a build system writes it (the words after
`python3 -m pip` or `python3 -m installer`), run against a real wheel twice
at the same absolute paths: once by the reference tool, once by whlinst with
the same words; the trees are then compared as tests/differential.py does
(paths, kinds, modes, bytes, RECORD rows; INSTALLER and direct_url.json
ignored; pyc files differing only in marshal's reference flags accepted).
Exit statuses must be equal too, unless the row says otherwise.

Environments ("where"):
  venv    a venv V of --python made without pip, V/bin first on PATH, as
          SageMath runs (`python3` is the venv's); pip runs as V/bin/python3
          with only pip on PYTHONPATH.
  plain   --python itself, first on PATH through a directory holding a
          `python3` symlink to it (so both tools see the same sys.executable).
  system  --installer-python (Debian's /usr/bin/python3), for the installer
          and packager lines whose `--prefix /usr` names it.

Placeholders: {WHEEL} the wheel, {WHEELS} its directory, {NAME} {VERSION}
its project, {V} the venv, {ROOT} a staging directory, {T} a target
directory, {USERBASE} PYTHONUSERBASE, {REQ} a requirements file holding
"NAME @ file:///...whl". A row's `before` lines run first with each tool
(e.g. an install before an uninstall or a rerun).

Exit status 0 all rows passed, 1 any failed, 77 nothing could run.
"""

import argparse
import glob
import importlib.util
import marshal
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import differential  # noqa: E402

SKIP = 77

# Where the reference tool differs and whlinst follows pip or the
# specification instead: (row ids, path patterns, reason[, a regular
# expression the difference's message must match]).
KNOWN = [
    (["installer-*", "gpep517-*"], ["*.dist-info/REQUESTED"],
     "whlinst writes REQUESTED as pip does; installer does not"),
    (["installer-*", "gpep517-*"], ["*/__pycache__/*.pyc"],
     "whlinst lists pyc files in RECORD as pip does; installer does not"),
    (["installer-*", "gpep517-*"], ["*bin/*"],
     "entry-point scripts are pip's, byte for byte; installer's template quotes differently",
     r"^bytes differ|RECORD row differs"),
    (["pip-target"], ["bin/*", "../../bin/*"],
     "pip's RECORD rows for --target name bin/ through its temporary lib/python "
     "directory (../../bin/x, outside the target); whlinst's name the installed files"),
]

LINES = [
    # SageMath, build/bin/sage-pip-install: the retry after a failed install,
    # run twice (a rebuild reinstalls the same version).
    dict(id="sage-pip-install-retry", where="venv", tool="pip",
         before=["install --no-deps --ignore-installed --ignore-requires-python {WHEEL}"],
         line="install --no-deps --ignore-installed --ignore-requires-python {WHEEL}", compare="{V}"),
    # SageMath, build/bin/sage-pip-uninstall, by name and from the spkg's
    # requirements file.
    dict(id="sage-pip-uninstall", where="venv", tool="pip",
         before=["install --no-deps --ignore-installed {WHEEL}"],
         line="uninstall --isolated --disable-pip-version-check --yes --no-input {NAME}", compare="{V}"),
    dict(id="sage-pip-uninstall-r", where="venv", tool="pip",
         before=["install --no-deps --ignore-installed {WHEEL}"],
         line="uninstall --isolated --disable-pip-version-check --yes --no-input -r {REQ}", compare="{V}"),
    # Fedora, %pyproject_install (macros.pyproject), verbatim: NAME==VER
    # resolved in --find-links.
    dict(id="fedora-pyproject-install", where="system", tool="pip",
         line="install --root {ROOT} --prefix /usr --no-deps --disable-pip-version-check --progress-bar off "
              "--verbose --ignore-installed --no-warn-script-location --no-index --no-cache-dir "
              "--find-links {WHEELS} {NAME}=={VERSION}", compare="{ROOT}"),
    # The same line naming the wheel file.
    dict(id="fedora-pyproject-install-wheel", where="system", tool="pip",
         line="install --root {ROOT} --prefix /usr --no-deps --disable-pip-version-check --progress-bar off "
              "--verbose --ignore-installed --no-warn-script-location --no-index --no-cache-dir "
              "--find-links {WHEELS} {WHEEL}", compare="{ROOT}"),
    # Spack, PythonPipBuilder.std_args: pip's general options before the command.
    dict(id="spack-std-args", where="venv", tool="pip",
         line="-vvv --no-input --no-cache-dir --disable-pip-version-check install --no-deps --ignore-installed "
              "--no-build-isolation --no-warn-script-location --no-index --prefix={V} {WHEEL}", compare="{V}"),
    # Homebrew, std_pip_args: --no-binary=:all: excludes the wheel (whlinst: usage error).
    dict(id="homebrew-std-pip-args", where="venv", tool="pip", whlinst_status=2, compare=None,
         line="install --verbose --no-deps --no-binary=:all: --ignore-installed --no-compile "
              "--prefix={V} --no-build-isolation {WHEEL}"),
    # Other build systems' options (conda recipes, CI scripts, Dockerfiles).
    dict(id="pip-upgrade-options", where="venv", tool="pip",
         line="install -U --upgrade-strategy only-if-needed --root-user-action=ignore --only-binary :all: "
              "--no-build-isolation --progress-bar off -q --no-input --isolated {WHEEL}", compare="{V}"),
    dict(id="pip-upgrade-rerun", where="venv", tool="pip", before=["install {WHEEL}"],
         line="install --upgrade --force-reinstall -v {WHEEL}", compare="{V}"),
    # `then`: whlinst lines run after whlinst's install, each to exit 0 and
    # print the text given; the last one must leave no file in `compare`.
    dict(id="pip-user", where="plain", tool="pip", line="install --user --no-warn-script-location {WHEEL}",
         compare="{USERBASE}",
         then=[("list --user", "{NAME}"), ("verify --user {NAME}", ""), ("show --user {NAME}", "{VERSION}"),
               ("uninstall --user -y {NAME}", "")]),
    dict(id="pip-target", where="plain", tool="pip", line="install --no-compile --target {T} {WHEEL}",
         compare="{T}",
         then=[("list -t {T} --format json", '"{NAME}"'), ("verify --target={T} {NAME}", ""),
               ("uninstall --target {T} {NAME}", "")]),
    # python -m installer (Debian's python3-installer), and gpep517's
    # install-wheel options compared with the installer line they stand for.
    dict(id="installer-destdir", where="system", tool="installer",
         line="--destdir {ROOT} --prefix /usr --compile-bytecode 0 --compile-bytecode 1 {WHEEL}", compare="{ROOT}"),
    dict(id="installer-short", where="system", tool="installer",
         line="-d {ROOT} -p /usr --no-compile-bytecode {WHEEL}", compare="{ROOT}"),
    dict(id="gpep517-install-wheel", where="system", tool="installer",
         line="--destdir={ROOT} --prefix=/usr --compile-bytecode 0 --compile-bytecode 1 --compile-bytecode 2 {WHEEL}",
         whlinst_line="--destdir={ROOT} --interpreter=/usr/bin/python3 --prefix=/usr --optimize=all {WHEEL}",
         compare="{ROOT}"),
]


def clean_environment():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PYTHON")) and k not in ("SOURCE_DATE_EPOCH", "VIRTUAL_ENV")}
    env.update(PIP_CONFIG_FILE=os.devnull, SOURCE_DATE_EPOCH=differential.SOURCE_DATE_EPOCH)
    return env


def run(command, env):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace", timeout=600)
    return result.returncode, result.stdout


class Work:
    """The directories of one run of one row (same absolute paths for both tools)."""

    def __init__(self, base, wheel, args):
        self.base = base
        self.places = {"V": f"{base}/venv", "ROOT": f"{base}/root", "T": f"{base}/target",
                       "USERBASE": f"{base}/userbase", "REQ": f"{base}/requirements.txt"}
        self.wheel = wheel
        self.args = args

    def fill(self, text):
        name, version = os.path.basename(self.wheel).split("-")[:2]
        values = dict(self.places, WHEEL=self.wheel, WHEELS=os.path.dirname(self.wheel), NAME=name,
                      VERSION=version)
        return text.format(**values)

    def expand(self, text):
        return [self.fill(word) for word in shlex.split(text)]

    def prepare(self, where):
        os.makedirs(f"{self.base}/bin")
        with open(self.places["REQ"], "w") as stream:
            stream.write(f"{os.path.basename(self.wheel).split('-')[0]} @ file://{self.wheel}\n")
        env = clean_environment()
        env["PYTHONUSERBASE"] = self.places["USERBASE"]
        if where == "venv":
            status, output = run([self.args.python, "-m", "venv", "--without-pip", self.places["V"]], env)
            if status != 0:
                raise RuntimeError(f"cannot create a venv: {output.strip()}")
            env["PATH"] = f"{self.places['V']}/bin:{env.get('PATH', '')}"
            return env, f"{self.places['V']}/bin/python3"
        python = self.args.python if where == "plain" else self.args.installer_python
        os.symlink(python, f"{self.base}/bin/python3")
        env["PATH"] = f"{self.base}/bin:{env.get('PATH', '')}"
        return env, f"{self.base}/bin/python3" if where == "plain" else python

    def tool_command(self, row, python, whlinst, words):
        if whlinst:
            return [self.args.whlinst] + words
        module = "pip" if row["tool"] == "pip" else "installer"
        return [python, "-m", module] + words


def run_tool(row, work, whlinst):
    env, python = work.prepare(row["where"])
    if row["tool"] == "pip" and not whlinst:
        env["PYTHONPATH"] = work.args.pip_only
    for before in row.get("before", []):
        status, output = run(work.tool_command(row, python, whlinst, work.expand(before)), env)
        if status != 0:
            raise RuntimeError(f"'before' line failed ({status}): {output.strip()[-400:]}")
    line = row.get("whlinst_line", row["line"]) if whlinst else row["line"]
    work.env = env
    return run(work.tool_command(row, python, whlinst, work.expand(line)), env)


def check_then(row, work):
    """Runs the row's `then` lines with whlinst; the problems found."""
    if not row.get("then"):
        return []
    for line, expected in row.get("then", []):
        words = work.expand(line)
        status, output = run([work.args.whlinst] + words, work.env)
        wanted = work.fill(expected)
        if status != 0 or wanted not in output:
            return [f"then 'whlinst {line}': exit {status}, expected 0 and {wanted!r}: {output.strip()[-400:]}"]
    place = work.expand(row["compare"])[0]
    left = [os.path.relpath(os.path.join(d, f), place) for d, _, files in os.walk(place) for f in files]
    return [f"then: left after the uninstall: {sorted(left)[:10]}"] if left else []


def known_reason(row_id, relpath, message):
    import fnmatch
    for ids, paths, reason, *message_start in KNOWN:
        if any(fnmatch.fnmatchcase(row_id, pattern) for pattern in ids) and \
                any(fnmatch.fnmatchcase(relpath, pattern) for pattern in paths) and \
                (not message_start or re.search(message_start[0], message)):
            return reason
    return None


def without_root(code, root):
    """A code object (and those nested in it) with `root` taken off the
    start of co_filename."""
    consts = tuple(without_root(c, root) if hasattr(c, "co_code") else c for c in code.co_consts)
    name = code.co_filename
    return code.replace(co_filename=name[len(root):] if name.startswith(root + "/") else name, co_consts=consts)


def pip_staging_path_only(reference, mine, root):
    """True when two pyc files differ only in pip naming the --root staging
    path in co_filename where whlinst names the final path."""
    with open(reference, "rb") as a, open(mine, "rb") as b:
        data_a, data_b = a.read(), b.read()
    if data_a[:16] != data_b[:16] or data_a[:4] != importlib.util.MAGIC_NUMBER:
        return False
    code_a, code_b = marshal.loads(data_a[16:]), marshal.loads(data_b[16:])
    return differential.same_code(without_root(code_a, root), code_b)


def compare_trees(row, reference, mine, work):
    config = argparse.Namespace(strict_pyc=False)
    # whlinst's project locks (issue 11 removes them; differential.py
    # ignores them under site-packages).
    differential.IGNORED = differential.IGNORED + (".whlinst", ".whlinst/*")
    ref_view = differential.comparable_snapshot(reference)
    my_view = differential.comparable_snapshot(mine)
    problems, known = [], []
    for finding in differential.differences(config, reference, ref_view, mine, my_view):
        reason = finding.reason or known_reason(row["id"], finding.relpath, finding.message)
        if not reason and finding.group and row["tool"] == "installer" and \
                re.search(r"row differs: pip b'(.*)\\n', whlinst b'\1\\r\\n'$", finding.message):
            reason = "installer ends RECORD lines with LF; pip and whlinst with CRLF"
        if not reason and finding.relpath.endswith(".pyc") and "{ROOT}" in row["line"] and \
                pip_staging_path_only(os.path.join(reference, finding.relpath),
                                      os.path.join(mine, finding.relpath), work.places["ROOT"]):
            reason = "pip names the --root staging path in the pyc's co_filename; whlinst the final path"
        text = f"{finding.relpath}: {finding.message}" + "".join(f"\n  {d}" for d in finding.detail)
        (known if reason else problems).append(text + (f" [KNOWN: {reason}]" if reason else ""))
    return problems, known


def check_row(row, args, wheel):
    base = tempfile.mkdtemp(prefix="dropin-", dir=args.work)
    work = Work(f"{base}/w", wheel, args)
    try:
        ref_status, ref_output = run_tool(row, work, whlinst=False)
        reference = f"{base}/reference"
        os.rename(work.base, reference)
        status, output = run_tool(row, work, whlinst=True)
        expected = row.get("whlinst_status", ref_status)
        lines = []
        # An externally managed interpreter (PEP 668, e.g. Debian's) refuses
        # `--user` in pip; whlinst must refuse it the same way.
        if ref_status != 0 and "externally-managed-environment" in ref_output and "whlinst_status" not in row:
            if status == 0 or "externally-managed-environment" not in output:
                lines.append(f"pip refuses (externally managed), whlinst did not: {output.strip()[-600:]}")
            return lines, []
        if status != expected:
            lines.append(f"exit status {status}, expected {expected}; whlinst said: {output.strip()[-600:]}")
        if ref_status != 0 and "whlinst_status" not in row:
            lines.append(f"the reference failed ({ref_status}): {ref_output.strip()[-600:]}")
        known = []
        if row.get("compare") and not lines:
            place = work.expand(row["compare"])[0]
            ref_place = reference + place[len(work.base):]
            problems, known = compare_trees(row, ref_place, place, work)
            lines += problems
        if not lines:
            lines += check_then(row, work)
        if row.get("whlinst_status") == 2 and not output.startswith("whlinst: error:"):
            lines.append(f"not one usage error line: {output.strip()!r}")
        return lines, known
    finally:
        if args.keep:
            print(f"  kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


def usable(row, args):
    if row.get("pending"):
        return f"pending: {row['pending']}"
    if row["tool"] == "installer" and not args.has_installer:
        return "python -m installer is not available"
    if row["where"] == "system" and row["tool"] == "pip" and not args.system_pip:
        return f"{args.installer_python} cannot run pip 23"
    return None


def probe(args):
    env = clean_environment()
    code = "import os, pip; print(os.path.dirname(pip.__file__))"
    status, output = run([args.python, "-c", code], env)
    if status != 0:
        return False
    os.symlink(output.strip(), f"{args.pip_only}/pip")
    env["PYTHONPATH"] = args.pip_only
    args.system_pip = run([args.installer_python, "-m", "pip", "--version"], env)[0] == 0 and \
        run([args.installer_python, "-c", "import sys; print(sys.version_info[:2])"], env)[1] == \
        run([args.python, "-c", "import sys; print(sys.version_info[:2])"], env)[1]
    args.has_installer = run([args.installer_python, "-m", "installer", "--help"], clean_environment())[0] == 0
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--whlinst", required=True)
    parser.add_argument("--python", required=True, help="interpreter with pip (venv and plain rows)")
    parser.add_argument("--installer-python", default="/usr/bin/python3")
    parser.add_argument("--wheel", required=True,
                        help="the real wheel every line installs (a glob: the last match in sorted order)")
    parser.add_argument("--only", help="run only the row with this id")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    args.whlinst = os.path.abspath(args.whlinst)
    matches = sorted(glob.glob(args.wheel), key=lambda path: [int(part) if part.isdigit() else part
                                                               for part in re.split(r"(\d+)", path)])
    args.wheel = os.path.abspath(matches[-1] if matches else args.wheel)
    args.work = tempfile.mkdtemp(prefix="whlinst-dropin-lines-")
    args.pip_only = f"{args.work}/pip-only"
    os.mkdir(args.pip_only)
    try:
        if not os.path.exists(args.wheel) or not probe(args):
            print(f"no wheel {args.wheel} or no pip for {args.python}: skipped")
            return SKIP
        store = f"{args.work}/wheels"
        os.mkdir(store)
        wheel = shutil.copy(args.wheel, store)
        passed = failed = skipped = 0
        for row in LINES:
            if args.only and row["id"] != args.only:
                continue
            reason = usable(row, args)
            if reason:
                print(f"SKIPPED {row['id']}: {reason}")
                skipped += 1
                continue
            try:
                problems, known = check_row(row, args, wheel)
            except (OSError, RuntimeError, subprocess.TimeoutExpired) as error:
                problems, known = [f"harness error: {error}"], []
            print(f"{'FAILED' if problems else 'PASSED'} {row['id']}")
            for line in problems:
                print(f"  {line}")
            reasons = {}
            for line in known:
                reason = line[line.rindex("[KNOWN: "):]
                reasons[reason] = reasons.get(reason, 0) + 1
            for reason, count in reasons.items():
                print(f"  {count} difference(s) {reason}")
            failed += bool(problems)
            passed += not problems
        print(f"{passed} passed, {failed} failed, {skipped} skipped")
        if passed == 0 and failed == 0:
            return SKIP
        return 1 if failed else 0
    finally:
        if not args.keep:
            shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
