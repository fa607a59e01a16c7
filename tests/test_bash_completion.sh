#!/bin/bash
# Checks contrib/bash-completion/whlinst by calling its completion function
# the way bash does (COMP_WORDS, COMP_CWORD) in a fresh shell.
# Usage: test_bash_completion.sh COMPLETION_FILE WHLINST PYTHON
set -u

completion=$(realpath "$1")
whlinst=$(realpath "$2")
python=$3
failures=0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

# A prefix with two installed projects (list reads only the .dist-info names),
# the same prefix staged under a root, and files to complete.
purelib() {
    "$python" -c 'import sys, sysconfig
scheme = sysconfig.get_preferred_scheme("prefix") if hasattr(sysconfig, "get_preferred_scheme") else "posix_prefix"
print(sysconfig.get_path("purelib", scheme, {"base": sys.argv[1], "platbase": sys.argv[1]}))' "$1"
}
prefix_site=$(purelib "$work/prefix")
for site in "$prefix_site" "$(purelib "$work/stage/opt/py")"; do
    mkdir -p "$site/Foo_Bar-1.0.dist-info" "$site/cython-3.0.dist-info"
    : >"$site/Foo_Bar-1.0.dist-info/RECORD"
done
mkdir subdir
touch a-1.0-py3-none-any.whl b-2.0-py3-none-any.whl requirements.txt notes.md pylock.toml

# complete EXPECTED WORD...: the completions of the last WORD, sorted, must
# equal EXPECTED (space-separated, sorted).
complete_words() {
    local expected=$1
    shift
    local got
    got=$(bash --norc --noprofile -c '
        source "$1" || exit 1
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        _whlinst
        printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@" 2>&1 | sort | tr '\n' ' ')
    got=${got% }
    if [[ $got != "$expected" ]]; then
        printf 'FAIL: %s\n  expected: [%s]\n  got:      [%s]\n' "$*" "$expected" "$got"
        failures=$((failures + 1))
    fi
}

complete_words 'uninstall' whlinst un
complete_words 'list' whlinst li
complete_words 'a-1.0-py3-none-any.whl b-2.0-py3-none-any.whl install list prefix show stage subdir sync uninstall verify' whlinst ''
complete_words 'show' whlinst sh
complete_words 'sync' whlinst sy
complete_words 'prefix pylock.toml stage subdir' whlinst sync ''
complete_words '--exact' whlinst sync --exa
complete_words '--verbose --version' whlinst --ver
complete_words '--no-cache-dir --no-clean --no-color --no-compile --no-compile-bytecode' whlinst install --no-c
complete_words '--no-cache-dir --no-clean --no-color --no-compile --no-compile-bytecode' whlinst x.whl --no-c
complete_words '--yes' whlinst uninstall --y
complete_words '' whlinst uninstall --lock --y
complete_words '--config --data --extra --group --headers --help --lock --lock-timeout --no-default-groups --platlib --prefix --purelib --python --quiet --root --scripts --target --user --verbose' whlinst verify --
complete_words '--format' whlinst list --f
complete_words '--files' whlinst show --fi
complete_words '--fsync' whlinst --fs
complete_words '--fsync' whlinst uninstall --fs
complete_words '' whlinst list --fs
complete_words '--max-compression-ratio --max-unpacked-size' whlinst x.whl --max
complete_words '16G 1G' whlinst x.whl --max-unpacked-size 1
complete_words '' whlinst x.whl --max-compression-ratio ''
complete_words 'notes.md' whlinst x.whl --config no
complete_words 'notes.md' whlinst x.whl --sbom = no
complete_words '--config=requirements.txt' whlinst verify --config=req
complete_words '--purelib' whlinst show --pu
complete_words 'json text' whlinst list --format ''
complete_words 'json' whlinst list --format = j
complete_words 'json xml' whlinst x.whl --sbom-format ''
complete_words '--sbom-format=json' whlinst sync --sbom-format=j
complete_words '--sbom --sbom-format' whlinst sync --sb
complete_words 'checked-hash' whlinst --invalidation-mode c
complete_words '0 0,1 0,1,2' whlinst install --optimize 0
complete_words 'a-1.0-py3-none-any.whl b-2.0-py3-none-any.whl prefix stage subdir' whlinst install ''
complete_words 'a-1.0-py3-none-any.whl b-2.0-py3-none-any.whl prefix stage subdir' whlinst install -- ''
complete_words 'prefix stage subdir' whlinst install --prefix ''
complete_words 'stage subdir' whlinst x.whl --root = s
complete_words 'subdir' whlinst x.whl --purelib su
complete_words 'requirements.txt' whlinst -r req
complete_words 'notes.md' whlinst uninstall --lock no
complete_words '' whlinst list ''
complete_words 'Foo_Bar cython' "$whlinst" uninstall --python "$python" --prefix prefix ''
complete_words 'cython' "$whlinst" verify --python "$python" --prefix = "$work/prefix" c
complete_words 'Foo_Bar' "$whlinst" verify --python="$python" --prefix="$work/prefix" F
complete_words 'Foo_Bar cython' "$whlinst" uninstall --python "$python" --root stage --prefix /opt/py ''
complete_words '' "$whlinst" uninstall --python "$python" --prefix "$work/subdir" ''
complete_words 'Foo_Bar cython' "$whlinst" show --python "$python" --prefix prefix -f ''
complete_words 'Foo_Bar cython' "$whlinst" verify --python "$python" --purelib "$prefix_site" --platlib = "$prefix_site" --prefix "$work/subdir" ''
complete_words 'Foo_Bar' "$whlinst" uninstall --python "$python" --purelib="$prefix_site" --prefix "$work/subdir" F
complete_words '' /nonexistent/whlinst uninstall --prefix prefix ''

# Each command's option list is exactly what `whlinst COMMAND --help` lists.
for command in install uninstall list verify show sync; do
    expected=$("$whlinst" "$command" --help | sed -n 's/^ *\(-[[:alnum:]], \)\{0,1\}\(--[[:alnum:]-]*\).*/\1\2/p' |
        sed 's/, /\n/' | sort | tr '\n' ' ')
    got=$(bash --norc --noprofile -c 'source "$1" && variable=_whlinst_$2_options && printf "%s\n" ${!variable}' \
        _ "$completion" "$command" | sort | tr '\n' ' ')
    if [[ $got != "$expected" ]]; then
        printf 'FAIL: options of %s\n  --help:     [%s]\n  completion: [%s]\n' "$command" "$expected" "$got"
        failures=$((failures + 1))
    fi
done

if ((failures > 0)); then
    echo "$failures completion checks failed"
    exit 1
fi
echo "all completion checks passed"
