# Exact TypeError messages for bad calls.
def f(x):
    pass
def g(a, b, c=3):
    pass
def h(*, k):
    pass
def p(a, /, b):
    pass
def none():
    pass
FIVE, STR, NONE = 5, "s", None
class C:
    def m(self, x):
        pass
    @classmethod
    def cm(cls, y):
        pass
    @staticmethod
    def sm(z):
        pass
calls = [
    lambda: f(),
    lambda: f(1, 2),
    lambda: f(y=1),
    lambda: f(1, x=2),
    lambda: g(),
    lambda: g(1),
    lambda: g(1, 2, 3, 4),
    lambda: g(1, c=2),
    lambda: g(1, 2, d=5),
    lambda: h(),
    lambda: h(1),
    lambda: h(k=1, j=2),
    lambda: p(a=1, b=2),
    lambda: p(1),
    lambda: none(1),
    lambda: none(a=1),
    lambda: C().m(),
    lambda: C().m(1, 2),
    lambda: C.m(1),
    lambda: C.cm(),
    lambda: C.sm(),
    lambda: C().sm(1, 2),
    lambda: (lambda: 0)(1),
    lambda: (lambda x, y: 0)(1),
    lambda: f(**{"x": 1, "z": 2}),
    lambda: f(*[1, 2, 3]),
    lambda: f(1, *[2]),
    lambda: len(),
    lambda: len(1, 2),
    lambda: len([], x=1),
    lambda: int(x=1),
    lambda: f(*5),
    lambda: f(**5),
    lambda: FIVE(),
    lambda: STR(),
    lambda: NONE(),
    lambda: g(1, 2, c=3, **{"c": 4}),
]
def kw_only_many(a, *, b, c, d):
    pass
calls += [lambda: kw_only_many(1), lambda: kw_only_many(1, 2, b=1, c=1, d=1), lambda: kw_only_many(1, b=1)]
def many(a, b, c, d):
    pass
calls += [lambda: many(), lambda: many(1), lambda: many(1, 2)]
def varargs(a, *args, b):
    pass
calls += [lambda: varargs(1, 2, 3), lambda: varargs()]
def posonly_default(a, b=2, /, c=3):
    pass
calls += [lambda: posonly_default(), lambda: posonly_default(1, 2, 3, 4), lambda: posonly_default(1, b=5)]
for i, c in enumerate(calls):
    try:
        c()
        print(i, "no error")
    except TypeError as e:
        print(i, "TypeError", e)
