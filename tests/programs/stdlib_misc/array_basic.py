import array
import pickle
import copy
import sys
from array import array as A

print(array.typecodes, array.ArrayType is A)
for tc in array.typecodes:
    a = A(tc)
    print(tc, a.itemsize, a.typecode, repr(a))
for tc in "bBhHiIlLqQ":
    a = A(tc, [0, 1, 2, 100, 127])
    a.append(5)
    a.extend([6, 7])
    a.extend(A(tc, [8]))
    a.insert(0, 9)
    a.insert(-100, 3)
    a.insert(100, 4)
    print(a, len(a), a[0], a[-1], a[2:5], a[::-2], a.count(7), a.index(7), 7 in a, 99 in a)
    print(a.tobytes().hex(), A(tc, a.tobytes()) == a, a.tolist())
    b = A(tc, a)
    b.byteswap()
    b.byteswap()
    print(b == a, b.pop(), b.pop(0), b.pop(2), b)
    b.remove(7)
    b.reverse()
    del b[0]
    del b[::3]
    b[1] = 42
    b[0:2] = A(tc, [1, 2, 3])
    print(b, b.buffer_info()[1])
    for v in (2**70, -2**70, 2**(a.itemsize * 8), 2**(a.itemsize * 8 - 1), -1, -2**(a.itemsize * 8 - 1) - 1):
        try:
            A(tc, [v])
            print("ok", tc)
        except OverflowError as e:
            print(tc, "OverflowError", e)
for tc in "fd":
    a = A(tc, [1.5, -2.25, 3, 1e10])
    print(a, a.tolist(), a[1], a * 2, 3 * a, a + a)
    try:
        A(tc, ["x"])
    except TypeError as e:
        print("TypeError", e)
u = A("u", "hello")
print(u, u.tounicode(), u[1], u[1:3], len(u))
u.fromunicode(" world")
print(u.tounicode(), u.tobytes()[:8])
for bad in [lambda: A("z"), lambda: A("i", "abc"), lambda: A("i", [1.5]), lambda: A("u", [1]),
            lambda: A("i", [1]) + A("b", [1]), lambda: A("i", [1]).index(9),
            lambda: A("i", [1]).remove(9), lambda: A("i").pop(), lambda: A("i", [1])[10],
            lambda: A("i", [1]).frombytes(b"abc"), lambda: A("i", [1]).tounicode(),
            lambda: A("i", [1]).__setitem__(slice(0, 1), [1]), lambda: A(1),
            lambda: A("i", [1]).fromlist((1,)), lambda: A("i", [1]).extend(A("b")),
            lambda: A("i", [1, 2]).__setitem__(slice(None, None, 2), A("i", [1, 2])),
            lambda: A("i", A("u", "ab")), lambda: A("i")["x"], lambda: A("i") + [1]]:
    try:
        bad()
    except (TypeError, ValueError, IndexError, OverflowError) as e:
        print(type(e).__name__, e)
a = A("i", [1, 2, 3])
print(a == A("d", [1.0, 2.0, 3.0]), a < A("i", [1, 3]), a > A("i", [1, 2]), a <= a, a != A("i"))
print(a.__reduce_ex__(2), a.__reduce_ex__(3)[1:], a.__reduce_ex__(4)[0].__name__)
for tc in array.typecodes:
    src = A(tc, "ab") if tc == "u" else A(tc, [1, 2, 3])
    for proto in range(1, pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(src, proto))
        assert r == src and r.typecode == tc, (tc, proto)
print("pickle ok")
print(copy.copy(a), copy.deepcopy(a), bytes(A("h", [1, 2])))
a *= 2
a += A("i", [7])
print(a, a * 0, list(iter(a)), list(reversed(a)), sorted(A("d", [3, 1, 2])))
a.fromlist([8, 9])
print(a, sum(a), max(a))
for mf, tc, data in [(8, "i", b"\x01\x00\x00\x00"), (9, "i", b"\x00\x00\x00\x01"), (3, "l", b"\x01\x00"),
                     (1, "h", b"\xff"), (7, "B", b"\x00\x00\x01\x00"), (14, "d", b"\x00\x00\x80?"), (17, "d", b"?\xf0\x00\x00\x00\x00\x00\x00")]:
    print(array._array_reconstructor(A, tc, mf, data))


class Sub(A):
    pass


s = Sub("i", [1, 2])
s.attr = 5
print(type(s[:1]).__name__, repr(s), type(s + s).__name__, s.__reduce_ex__(3)[2], pickle.loads(pickle.dumps(s)).attr)
