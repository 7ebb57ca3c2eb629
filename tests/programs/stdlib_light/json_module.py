# json round trips and formatting.
import json
data = {"name": "Ann", "age": 30, "tags": ["a", "b"], "nested": {"ok": True, "none": None, "pi": 3.14}, "uni": "é日"}
s = json.dumps(data)
print(s)
print(json.dumps(data, sort_keys=True, indent=2))
print(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
print(json.loads(s) == data, json.loads('[1, 2.5, "x", null, true, false, {"k": []}]'))
print(json.dumps([1e16, 0.1, -0.0, 10 ** 20, float("inf")]), json.dumps("quote\"and\\slash\n"))
print(json.loads('"\\u00e9\\ud83d\\ude00"'), json.loads("  42 "), json.dumps((1, 2)), json.dumps({1: "int key"}))
for bad in ['{"a": }', "[1, 2", "", "{'single': 1}", "NaN1"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError", e.msg, e.pos)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError", e)
print(json.dumps({"s": {1, 2}}, default=sorted))
