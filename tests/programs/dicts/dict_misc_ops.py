# Miscellaneous: dict as kwargs, equality with subclasses, repr of special values, key order after pops.
def f(**kw):
    return kw
print(f(a=1, b=2), f(**{"x": 1}), f(**{"a": 1}, b=2))
try:
    f(**{1: 2})
except TypeError as e:
    print("TypeError", e)
try:
    f(a=1, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
print(repr({"k": None, "t": True, "f": 1.5, "l": [1], "s": "x'y", "e": {}}))
print(str({1: {2: {3: {}}}}), {(): ()}, {"": ""})
class MyDict(dict):
    pass
md = MyDict(a=1)
print(md == {"a": 1}, {"a": 1} == md, type(md.copy()).__name__, type(md | {}).__name__, repr(md))
d = dict.fromkeys(range(8))
while d:
    k, _ = d.popitem()
    print(k, end=" ")
print()
d = {}
d[2 ** 64] = "big"
d[-1] = "neg"
d[-2] = "neg2"
print(d[2 ** 64], d[-1], d[-2], len(d))
print({i: None for i in range(5)}.keys() == set(range(5)))
x = {"a": 1}
y = x
y["b"] = 2
print(x is y, x)
z = {**x}
z["c"] = 3
print(x, z)
print(sum({1: 10, 2: 20}.values()), max({"a": 3, "b": 7}.values()), sorted({"b": 1, "a": 2}))
print(list(map(lambda kv: kv[0] * kv[1], {"a": 2, "b": 3}.items())))
print(any({}), all({}), bool({0: 0}), len({None: None}))
