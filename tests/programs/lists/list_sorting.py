# sort/sorted: key, reverse, stability, errors for mixed types.
data = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30), ("eve", 20)]
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted(data, key=lambda p: (-p[1], p[0])))
print(sorted(data))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [5, -3, 2, -8, 0, 7]
print(sorted(nums, key=abs), sorted(nums, reverse=True), max(nums, key=abs), min(nums, key=lambda v: -v))
lst = nums[:]
r = lst.sort()
print(r, lst)
lst.sort(key=lambda v: v % 3)
print(lst)
print(sorted("hello"), sorted({3: 1, 1: 2}), sorted((3, 1, 2)), sorted([]), sorted([[2, 1], [1, 2], [1]]))
for bad in ([1, "a"], [None, 1], [1, 2, "3"], [{}, {}], [1j, 2j], [[1], ["a"]]):
    try:
        sorted(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    [3, 1].sort(lambda v: v)
except TypeError as e:
    print("TypeError", e)
try:
    sorted([3, 1], key=lambda v: v, foo=1)
except TypeError as e:
    print("TypeError", e)
# stability with many equal keys
items = [(i % 3, i) for i in range(20)]
print(sorted(items, key=lambda t: t[0]))
print(sorted(items, key=lambda t: t[0], reverse=True))
# sort with key raising
try:
    [1, 2, 0].sort(key=lambda v: 1 / v)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
# list modified during sort
lst = [3, 2, 1]
def bad_key(v):
    lst.append(v)
    return v
try:
    lst.sort(key=bad_key)
except ValueError as e:
    print("ValueError", e)
class Obj:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return f"Obj({self.v})"
print(sorted([Obj(3), Obj(1), Obj(2)]), max([Obj(3), Obj(5)]) if False else "skip")
class OnlyGt:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return f"G{self.v}"
print(sorted([OnlyGt(2), OnlyGt(1)]))
print(sorted([2.5, 1, True, -0.5]), sorted([float("inf"), -1, 0]))
print(sorted(range(10), key=lambda v: (v % 2, -v)))
print(sorted(["b", "a"], reverse=False), list(reversed(sorted([2, 3, 1]))))
