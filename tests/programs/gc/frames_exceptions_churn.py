# Churn through exceptions (traceback/frame cycles), generators, bound methods and closures.
def fail(i):
    raise ValueError(i)
caught = 0
for i in range(100_000):
    try:
        fail(i)
    except ValueError as e:
        caught += e.args[0] % 3
print("exceptions", caught)
stored = 0
for i in range(30_000):
    try:
        fail(i)
    except ValueError as e:
        err = e
    stored += err.args[0] % 5
    err = None
print("stored exceptions", stored)
def gen(n):
    for i in range(n):
        yield i
total = 0
for i in range(100_000):
    g = gen(5)
    total += next(g) + next(g)
print("abandoned generators", total)
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self):
        self.n += 1
        return self.n
c = Counter()
for i in range(300_000):
    m = c.inc
    m()
print("bound methods", c.n)
fs = 0
for i in range(200_000):
    fs += (lambda x, y=i: x + y)(1) % 11
print("lambdas", fs)
def self_gen():
    me = yield
    yield me
cyc = 0
for i in range(30_000):
    g = self_gen()
    next(g)
    g.send(g)
    cyc += 1
print("self-referencing generators", cyc)
