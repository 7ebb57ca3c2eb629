# Slice reading, assignment (incl. extended), deletion, slice objects.
a = list(range(10))
print(a[2:5], a[:3], a[7:], a[::2], a[::-1], a[-3:-1], a[8:2:-2], a[100:], a[-100:2], a[5:2], a[::-4])
b = a[:]
b[2:5] = ["x"]
print(b)
b = a[:]
b[2:2] = ["i", "j"]
print(b)
b = a[:]
b[:] = "xyz"
print(b)
b = a[:]
b[::2] = "ABCDE"
print(b)
b = a[:]
b[::-3] = [0, 0, 0, 0]
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
try:
    b[1:3] = 5
except TypeError as e:
    print("TypeError", e)
b = a[:]
b[8:2] = ["ins"]
print(b)
b = a[:]
b[-2:] = []
print(b)
b = a[:]
del b[1:4]
print(b)
b = a[:]
del b[::3]
print(b)
b = a[:]
del b[::-2]
print(b)
b = a[:]
del b[:]
print(b)
b = a[:]
b[3:7] = b
print(b)
s = slice(1, 8, 3)
print(a[s], s.start, s.stop, s.step, s, repr(slice(None)), slice(5).indices(3), slice(-3, None, -1).indices(10), slice(1, 2) == slice(1, 2))
try:
    a[::0]
except ValueError as e:
    print("ValueError", e)
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print("ValueError", e)
c = [1, 2, 3]
c[5:] = [9]
print(c)
c[-10:1] = [0]
print(c)
print(a[1:9][::2][1:], (a[::-1])[::-1] == a)
class Idx:
    def __index__(self):
        return 2
print(a[Idx()], a[Idx():], a[:Idx()], a[::Idx()])
try:
    a[1.5:]
except TypeError as e:
    print("TypeError", e)
try:
    hash(slice(1, 2))
    print("slice hashable")
except TypeError as e:
    print("TypeError", e)
