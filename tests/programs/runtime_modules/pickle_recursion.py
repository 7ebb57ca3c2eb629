# The native pickler counts its nesting towards the recursion limit as CPython's C pickler
# does: deeply nested containers and objects that reduce to themselves raise RecursionError
# (quickly), and the pickler is usable afterwards.
import functools
import pickle
import sys


def capture(*args, **kw):
    return args, kw


def attempt(label, obj, proto):
    try:
        pickle.dumps(obj, proto)
        print(label, proto, "pickled")
    except RecursionError as e:
        # Which check trips first (a call or a pickling level) depends on exact depth
        # accounting; the error and its message's start are what must agree.
        print(label, proto, type(e).__name__, str(e).startswith("maximum recursion depth exceeded"))


nested_list = []
for _ in range(5000):
    nested_list = [nested_list]
nested_dict = {}
for _ in range(5000):
    nested_dict = {1: nested_dict}
nested_tuple = ()
for _ in range(5000):
    nested_tuple = (nested_tuple,)


class Self:
    def __reduce__(self):
        return (Self, (self.x,))


s = Self()
s.x = s

f = functools.partial(capture)
f.__setstate__((f, (), {}, {}))
g = functools.partial(capture)
g.__setstate__((capture, (g,), {}, {}))

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    attempt("list", nested_list, proto)
    attempt("dict", nested_dict, proto)
    attempt("tuple", nested_tuple, proto)
    attempt("reduce", s, proto)
    attempt("partial func", f, proto)
    attempt("partial args", g, proto)

# Moderate nesting still works, and the pickler recovers after the error.
ok = []
for _ in range(200):
    ok = [ok]
print(pickle.loads(pickle.dumps(ok)) == ok)
print(pickle.loads(pickle.dumps({"a": [1, (2, 3)]})))
print(sys.getrecursionlimit())
