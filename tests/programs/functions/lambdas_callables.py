# Lambdas, higher-order functions, callables, functions as objects.
sq = lambda x: x * x
print(sq(5), (lambda: "noargs")(), (lambda *a, **k: (a, k))(1, z=2), (lambda x, y=2: x + y)(1))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
late = [lambda x: x + n for n in range(3)]
print([f(10) for f in late])
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(dbl, 10, 1), apply_n(str.upper, 1, "abc"))
print(callable(sq), callable(5), callable(int), callable("x".upper), callable(type), callable(None))
class WithCall:
    def __call__(self, x):
        return x * 3
print(callable(WithCall()), WithCall()(4), callable(WithCall))
funcs = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
print({k: v(3, 4) for k, v in funcs.items()})
print(sorted([(1, "b"), (0, "c"), (2, "a")], key=lambda t: t[1]))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])))
print((lambda: (yield 1))().__class__.__name__)
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))
print(type(sq).__name__, sq.__name__, sq.__code__.co_argcount)
m = "abc".upper
print(m(), m.__self__, m.__name__, type(m).__name__)
class A:
    def meth(self):
        return "meth"
a = A()
bm = a.meth
print(bm(), bm.__self__ is a, bm.__func__ is A.meth, type(bm).__name__, A.meth(a))
print(a.meth == a.meth, a.meth is a.meth)
def yes(*_):
    return True
print(list(filter(yes, [0, 1])), list(filter(lambda v: v > 1, [0, 1, 2, 3])))
f = lambda n: 1 if n <= 1 else n * f(n - 1)
print(f(20))
print((lambda x: (lambda y: x + y))(10)(5))
