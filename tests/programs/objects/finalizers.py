# __del__ and the other finalizers (generators, coroutines, files) run once an object is
# unreachable: at once under CPython's reference counting, at the next collection under
# ferropy. Each check collects explicitly, so both print the same.
import gc
import os
import subprocess
import sys
import tempfile
import warnings


def collect():
    for _ in range(3):
        gc.collect()


class Noisy:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child

    def __del__(self):
        inner = self.child.name if self.child is not None else None
        print("del", self.name, "child:", inner)


n = Noisy("plain")
del n
collect()
print("-- plain done")

# The outer object is finalized before the object it references.
x = Noisy("outer", Noisy("inner"))
del x
collect()
print("-- chain done")

# A subclass of a builtin type.
class MyList(list):
    def __del__(self):
        print("mylist del", len(self))


m = MyList([1, 2, 3])
m = None
collect()

# Resurrection: the finalizer runs once only (PEP 442).
saved = []


class Phoenix:
    count = 0

    def __del__(self):
        Phoenix.count += 1
        saved.append(self)


p = Phoenix()
del p
collect()
print("resurrected:", len(saved), Phoenix.count)
saved.clear()
collect()
print("finalizer calls:", Phoenix.count)

# An exception in __del__ goes to sys.unraisablehook.
seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.object.__qualname__))


class Broken:
    def __del__(self):
        raise ValueError("oops")


old_hook = sys.unraisablehook
sys.unraisablehook = hook
b = Broken()
del b
collect()
sys.unraisablehook = old_hook
print("unraisable:", seen)

# __del__ added to a class after instances exist applies to new instances.
class Late:
    pass


Late.__del__ = lambda self: print("late del")
l = Late()
del l
collect()

# A suspended generator is closed: its finally and with blocks run.
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("generator cleanup")


g = gen()
print(next(g))
del g
collect()


class Ctx:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        print("exit called with", exc[0].__name__ if exc[0] else None)


def gen_with():
    with Ctx():
        yield "inside"


g = gen_with()
print(next(g))
g = None
collect()

# A generator that ignores GeneratorExit is reported as unraisable.
def stubborn():
    try:
        yield 1
    finally:
        yield 2


seen = []
sys.unraisablehook = lambda a: seen.append((a.exc_type.__name__, str(a.exc_value)))
s = stubborn()
next(s)
del s
collect()
sys.unraisablehook = old_hook
print("stubborn:", seen)

# A coroutine never awaited warns.
async def coro():
    return 1


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = coro()
    del c
    collect()
print([(str(x.message), x.category.__name__) for x in w])

# An unclosed file: ResourceWarning, and the file is closed.
path = os.path.join(tempfile.mkdtemp(), "f.txt")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    f = open(path, "w")
    f.write("data")
    fd = f.fileno()
    del f
    collect()
print([(str(x.message).split(" name=")[0], x.category.__name__) for x in w])
with open(path) as f:
    print("written:", f.read())
try:
    os.fstat(fd)
    print("descriptor still open")
except OSError:
    print("descriptor closed")

# A file left open at exit is flushed (in a child interpreter).
code = f"f = open({path!r}, 'w'); f.write('flushed at exit')"
subprocess.run([sys.executable, "-c", code], check=True)
with open(path) as f:
    print("child wrote:", f.read())

# Objects still alive at exit are finalized, outermost first, with globals intact.
keep = Noisy("global at exit", Noisy("its child"))
print("end of program")
