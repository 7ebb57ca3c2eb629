# Unbounded recursion ends with RecursionError: maximum recursion depth exceeded
import sys
def down(n):
    return down(n + 1) + 1
try:
    down(0)
except RecursionError as e:
    print("caught:", e)
print("limit", sys.getrecursionlimit())
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
mutual_a(0)
