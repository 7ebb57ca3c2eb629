# Closures in classes, generators, lambdas default capture, and mutable state.
def make_account(balance):
    def deposit(amount):
        nonlocal balance
        balance += amount
        return balance
    def withdraw(amount):
        nonlocal balance
        if amount > balance:
            raise ValueError("insufficient funds")
        balance -= amount
        return balance
    return deposit, withdraw
dep, wd = make_account(100)
print(dep(50), wd(30))
try:
    wd(1000)
except ValueError as e:
    print("ValueError", e)
def gen_closure():
    total = 0
    def gen():
        nonlocal total
        for i in range(3):
            total += i
            yield total
    return gen, lambda: total
g, t = gen_closure()
print(list(g()), t())
def class_in_func(val):
    class Inner:
        attr = val
        def get(self):
            return val
    return Inner
I = class_in_func(42)
print(I.attr, I().get(), I.__qualname__)
def memoize():
    cache = {}
    def f(n):
        if n in cache:
            return cache[n], "hit"
        cache[n] = n * n
        return cache[n], "miss"
    return f
m = memoize()
print(m(3), m(3), m(4))
def compose_all(*fns):
    def run(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return run
print(compose_all(str, lambda v: v + 1, lambda v: v * 2)(5))
x = "global"
def shadowing():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(shadowing())
def deep(n):
    if n == 0:
        return lambda: "bottom"
    inner = deep(n - 1)
    return lambda: f"{n}>" + inner()
print(deep(5)())
def counter_gen():
    c = 0
    while True:
        c += 1
        yield lambda c=c: c
cg = counter_gen()
fs = [next(cg) for _ in range(3)]
print([f() for f in fs])
def outer_nonlocal_del():
    v = 1
    def inner():
        nonlocal v
        del v
    inner()
    try:
        return v
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(outer_nonlocal_del())
