"""Where an interpreter's `--prefix P` scheme puts things, asked of that
interpreter the way pip 23 computes it (sysconfig's preferred "prefix"
scheme), so that tests do not assume `lib/pythonX.Y/site-packages` and `bin`:
Debian's /usr/bin/python3 uses `local/lib/python3.Y/dist-packages` and
`local/bin` instead. Standard library only.
"""

import functools
import json
import os
import subprocess

_QUERY = r"""
import json, sys, sysconfig
base = sys.argv[1]
name = sysconfig.get_preferred_scheme("prefix") if hasattr(sysconfig, "get_preferred_scheme") else "posix_prefix"
keys = ("installed_base", "base", "installed_platbase", "platbase", "prefix", "exec_prefix")
paths = sysconfig.get_paths(scheme=name, vars=dict((key, base) for key in keys))
print(json.dumps(dict((key, paths[key]) for key in ("purelib", "platlib", "scripts", "data", "include"))))
"""
_PLACEHOLDER = "/@PREFIX@"


@functools.lru_cache(maxsize=None)
def relative_scheme(python):
    """{purelib, platlib, scripts, data, include} relative to the prefix."""
    out = subprocess.run([python, "-I", "-c", _QUERY, _PLACEHOLDER], check=True,
                         capture_output=True, text=True).stdout
    return {key: os.path.relpath(path, _PLACEHOLDER) for key, path in json.loads(out).items()}


def prefix_scheme(python, prefix):
    """The scheme's directories for `--prefix prefix`, absolute."""
    return {key: os.path.normpath(os.path.join(prefix, rel))
            for key, rel in relative_scheme(python).items()}


def site_packages(python, prefix):
    return prefix_scheme(python, prefix)["purelib"]


def scripts_dir(python, prefix):
    return prefix_scheme(python, prefix)["scripts"]
