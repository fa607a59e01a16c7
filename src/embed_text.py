# Build helper: wraps a text file in a C++ raw string literal for #include.
import sys

with open(sys.argv[1], encoding="utf-8") as source:
    text = source.read()
with open(sys.argv[2], "w", encoding="utf-8") as target:
    target.write('R"WHLINST_EMBED(' + text + ')WHLINST_EMBED"\n')
