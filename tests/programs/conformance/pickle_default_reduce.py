import pickle, copy, collections, array, fractions, re, types, typing
class MyInt(int): pass
class MyList(list): pass
class MyDict(dict): pass
class P: 
    def __init__(self): self.a = 1
for o in [MyInt(5), MyList([1]), MyDict(a=1), P(), collections.deque([1]), collections.OrderedDict(a=1),
          array.array('b', [1]), fractions.Fraction(1, 3), frozenset({1}), {1, 2}, b"x", bytearray(b"y"), 1.5, 2j,
          range(3), slice(1, 2), re.compile("a"), (1, 2), "s", collections.Counter("ab"), collections.defaultdict(int)]:
    r = pickle.loads(pickle.dumps(o, 2))
    print(type(r).__name__, r == o if not isinstance(o, P) else r.a, type(copy.copy(o)).__name__)
for o in [compile("1", "", "eval"), types.ModuleType("m"), typing.ForwardRef("x")]:
    for proto in (0, 2, 4):
        try:
            pickle.dumps(o, proto)
        except TypeError as e:
            print(proto, e)
