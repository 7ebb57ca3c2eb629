# Create and drop about a million class instances each holding a small payload; checksum the results.
class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Particle:
    def __init__(self, i):
        self.pos = Point(i, -i)
        self.history = [i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7]
        self.tag = "p"
    def energy(self):
        return self.pos.x - self.pos.y + len(self.history)
checksum = 0
for i in range(400_000):
    p = Particle(i)
    checksum = (checksum * 31 + p.energy()) % 1_000_000_007
print("particles", checksum)
batch_sum = 0
for round_no in range(20):
    batch = [Point(i, round_no) for i in range(10_000)]
    batch_sum += sum(pt.x + pt.y for pt in batch)
    del batch
print("batches", batch_sum)
