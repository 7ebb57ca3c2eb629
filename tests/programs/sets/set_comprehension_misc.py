# Set comprehensions, dedup, membership with unhashable, set of tuples ordering via sorted.
s = {x % 7 for x in range(50)}
print(s, len(s), {x for x in range(10) if x % 3 == 0})
words = ["apple", "bob", "apple", "cat", "bob"]
print(sorted(set(words)), len(set(words)), sorted({len(w) for w in words}))
try:
    [1] in {1, 2}
except TypeError as e:
    print("TypeError", e)
try:
    {1, 2}.discard([1])
except TypeError as e:
    print("TypeError", e)
try:
    {1}.remove({1})
    print("removed set key?")
except KeyError as e:
    print("KeyError", e)
except TypeError as e:
    print("TypeError", e)
print({1, 2}.remove(1) is None, {frozenset()}.__contains__(set()) if True else 0)
pairs = {(i, j) for i in range(3) for j in range(3) if i != j}
print(sorted(pairs), len(pairs))
class Item:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return self.k % 3
    def __eq__(self, o):
        return self.k == o.k
items = {Item(i) for i in range(10)} | {Item(1), Item(2)}
print(len(items), sorted(i.k for i in items))
print(set() == frozenset(), set() is not set(), {1} != {2})
big = set(range(0, 100000, 3))
big2 = set(range(0, 100000, 5))
print(len(big & big2), len(big | big2), len(big - big2), len(big ^ big2), sum(big & big2))
removed = 0
for v in list(big):
    if v % 2:
        big.discard(v)
        removed += 1
print(removed, len(big))
print(repr(set()), str({1}), set.__name__, type({1}).__name__, {1, 2} - {2} == {1})
print(list({5, 3, 1}), list({7, 6, 5, 4}), list({-5, -3, 0, 3}))
x = {1, 2, 3}
for v in sorted(x):
    if v == 2:
        x.discard(v)
print(x)
