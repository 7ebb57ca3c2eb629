import gc
import weakref

class A:
    def __init__(self, x, y=2):
        self.x = x + y

class B(A):
    pass

class Bad:
    def __init__(self):
        return 3

print(A(1).x, B(1, y=5).x, type(B(0)).__name__, A(*[1], **{"y": 3}).x)
try:
    Bad()
except TypeError as e:
    print(e)
try:
    A()
except TypeError as e:
    print(e)

class Callable:
    def __call__(self, a, *, b=0):
        return a + b

c = Callable()
print(c(1), c(1, b=2), c(*[3], **{"b": 4}))

def probe():
    class C:
        pass
    o = C()
    r = weakref.ref(o)
    del o
    gc.collect()
    return r() is None

class Runner:
    def __init__(self):
        print("collected in __init__", probe())
    def __call__(self):
        print("collected in __call__", probe())

Runner()()
g = {}
exec("import gc\nx = 41 + 1", g)
print(g["x"], exec("y = 1", g), g["y"])

def wrapper(*args, **kwargs):
    return A(*args, **kwargs)

print(wrapper(5, y=1).x)
