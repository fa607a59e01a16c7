# Run by the target interpreter (any CPython 2.7 or 3.x, PyPy) to describe
# itself to whlinst as one JSON object on stdout. Installation schemes follow
# what pip computes for the same interpreter: sysconfig for Python >= 3.10,
# distutils before; "/@WHLINST_PREFIX@" and "@WHLINST_DIST@" are placeholders
# whlinst substitutes with the prefix and the project name.
import sys

# Run with -E -s (Python 2 has no -I): keep the current directory out of the
# module search path before importing anything else.
sys.path[:] = [entry for entry in sys.path if entry not in ("", ".")]

import json  # noqa: E402
import os
import platform  # noqa: E402
import sysconfig  # noqa: E402

PREFIX = "/@WHLINST_PREFIX@"
DIST = "@WHLINST_DIST@"
PREFIX_KEYS = ("installed_base", "base", "installed_platbase", "platbase", "prefix", "exec_prefix")


def in_venv():
    return sys.prefix != getattr(sys, "base_prefix", sys.prefix) or hasattr(sys, "real_prefix")


def venv_include(base):
    return os.path.join(base, "include", "site", "python%d.%d" % sys.version_info[:2])


def preferred_scheme(kind, fallback):
    if hasattr(sysconfig, "get_preferred_scheme"):
        return sysconfig.get_preferred_scheme(kind)
    return fallback


def sysconfig_scheme(prefix, kind="prefix"):
    variables = dict((key, prefix) for key in PREFIX_KEYS) if prefix else {}
    if kind == "user":
        variables = {"userbase": prefix}
    name = preferred_scheme(kind, "posix_" + kind)
    if prefix and name == "osx_framework_library":
        name = "posix_prefix"
    paths = sysconfig.get_paths(scheme=name, vars=variables)
    include = paths["include"]
    if in_venv():
        include = venv_include(variables.get("base", sys.prefix))
    keys = ("purelib", "platlib", "scripts", "data")
    scheme = dict((key, paths[key]) for key in keys)
    scheme["headers"] = os.path.join(include, DIST)
    return scheme


def distutils_user_scheme(userbase):
    # finalize_options() would create the user's directories: expand
    # distutils' unix_user scheme instead.
    from distutils.command.install import INSTALL_SCHEMES
    version = "%d.%d" % sys.version_info[:2]
    values = {"userbase": userbase, "py_version_short": version,
              "usersite": os.path.join(userbase, "lib", "python" + version, "site-packages"),
              "abiflags": getattr(sys, "abiflags", ""), "dist_name": DIST}
    scheme = {}
    for key, path in INSTALL_SCHEMES["unix_user"].items():
        for name, value in values.items():
            path = path.replace("$" + name, value)
        scheme[key] = path
    return dict((key, scheme[key]) for key in ("purelib", "platlib", "headers", "scripts", "data"))


def distutils_scheme(prefix, kind="prefix"):
    from distutils.dist import Distribution
    command = Distribution({"name": DIST}).get_command_obj("install", create=True)
    if kind == "user":
        return distutils_user_scheme(prefix)
    if kind == "home":
        command.home = prefix
    else:
        command.prefix = prefix or command.prefix
    command.finalize_options()
    keys = ("purelib", "platlib", "headers", "scripts", "data")
    scheme = dict((key, getattr(command, "install_" + key)) for key in keys)
    if in_venv():
        scheme["headers"] = os.path.join(venv_include(command.prefix), DIST)
    return scheme


def scheme(prefix, kind="prefix"):
    if sys.version_info >= (3, 10):
        return sysconfig_scheme(prefix, kind)
    return distutils_scheme(prefix, kind)


def glibc_version():
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (AttributeError, OSError, ValueError):
        return ""


def implementation_version(implementation):
    if implementation is None:
        return "0"
    info = implementation.version
    version = "%d.%d.%d" % (info[0], info[1], info[2])
    if info[3] != "final":
        version += info[3][0] + str(info[4])
    return version


def marker_environment(implementation):
    # PEP 508 "Environment Markers", computed as packaging's
    # default_environment() does.
    return {
        "implementation_name": implementation.name if implementation else "",
        "implementation_version": implementation_version(implementation),
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    }


def describe():
    config = sysconfig.get_config_var
    implementation = getattr(sys, "implementation", None)
    return {
        "executable": sys.executable,
        "version": list(sys.version_info[:3]),
        "python_full_version": platform.python_version(),
        "implementation": implementation.name if implementation else "cpython",
        "cache_tag": getattr(implementation, "cache_tag", None) or "",
        "soabi": config("SOABI") or "",
        "ext_suffix": config("EXT_SUFFIX") or config("SO") or "",
        "abiflags": getattr(sys, "abiflags", ""),
        "py_debug": bool(config("Py_DEBUG")),
        "gil_disabled": bool(config("Py_GIL_DISABLED")),
        "platform": sysconfig.get_platform(),
        "pointer_bits": 64 if sys.maxsize > 2 ** 32 else 32,
        "glibc": glibc_version(),
        "prefix": sys.prefix,
        "in_venv": in_venv(),
        "stdlib": sysconfig.get_path("stdlib") or "",
        "prefix_scheme": scheme(PREFIX),
        "default_scheme": scheme(None),
        "user_scheme": scheme(PREFIX, "user"),  # PREFIX: the user base
        "home_scheme": scheme(PREFIX, "home"),  # pip --target installs through it
        "markers": marker_environment(implementation),
    }


sys.stdout.write(json.dumps(describe()))
