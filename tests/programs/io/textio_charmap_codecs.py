# TextIOWrapper over the single-byte codecs of the encodings package (charmap codecs):
# reading, writing, line iteration, tell/seek; errors for unknown, binary and bad names.
import io
import os
import tempfile

text = "café naïve €uro\nsecond line ½\nthird\n"
for enc in ("cp1252", "koi8_r", "mac_roman", "iso8859_15", "cp437"):
    data = text.encode(enc, "replace")
    t = io.TextIOWrapper(io.BytesIO(data), encoding=enc, errors="replace")
    lines = list(t)
    print(enc, [len(l) for l in lines], lines[0][:6])
    t = io.TextIOWrapper(io.BytesIO(data), encoding=enc, errors="replace")
    t.readline()
    pos = t.tell()
    rest = t.read()
    t.seek(pos)
    print(enc, pos, t.read() == rest, t.encoding)

path = os.path.join(tempfile.mkdtemp(), "f.txt")
with open(path, "w", encoding="cp1252") as f:
    f.write("price: 5€\nend\n")
with open(path, "rb") as f:
    print(f.read())
with open(path, encoding="cp1252") as f:
    print(f.readline(), f.tell(), f.read())
with open(path, "a", encoding="cp1252") as f:
    f.write("more ß\n")
with open(path, encoding="cp1252") as f:
    print(f.read().splitlines())

for bad in ("no-such-codec", "rot13", "hex", "utf-8\0"):
    try:
        io.TextIOWrapper(io.BytesIO(), encoding=bad)
    except (LookupError, ValueError) as e:
        print(type(e).__name__, e)
try:
    io.TextIOWrapper(io.BytesIO(), encoding="\udcfe")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e.reason)
