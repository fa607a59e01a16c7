#!/bin/bash
# Copy the real third-party wheels found on this machine into OUTDIR
# (default: wheels-fixtures/real/ beside this script, git-ignored).
#
# Sources, in order (the first wheel of a given file name wins):
#   1. pyenv's bundled wheels   $PYENV_ROOT (default ~/.pyenv)/versions/*/lib/python*/ensurepip/_bundled/*.whl
#   2. pyenv's test-suite wheels $PYENV_ROOT/versions/*/lib/python*/test/**/*.whl
#   3. Debian's installed wheels /usr/share/python-wheels/*.whl
#   4. Debian's python3-{pip,setuptools,wheel}-whl packages, when `apt-get download` works
# A missing source is reported and skipped (exit 0); real errors exit non-zero.
#
# Usage: gather_real_wheels.sh [OUTDIR]

set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
outdir=${1:-$script_dir/real}
pyenv_root=${PYENV_ROOT:-${HOME:-}/.pyenv}
debian_packages=(python3-pip-whl python3-setuptools-whl python3-wheel-whl)

mkdir -p -- "$outdir"
outdir=$(cd -- "$outdir" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gather-wheels.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

declare -A seen=()   # file name -> source path
gathered=()

# add_wheel PATH: copy PATH into OUTDIR unless a wheel of that name was taken already.
add_wheel() {
    local path=$1 name
    name=$(basename -- "$path")
    if [[ -n ${seen[$name]+x} ]]; then
        if ! cmp -s -- "$path" "${seen[$name]}"; then
            echo "note: $name from ${path#"$work/extracted/"} differs from" \
                "${seen[$name]}; kept the first"
        fi
        return 0
    fi
    cp -f -- "$path" "$outdir/$name"
    chmod 0644 -- "$outdir/$name"
    seen[$name]=$path
    gathered+=("$name	$path")
}

# add_found DESCRIPTION FIND-ARGS...: add every wheel that find(1) lists.
add_found() {
    local description=$1 count=0 path
    shift
    while IFS= read -r -d '' path; do
        add_wheel "$path"
        count=$((count + 1))
    done < <(find "$@" -name '*.whl' -type f -print0 2>/dev/null | sort -z)
    if ((count == 0)); then
        echo "no wheels in $description (skipped)"
    fi
}

pyenv_libs=("$pyenv_root"/versions/*/lib/python*)
if [[ -d ${pyenv_libs[0]} ]]; then
    bundled=("$pyenv_root"/versions/*/lib/python*/ensurepip/_bundled)
    tests=("$pyenv_root"/versions/*/lib/python*/test)
    if [[ -d ${bundled[0]} ]]; then
        add_found "pyenv ensurepip" "${bundled[@]}" -maxdepth 1
    else
        echo "no pyenv ensurepip wheels (skipped)"
    fi
    if [[ -d ${tests[0]} ]]; then
        add_found "pyenv test suites" "${tests[@]}"
    else
        echo "no pyenv test suites (skipped)"
    fi
else
    echo "no pyenv installation under $pyenv_root (skipped)"
fi

if [[ -d /usr/share/python-wheels ]]; then
    add_found /usr/share/python-wheels /usr/share/python-wheels -maxdepth 1
else
    echo "no /usr/share/python-wheels (skipped)"
fi

# Debian's wheel packages: downloading may fail (no network, no apt); that is not an error.
if command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null; then
    mkdir -p -- "$work/debs" "$work/extracted"
    if (cd -- "$work/debs" && apt-get download "${debian_packages[@]}") >"$work/apt.log" 2>&1; then
        for deb in "$work"/debs/*.deb; do
            dpkg-deb -x "$deb" "$work/extracted/$(basename -- "$deb")"
        done
        add_found "Debian packages ${debian_packages[*]}" "$work/extracted"
    else
        echo "apt-get download ${debian_packages[*]} failed (skipped):"
        sed 's/^/  /' "$work/apt.log" | tail -n 5
    fi
else
    echo "apt-get or dpkg-deb not available: Debian wheel packages skipped"
fi

echo "gathered ${#gathered[@]} wheels into $outdir:"
for row in "${gathered[@]}"; do
    source=${row#*	}
    printf '  %-45s from %s\n' "${row%%	*}" "${source#"$work/extracted/"}"
done
