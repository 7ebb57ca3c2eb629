# Instance attribute reads and writes.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def main(n):
    p = Point(1, 2)
    s = 0
    for i in range(n):
        p.x = p.y + i
        s += p.x - p.y
    return s

print(main(2_000_000))
