# Build helper: the SHA-256 of a file, as a C++ string literal for #include,
# so that the program knows the digest of a text it embeds without hashing
# it at run time.
import hashlib
import sys

with open(sys.argv[1], "rb") as source:
    digest = hashlib.sha256(source.read()).hexdigest()
with open(sys.argv[2], "w", encoding="utf-8") as target:
    target.write('"' + digest + '"\n')
