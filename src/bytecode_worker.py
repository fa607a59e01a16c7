# Run by the target interpreter (-I -S: no site, so nothing but this file
# is imported at start-up) as a long-lived bytecode worker of whlinst, which
# started it to die with it (PR_SET_PDEATHSIG, subprocess.cpp).
# argv[1]: invalidation mode name ("timestamp", "checked-hash",
# "unchecked-hash") or "default" (what py_compile picks: checked-hash when
# SOURCE_DATE_EPOCH is set). Reads requests from stdin, each a header line
# "LEN_SOURCE LEN_DFILE LEN_CFILE OPTIMIZE" (decimal) followed by the three
# file system paths' bytes, back to back: any byte (tab, newline...) may be
# in a path. Answers one line per request: "ok" or "error\tMESSAGE" (the
# message with its newlines and tabs made spaces). With argv[2] "timing"
# (WHLINST_COMPILE_TIMING, compile_timing.h), each answer is preceded by
# "timing READY BEGIN END CPU " in nanoseconds: monotonic clock, and the CPU
# time the compilation took.
#
# A pyc is what py_compile.compile(source, cfile, dfile, doraise=True,
# optimize, invalidation_mode) writes, built from the same importlib
# functions py_compile calls (Python 3.7 to 3.13), without importing
# py_compile and what it imports (enum, traceback, tokenize, re: a third of
# a worker's start-up). Older Pythons, and the message of a file that does
# not compile, use py_compile itself. The __pycache__ directory exists
# already (whlinst creates and journals it).
import _imp
import posix
import sys
import time
import warnings

bootstrap = sys.modules.get("_frozen_importlib_external")
LEAN = all(hasattr(bootstrap, name) for name in
           ("_code_to_timestamp_pyc", "_code_to_hash_pyc", "_calc_mode", "_write_atomic", "_RAW_MAGIC_NUMBER"))
FILE_TYPE, REGULAR, SYMLINK = 0o170000, 0o100000, 0o120000


def monotonic_ns():
    return time.monotonic_ns() if hasattr(time, "monotonic_ns") else int(time.monotonic() * 1e9)


def cpu_ns():
    return time.process_time_ns() if hasattr(time, "process_time_ns") else int(time.process_time() * 1e9)


def default_mode():
    return "checked-hash" if posix.environ.get(b"SOURCE_DATE_EPOCH") else "timestamp"


def refuse_non_regular(cfile):
    """py_compile's refusal to replace a symbolic link or a non-regular file."""
    try:
        kind = posix.lstat(cfile).st_mode & FILE_TYPE
    except OSError:
        return
    if kind == SYMLINK:
        raise FileExistsError(cfile + " is a symlink and will be changed into a regular file if "
                              "import writes a byte-compiled file to it")
    if kind != REGULAR:
        raise FileExistsError(cfile + " is a non-regular file and will be changed into a regular "
                              "one if import writes a byte-compiled file to it")


def compile_lean(source, dfile, cfile, optimize, mode):
    refuse_non_regular(cfile)
    loader = bootstrap.SourceFileLoader("<py_compile>", source)
    source_bytes = loader.get_data(source)
    try:
        code = loader.source_to_code(source_bytes, dfile, _optimize=optimize)
    except Exception as error:
        import py_compile
        raise py_compile.PyCompileError(error.__class__, error, dfile)
    if mode == "timestamp":
        stats = loader.path_stats(source)
        pyc = bootstrap._code_to_timestamp_pyc(code, stats["mtime"], stats["size"])
    else:
        source_hash = _imp.source_hash(bootstrap._RAW_MAGIC_NUMBER, source_bytes)
        pyc = bootstrap._code_to_hash_pyc(code, source_hash, mode == "checked-hash")
    bootstrap._write_atomic(cfile, pyc, bootstrap._calc_mode(source))


def compile_with_py_compile(source, dfile, cfile, optimize, mode):
    import py_compile
    options = {"doraise": True, "optimize": optimize}
    if hasattr(py_compile, "PycInvalidationMode"):
        options["invalidation_mode"] = py_compile.PycInvalidationMode[mode.replace("-", "_").upper()]
    py_compile.compile(source, cfile=cfile, dfile=dfile, **options)


def fsdecode(data):
    return data.decode(sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())


def answer_for(compile_one, source, dfile, cfile, optimize, mode):
    try:
        compile_one(source, dfile, cfile, optimize, mode)
        return b"ok\n"
    except Exception as error:  # a file that does not compile is reported, not fatal
        text = str(error).replace("\n", " ").replace("\t", " ")
        return b"error\t" + text.encode("utf-8", "replace") + b"\n"


def main():
    mode = default_mode() if sys.argv[1] == "default" else sys.argv[1]
    compile_one = compile_lean if LEAN else compile_with_py_compile
    timing = sys.argv[2:] == ["timing"]
    warnings.simplefilter("ignore")  # what a source's compilation warns about is not shown
    ready = monotonic_ns()
    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    for header in stdin:
        *lengths, optimize = [int(field) for field in header.split()]
        paths = stdin.read(sum(lengths))
        source, dfile, cfile = [fsdecode(paths[sum(lengths[:i]):sum(lengths[:i + 1])]) for i in range(3)]
        begin, cpu = monotonic_ns(), cpu_ns()
        answer = answer_for(compile_one, source, dfile, cfile, optimize, mode)
        if timing:
            answer = b"timing %d %d %d %d " % (ready, begin, monotonic_ns(), cpu_ns() - cpu) + answer
        stdout.write(answer)
        stdout.flush()


main()
