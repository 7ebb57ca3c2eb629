# TextIOWrapper/open argument checks as CPython's C _io: flags through __index__, names as
# C strings, builtins.open is _io.open, text_encoding; buffered close vs a writing thread.
import io
import sys
import threading
import time
import codecs

print(open is io.open, open.__module__, io.text_encoding.__module__)
print(io.text_encoding(None), io.text_encoding("latin-1"), sys.flags.dev_mode, sys.flags.utf8_mode)


class BadIndex:
    def __index__(self):
        1 / 0


def attempt(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)


for v in [True, 0, 5, 2**40, 2**1000, [], 2.5, "", BadIndex()]:
    attempt(lambda: io.TextIOWrapper(io.BytesIO(), encoding="ascii", line_buffering=v).line_buffering)
    t = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    attempt(lambda: (t.reconfigure(line_buffering=v), t.line_buffering)[1])
    attempt(lambda: (t.reconfigure(write_through=v), t.write_through)[1])

t = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="replace")
attempt(t.reconfigure, encoding="\udcfe")
attempt(t.reconfigure, encoding="locale\0")
attempt(t.reconfigure, errors="\udcfe")
attempt(lambda: (t.reconfigure(encoding="utf-8\0"), t.encoding)[1])
attempt(io.TextIOWrapper, io.BytesIO(), encoding="ascii", errors="\udcfe")
attempt(io.TextIOWrapper, io.BytesIO(), encoding="\udcfe")
attempt(codecs.lookup, "\udcfe")
attempt(codecs.lookup, "utf-8\0")


# A close in one thread (its raw flush is slow) and a write in another: the write waits for
# the close and then finds the file closed.
class SlowFlushRaw(io.RawIOBase):
    def __init__(self):
        self.in_flush = threading.Event()

    def writable(self):
        return True

    def write(self, b):
        return len(b)

    def flush(self):
        self.in_flush.set()
        time.sleep(0.1)


raw = SlowFlushRaw()
buf = io.BufferedWriter(raw, 8)
th = threading.Thread(target=buf.close)
th.start()
raw.in_flush.wait()
attempt(buf.write, b"spam")
print(buf.closed)
th.join()
