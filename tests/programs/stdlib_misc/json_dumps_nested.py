import json

# Interleaved insert/delete of distinct keys (json's circular-reference markers do this)
# must not fill a dict's index with deleted slots.
m = {}
for i in range(1000):
    m[2 * i + 1000] = 1
    m[2 * i + 1001] = 1
    del m[2 * i + 1001]
    del m[2 * i + 1000]
print(len(m), m.get(5))
doc = [{"id": i, "tags": ["a", "b"], "v": i * 0.5} for i in range(300)]
s = json.dumps(doc)
print(len(s), json.loads(s) == doc)
print(json.dumps(doc[:3], indent=1, sort_keys=True))
d = {}
for i in range(500):
    d[i] = i
    d.popitem()
    d[("k", i)] = i
print(len(d), sum(d.values()))
