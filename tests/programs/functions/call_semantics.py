# Argument evaluation order, unpacking in calls, keyword argument order, return semantics.
log = []
def v(tag):
    log.append(tag)
    return tag
def f(*a, **k):
    return a, k
print(f(v(1), v(2), *[v(3), v(4)], x=v(5), **{"y": v(6)}), log)
log.clear()
def g(a, b, c):
    return a, b, c
print(g(*[1], *(2,), 3), g(1, *[2, 3]), g(**{"a": 1, "b": 2}, c=3), g(c=3, b=2, a=1), g(1, c=3, b=2))
def kw_order(**kw):
    return list(kw)
print(kw_order(z=1, a=2, m=3), kw_order(**{"b": 1}, a=2))
def no_return():
    pass
def bare_return():
    return
def multi():
    return 1, 2
print(no_return(), bare_return(), multi(), type(multi()).__name__)
def early(n):
    for i in range(n):
        if i == 3:
            return i
    return -1
print(early(10), early(2))
def modify(lst, d, n, s):
    lst.append(1)
    d["k"] = 1
    n += 1
    s += "x"
    return n, s
L, D, N, S = [], {}, 0, "s"
print(modify(L, D, N, S), L, D, N, S)
def recurse_sum(lst):
    return 0 if not lst else lst[0] + recurse_sum(lst[1:])
print(recurse_sum(list(range(100))))
def gen_args():
    yield 1
    yield 2
print(f(*gen_args()), f(*"ab"), f(*{"k": 1}), f(*range(2)), f(**dict(a=1)))
try:
    g(1, 2, 3, **{"a": 1})
except TypeError as e:
    print("TypeError", e)
def returns_func():
    def inner():
        return "inner"
    return inner
print(returns_func()(), returns_func().__name__)
x = 5
def shadow(x):
    x = x * 2
    return x
print(shadow(x), x)
print((lambda *args: len(args))(*range(100)))
def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")
print(ret_in_finally())
