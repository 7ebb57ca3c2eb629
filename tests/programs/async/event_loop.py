# A tiny hand-written round-robin event loop running several coroutines with sleep-like yields.
class Yield:
    def __await__(self):
        yield "yield"
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __await__(self):
        yield ("sleep", self.ticks)
class Loop:
    def __init__(self):
        self.ready = []
        self.sleeping = []
        self.tick = 0
        self.results = {}
    def spawn(self, name, coro):
        self.ready.append((name, coro, None))
    def run(self):
        while self.ready or self.sleeping:
            if not self.ready:
                self.tick += 1
                still = []
                for wake, name, coro in self.sleeping:
                    if wake <= self.tick:
                        self.ready.append((name, coro, None))
                    else:
                        still.append((wake, name, coro))
                self.sleeping = still
                continue
            name, coro, value = self.ready.pop(0)
            try:
                cmd = coro.send(value)
            except StopIteration as e:
                self.results[name] = e.value
                print(f"[tick {self.tick}] {name} finished -> {e.value!r}")
                continue
            except Exception as e:
                self.results[name] = f"error: {type(e).__name__}: {e}"
                print(f"[tick {self.tick}] {name} failed: {e}")
                continue
            if cmd == "yield":
                self.ready.append((name, coro, None))
            elif isinstance(cmd, tuple) and cmd[0] == "sleep":
                self.sleeping.append((self.tick + cmd[1], name, coro))
async def worker(name, n):
    total = 0
    for i in range(n):
        print(f"{name} step {i}")
        total += i
        await Yield()
    return total
async def sleeper(name, ticks):
    print(f"{name} sleeping {ticks}")
    await Sleep(ticks)
    print(f"{name} woke")
    return ticks * 10
async def failing():
    await Yield()
    raise ValueError("task exploded")
async def parent():
    a = await worker("child", 2)
    b = await sleeper("child-sleeper", 1)
    return a + b
loop = Loop()
loop.spawn("w1", worker("w1", 3))
loop.spawn("w2", worker("w2", 2))
loop.spawn("s1", sleeper("s1", 2))
loop.spawn("f", failing())
loop.spawn("p", parent())
loop.run()
print(sorted(loop.results.items()))
print("final tick", loop.tick)
