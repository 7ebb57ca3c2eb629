# Insert/delete churn must keep lookups of absent keys terminating (deleted slots never fill
# the whole table), and sizes stay bounded.
d = {}
for i in range(100000):
    d[i * 7919] = i
    del d[i * 7919]
print(len(d), 5 in d, d.get(12345, "absent"), d.__sizeof__() < 10000)
d = {}
for i in range(1000):
    d[i] = i
    if i % 3:
        del d[i]
print(len(d), sum(d), list(d)[:5])
markers = {}
for i in range(5000):
    markers[id(object())] = i
    markers.pop(next(iter(markers)))
print(len(markers), -1 in markers)
s = {}
for k in "abcdefgh" * 1000:
    s[k] = s.get(k, 0) + 1
    if s[k] % 2 == 0:
        del s[k]
print(sorted(s.items()))
