# Inline caches must follow every change of the state they record.
import sys

class A:
    def __init__(self):
        self.x = 1
    def m(self):
        return "A.m"

def read_x(o):
    return o.x

def call_m(o):
    return o.m()

def write_x(o, v):
    o.x = v

a = A()
print([read_x(a) for _ in range(3)])
A.x = property(lambda self: "prop")          # a data descriptor now shadows the instance
print(read_x(a))
del A.x
print(read_x(a))
write_x(a, 5)
print(read_x(a), a.__dict__)

print([call_m(a) for _ in range(2)])
a.m = lambda: "instance m"                 # instance attribute shadows the method
print(call_m(a))
del a.m
print(call_m(a))
A.m = lambda self: "new A.m"               # class namespace change
print(call_m(a))

class B(A):
    pass
b = B()
print(call_m(b), read_x(b))
A.m = lambda self: "A.m again"              # a base class changes: subclasses see it
print(call_m(b))

class G:
    def __getattribute__(self, name):
        return "ga:" + name
g = G()
object.__setattr__(g, "x", 3)
print(read_x(g))

class S:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)
s = S()
s.x = 1
for v in (2, 3):
    write_x(s, v)
print(s.x)

class C2:
    pass
c = C2()
c.x = 1
print(read_x(c))
c.__class__ = A
print(read_x(c), call_m(c))

# Changing the instance layout (map) in between.
objs = []
for i in range(4):
    o = A()
    if i % 2:
        o.y = i
    objs.append(o)
print([read_x(o) for o in objs])
print([getattr(o, "y", None) for o in objs])

# Globals and builtins.
def use_len():
    return len("abc")
print(use_len())
len = lambda s: 42
print(use_len())
del len
print(use_len())
import builtins
orig_len = builtins.len
builtins.len = lambda s: -1
print(use_len())
builtins.len = orig_len
print(use_len())

counter = 0
def bump():
    global counter
    counter += 1
    return counter
print([bump() for _ in range(3)])

def gone():
    return undefined_name
try:
    gone()
except NameError as e:
    print("NameError", e)
undefined_name = 7
print(gone())
del undefined_name
try:
    gone()
except NameError as e:
    print("NameError", e)

# Methods of builtin types through the cache.
l = []
for i in range(3):
    l.append(i)
print(l)

# Functions whose code is replaced.
def f1(a, b):
    return a + b
def f2(a, b):
    return a * b
print([f1(2, 3) for _ in range(2)])
f1.__code__ = f2.__code__
print(f1(2, 3))

# Defaults, keywords, too few/many arguments.
def d(a, b=10):
    return a + b
print(d(1), d(1, 2), d(b=3, a=4))
try:
    d()
except TypeError as e:
    print(e)
try:
    d(1, 2, 3)
except TypeError as e:
    print(e)

# Frames stay correct after reuse: tracebacks, _getframe, generators.
def inner():
    return sys._getframe()
fr = inner()
print(fr.f_code.co_name, fr.f_lineno)
def outer():
    return inner().f_back.f_code.co_name
print(outer())
fr2 = inner()
print(fr2.f_back.f_code.co_name)
def boom(n):
    if n == 0:
        raise ValueError("boom")
    return boom(n - 1)
try:
    boom(3)
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)
for i in range(3):
    inner()
print(fr.f_code.co_name)
def gen(n):
    for i in range(n):
        yield add1(i)
def add1(x):
    return x + 1
print(list(gen(4)))

def rec(n):
    return 0 if n == 0 else 1 + rec(n - 1)
try:
    rec(100000)
except RecursionError as e:
    print("RecursionError", e)
print(rec(50))
