import queue
import _queue

q = queue.SimpleQueue()
print(type(q), queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
print(q.empty(), q.qsize())
for i in range(5):
    q.put(i)
q.put_nowait("x")
q.put("y", block=False, timeout=1)
print(q.qsize(), q.empty())
print([q.get() for _ in range(3)], q.get_nowait(), q.get(False), q.get(timeout=0.01))
print(q.get(), q.qsize())
try:
    q.get_nowait()
except queue.Empty as e:
    print("Empty", repr(e))
try:
    q.get(block=False)
except _queue.Empty:
    print("Empty again")
try:
    q.get(timeout=0.01)
except queue.Empty:
    print("timed out")
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError", e)
try:
    queue.SimpleQueue(1)
except TypeError as e:
    print("TypeError", e)
print(queue.SimpleQueue[int])


class Q(queue.SimpleQueue):
    def __init__(self, items):
        for it in items:
            self.put(it)


q2 = Q("abc")
print(q2.qsize(), q2.get(), isinstance(q2, queue.SimpleQueue))
print(_queue.Empty.__mro__)
fq = queue.Queue()
fq.put(1)
fq.put(2)
print(fq.get(), fq.qsize())
lq = queue.LifoQueue()
for i in range(3):
    lq.put(i)
print([lq.get() for _ in range(3)])
pq = queue.PriorityQueue()
for i in [5, 1, 3]:
    pq.put(i)
print([pq.get() for _ in range(3)])
