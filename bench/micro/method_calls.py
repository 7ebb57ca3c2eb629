# Method calls on instances.
class Counter:
    def __init__(self):
        self.n = 0
    def add(self, k):
        self.n += k
        return self

def main(n):
    c = Counter()
    for i in range(n):
        c.add(i).add(1)
    return c.n

print(main(1_000_000))
