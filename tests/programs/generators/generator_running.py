# "generator already executing", re-entrance, generator attributes, generators as iterators protocol.
def self_ref():
    yield next(me)
me = self_ref()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)
def sender():
    yield s.send(None)
s = sender()
try:
    next(s)
except ValueError as e:
    print("ValueError", e)
def thrower():
    try:
        yield t.throw(KeyError)
    except ValueError as e:
        yield "inner " + str(e)
t = thrower()
try:
    next(t)
except ValueError as e:
    print("ValueError", e)
def closer():
    c.close()
    yield
c = closer()
try:
    next(c)
except ValueError as e:
    print("ValueError", e)
def status():
    yield "first"
g = status()
print(g.gi_running, g.gi_yieldfrom, g.gi_code.co_name)
def delegator():
    yield from status()
d = delegator()
next(d)
print(type(d.gi_yieldfrom).__name__)
def counter():
    i = 0
    while True:
        cmd = yield i
        if cmd == "reset":
            i = 0
        elif cmd == "stop":
            return "stopped at " + str(i)
        else:
            i += 1
ct = counter()
print(next(ct), next(ct), next(ct), ct.send("reset"), next(ct))
try:
    ct.send("stop")
except StopIteration as e:
    print(e.value)
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        n = self.n
        while n > 0:
            yield n
            n -= 1
cd = Countdown(3)
print(list(cd), list(cd), [x for x in Countdown(2)])
gens = [(i for i in range(k)) for k in range(4)]
print([list(g) for g in gens])
def interleave(*gens):
    gens = list(gens)
    while gens:
        for g in list(gens):
            try:
                yield next(g)
            except StopIteration:
                gens.remove(g)
print(list(interleave(iter("abc"), iter([1, 2]), iter(()))))
