"""The miniature SageMath tree of tests/test_sage_spkg.py.

Package describes one generated project and its spkg; write_wheel makes its
wheel with zipfile; Tree lays out SAGE_ROOT: a venv made with
`python -m venv --without-pip`, the spkg build directories with their
spkg-install scripts, a stub of sage-dist-helpers, and a Makefile with one
target per spkg (dependencies as prerequisites).
"""

import base64
import hashlib
import os
import subprocess
import time
import zipfile

PACKAGE_COUNT = 24
NAMESPACE = "sagens"
EPOCH = (2020, 1, 1, 0, 0, 0)


class Package:
    """Project number INDEX: its names, version, module, scripts, data file,
    the packages it depends on and the options its spkg-install passes."""

    def __init__(self, index):
        self.index = index
        special = {3: "Mini.Cypari", 7: "mini-gmpy_Two", 10: "Sage_Conf.Mini"}
        self.project = special.get(index, f"spkg{index:02d}")
        self.dist = self.project.replace("-", "_").replace(".", "_")
        self.version = ["1.0", "2.3.post1", "0.9.1"][index % 3]
        self.spkg = f"pkg{index:02d}"
        self.in_namespace = index % 4 == 0
        self.module = (f"{NAMESPACE}.part{index:02d}" if self.in_namespace
                       else f"mod{index:02d}")
        self.console_script = f"sagetool-{index:02d}" if index % 3 == 0 else None
        self.data_script = f"sagescript-{index:02d}" if index % 5 == 1 else None
        self.data_file = f"share/sage-mini/{index:02d}.txt" if index % 7 == 2 else None
        if 12 <= index < 20:
            self.deps = [index - 12, index - 11]
        elif index >= 20:
            self.deps = [index - 8]
        else:
            self.deps = []
        self.options = ["--no-deps"] if index % 2 else []
        if index == 5:
            self.options = ["--build-isolation", "--no-deps"]

    @property
    def wheel_name(self):
        return f"{self.dist}-{self.version}-py3-none-any.whl"

    def value(self):
        return f"value of {self.project} {self.version}"


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def wheel_files(package, packages):
    """The (archive path, bytes, executable) entries of the package's wheel."""
    mod_dir = package.module.replace(".", "/")
    imports = "".join(f"import {packages[d].module}\n" for d in package.deps)
    files = [(f"{mod_dir}/__init__.py",
              f'"""Package {package.index}."""\n{imports}VALUE = {package.value()!r}\n'
              f"DEPS = {[packages[d].module for d in package.deps]!r}\n", False)]
    files.append((f"{mod_dir}/cli.py",
                  "import sys\n\n\ndef main():\n"
                  f"    print('tool {package.index} ok')\n    return 0\n", False))
    if package.data_script:
        files.append((f"{package.dist}-{package.version}.data/scripts/{package.data_script}",
                      f"#!python\nimport {package.module} as m\nprint('script', m.VALUE)\n",
                      True))
    if package.data_file:
        files.append((f"{package.dist}-{package.version}.data/data/{package.data_file}",
                      f"data of {package.project}\n", False))
    info = f"{package.dist}-{package.version}.dist-info"
    files.append((f"{info}/METADATA",
                  f"Metadata-Version: 2.1\nName: {package.project}\nVersion: {package.version}\n"
                  f"Summary: miniature spkg {package.index}\n", False))
    files.append((f"{info}/WHEEL",
                  "Wheel-Version: 1.0\nGenerator: test_sage_spkg\nRoot-Is-Purelib: true\n"
                  "Tag: py3-none-any\n", False))
    if package.console_script:
        files.append((f"{info}/entry_points.txt",
                      f"[console_scripts]\n{package.console_script} = {package.module}.cli:main\n",
                      False))
    files.append((f"{info}/top_level.txt", package.module.split(".")[0] + "\n", False))
    return [(path, text.encode(), executable) for path, text, executable in files], info


