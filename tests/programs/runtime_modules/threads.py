# Threads: start/join, locks, RLock, Condition, Event, queue, threading.local, an uncaught
# exception in a thread, ThreadPoolExecutor, a daemon thread left running at exit, and
# allocation-heavy threads (collections while other threads are parked).
import threading, time, queue
results = []
lock = threading.Lock()
def worker(n):
    s = 0
    for i in range(100000):
        s += i * n
    with lock:
        results.append((n, s))
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(results))
q = queue.Queue()
def producer():
    for i in range(5):
        q.put(i)
        time.sleep(0.01)
    q.put(None)
t = threading.Thread(target=producer); t.start()
got = []
while True:
    x = q.get()
    if x is None: break
    got.append(x)
t.join()
print(got)
ev = threading.Event()
def setter():
    time.sleep(0.05); ev.set()
threading.Thread(target=setter).start()
print(ev.wait(5))
c = threading.Condition()
items = []
def cons():
    with c:
        while not items:
            c.wait()
        print("consumed", items.pop())
t = threading.Thread(target=cons); t.start()
time.sleep(0.02)
with c:
    items.append(42); c.notify()
t.join()
local = threading.local()
local.x = 'main'
def lf():
    local.x = 'thread'
    print('in thread', local.x)
t = threading.Thread(target=lf); t.start(); t.join()
print('main sees', local.x, threading.active_count(), threading.current_thread().name)
def boom():
    raise ValueError("boom")
t = threading.Thread(target=boom, name="T-boom"); t.start(); t.join()
r = threading.RLock()
with r:
    with r:
        print("rlock nested ok")
from concurrent.futures import ThreadPoolExecutor
with ThreadPoolExecutor(4) as ex:
    print(list(ex.map(lambda x: x * x, range(10))))
d = threading.Thread(target=time.sleep, args=(100,), daemon=True); d.start()
# allocation-heavy threads: collections must happen while others are parked
def work(k):
    out = []
    for i in range(200000):
        out.append([i, str(i), {'k': k}])
        if len(out) > 1000:
            out = out[-10:]
    return len(out)
res = []
def run(k):
    res.append(work(k))
ts = [threading.Thread(target=run, args=(k,)) for k in range(3)]
[t.start() for t in ts]
work(9)
[t.join() for t in ts]
print(sorted(res))
print("done")
