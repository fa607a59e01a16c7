# Run by the target interpreter as a long-lived bytecode worker of whlinst.
# argv[1]: invalidation mode name ("timestamp", "checked-hash",
# "unchecked-hash") or "default" (what py_compile picks: checked-hash when
# SOURCE_DATE_EPOCH is set). Reads requests from stdin, each a header line
# "LEN_SOURCE LEN_DFILE LEN_CFILE OPTIMIZE" (decimal) followed by the three
# file system paths' bytes, back to back: any byte (tab, newline...) may be
# in a path. Answers one line per request: "ok" or "error\tMESSAGE" (the
# message with its newlines and tabs made spaces). With argv[2] "timing"
# (WHLINST_COMPILE_TIMING, compile_timing.h), each answer is preceded by
# "timing READY BEGIN END " in monotonic nanoseconds.
import os
import py_compile
import sys
import time
import warnings


def monotonic_ns():
    return time.monotonic_ns() if hasattr(time, "monotonic_ns") else int(time.monotonic() * 1e9)


def invalidation_mode(name):
    if name == "default" or not hasattr(py_compile, "PycInvalidationMode"):
        return None
    return py_compile.PycInvalidationMode[name.replace("-", "_").upper()]


def compile_one(source, dfile, cfile, optimize, mode):
    options = {"doraise": True, "optimize": optimize}
    if mode is not None:
        options["invalidation_mode"] = mode
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        py_compile.compile(source, cfile=cfile, dfile=dfile, **options)


def die_with_parent():
    # A worker must not outlive a killed whlinst: the next run's recovery
    # removes what this worker would otherwise still be writing.
    parent = os.getppid()
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except Exception:
        pass
    if os.getppid() != parent:
        sys.exit(1)


def main():
    die_with_parent()
    mode = invalidation_mode(sys.argv[1])
    timing = sys.argv[2:] == ["timing"]
    ready = monotonic_ns()
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    stdout = getattr(sys.stdout, "buffer", sys.stdout)
    for header in stdin:
        *lengths, optimize = [int(field) for field in header.split()]
        paths = stdin.read(sum(lengths))
        source, dfile, cfile = [os.fsdecode(paths[sum(lengths[:i]):sum(lengths[:i + 1])]) for i in range(3)]
        begin = monotonic_ns()
        try:
            compile_one(source, dfile, cfile, optimize, mode)
            answer = b"ok\n"
        except Exception as error:  # a file that does not compile is reported, not fatal
            text = str(error).replace("\n", " ").replace("\t", " ")
            answer = b"error\t" + text.encode("utf-8", "replace") + b"\n"
        if timing:
            answer = b"timing %d %d %d " % (ready, begin, monotonic_ns()) + answer
        stdout.write(answer)
        stdout.flush()


main()
