import itertools as it
import sys

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

for e in [
    "list(it.islice(it.count(), 5))", "list(it.islice(it.count(10, -3), 4))", "list(it.islice(it.count(1.5, 0.5), 3))", "list(it.islice(it.count(10**20), 2))",
    "it.count()", "it.count(5)", "it.count(2, 3)", "it.count(1.5)", "it.count(0, 1.0)", "it.count(start=3)", "it.count(step=2)", "it.count('a')", "it.count(1, 'a')",
    "list(it.islice(it.cycle('ab'), 5))", "list(it.cycle([]))", "it.cycle()", "it.cycle(1)",
    "list(it.repeat('x', 3))", "it.repeat(1, -1)", "it.repeat('a', 3)", "it.repeat('a')", "it.repeat(1).__length_hint__()", "it.repeat(1, 3).__length_hint__()", "it.repeat(times=2, object=1)", "len(list(it.repeat(None, 0)))",
    "list(it.accumulate([1, 2, 3, 4]))", "list(it.accumulate([1, 2, 3], initial=10))", "list(it.accumulate([3, 1, 4], max))", "list(it.accumulate([]))", "list(it.accumulate([], initial=5))", "list(it.accumulate('abc'))", "it.accumulate([1], 2, 3)",
    "list(it.chain('ab', [1], ()))", "list(it.chain.from_iterable(['ab', 'cd']))", "list(it.chain())", "list(it.chain(1))",
    "list(it.compress('abcdef', [1, 0, 1, 0, 1, 1]))", "list(it.compress('abc', [1]))",
    "list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1]))", "list(it.takewhile(lambda x: x < 3, [1, 2, 3, 4, 1]))", "it.dropwhile(len)",
    "list(it.filterfalse(None, [0, 1, 2, 0, '']))", "list(it.filterfalse(lambda x: x % 2, range(6)))",
    "list(it.starmap(pow, [(2, 3), (3, 2)]))", "list(it.starmap(pow, [[2, 5]]))", "list(it.starmap(pow, [1]))", "it.starmap(len)",
    "[(k, list(g)) for k, g in it.groupby('aaabbcaa')]", "[(k, list(g)) for k, g in it.groupby([1, 2, 3, 4, 5], key=lambda x: x // 2)]", "[k for k, g in it.groupby([])]",
    "list(it.islice('abcdefg', 2))", "list(it.islice('abcdefg', 2, 4))", "list(it.islice('abcdefg', 2, None))", "list(it.islice('abcdefg', 0, None, 2))", "list(it.islice(range(10), None, None, 3))",
    "it.islice([1], 1, 2, 3, 4)", "it.islice([1])", "it.islice([1], -1)", "it.islice([1], 1, -1)", "it.islice([1], 0, 1, 0)", "it.islice([1], 'a')", "it.islice(1, 2)", "it.islice([1], -1, 2)",
    "list(it.pairwise('abcd'))", "list(it.pairwise('a'))", "it.pairwise()",
    "[list(t) for t in it.tee('abc')]", "it.tee([1], -1)", "it.tee([], 0)", "len(it.tee('ab', 3))", "type(it.tee([1])[0]).__name__",
    "list(it.zip_longest('abc', [1]))", "list(it.zip_longest('ab', 'xyz', fillvalue='-'))", "list(it.zip_longest())", "it.zip_longest([1], foo=1)",
    "list(it.product('ab', range(2)))", "list(it.product([0, 1], repeat=2))", "list(it.product())", "list(it.product('ab', []))", "it.product([1], repeat=-1)", "it.product([1], foo=1)",
    "list(it.permutations('abc'))", "list(it.permutations(range(3), 2))", "list(it.permutations('ab', 3))", "list(it.permutations([], 0))", "it.permutations([1], -1)", "it.permutations([1], 'a')",
    "list(it.combinations('abcd', 2))", "list(it.combinations(range(4), 0))", "list(it.combinations('ab', 3))", "it.combinations([1], -1)",
    "list(it.combinations_with_replacement('AB', 3))", "list(it.combinations_with_replacement('', 2))", "list(it.combinations_with_replacement('', 0))",
    "it.count.__module__", "type(it.chain()).__name__", "len(list(it.permutations(range(6))))", "len(list(it.combinations(range(10), 4)))",
]:
    show(e)

# groupby: an old group is exhausted once the groupby advances
g = it.groupby('aabbc')
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, list(g1), k2, list(g2))

# tee iterators advance independently, over chunk boundaries
a, b = it.tee(range(200))
print(sum(a), next(b), sum(b))
c, d = it.tee(iter('xyz'))
e = c.__copy__()
print(next(c), next(c), next(d), list(e), list(c), list(d))

class MyChain(it.chain):
    pass
print(list(MyChain('ab', 'c')), type(MyChain()).__name__)

class MyCount(it.count):
    pass
print(repr(MyCount(3)))
