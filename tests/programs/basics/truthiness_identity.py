# Truthiness of builtin values, identity vs equality, None/True/False singletons.
values = [0, 1, -1, 0.0, -0.0, 0.1, 0j, 1j, "", "a", b"", b"\x00", [], [0], (), (None,),
          {}, {0: 0}, set(), {0}, frozenset(), None, True, False, range(0), range(1), bytearray()]
for v in values:
    print(repr(v), bool(v))

print(None is None, True is True, type(None).__name__)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(bool(float("nan")), bool(float("inf")))

class Empty:
    pass

class Falsy:
    def __bool__(self):
        return False

class Zero:
    def __len__(self):
        return 0

class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0

print(bool(Empty()), bool(Falsy()), bool(Zero()), bool(Both()))
print("yes" if Zero() else "no", not Falsy())

class BadBool:
    def __bool__(self):
        return 1

try:
    bool(BadBool())
except TypeError as e:
    print("TypeError", e)

class BadLen:
    def __len__(self):
        return -1

try:
    bool(BadLen())
except ValueError as e:
    print("ValueError", e)

class StrLen:
    def __len__(self):
        return "3"

try:
    len(StrLen())
except TypeError as e:
    print("TypeError", e)

print(type(True).__mro__[1].__name__, isinstance(True, int), True == 1, hash(True) == hash(1))
print({True: "a", 1: "b", 1.0: "c"})
print(None == 0, None == False, [] == False, 0 == False, "" == False)
print(NotImplemented.__class__.__name__, Ellipsis, ..., type(...).__name__)
print(bool(NotImplemented) if False else "skip-notimpl-bool")
