import asyncio
import threading
import types

async def main():
    await asyncio.sleep(0.01)
    return 5

print(asyncio.run(main()))

@types.coroutine
def legacy():
    yield
    return 7

async def uses_legacy():
    return await legacy()

print(asyncio.run(uses_legacy()))
loc = threading.local()
loc.x = 1
print(loc.x, type(loc).__module__, sorted(vars(loc)))
try:
    threading.local(1)
except TypeError as e:
    print(e)
