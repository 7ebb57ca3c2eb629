import itertools as it, _collections as c, _functools as f, _operator as o
def show(e):
    try: print(e, "->", repr(eval(e)))
    except Exception as ex: print(e, "!!", type(ex).__name__, ex)
for e in ["it.count(1, 2, 3)", "it.count(x=1)", "it.count(1, start=2)", "it.repeat()", "it.repeat(1, 2, 3)", "it.repeat(1, times='a')", "it.repeat(1, x=2)",
  "it.accumulate()", "it.accumulate([1], x=2)", "it.chain(x=1)", "it.chain.from_iterable()", "it.compress()", "it.compress('a', 'b', 'c')", "it.compress('a', x=1)",
  "it.dropwhile()", "it.dropwhile(len, [], [])", "it.dropwhile(f=len, it=[])", "it.filterfalse()", "it.groupby([], 1, 2)", "it.groupby([], x=1)", "it.islice()", "it.islice([], x=1)",
  "it.pairwise([], [])", "it.starmap()", "it.takewhile()", "it.tee(1)", "it.tee([], 'a')", "it.tee([], 1, 2)", "it.zip_longest(1)", "list(it.zip_longest(1))", "it.product(1)",
  "it.permutations()", "it.permutations([], 1, 2)", "it.permutations([], x=1)", "it.combinations()", "it.combinations([], 'a')", "it.combinations_with_replacement([])",
  "c.deque(x=1)", "c.deque([], 1, maxlen=2)", "c.defaultdict(1, 2)", "f.partial(x=1)", "f.partial(len, x=1)", "f.cmp_to_key()", "f.cmp_to_key(1, 2)",
  "o.itemgetter(x=1)", "o.attrgetter('a', x=1)", "o.methodcaller('a', x=1)", "it.cycle([], [])", "it.cycle(x=[])", "type(it.count())()", "it._grouper()"]:
    show(e)
