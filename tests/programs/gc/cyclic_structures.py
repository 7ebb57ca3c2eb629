# Build and drop cyclic structures 100k times; reference cycles must be collected (each holds a payload).
class Node:
    def __init__(self, val):
        self.val = val
        self.next = None
        self.payload = list(range(50))
checksum = 0
for i in range(100_000):
    a = Node(i)
    b = Node(i + 1)
    a.next = b
    b.next = a
    checksum = (checksum + a.next.next.val + len(b.payload)) % 1_000_003
print("pairs", checksum)
for i in range(50_000):
    lst = [i, [0] * 20]
    lst.append(lst)
    d = {"self": None, "data": [i] * 10}
    d["self"] = d
    checksum = (checksum + len(lst) + len(d)) % 1_000_003
print("self-referencing containers", checksum)
class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
count = 0
for i in range(10_000):
    root = Tree()
    for _ in range(5):
        child = Tree(root)
        Tree(child)
    count += len(root.children) + sum(len(c.children) for c in root.children)
print("trees with parent links", count)
def make_closure_cycle(i):
    def f():
        return f, i
    return f
total = 0
for i in range(100_000):
    total += make_closure_cycle(i)()[1] % 7
print("closure cycles", total)
