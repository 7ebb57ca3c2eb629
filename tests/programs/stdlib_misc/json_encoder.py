import json
import json.encoder
import _json
from collections import OrderedDict
from enum import IntEnum


class Color(IntEnum):
    RED = 1


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


print(json.encoder.c_make_encoder is _json.make_encoder)
doc = {"name": "x\u00e9\U0001f600", "list": [1, 2.5, None, True, False, "s", (1, 2)], "nested": {"a": [{}, []]},
       "n": -0.0, "big": 10 ** 30, "f": 1e300, "small": 1e-7, 3: "int key", 1.5: "float key", None: "none",
       True: "true key", "enum": Color.RED, "od": OrderedDict([("z", 1), ("a", 2)])}
print(json.dumps(doc))
print(json.dumps(doc, ensure_ascii=False))
print(json.dumps(doc, separators=(",", ":")))
print(json.dumps({"b": 1, "a": 2, "c": {"y": 1, "x": 2}}, sort_keys=True))
print(json.dumps([float("nan"), float("inf"), float("-inf")]))
for bad in [lambda: json.dumps([float("nan")], allow_nan=False), lambda: json.dumps({(1, 2): 3}),
            lambda: json.dumps(Point(1, 2)), lambda: json.dumps({1: 2, "a": 3}, sort_keys=True)]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(json.dumps({(1, 2): 3, "k": 4}, skipkeys=True))
print(json.dumps(Point(1, 2), default=lambda p: {"x": p.x, "y": p.y}))
a = []
a.append(a)
try:
    json.dumps(a)
except ValueError as e:
    print("ValueError", e)
d = {}
d["self"] = d
try:
    json.dumps(d)
except ValueError as e:
    print("ValueError", e)
try:
    json.dumps(a, check_circular=False)
except RecursionError:
    print("RecursionError")


class Loop:
    pass


try:
    json.dumps(Loop(), default=lambda o: o)
except ValueError as e:
    print("ValueError", e)
enc = json.JSONEncoder(ensure_ascii=False)
print(enc.encode(["\u00e9", {"k": 1}]), list(enc.iterencode([1, {"a": 2}])))
print(json.dumps([{"id": i, "tags": ["a", "b"], "v": i * 0.5} for i in range(5)]))
print(json.dumps("plain"), json.dumps(5), json.dumps(None), json.dumps([]), json.dumps({}))
