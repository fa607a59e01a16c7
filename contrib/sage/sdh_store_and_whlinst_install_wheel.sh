# -*- shell-script -*-
# whlinst drop-in for SageMath's wheel installation helpers.
#
# Source this file after SageMath's build/bin/sage-dist-helpers (see README.md
# in this directory). It redefines two functions of sage-dist-helpers, with the
# same names and arguments, so that the spkg-install scripts install their
# wheels with whlinst instead of pip:
#
#   sdh_store_and_pip_install_wheel [PIP_OPTION...] .
#       The current directory must have a subdirectory dist/ holding exactly one
#       *.whl. Moves it into the wheel store "$SAGE_DESTDIR$SAGE_SPKG_WHEELS",
#       records "NAME @ file://$SAGE_SPKG_WHEELS/WHEEL" in
#       "$SAGE_DESTDIR$SAGE_SPKG_SCRIPTS/$PKG_BASE/spkg-requirements.txt" and
#       the matching uninstall line in spkg-piprm, then installs the wheel into
#       "$SAGE_VENV". With SAGE_DESTDIR set and SAGE_SUDO empty (how sage-spkg
#       runs every package), the installation is deferred to spkg-pipinst, which
#       sage-spkg runs after it has copied the staged tree into the venv, as
#       SageMath's own helper does: whlinst then installs straight into the
#       live venv. SAGE_WHLINST_DEFER=no stages it with --root "$SAGE_DESTDIR"
#       instead (sage-spkg's copy then makes files appear one by one). Without
#       SAGE_DESTDIR, it runs at once with $SAGE_SUDO. Sets $wheel to the
#       stored wheel.
#
#   sdh_actually_pip_install_wheel DISTNAME [PIP_OPTION...] (WHEEL | -r FILE)
#       If DISTNAME (or a project named in FILE) is installed, uninstalls it
#       first (SageMath reinstalls the same version this way), then installs.
#       A failed install is retried once with --overwrite
#       --ignore-requires-python, as sage-pip-install retries pip with
#       --no-deps --ignore-installed --ignore-requires-python; a second failure
#       exits with status 3, as sage-pip-install does.
#       Both run under the shared pip lock "$SAGE_VENV/var/lock/pip3.lock"
#       (whlinst takes it exclusive to uninstall and shared to install, as
#       sage-flock does for pip), so pip still run by other scripts stays
#       correctly excluded. With SAGE_WHLINST_REINSTALL=atomic, there is no
#       separate uninstallation: whlinst install --force-reinstall replaces the
#       installed version in one transaction, which a failure leaves in place.
#
#   sdh_pip_uninstall [PIP_OPTION...] (NAME... | -r FILE)
#       Uninstalls each named project that is installed in "$SAGE_VENV" with
#       whlinst (so a venv without pip works), under the pip lock held
#       exclusively; failures are reported and ignored, as SageMath's
#       sage-pip-uninstall ignores them.
#
# When the whlinst executable is not found, this file defines nothing and
# SageMath's own pip-based helpers stay in use (a warning says so).
# Other failures end the script through sdh_die with whlinst's exit status.
# Environment: SAGE_VENV and SAGE_SPKG_WHEELS (absolute paths, required),
# SAGE_DESTDIR, SAGE_SUDO, SAGE_PIP_INSTALL_FLAGS, SAGE_SPKG_SCRIPTS, PKG_BASE,
# PKG_NAME, SAGE_BUILD_DIR as in SageMath; WHLINST, the whlinst executable
# (default: whlinst on PATH); SAGE_WHLINST_DEFER and SAGE_WHLINST_REINSTALL
# (see above).
# Only sdh_die is needed from sage-dist-helpers. Avoids bash 4 features (macOS
# has bash 3.2); safe under set -u and set -e.

if ! command -v "${WHLINST:-whlinst}" >/dev/null 2>&1; then
    echo >&2 "Warning: ${WHLINST:-whlinst} not found; SageMath's pip-based helpers stay in use"
    return 0
fi

# Prints the normalized form (PEP 503: lower case, runs of "-", "_" and "."
# replaced by one "-") of each project name read from the standard input.
_sdh_whlinst_normalize() {
    tr '[:upper:]' '[:lower:]' | sed -e 's/[-_.][-_.]*/-/g'
}

