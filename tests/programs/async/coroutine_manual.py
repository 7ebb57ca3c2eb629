# Coroutines driven manually with .send(None); await on custom awaitables; coroutine attributes.
class Suspend:
    def __init__(self, value):
        self.value = value
    def __await__(self):
        received = yield ("suspend", self.value)
        return f"resumed with {received}"
async def add(a, b):
    r = await Suspend(a)
    print("add got", r)
    return a + b
async def main():
    x = await add(1, 2)
    y = await add(x, 10)
    return [x, y]
coro = main()
print(type(coro).__name__, coro.cr_running, coro.__name__, coro.__qualname__)
print(coro.send(None))
print(coro.send("first"))
try:
    coro.send("second")
except StopIteration as e:
    print("result", e.value)
async def simple():
    return "no awaits"
c = simple()
try:
    c.send(None)
except StopIteration as e:
    print("simple", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
async def nothing():
    pass
n = nothing()
try:
    next(n)
except TypeError as e:
    print("TypeError", e)
n.close()
n2 = nothing()
try:
    iter(n2)
except TypeError as e:
    print("TypeError", e)
n2.close()
class BadAwait:
    def __await__(self):
        return 5
async def awaits_bad():
    await BadAwait()
ab = awaits_bad()
try:
    ab.send(None)
except TypeError as e:
    print("TypeError", e)
async def awaits_int():
    await 5
ai = awaits_int()
try:
    ai.send(None)
except TypeError as e:
    print("TypeError", e)
async def thrower():
    try:
        await Suspend("t")
    except ValueError as e:
        return "caught " + str(e)
t = thrower()
t.send(None)
try:
    t.throw(ValueError("injected"))
except StopIteration as e:
    print(e.value)
async def closer():
    try:
        await Suspend("c")
    finally:
        print("coroutine finally on close")
cl = closer()
cl.send(None)
cl.close()
print(cl.cr_frame)
async def raises():
    raise KeyError("inside coroutine")
r = raises()
try:
    r.send(None)
except KeyError as e:
    print("KeyError", e)
def legacy_gen_awaitable():
    v = yield "from generator-based __await__"
    return v
class UsesGen:
    def __await__(self):
        return legacy_gen_awaitable()
async def use_gen():
    return await UsesGen()
u = use_gen()
print(u.send(None))
try:
    u.send(42)
except StopIteration as e:
    print("got", e.value)
print(type(Suspend(1).__await__()).__name__)
