# dict methods: get, setdefault, pop, popitem, update, fromkeys, copy, clear, keys/values/items.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("c", 3), d.setdefault("a", 99), d)
print(d.pop("a"), d.pop("zz", "dflt"), d)
try:
    d.pop("zz")
except KeyError as e:
    print("KeyError", e, repr(e), e.args)
d.update({"x": 10}, y=20)
d.update([("p", 1), ("q", 2)])
d.update(z=0)
print(d)
print(d.popitem(), d.popitem(), d)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys(range(3), []))
shared = dict.fromkeys(["k1", "k2"], [])
shared["k1"].append(1)
print(shared)
c = d.copy()
c["new"] = 1
print(d, c)
c.clear()
print(c, len(c))
print(dict(), dict(a=1), dict([(1, 2)]), dict({"k": "v"}, extra=1), dict(zip("ab", [1, 2])), dict([[1, 2], "xy"]))
for bad in ([1, 2], [(1, 2, 3)], 5, ["abc"]):
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    d.update(1)
except TypeError as e:
    print("TypeError", e)
try:
    {}.get()
except TypeError as e:
    print("TypeError", e)
try:
    {}.setdefault([], 1)
except TypeError as e:
    print("TypeError", e)
print(list(d.keys()), list(d.values()), list(d.items()), len(d), "x" in d, 10 in d, "x" in d.keys(), 10 in d.values(), ("x", 10) in d.items())
e = {1: "a", 2: "b"}
print(e[1], e.__getitem__(2), e.__contains__(3), e.__len__())
e[3] = "c"
e.__setitem__(4, "d")
e.__delitem__(1)
del e[2]
print(e)
try:
    del e[99]
except KeyError as err:
    print("KeyError", err)
try:
    e[[1]]
except TypeError as err:
    print("TypeError", err)
print({1: 1} == {1: 1.0}, {1: 2, 3: 4} == {3: 4, 1: 2}, {} == {}, {1: 2} != {1: 3})
try:
    {1: 1} < {2: 2}
except TypeError as err:
    print("TypeError", err)
print(reversed({1: 1, 2: 2}).__class__.__name__, list(reversed({1: "a", 2: "b", 3: "c"})), list(reversed({1: 1}.items())))