# Dies unless VARIABLE names a set, absolute path.
_sdh_whlinst_require_absolute() {
    case "${!1-}" in
        /*) ;;
        "") sdh_die "Error: $1 is not set; it must be an absolute path for whlinst" ;;
        *) sdh_die "Error: $1=${!1} is not an absolute path" ;;
    esac
}

# Runs whlinst, prefixed with $_sdh_whlinst_sudo when that is set.
_sdh_whlinst() {
    ${_sdh_whlinst_sudo-} "${WHLINST:-whlinst}" "$@"
}

# Succeeds when the project named $1 is installed in $SAGE_VENV (under the root
# named by the remaining arguments, "--root DIR", if any).
_sdh_whlinst_is_installed() {
    local wanted listing
    wanted=$(printf '%s\n' "$1" | _sdh_whlinst_normalize)
    shift
    listing=$("${WHLINST:-whlinst}" list --prefix "$SAGE_VENV" "$@" --format json) ||
        sdh_die "Error: whlinst list --prefix $SAGE_VENV $* failed"
    printf '%s\n' "$listing" | tr -d '\n' | grep -o '"name": *"[^"]*"' |
        sed -e 's/^"name": *"//' -e 's/"$//' | _sdh_whlinst_normalize | grep -xF "$wanted" >/dev/null
}

# Succeeds when the pip option $1 takes the next argument as its value.
_sdh_whlinst_takes_value() {
    case "$1" in
        --no-binary|--only-binary|--find-links|-f|--config-settings|-C|\
        --progress-bar|--upgrade-strategy|--exists-action|--global-option|--build-option)
            return 0 ;;
    esac
    return 1
}

# Sets the array _sdh_whlinst_options to the whlinst equivalents of the pip
# options given as arguments. Options that only matter to pip's resolver or
# builder are dropped; options whlinst cannot honour are fatal; unknown ones
# are dropped with a warning.
_sdh_whlinst_translate_options() {
    _sdh_whlinst_options=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --no-deps|--no-index|--isolated|--no-cache-dir|--disable-pip-version-check|\
            --no-warn-script-location|--ignore-requires-python|--force-reinstall|\
            --compile|--no-compile|-q|--quiet)
                _sdh_whlinst_options+=("$1") ;;
            -v|--verbose|-vv|-vvv)
                _sdh_whlinst_options+=(-v) ;;
            --ignore-installed|-I)
                _sdh_whlinst_options+=(--overwrite) ;;
            --build-isolation|--no-build-isolation|-U|--upgrade|--pre|--prefer-binary|\
            --use-pep517|--no-use-pep517|--no-input|--no-color|--no-clean|-y|--yes|\
            --no-binary=*|--only-binary=*|--find-links=*|-f?*|--config-settings=*|-C?*|\
            --progress-bar=*|--upgrade-strategy=*|--exists-action=*|\
            --global-option=*|--build-option=*)
                ;;
            --user|--target|--target=*|-t|-t?*|--prefix|--prefix=*|-e|--editable|--editable=*)
                sdh_die "Error: pip option $1 cannot be honoured by whlinst" ;;
            *)
                if _sdh_whlinst_takes_value "$1"; then
                    shift
                else
                    echo >&2 "Warning: pip option $1 has no whlinst equivalent; ignored"
                fi ;;
        esac
        shift
    done
}

# Prints the project names listed in a pip requirements file: lines
# "NAME @ URL" or wheel paths.
_sdh_whlinst_requirement_names() {
    local line base
    while IFS= read -r line || [ -n "$line" ]; do
        line="${line%%#*}"
        case "$line" in
            *" @ "*) printf '%s\n' "${line%% @ *}" ;;
            *.whl*) base="${line##*/}"; printf '%s\n' "${base%%-*}" ;;
        esac
    done < "$1"
}

# Appends LINE to FILE unless FILE already holds it.
_sdh_whlinst_append_once() {
    grep -qxF "$2" "$1" 2>/dev/null || echo "$2" >> "$1" || sdh_die "Error writing $1"
}

