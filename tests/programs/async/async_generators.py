# Async generators and async for / async comprehensions, driven by a manual runner.
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Tick:
    def __await__(self):
        yield
async def agen(n):
    for i in range(n):
        await Tick()
        yield i * 10
    print("agen exhausted")
async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    comp = [v async for v in agen(2)]
    filtered = [v async for v in agen(5) if v % 20 == 0]
    setc = {v async for v in agen(2)}
    dictc = {v: str(v) async for v in agen(2)}
    return out, comp, filtered, setc, dictc
print(run(consume()))
g = agen(2)
print(type(g).__name__, g.__name__, hasattr(g, "__anext__"), hasattr(g, "asend"))
async def manual():
    it = agen(2).__aiter__()
    a = await it.__anext__()
    b = await it.__anext__()
    try:
        await it.__anext__()
    except StopAsyncIteration:
        return ("manual", a, b, "StopAsyncIteration")
print(run(manual()))
async def echo_agen():
    received = None
    while True:
        received = yield received
        if received == "stop":
            return
async def use_asend():
    e = echo_agen()
    first = await e.asend(None)
    second = await e.asend("hello")
    try:
        await e.asend("stop")
    except StopAsyncIteration:
        pass
    return first, second
print(run(use_asend()))
async def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("async gen finally")
async def close_early():
    g = with_finally()
    v = await g.__anext__()
    await g.aclose()
    return v
print(run(close_early()))
async def athrow_test():
    async def inner():
        try:
            yield 1
        except ValueError as e:
            yield "handled " + str(e)
    g = inner()
    await g.__anext__()
    r = await g.athrow(ValueError("boom"))
    return r
print(run(athrow_test()))
class AIter:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n <= 0:
            raise StopAsyncIteration
        self.n -= 1
        await Tick()
        return self.n
async def class_based():
    return [v async for v in AIter(3)]
print(run(class_based()))
async def bad_async_for():
    async for v in [1, 2]:
        pass
try:
    run(bad_async_for())
except TypeError as e:
    print("TypeError", e)
async def agen_return_value_error():
    try:
        compile("async def f():\n    yield 1\n    return 2\n", "<s>", "exec")
    except SyntaxError as e:
        return e.msg
print(run(agen_return_value_error()))
