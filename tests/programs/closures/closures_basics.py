# Closures capturing variables, nonlocal, cell sharing, late binding.
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get
inc, get = counter()
inc(); inc()
print(get(), inc(), get())
inc2, get2 = counter()
print(inc2(), get())
def make_multipliers():
    return [lambda x: x * i for i in range(4)]
print([m(2) for m in make_multipliers()])
def make_multipliers_fixed():
    return [(lambda i: lambda x: x * i)(i) for i in range(4)]
print([m(2) for m in make_multipliers_fixed()])
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner
    x = "changed"
    return middle()
print(outer()())
def shared():
    v = []
    def add(item):
        v.append(item)
        return v
    def reset():
        nonlocal v
        v = []
    return add, reset
add, reset = shared()
add(1); add(2)
print(add(3))
reset()
print(add(4))
fns = []
for i in range(3):
    def f():
        return i
    fns.append(f)
i = 100
print([f() for f in fns])
print(counter.__code__.co_cellvars if hasattr(counter.__code__, "co_cellvars") else "", inc.__code__.co_freevars)
print(type(inc.__closure__).__name__, len(inc.__closure__), inc.__closure__[0].cell_contents)
def nonlocal_chain():
    a = 1
    def l1():
        def l2():
            nonlocal a
            a += 10
            return a
        return l2()
    l1()
    return a
print(nonlocal_chain())
def closure_after_loop():
    res = []
    for k in range(3):
        res.append(lambda: k)
    k = "final"
    return [r() for r in res]
print(closure_after_loop())
def unbound_free():
    def inner():
        return y
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    y = 1
    return inner()
print(unbound_free())
