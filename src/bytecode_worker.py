# Run by the target interpreter as a long-lived bytecode worker of whlinst.
# argv[1]: invalidation mode name ("timestamp", "checked-hash",
# "unchecked-hash") or "default" (what py_compile picks: checked-hash when
# SOURCE_DATE_EPOCH is set). Reads requests from stdin, one per line,
# tab-separated file system paths: SOURCE DFILE CFILE OPTIMIZE. Answers one
# line per request: "ok" or "error\tMESSAGE".
import os
import py_compile
import sys
import warnings


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


def main():
    mode = invalidation_mode(sys.argv[1])
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    stdout = getattr(sys.stdout, "buffer", sys.stdout)
    for raw in stdin:
        source, dfile, cfile, optimize = [os.fsdecode(part) for part in raw.rstrip(b"\n").split(b"\t")]
        try:
            compile_one(source, dfile, cfile, int(optimize), mode)
            answer = b"ok\n"
        except Exception as error:  # a file that does not compile is reported, not fatal
            text = str(error).replace("\n", " ").replace("\t", " ")
            answer = b"error\t" + text.encode("utf-8", "replace") + b"\n"
        stdout.write(answer)
        stdout.flush()


main()
