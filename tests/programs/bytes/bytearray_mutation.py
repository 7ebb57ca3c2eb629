# bytearray: mutation, methods, slicing assignment, errors.
ba = bytearray(b"hello")
ba[0] = 72
print(ba, repr(ba), len(ba), ba[0], bytes(ba))
ba.append(33)
ba.extend(b" world")
ba.extend([46, 46])
print(ba)
ba[1:5] = b"ELLO"
print(ba)
ba[0:1] = b""
print(ba)
ba[2:2] = b"xyz"
print(ba)
del ba[0]
del ba[-3:]
print(ba)
ba.insert(0, 65)
ba.insert(100, 90)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("x"))
print(ba)
ba.reverse()
print(ba)
ba[::2] = b"." * len(ba[::2])
print(ba)
for bad in [(0, 256), (0, -1), (0, "a"), (100, 1)]:
    try:
        ba[bad[0]] = bad[1]
    except Exception as e:
        print(type(e).__name__, e)
try:
    ba.remove(200)
except ValueError as e:
    print("ValueError", e)
try:
    bytearray().pop()
except IndexError as e:
    print("IndexError", e)
try:
    ba[::2] = b"x"
except ValueError as e:
    print("ValueError", e)
try:
    hash(bytearray())
except TypeError as e:
    print("TypeError", e)
c = bytearray(b"abc")
c += b"def"
print(c, c * 2, c == b"abcdef", b"abcdef" == c, type(c + b"x").__name__, type(b"x" + c).__name__)
c *= 2
print(c, c.upper(), type(c.upper()).__name__, c.find(b"d"), c.decode(), c.hex())
c.clear()
print(c, bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray.fromhex("41 42"))
d = bytearray(b"xyz")
d[1:2] = [65, 66, 67]
print(d, d.copy(), d.copy() is d, list(d))
e = bytearray(b"0123456789")
del e[::3]
print(e)
e[1:3] = bytearray(b"")
print(e, e.count(b"5"), e.index(b"7"), e.startswith(b"1"), e.split(b"7"))
