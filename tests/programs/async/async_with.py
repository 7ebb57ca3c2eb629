# async with: __aenter__/__aexit__, suppression, exceptions; await inside; errors for wrong protocol.
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Tick:
    def __await__(self):
        yield
class ACM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    async def __aenter__(self):
        await Tick()
        print("aenter", self.name)
        return self.name + "-resource"
    async def __aexit__(self, et, ev, tb):
        await Tick()
        print("aexit", self.name, et.__name__ if et else None, ev)
        return self.suppress
async def main():
    async with ACM("one") as r:
        print("body", r)
    async with ACM("two", suppress=True):
        raise ValueError("suppressed in async with")
    try:
        async with ACM("three"):
            raise KeyError("propagates")
    except KeyError as e:
        print("caught", repr(e))
    async with ACM("a") as a, ACM("b") as b:
        print("nested", a, b)
    return "main done"
print(run(main()))
class SyncOnly:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False
async def wrong():
    async with SyncOnly():
        pass
try:
    run(wrong())
except TypeError as e:
    print("TypeError", e)
class AsyncOnly:
    async def __aenter__(self):
        return self
    async def __aexit__(self, *a):
        return False
def sync_wrong():
    with AsyncOnly():
        pass
try:
    sync_wrong()
except TypeError as e:
    print("TypeError", e)
class NotAwaitableEnter:
    def __aenter__(self):
        return 5
    async def __aexit__(self, *a):
        pass
async def bad_enter():
    async with NotAwaitableEnter():
        pass
try:
    run(bad_enter())
except TypeError as e:
    print("TypeError", e)
async def ret_inside():
    async with ACM("ret"):
        return "returned from inside async with"
print(run(ret_inside()))
async def loop_inside():
    out = []
    for i in range(3):
        async with ACM(f"loop{i}"):
            if i == 1:
                continue
            out.append(i)
    return out
print(run(loop_inside()))
for src in ["def f():\n    await x\n", "def f():\n    async with x:\n        pass\n", "def f():\n    async for x in y:\n        pass\n", "await x\n"]:
    try:
        compile(src, "<s>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg)
