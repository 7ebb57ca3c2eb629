# itertools basics.
import itertools as it
print(list(it.islice(it.count(10, 5), 4)), list(it.islice(it.cycle("ab"), 5)), list(it.repeat("x", 3)))
print(list(it.chain([1, 2], "ab")), list(it.chain.from_iterable([[1], [2, 3]])), list(it.accumulate([1, 2, 3, 4])))
print(list(it.accumulate([3, 1, 4], max)), list(it.accumulate([1, 2, 3], initial=10)))
print(list(it.product("ab", repeat=2)), list(it.permutations([1, 2, 3], 2)), list(it.combinations("abcd", 2)))
print(list(it.combinations_with_replacement([1, 2], 2)), list(it.compress("abcdef", [1, 0, 1, 0, 1, 1])))
print([(k, list(g)) for k, g in it.groupby("aaabbcaa")], [(k, len(list(g))) for k, g in it.groupby(sorted([3, 1, 3, 2, 1]))])
print(list(it.takewhile(lambda v: v < 3, [1, 2, 3, 1])), list(it.dropwhile(lambda v: v < 3, [1, 2, 3, 1])), list(it.filterfalse(None, [0, 1, 0, 2])))
print(list(it.zip_longest("abc", [1], fillvalue="-")), list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.pairwise("abcd")))
a, b = it.tee(range(3))
print(list(a), list(b), list(it.islice(range(10), 2, 8, 3)))
