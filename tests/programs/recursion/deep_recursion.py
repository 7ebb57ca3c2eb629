# Deep but legal recursion under the default limit, then raised limit with sys.setrecursionlimit.
import sys
print(sys.getrecursionlimit())
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
def sum_list(lst, i=0):
    if i == len(lst):
        return 0
    return lst[i] + sum_list(lst, i + 1)
print(sum_list(list(range(800))))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3), ackermann(3, 3))
sys.setrecursionlimit(5000)
print(sys.getrecursionlimit(), depth(4000))
sys.setrecursionlimit(1000)
try:
    depth(4000)
except RecursionError as e:
    print("RecursionError", e)
print("still works after", depth(100))
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError", e)
try:
    sys.setrecursionlimit(-5)
except ValueError as e:
    print("ValueError", e)
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append((a, c))
        hanoi(n - 1, b, a, c, moves)
    return moves
m = hanoi(10, "A", "B", "C", [])
print(len(m), m[:3], m[-1])
def permutations(items):
    if len(items) <= 1:
        return [items]
    out = []
    for i, x in enumerate(items):
        for p in permutations(items[:i] + items[i + 1:]):
            out.append([x] + p)
    return out
print(len(permutations([1, 2, 3, 4, 5])), permutations([1, 2, 3]))
def flatten(x):
    if isinstance(x, list):
        return [v for item in x for v in flatten(item)]
    return [x]
nested = 0
for i in range(200):
    nested = [nested, i]
print(len(flatten(nested)), flatten(nested)[:5])
