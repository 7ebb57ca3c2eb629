# Decorators: plain, with arguments, stacked, class-based, decorating methods, preserving names by hand.
def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("ret", fn.__name__, result)
        return result
    wrapper.__name__ = fn.__name__
    wrapper.__wrapped__ = fn
    return wrapper
@trace
def add(a, b=0):
    return a + b
add(1, b=2)
print(add.__name__, add.__wrapped__(5, 5))
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def hello(name):
    return "hi " + name
print(hello("bob"))
order = []
def tag(name):
    def deco(fn):
        order.append("apply " + name)
        def wrapper():
            return f"<{name}>{fn()}</{name}>"
        return wrapper
    order.append("make " + name)
    return deco
@tag("b")
@tag("i")
def text():
    return "x"
print(text(), order)
class CountCalls:
    def __init__(self, fn):
        self.fn = fn
        self.count = 0
    def __call__(self, *a):
        self.count += 1
        return self.fn(*a)
@CountCalls
def sq(x):
    return x * x
print(sq(3), sq(4), sq.count, type(sq).__name__)
def register(registry):
    def deco(fn):
        registry[fn.__name__] = fn
        return fn
    return deco
reg = {}
@register(reg)
def alpha():
    return "A"
@register(reg)
def beta():
    return "B"
print(sorted(reg), reg["alpha"](), alpha is reg["alpha"])
def method_deco(fn):
    def w(self, *a):
        return "decorated:" + str(fn(self, *a))
    return w
class Thing:
    def __init__(self, v):
        self.v = v
    @method_deco
    def get(self):
        return self.v
print(Thing(7).get())
def add_attr(cls):
    cls.added = True
    return cls
@add_attr
class Marked:
    pass
print(Marked.added)
@(lambda fn: fn)
def ident():
    return "lambda-decorated"
print(ident())
decos = [trace]
@decos[0]
def sub(a, b):
    return a - b
sub(5, 3)
def memo(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    w.cache = cache
    return w
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache))
