# Rebinding or deleting a variable that held the last reference to an object with __del__ runs
# the finalizer right there, as CPython's reference counting does: in functions (STORE_FAST,
# DELETE_FAST), at module level (STORE_NAME, DELETE_NAME) and through `global` (STORE_GLOBAL,
# DELETE_GLOBAL). Files dropped this way are flushed and closed before the next line reads them.
import os
import tempfile
import warnings


class Res:
    def __init__(self, name):
        self.name = name
        print("acquire", name)

    def __del__(self):
        print("release", self.name)


def locals_case():
    a = Res("local-a")
    a = Res("local-b")
    print("after rebinding local")
    del a
    print("after del local")
    kept = Res("kept")
    alias = kept
    kept = None
    print("after dropping one of two references")
    alias = 0
    print("after dropping the other")


locals_case()

m = Res("module-a")
m = Res("module-b")
print("after rebinding module name")
del m
print("after del module name")


def global_case():
    global g
    g = Res("global-a")
    g = Res("global-b")
    print("after rebinding global")
    del g
    print("after del global")


global_case()


class Body:
    c = Res("class-attr")
    c = None
    print("after rebinding in a class body")


# A finalizer that raises goes to sys.unraisablehook; the program goes on.
class Bad:
    def __del__(self):
        raise ValueError("from __del__")


import sys
sys.unraisablehook = lambda u: print("unraisable:", type(u.exc_value).__name__, u.exc_value)
b = Bad()
b = None
print("after bad finalizer")
sys.unraisablehook = sys.__unraisablehook__

# A finalizer that resurrects its object runs once.
saved = []


class Phoenix:
    def __del__(self):
        print("phoenix finalized")
        saved.append(self)


p = Phoenix()
p = None
print("saved", len(saved))
saved.clear()
print("cleared")

# Files: dropping the last reference flushes and closes them.
d = tempfile.mkdtemp()
path = os.path.join(d, "out.txt")


def write_and_drop():
    f = open(path, "w")
    f.write("written through a dropped file\n")
    f = None
    with open(path) as r:
        print(repr(r.read()))


write_and_drop()
w = open(path, "a")
w.write("appended at module level\n")
del w
with open(path) as r:
    print(r.read().splitlines())

# An unclosed file dropped this way warns as CPython does.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    f = open(path)
    f = None
print([str(c.category.__name__) for c in caught])
print([str(c.message).startswith("unclosed file") for c in caught])


# A function's locals die with it: a local holding the last reference, or a suspended
# generator abandoned by `break` (its frames holding a file and another generator), is
# finalized when the function returns, before the caller goes on.
def scope():
    local = Res("function-local")
    print("leaving scope")


scope()
print("after scope")


def lines(p):
    with open(p) as fh:
        for line in fh:
            yield line


def wrapper(p):
    for line in lines(p):
        yield line.strip()


def first_line():
    it = wrapper(path)
    for line in it:
        break
    return line


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(first_line())
    print("warnings:", len(caught))


def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")


def abandon():
    g = gen_with_finally()
    next(g)


abandon()
print("after abandon")


def returns_it():
    g = gen_with_finally()
    next(g)
    return g


kept = returns_it()
print("returned generator still alive:", next(kept))
kept.close()
os.remove(path)
os.rmdir(d)
print("end")
