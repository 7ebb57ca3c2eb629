# Recursion limit interactions: limit changes inside recursion, RecursionError message, depth measurement.
import sys
def measure():
    n = 0
    def go():
        nonlocal n
        n += 1
        go()
    try:
        go()
    except RecursionError:
        pass
    return n
base = measure()
print("measured depth is close to limit:", 900 < base < 1000)
sys.setrecursionlimit(2000)
raised = measure()
print("raised limit increases depth:", raised > base + 900)
sys.setrecursionlimit(1000)
print("restored:", sys.getrecursionlimit())
def catch_deep(n):
    if n == 0:
        try:
            catch_deep(-1)
        except RecursionError as e:
            return "caught at bottom: " + str(e)
        return "no error?"
    if n < 0:
        return catch_deep(n - 1)
    return catch_deep(n - 1)
print(catch_deep(50))
class Tree:
    def __init__(self, depth):
        self.child = Tree(depth - 1) if depth else None
    def height(self):
        return 1 + (self.child.height() if self.child else 0)
print(Tree(200).height())
try:
    Tree(5000)
except RecursionError as e:
    print("constructor recursion:", e)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(len(str(fact(900))))
