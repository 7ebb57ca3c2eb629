# The native pickler: dumps output byte for byte at every protocol (CPython's C pickler and
# pickle.py agree on these), round trips, hooks and error messages.
import collections
import copyreg
import io
import pickle
import zlib


class A:
    def __init__(self):
        self.x = 1


class Slots:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = [2]


class NewEx:
    def __new__(cls, *args, **kwargs):
        o = super().__new__(cls)
        o.args = args
        o.kwargs = kwargs
        return o

    def __getnewargs_ex__(self):
        return self.args, self.kwargs


def f():
    pass


data = [1, -5, 255, 256, 65536, -1, 2**31, 2**40, -2**70, 1.5, "héllo", "x" * 300, b"by", b"",
        bytearray(b"ba"), bytearray(), None, True, False, (), (1,), (1, 2), (1, 2, 3),
        (1, 2, 3, 4), {"a": 1}, set(), {1, 2}, frozenset([3]), [[]],
        collections.OrderedDict(a=1), collections.deque([1]), range(3), complex(1, 2),
        "\ud800", A(), f, len, int, type(None), list(range(1500)),
        {i: i for i in range(1200)}, "a\\b\nc\x00\r\x1a", ..., NotImplemented]
data.append(data[0:3])
data.append(data)
plain = [1, -5, 255, 256, 65536, -1, 2**31, 2**40, -2**70, 1.5, "héllo", "x" * 300, b"by",
         b"", bytearray(b"ba"), None, True, False, (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4),
         {"a": 1}, {1, 2}, frozenset([3]), [[]], "\ud800", list(range(1500))]
plain.append(plain[-1])
for proto in range(6):
    s = pickle.dumps(plain, proto)
    print(proto, len(s), zlib.crc32(s), pickle.dumps(plain[:26], proto))
for proto in range(6):
    s = pickle.dumps(data, proto)
    # Which strings are one object (and so memoized once) can differ between
    # implementations, so the bytes are compared with pickle.py's in the same interpreter.
    print(proto, s == pickle._dumps(data, proto))
    back = pickle.loads(s)
    print(repr(back[:34]) == repr(data[:34]), back[-1] is back, back[-2] == data[:3])
    bio = io.BytesIO()
    pickle.dump(data, bio, proto)
    print(bio.getvalue() == s)

big = ["y" * 70000, b"z" * 70000, list(range(20000))]
for proto in (4, 5):
    chunks = []

    class Writer:
        def write(self, b):
            chunks.append(bytes(b))

    pickle.Pickler(Writer(), proto).dump(big)
    print(proto, [len(c) for c in chunks], pickle.loads(b"".join(chunks)) == big)

for proto in range(2, 6):
    s = pickle.dumps(Slots(), proto)
    o = pickle.loads(s)
    print(proto, o.a, o.b, len(s))
    n = pickle.loads(pickle.dumps(NewEx(1, k=2), proto))
    print(proto, n.args, n.kwargs)


class MyPickler(pickle.Pickler):
    def persistent_id(self, obj):
        return "pid:" + obj if isinstance(obj, str) and obj.startswith("@") else None

    def reducer_override(self, obj):
        if obj is f:
            return int, (5,)
        return NotImplemented


class MyUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        return pid.upper()

    def find_class(self, module, name):
        if name == "A":
            return dict
        return super().find_class(module, name)


for proto in range(6):
    bio = io.BytesIO()
    MyPickler(bio, proto).dump(["@x", "y", f])
    print(proto, MyUnpickler(io.BytesIO(bio.getvalue())).load())

bio = io.BytesIO()
p = pickle.Pickler(bio, 2)
p.dispatch_table = {A: lambda a: (str, ("an A",))}
p.dump([A(), 1])
print(pickle.loads(bio.getvalue()))
copyreg.add_extension("collections", "OrderedDict", 240)
print(pickle.dumps(collections.OrderedDict, 2))
copyreg.remove_extension("collections", "OrderedDict", 240)


def err(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)


def outer():
    def inner():
        pass
    return inner


class R:
    def __reduce__(self):
        return 5


class R2:
    def __reduce__(self):
        return (1,)


class R3:
    def __reduce__(self):
        return (list, 5)


class R4:
    def __reduce__(self):
        return (5, ())


class Renamed:
    pass


Renamed.__qualname__ = "Nope"
err(lambda: pickle.dumps(outer()))
err(lambda: pickle.dumps(Renamed))
err(lambda: pickle.dumps(R()))
err(lambda: pickle.dumps(R2()))
err(lambda: pickle.dumps(R3()))
err(lambda: pickle.dumps(R4()))
err(lambda: pickle.dumps(1, 6))
err(lambda: pickle.dumps(1, buffer_callback=print))
err(lambda: pickle.Pickler(1))
err(lambda: pickle.dumps(Slots(), 1))