def write_wheel(package, packages, directory, tamper=False):
    """Writes the package's wheel; with tamper, its first file no longer
    matches its RECORD row."""
    files, info = wheel_files(package, packages)
    rows = [f"{path},{record_hash(data)},{len(data)}" for path, data, _ in files]
    rows.append(f"{info}/RECORD,,")
    if tamper:
        files[0] = (files[0][0], files[0][1] + b"# tampered\n", files[0][2])
    files.append((f"{info}/RECORD", ("\n".join(rows) + "\n").encode(), False))
    path = directory / package.wheel_name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data, executable in files:
            entry = zipfile.ZipInfo(name, EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = (0o100755 if executable else 0o100644) << 16
            archive.writestr(entry, data)
    return path


# ---------------------------------------------------------------------------
# The miniature SageMath tree.

STUB_HELPERS = r"""# The part of SageMath's sage-dist-helpers that the drop-in needs.
sdh_die() {
    local ret=$?
    [ $ret -eq 0 ] && ret=1
    local msg
    if [ $# -gt 0 ]; then msg="$*"; else msg="$(cat -)"; fi
    echo "************************************************************" >&2
    echo "$msg" >&2
    echo "************************************************************" >&2
    exit $ret
}
"""

SPKG_INSTALL = r"""#!/usr/bin/env bash
export PKG_BASE={spkg} PKG_VER={version} PKG_NAME={spkg}-{version}
echo "$EPOCHREALTIME" > "$SAGE_TEST_TIMES/{spkg}.start"
. "$SAGE_ROOT/build/bin/sage-dist-helpers" || exit 1
. "$SAGE_TEST_DROPIN" || exit 1
cd "$SAGE_BUILD_DIR/$PKG_NAME" || exit 1
# "Build": the dependencies must be installed and importable.
if [ -n "{deps}" ]; then
    site="$SAGE_VENV/lib/python3.11/site-packages"
    [ -n "$SAGE_DESTDIR" ] && export PYTHONPATH="$SAGE_DESTDIR$site"
    "$SAGE_VENV/bin/python3" -c "import {deps}" || sdh_die "Error: dependencies of {spkg} missing"
fi
mkdir -p dist && rm -f dist/*.whl && cp "$SAGE_TEST_UPSTREAM/{wheel}" dist/ ||
    sdh_die "Error building {spkg}"
sdh_store_and_pip_install_wheel {options} .
echo "$EPOCHREALTIME" > "$SAGE_TEST_TIMES/{spkg}.end"
"""

# What sage-spkg does around spkg-install: one SAGE_DESTDIR per package,
# unloaded into the venv afterwards, then the deferred spkg-pipinst. Its
# unloading `cp -Rp` races with other jobs' on shared directories
# (var/lib/sage): cp fails with "File exists" when another job creates a
# directory between cp's check and its mkdir -- the very race whlinst removes
# from installs. This model creates the directories first (mkdir -p is
# race-free), so that the test checks the drop-in, not sage-spkg's copy.
MINI_SAGE_SPKG = r"""#!/usr/bin/env bash
PKG_NAME=$1
export SAGE_DESTDIR="$SAGE_BUILD_DIR/$PKG_NAME/inst"
rm -rf "$SAGE_DESTDIR"
dir="$SAGE_BUILD_DIR/$PKG_NAME"
cat > "$dir/spkg-pipinst" <<EOF
#!/usr/bin/env bash
. "\$SAGE_ROOT/build/bin/sage-dist-helpers" || exit 1
. "\$SAGE_TEST_DROPIN" || exit 1
export PKG_BASE=${PKG_NAME%%-*}
EOF
chmod +x "$dir/spkg-pipinst"
"$dir/spkg-install" || exit 1
if [ -d "$SAGE_DESTDIR$SAGE_VENV" ]; then
    (cd "$SAGE_DESTDIR$SAGE_VENV" && find . -type d -exec mkdir -p "$SAGE_VENV/{}" \;) || exit 1
    cp -Rp "$SAGE_DESTDIR$SAGE_VENV/." "$SAGE_VENV" || exit 1
fi
rm -rf "$SAGE_DESTDIR"
unset SAGE_DESTDIR
"$dir/spkg-pipinst"
"""


class Tree:
    """SAGE_ROOT with its venv, spkg build directories and Makefile."""

    def __init__(self, base, args, packages, upstream, name):
        self.args = args
        self.packages = packages
        self.root = base / name
        self.venv = self.root / "local/var/lib/sage/venv-python3.11"
        self.store = self.venv / "var/lib/sage/wheels"
        self.scripts_dir = self.venv / "var/lib/sage/scripts"
        self.build_dir = self.root / "local/var/tmp/sage/build"
        self.times = self.root / "times"
        self.logs = self.root / "logs"
        self.upstream = upstream

    def create(self, runner):
        for directory in (self.root / "build/bin", self.build_dir, self.times, self.logs,
                          self.root / "stamps"):
            directory.mkdir(parents=True, exist_ok=True)
        subprocess.run([self.args.python, "-m", "venv", "--without-pip", str(self.venv)],
                       check=True)
        (self.venv / "var/lock").mkdir(parents=True)
        (self.venv / "var/lock/pip3.lock").touch()
        (self.root / "build/bin/sage-dist-helpers").write_text(STUB_HELPERS)
        (self.root / "build/bin/mini-sage-spkg").write_text(MINI_SAGE_SPKG)
        (self.root / "build/bin/mini-sage-spkg").chmod(0o755)
        for package in self.packages:
            self.write_spkg(package)
        self.write_makefile(runner)

    def write_spkg(self, package):
        directory = self.build_dir / f"{package.spkg}-{package.version}"
        directory.mkdir(parents=True, exist_ok=True)
        deps = ", ".join(self.packages[d].module for d in package.deps)
        script = directory / "spkg-install"
        script.write_text(SPKG_INSTALL.format(
            spkg=package.spkg, version=package.version, deps=deps,
            wheel=package.wheel_name, options=" ".join(package.options)))
        script.chmod(0o755)

    def spkg_install(self, package):
        return self.build_dir / f"{package.spkg}-{package.version}" / "spkg-install"

    def write_makefile(self, runner):
        lines = [".PHONY: all", "all: " + " ".join(f"stamps/{p.spkg}" for p in self.packages), ""]
        for package in self.packages:
            deps = " ".join(f"stamps/{self.packages[d].spkg}" for d in package.deps)
            if runner == "sage-spkg":
                command = f"build/bin/mini-sage-spkg {package.spkg}-{package.version}"
            else:
                command = str(self.spkg_install(package))
            log = f"logs/{package.spkg}.log"
            lines += [f"stamps/{package.spkg}: {self.spkg_install(package)} {deps}",
                      f"\t@{command} > {log} 2>&1 || {{ cat {log}; exit 1; }}",
                      "\t@touch $@", ""]
        (self.root / "Makefile").write_text("\n".join(lines))

    def environment(self, **extra):
        env = dict(os.environ)
        for name in ("SAGE_DESTDIR", "SAGE_SUDO", "PYTHONPATH", "SAGE_WHLINST_DEFER",
                     "MAKEFLAGS", "MFLAGS"):
            env.pop(name, None)
        env.update(SAGE_ROOT=str(self.root), SAGE_LOCAL=str(self.root / "local"),
                   SAGE_VENV=str(self.venv), SAGE_SPKG_WHEELS=str(self.store),
                   SAGE_SPKG_SCRIPTS=str(self.scripts_dir), SAGE_BUILD_DIR=str(self.build_dir),
                   SAGE_PIP_INSTALL_FLAGS="--no-binary :all: --disable-pip-version-check",
                   SAGE_TEST_DROPIN=str(self.args.dropin), SAGE_TEST_TIMES=str(self.times),
                   SAGE_TEST_UPSTREAM=str(self.upstream), WHLINST=str(self.args.whlinst))
        env.update(extra)
        return env

    def make(self, env):
        for stale in self.times.iterdir():
            stale.unlink()
        started = time.monotonic()
        result = subprocess.run(["make", f"-j{self.args.jobs}", "-C", str(self.root)],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True)
        return result, time.monotonic() - started

    def max_concurrency(self):
        events = []
        for package in self.packages:
            start = self.times / f"{package.spkg}.start"
            end = self.times / f"{package.spkg}.end"
            if start.exists() and end.exists():
                events += [(float(start.read_text()), 1), (float(end.read_text()), -1)]
        running = peak = 0
        for _, step in sorted(events):
            running += step
            peak = max(peak, running)
        return peak
