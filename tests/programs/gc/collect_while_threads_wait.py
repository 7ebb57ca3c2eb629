# A thread collects while the others wait in a lock, a sleep, an Event, a Condition or a
# queue: waiting threads hold nothing the collector cannot see, so garbage a worker makes
# is reclaimed while the main thread waits for it.
import gc
import queue
import threading
import time
import weakref


class Node:
    pass


def collected_cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    r = weakref.ref(a)
    del a, b
    gc.collect()
    return r() is None


results = {}


def worker(key, before=None):
    if before:
        before()
    results[key] = collected_cycle()


# The main thread waits in Thread.join (a lock acquire).
t = threading.Thread(target=worker, args=("join",))
t.start()
t.join()

# ... in time.sleep.
t = threading.Thread(target=worker, args=("sleep",))
t.start()
time.sleep(0.2)
t.join()

# ... in Event.wait (a Condition over a lock).
ev = threading.Event()
t = threading.Thread(target=lambda: (worker("event"), ev.set()))
t.start()
ev.wait()
t.join()

# ... in queue.Queue.get and SimpleQueue.get.
q = queue.Queue()
t = threading.Thread(target=lambda: (worker("queue"), q.put(1)))
t.start()
q.get()
t.join()
sq = queue.SimpleQueue()
t = threading.Thread(target=lambda: (worker("simplequeue"), sq.put(1)))
t.start()
sq.get()
t.join()

# ... in `with lock:` while the worker holds the lock.
lock = threading.Lock()
started = threading.Event()


def holder():
    with lock:
        started.set()
        time.sleep(0.05)
        worker("with-lock")


t = threading.Thread(target=holder)
t.start()
started.wait()
with lock:
    pass
t.join()

for k in sorted(results):
    print(k, results[k])

# Garbage made in a worker's long loop stays bounded while main waits.
def churn():
    total = 0
    for i in range(300000):
        total += len([i] * 8)
    results["churn"] = total


t = threading.Thread(target=churn)
t.start()
t.join()
print(results["churn"])