# Moves the unique dist/*.whl into the store and records it, as SageMath's
# sdh_store_wheel does. Sets $wheel to the final (un-staged) stored path.
_sdh_whlinst_store_wheel() {
    local sudo="" w found="" store distname record_dir
    [ -z "${SAGE_DESTDIR-}" ] && sudo="${SAGE_SUDO-}"
    [ "$*" = "." ] || sdh_die "Error: sdh_store_and_pip_install_wheel requires . as only argument"
    for w in dist/*.whl; do
        [ -f "$w" ] || continue
        [ -z "$found" ] || sdh_die "Error: more than one wheel found after building"
        found="$w"
    done
    [ -n "$found" ] || sdh_die "Error: no wheel found after building"
    store="${SAGE_DESTDIR-}${SAGE_SPKG_WHEELS}"
    mkdir -p "$store" && $sudo mv -f "$found" "$store/" || sdh_die "Error storing $found"
    wheel="${SAGE_SPKG_WHEELS}/${found##*/}"
    if [ -n "${SAGE_SPKG_SCRIPTS-}" ] && [ -n "${PKG_BASE-}" ]; then
        distname="${found##*/}"
        distname="${distname%%-*}"
        record_dir="${SAGE_DESTDIR-}${SAGE_SPKG_SCRIPTS-}/${PKG_BASE-}"
        mkdir -p "$record_dir" || sdh_die "Error creating $record_dir"
        _sdh_whlinst_append_once "$record_dir/spkg-requirements.txt" \
            "${distname} @ file://${wheel}"
    fi
}

sdh_store_and_pip_install_wheel() {
    local pip_options=() word wheel_basename distname script_dir quoted_options
    _sdh_whlinst_require_absolute SAGE_VENV
    _sdh_whlinst_require_absolute SAGE_SPKG_WHEELS
    for word in ${SAGE_PIP_INSTALL_FLAGS-}; do
        pip_options+=("$word")
    done
    while [ $# -gt 0 ]; do
        case "$1" in
            -*) pip_options+=("$1") ;;
            *) break ;;
        esac
        shift
    done
    _sdh_whlinst_store_wheel "$@"
    wheel_basename="${wheel##*/}"
    distname="${wheel_basename%%-*}"
    if [ -d "${SAGE_BUILD_DIR-}/${PKG_NAME-}" ]; then
        script_dir="${SAGE_BUILD_DIR-}/${PKG_NAME-}"
    else
        script_dir="${SAGE_DESTDIR-}${SAGE_SPKG_SCRIPTS-}/${PKG_BASE-}"
    fi
    if [ -n "${SAGE_DESTDIR-}" ] && [ -z "${SAGE_SUDO-}" ] && [ "${SAGE_WHLINST_DEFER-yes}" != no ]; then
        quoted_options=""
        for word in ${pip_options[@]+"${pip_options[@]}"}; do
            quoted_options="$quoted_options '$word'"
        done
        mkdir -p "$script_dir" || sdh_die "Error creating $script_dir"
        _sdh_whlinst_append_once "$script_dir/spkg-pipinst" \
            "sdh_actually_pip_install_wheel $distname$quoted_options -r \"\$SAGE_SPKG_SCRIPTS/\$PKG_BASE/spkg-requirements.txt\""
    elif [ -n "${SAGE_DESTDIR-}" ]; then
        _sdh_whlinst_sudo="" sdh_actually_pip_install_wheel "$distname" \
            --root="${SAGE_DESTDIR-}" ${pip_options[@]+"${pip_options[@]}"} "$wheel"
    else
        _sdh_whlinst_sudo="${SAGE_SUDO-}" sdh_actually_pip_install_wheel "$distname" \
            ${pip_options[@]+"${pip_options[@]}"} "$wheel"
    fi
    if [ -n "${SAGE_SPKG_SCRIPTS-}" ] && [ -n "${PKG_BASE-}" ]; then
        mkdir -p "$script_dir" || sdh_die "Error creating $script_dir"
        _sdh_whlinst_append_once "$script_dir/spkg-piprm" \
            "sdh_pip_uninstall -r \"\$SAGE_SPKG_SCRIPTS/\$PKG_BASE/spkg-requirements.txt\""
    fi
    wheel="${SAGE_DESTDIR-}${wheel}"
}

