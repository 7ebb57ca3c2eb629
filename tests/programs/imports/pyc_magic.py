# The compiled-code cache's magic number is CPython 3.11's, the files importlib and
# py_compile write carry it, a sourceless .pyc written by this same interpreter loads, and one
# with a foreign magic number is refused.
import importlib.util
import os
import py_compile
import sys
import tempfile

magic = importlib.util.MAGIC_NUMBER
print(len(magic), int.from_bytes(magic[:2], "little"), magic[2:])
from importlib import _bootstrap_external as ext

print(ext._RAW_MAGIC_NUMBER == int.from_bytes(magic, "little"))

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "magicmod.py")
    with open(src, "w") as f:
        f.write("VALUE = 6 * 7\ndef f():\n    return [i * i for i in range(4)]\n")
    cached = py_compile.compile(src, doraise=True)
    with open(cached, "rb") as f:
        data = f.read()
    print(data[:4] == magic, os.path.basename(os.path.dirname(cached)))

    # A sourceless module: the .pyc next to where the source was.
    legacy = os.path.join(d, "sourceless.pyc")
    with open(legacy, "wb") as f:
        f.write(data)
    os.remove(src)
    sys.path.insert(0, d)
    try:
        import sourceless

        print(sourceless.VALUE, sourceless.f())
        # The same file with a magic number no interpreter uses is refused.
        bad = os.path.join(d, "badmagic.pyc")
        with open(bad, "wb") as f:
            f.write(b"\x00\x00\r\n" + data[4:])
        try:
            import badmagic
        except ImportError as e:
            print("ImportError:", str(e).split(":")[0], e.name)
    finally:
        sys.path.remove(d)
