# pickle.PickleBuffer and protocol 5's out-of-band buffers, plus the native unpickler's
# results and errors (pickle.loads is _pickle.loads).
import io
import pickle
from pickle import PickleBuffer


def err(f):
    try:
        r = f()
        print("ok", r if not isinstance(r, memoryview) else describe_view(r))
    except Exception as e:
        print(type(e).__name__, e)


def describe_view(m):
    return ("memoryview", m.format, m.shape, m.readonly, m.tobytes(), type(m.obj).__name__)


err(lambda: PickleBuffer())
err(lambda: PickleBuffer(1))
err(lambda: PickleBuffer(b"x", 2))
err(lambda: PickleBuffer("abc"))
pb = PickleBuffer(b"abc")
err(lambda: pb.raw())
err(lambda: memoryview(pb))
err(lambda: bytes(pb))
err(lambda: bytearray(pb))
ba = bytearray(b"xyz")
pb2 = PickleBuffer(ba)
err(lambda: pb2.raw())
m = memoryview(pb2)
m[0] = 65
print(ba)
err(lambda: PickleBuffer(memoryview(b"abcdef")[::2]).raw())
pb.release()
pb.release()
err(lambda: pb.raw())
err(lambda: memoryview(pb))
print(type(pb).__name__, type(pb).__module__)

# In-band and out-of-band pickling
for proto in range(6):
    try:
        d = pickle.dumps(PickleBuffer(b"ab"), proto)
        print(proto, d, pickle.loads(d))
    except pickle.PicklingError as e:
        print(proto, "PicklingError", e)
print(pickle.loads(pickle.dumps(PickleBuffer(bytearray(b"ab")), 5)))
bufs = []
d = pickle.dumps([PickleBuffer(b"ro"), PickleBuffer(bytearray(b"rw"))], 5, buffer_callback=bufs.append)
print(d, len(bufs))
out = pickle.loads(d, buffers=bufs)
print([bytes(x) for x in out], [memoryview(x).readonly for x in out])
err(lambda: pickle.loads(d))
err(lambda: pickle.loads(d, buffers=[]))
out = pickle.loads(d, buffers=[b"AA", bytearray(b"BB")])
print([bytes(x) for x in out], [memoryview(x).readonly for x in out])

# The unpickler on good and bad data
for data in (b"\xff", b"", b"(", b"0", b"N0", b"K", b"L10", b"(.", b"N.", b"\x80\x06.",
             b"h\x00", b"S'abc'\n.", b"Vab\\u00e9\n.", b"I01\n.", b"I12\n.", b"F1.5\n.",
             b"cbuiltins\nint\n)R.", b"N)R.", b"cbuiltins\nint\nNR.", b"]q\x00h\x00a.",
             b"(I1\nI2\nt.", b"(K\x01K\x02u.", b"}(K\x01K\x02u.", b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01K\x02\x86."):
    err(lambda: pickle.loads(data))

data = [1, -5, 2**40, -2**70, 1.5, "héllo", b"by", bytearray(b"ba"), None, True, (1,), {"a": 1}, {1, 2}, frozenset([3]), [[]], range(3), complex(1, 2)]
for proto in range(6):
    s = pickle.dumps(data, proto)
    f = io.BytesIO(s * 3)
    u = pickle.Unpickler(f)
    print(proto, pickle.loads(s) == data, u.load() == data, u.load() == data, u.load() == data, f.tell() == 3 * len(s))
    err(lambda: u.load())
u = pickle.Unpickler(io.BytesIO(pickle.dumps(["x", "x"], 2)))
u.load()
print(sorted(u.memo.copy()))
err(lambda: setattr(u, "memo", object))
err(lambda: setattr(u, "memo", {-1: None}))
err(lambda: pickle.Unpickler(1))
