# readinto/readinto1 into arrays and memoryviews of arrays (any writable buffer).
import array
import io
import os
import tempfile

b = array.array('i', b'x' * 12)
bio = io.BufferedReader(io.BytesIO(b"abcdefghijklmnop"))
print(bio.readinto(b), b.tobytes())
a1 = array.array('b', bytes(4))
print(bio.readinto1(a1), a1.tobytes())
m = memoryview(array.array('b', bytes(6)))
print(io.BytesIO(b"hello world").readinto(m), m.tobytes())
path = os.path.join(tempfile.mkdtemp(), "data")
with open(path, "wb") as f:
    f.write(b"local file")
with io.FileIO(path) as f:
    a = array.array('B', bytes(3))
    print(f.readinto(a), a.tobytes())
with open(path, "rb") as f:
    a = array.array('H', bytes(4))
    print(f.readinto(a), a.tobytes())
pair = io.BufferedRWPair(io.BytesIO(b"pairdata"), io.BytesIO())
a = array.array('b', bytes(5))
print(pair.readinto(a), a.tobytes())
for bad in (b"immutable", memoryview(b"ro"), "text"):
    try:
        io.BytesIO(b"x").readinto(bad)
    except TypeError as e:
        print("TypeError", e)