sdh_actually_pip_install_wheel() {
    local distname="$1" root=() pip_options=() sources=() names name lock
    shift
    _sdh_whlinst_require_absolute SAGE_VENV
    lock="$SAGE_VENV/var/lock/pip3.lock"
    while [ $# -gt 0 ]; do
        case "$1" in
            --root=*) root=(--root "${1#--root=}") ;;
            --root) shift; root=(--root "$1") ;;
            -r|--requirement) shift; sources+=(-r "$1") ;;
            -r?*) sources+=(-r "${1#-r}") ;;
            --requirement=*) sources+=(-r "${1#--requirement=}") ;;
            -*) pip_options+=("$1")
                if _sdh_whlinst_takes_value "$1" && [ $# -gt 1 ]; then
                    shift; pip_options+=("$1")
                fi ;;
            *) sources+=("$1") ;;
        esac
        shift
    done
    [ ${#sources[@]} -gt 0 ] || sdh_die "Error: no wheel given to install $distname"
    _sdh_whlinst_translate_options ${pip_options[@]+"${pip_options[@]}"}
    names="$distname"
    if [ "${sources[0]}" = -r ]; then
        [ -r "${sources[1]}" ] || sdh_die "Error: cannot read ${sources[1]} to install $distname"
        names="$names $(_sdh_whlinst_requirement_names "${sources[1]}")"
    elif [ -n "${SAGE_SPKG_WHEELS-}" ] && [ ${#sources[@]} -eq 1 ] &&
         [ "${sources[0]#"$SAGE_SPKG_WHEELS"/}" != "${sources[0]}" ]; then
        # The store's final URL, not the staged copy's, goes into direct_url.json.
        _sdh_whlinst_options+=(--direct-url "file://${sources[0]}")
        sources=("${root[1]-}${sources[0]}")
    fi
    if [ "${SAGE_WHLINST_REINSTALL-}" = atomic ]; then
        _sdh_whlinst_options+=(--force-reinstall)
        names=""
    fi
    for name in $(printf '%s\n' $names | sort -u); do
        if _sdh_whlinst_is_installed "$name" ${root[@]+"${root[@]}"}; then
            echo "Uninstalling the installed $name before installing it again"
            _sdh_whlinst uninstall "$name" --prefix "$SAGE_VENV" ${root[@]+"${root[@]}"} \
                --lock "$lock" ||
                sdh_die "Error uninstalling the installed $name with ${WHLINST:-whlinst} before reinstalling it"
        fi
    done
    echo "Installing $distname with ${WHLINST:-whlinst}"
    _sdh_whlinst install "${sources[@]}" --prefix "$SAGE_VENV" ${root[@]+"${root[@]}"} \
        --lock "$lock" ${_sdh_whlinst_options[@]+"${_sdh_whlinst_options[@]}"} && return 0
    echo "Retrying the installation of $distname with --overwrite --ignore-requires-python"
    _sdh_whlinst install "${sources[@]}" --prefix "$SAGE_VENV" ${root[@]+"${root[@]}"} \
        --lock "$lock" ${_sdh_whlinst_options[@]+"${_sdh_whlinst_options[@]}"} \
        --overwrite --ignore-requires-python && return 0
    echo >&2 "Error installing $distname with ${WHLINST:-whlinst}"
    exit 3
}

sdh_pip_uninstall() {
    local names="" name lock
    _sdh_whlinst_require_absolute SAGE_VENV
    lock="$SAGE_VENV/var/lock/pip3.lock"
    while [ $# -gt 0 ]; do
        case "$1" in
            -r|--requirement)
                shift
                [ -r "$1" ] || { echo >&2 "Warning: cannot read $1; nothing uninstalled from it"; shift; continue; }
                names="$names $(_sdh_whlinst_requirement_names "$1")" ;;
            -*) ;;
            *) names="$names $1" ;;
        esac
        shift
    done
    for name in $(printf '%s\n' $names | sort -u); do
        _sdh_whlinst_is_installed "$name" || continue
        _sdh_whlinst uninstall "$name" --prefix "$SAGE_VENV" --lock "$lock" ||
            echo >&2 "Warning: uninstalling $name with ${WHLINST:-whlinst} failed; ignored"
    done
    return 0
}
