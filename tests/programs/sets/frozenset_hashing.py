# frozenset: immutability, hashing, use as dict key/set member, mixing with set.
fs = frozenset([3, 1, 2])
print(fs, repr(frozenset()), len(fs), 2 in fs, type(fs | {9}).__name__, type({9} | fs).__name__)
print(fs == {1, 2, 3}, {1, 2, 3} == fs, hash(fs) == hash(frozenset({1, 2, 3})), frozenset() == set())
print(hash(frozenset()) == hash(frozenset([])), hash(frozenset({1, 2})))
try:
    fs.add(4)
except AttributeError as e:
    print("AttributeError", e)
d = {fs: "value", frozenset(): "empty"}
print(d[frozenset({1, 2, 3})], d[frozenset()])
s = {frozenset({1}), frozenset({1}), frozenset({2})}
print(len(s), frozenset({1}) in s)
try:
    {{1}}
except TypeError as e:
    print("TypeError", e)
try:
    {1}.add([2])
except TypeError as e:
    print("TypeError", e)
try:
    hash({1})
except TypeError as e:
    print("TypeError", e)
print({1, 2} in [frozenset({1, 2})], frozenset({1, 2}) in [{2, 1}], set([frozenset([1])]) == {frozenset({1})})
ss = {1, 2}
print(frozenset({1, 2}) in {frozenset({1, 2}): 0}, ss in {frozenset({1, 2})})
print(fs.union([4]), fs.intersection([1, 9]), fs.difference({1}), fs.symmetric_difference({1, 5}), fs.copy() is fs)
print(frozenset(range(5)) - frozenset(range(3)), frozenset("a") | frozenset("a"))
class FS(frozenset):
    pass
f2 = FS([1, 2])
print(f2, type(f2).__name__, type(f2 | {3}).__name__, f2 == {1, 2}, hash(f2) == hash(frozenset({1, 2})))
print(sorted(frozenset({5, -5, 0})), max(frozenset({5, -5})))
