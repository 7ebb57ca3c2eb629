# Insertion ordering, deletion/reinsertion, update ordering, equal keys of different types.
d = {}
for k in ["z", "a", "m", "b"]:
    d[k] = len(d)
print(d, list(d))
del d["a"]
d["a"] = 99
print(d)
d["z"] = "updated"
print(d)
d.pop("m")
d["m"] = 0
print(list(d.items()))
d2 = {1: "int"}
d2[1.0] = "float"
d2[True] = "bool"
print(d2, type(list(d2)[0]).__name__)
d3 = {True: 1, 1: 2, 1.0: 3}
print(d3)
big = {i: i * i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
big[0] = "zero"
print(len(big), list(big)[:5], list(big)[-3:])
m = {"a": 1, "b": 2}
n = {"b": 20, "c": 30}
print(m | n, n | m, m)
m |= n
print(m)
m |= [("d", 4)]
print(m)
try:
    m | [("e", 5)]
except TypeError as e:
    print("TypeError", e)
print({**m, "a": "new", **{"z": 0}}, dict(m, a=0))
keys = [5, 3, 9, 1, -4, 100, 2 ** 40]
dd = {k: str(k) for k in keys}
print(list(dd), sorted(dd), list(dd.values()))
for k in list(dd):
    if k % 2:
        del dd[k]
print(dd)
o = {}
o["x"] = 1
o["y"] = 2
o.pop("x")
o.setdefault("x", 3)
print(o)
print({"b": 1, "a": 2} == {"a": 2, "b": 1}, list({"b": 1, "a": 2}) == list({"a": 2, "b": 1}))
