# aiter() and anext(), with and without a default, over async generators and classes.
import asyncio
from contextlib import asynccontextmanager


async def agen(n):
    for i in range(n):
        yield i


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


class Bad:
    def __aiter__(self):
        return 1


async def main():
    it = aiter(agen(2))
    print(await anext(it), await anext(it), await anext(it, "done"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    c = aiter(Countdown(2))
    print(c is aiter(c), await anext(c), await anext(c), await anext(c, None))
    aw = anext(Countdown(0), "dflt")
    print(type(aw).__name__, await aw)
    for bad, f in ((1, aiter), (Bad(), aiter), (1, anext)):
        try:
            f(bad)
        except TypeError as e:
            print("TypeError:", e)

    @asynccontextmanager
    async def managed():
        print("enter")
        try:
            yield "value"
        finally:
            print("exit")

    async with managed() as v:
        print("inside", v)
    try:
        async with managed():
            raise KeyError("boom")
    except KeyError as e:
        print("propagated", e)


asyncio.run(main())
