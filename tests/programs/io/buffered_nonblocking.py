# Buffered writers over raw streams that would block: CPython's buffering algorithm and
# BlockingIOError's characters_written.
import io
import os


class NonBlockRaw(io.RawIOBase):
    """Writes up to a blocker byte; at the blocker, returns None once (would block)."""

    def __init__(self):
        self.written = []
        self.blocker = None

    def writable(self):
        return True

    def block_on(self, c):
        self.blocker = c

    def write(self, b):
        b = bytes(b)
        if self.blocker is not None:
            n = b.find(self.blocker)
            if n > 0:
                self.written.append(b[:n])
                return n
            if n == 0:
                self.blocker = None
                return None
        self.written.append(b)
        return len(b)

    def pop(self):
        s = b"".join(self.written)
        self.written = []
        return s


raw = NonBlockRaw()
w = io.BufferedWriter(raw, 8)
print(w.write(b"abcd"), w.write(b"efghi"))
raw.block_on(b"k")
print(w.write(b"jklmn"))
raw.block_on(b"0")
try:
    w.write(b"opqrwxyz0123456789")
except BlockingIOError as e:
    print("blocked", e.args, e.characters_written, e.errno)
print(raw.pop())
print(w.write(b"ABCDEFGHI"))
print(raw.pop())

# A blocked flush keeps the unwritten bytes and reports 0 written.
raw = NonBlockRaw()
w = io.BufferedWriter(raw, 8)
w.write(b"xy")
raw.block_on(b"x")
try:
    w.flush()
except BlockingIOError as e:
    print("flush blocked", e.args, e.characters_written)
w.flush()
print(raw.pop())

# A blocked flush during write: what fits is buffered.
raw = NonBlockRaw()
w = io.BufferedWriter(raw, 8)
w.write(b"12345")
raw.block_on(b"1")
print(w.write(b"ab"))
try:
    w.write(b"cdefgh")
except BlockingIOError as e:
    print("partial", e.args, e.characters_written)
w.flush()
print(raw.pop())

# BlockingIOError's constructor.
e = BlockingIOError(11, "msg", 3)
print(e.args, e.characters_written, e.filename, str(e))
e = BlockingIOError(11, "msg")
print(hasattr(e, "characters_written"))
e.characters_written = 7
print(e.characters_written)
e = BlockingIOError(11, "msg", "name")
print(e.args, e.filename, hasattr(e, "characters_written"))

# A real non-blocking pipe: everything the writer accepted arrives.
r, wfd = os.pipe()
os.set_blocking(r, False)
os.set_blocking(wfd, False)
rf = open(r, "rb", buffering=16)
wf = open(wfd, "wb", buffering=16)
sent = []
received = []
with rf, wf:
    for n in 9999, 73, 7574:
        try:
            i = 0
            while True:
                msg = bytes([i % 26 + 97]) * n
                sent.append(msg)
                wf.write(msg)
                i += 1
        except BlockingIOError as e:
            assert e.args[0] == 11 and e.args[2] == e.characters_written
            sent[-1] = sent[-1][: e.characters_written]
            received.append(rf.read())
            wf.write(b"BLOCKED")
            sent.append(b"BLOCKED")
    while True:
        try:
            wf.flush()
            break
        except BlockingIOError as e:
            assert e.characters_written == 0
            received.append(rf.read())
    received += iter(rf.read, None)
print(b"".join(sent) == b"".join(received), len(b"".join(sent)) > 0)
