import struct
import array
import sys

def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

show(lambda: struct.pack_into("<I", bytearray(10), -2, 1))
show(lambda: struct.unpack_from("<I", bytearray(10), -2))
show(lambda: struct.unpack_from("<I", bytearray(10), -12))
show(lambda: struct.pack_into("<I", bytearray(10), sys.maxsize, 1))
show(lambda: struct.calcsize("%db" % (sys.maxsize + 1)))
show(lambda: struct.calcsize("%db%dH" % (sys.maxsize // 2, sys.maxsize // 2)))
show(lambda: struct.calcsize("2\0i"))
show(lambda: struct.calcsize(b"\0"))
a = array.array("b", b" " * 10)
struct.pack_into("<I", a, 2, 0x41424344)
print(a)
m = memoryview(array.array("i", [1, 2, 3]))
print(m.format, m.itemsize, len(m), m.tolist(), m.nbytes, bytes(m)[:4])
b = array.array("B", [1, 2, 3])
mb = memoryview(b)
mb[0] = 9
print(b, mb[1])
