from itertools import (chain, cycle, dropwhile, filterfalse, islice, pairwise,
                       starmap, takewhile)

cases = [
    (chain, ([1, 2], "ab"), [1, 2, "a"]),
    (cycle, ([1, 2],), [1, 2, 1]),
    (dropwhile, (bool, [0, 1, 0]), []),
    (filterfalse, (None, [0, 1]), [0]),
    (islice, ([1, 2, 3], 2), [1, 2]),
    (pairwise, ([1, 2, 3],), [(1, 2), (2, 3)]),
    (starmap, (pow, [(2, 3)]), [8]),
    (takewhile, (bool, [1, 0]), [1]),
]
for cls, args, result in cases:
    class sub(cls):
        pass
    try:
        sub(*args, newarg=3)
    except TypeError as e:
        print(cls.__name__, "TypeError", e)
    class sub_init(cls):
        def __init__(self, *args, newarg=None):
            self.newarg = newarg
    u = sub_init(*args, newarg=3)
    print(cls.__name__, type(u) is sub_init, list(islice(u, 0, 3)), u.newarg)
