"""Writes libzip's zip_err_str.c from the ZIP_ER_* lines of lib/zip.h, as its
CMake build generates it: each line "#define ZIP_ER_X N /* T text */" gives
the message "text" and the type T (N none, S system, Z zlib).

Usage: make_error_strings.py ZIP_H OUTPUT"""

import re
import sys

LINE = re.compile(r"#define ZIP_ER_([A-Z_]+) ([0-9]+)[ \t]+/\*[ \t]*([NSZ]+) ([-0-9a-zA-Z ']*)\*/")


def main(zip_h, output):
    with open(zip_h, encoding="utf-8") as stream:
        errors = [(match.group(3), match.group(4).strip()) for match in LINE.finditer(stream.read())]
    text = ["/* Generated from zip.h by make_error_strings.py. */", '#include "zipint.h"', "",
            "const char *const _zip_err_str[] = {"]
    text += [f'    "{message}",' for _, message in errors]
    text += ["};", "", "const int _zip_nerr_str = sizeof(_zip_err_str) / sizeof(_zip_err_str[0]);", "",
             "#define N ZIP_ET_NONE", "#define S ZIP_ET_SYS", "#define Z ZIP_ET_ZLIB", "",
             "const int _zip_err_type[] = {"]
    text += [f"    {kind}," for kind, _ in errors]
    text += ["};", ""]
    with open(output, "w", encoding="utf-8") as stream:
        stream.write("\n".join(text))


if __name__ == "__main__":
    main(*sys.argv[1:3])
