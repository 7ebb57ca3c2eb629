# Deeply nested and combined comprehensions: transposition, flattening, cartesian products, filtering.
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid)
print([list(row) for row in zip(*grid)])
print([[grid[c][r] for c in range(3)] for r in range(3)] == [list(row) for row in zip(*grid)])
print([v for row in grid for v in row if v % 2 == 0])
print([[v for v in row if v > 2] for row in grid])
print({(r, c): grid[r][c] for r in range(3) for c in range(3) if r == c})
print([sum(row) for row in grid], sum(sum(row) for row in grid))
triples = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(triples)
words = ["hello", "world", "python"]
print({w: {ch: w.count(ch) for ch in sorted(set(w))} for w in words})
print([[ch for ch in w if ch in "aeiou"] for w in words])
deck = [f"{r}{s}" for s in "SH" for r in ["A", "K", "Q"]]
print(deck)
print([[1 if i == j else 0 for j in range(4)] for i in range(4)])
print([x for sub in [[1, [2]], [3]] for x in sub])
print([(i, [j for j in range(i)]) for i in range(4)])
print(sorted({frozenset({a, b}) for a in range(3) for b in range(3) if a != b}, key=sorted))
print([[(r, c) for c in range(2)] for r in range(2)])
pascal = [[1]]
for _ in range(5):
    prev = pascal[-1]
    pascal.append([1] + [prev[i] + prev[i + 1] for i in range(len(prev) - 1)] + [1])
print(pascal)
