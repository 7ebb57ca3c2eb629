# range and slice objects: construction, indexing, big bounds, equality, hashing, errors.
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], r[::-1], r[::2], 5 in r, 6 in r, r.index(8), r.count(11))
print(range(5), range(0), range(-3), range(10, 0, -2), list(range(10, 0, -2)), range(3)[::-1], range(10)[2:-2:3])
print(range(0) == range(4, 2), range(0, 3) == range(3), range(1, 2, 5) == range(1, 3, 7), range(3) == [0, 1, 2])
print(hash(range(0)) == hash(range(5, 5)), hash(range(1, 2)) == hash(range(1, 9, 100)), {range(3): 1}[range(0, 3, 1)])
print(r.start, r.stop, r.step, bool(range(0)), bool(range(1)), reversed(range(3)).__class__.__name__, list(reversed(r)))
big = range(10**20)
print(len(range(10**18)), big[10**19], big[-1], 10**19 in big, -1 in big, big[::10**19], big.index(12345))
try:
    len(big)
except OverflowError as e:
    print("OverflowError", e)
huge = range(10**20, 10**20 + 3)
print(list(huge), list(reversed(huge)), sum(huge) == 3 * 10**20 + 3, huge[1] - huge[0])
print(5.0 in range(10), "5" in range(10), range(10).count(5.0), range(0, 10**30, 7)[-1] % 7)
for bad in ["range()", "range(1, 2, 3, 4)", "range(1.5)", "range(1, 2, 0)", "range(10)[10]", "range(10)['a']",
            "range(10).index(10)", "range(3) < range(4)", "range(x=1)", "range(10).index('a')"]:
    try:
        print(bad, "->", eval(bad))
    except Exception as e:
        print(bad, "!!", type(e).__name__, e)
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, None, -1), slice("a", [1]), s.indices(6), slice(None, None, -1).indices(4))
print(slice(1, 2) == slice(1, 2), slice(1, 2) < slice(1, 3), slice(2) != slice(None, 2), slice(0, 10**20).indices(10**25))
for bad in ["slice()", "slice(1, 2, 3, 4)", "hash(slice(1))", "slice(1, 2, 0).indices(5)", "slice(1).indices(-1)", "[1, 2][::0]"]:
    try:
        print(bad, "->", eval(bad))
    except Exception as e:
        print(bad, "!!", type(e).__name__, e)
data = list(range(10))
print(data[slice(2, 8, 2)], "abcdef"[slice(None, None, -2)], (0, 1, 2, 3)[slice(1, None)], b"abcdef"[slice(1, 5, 3)])
