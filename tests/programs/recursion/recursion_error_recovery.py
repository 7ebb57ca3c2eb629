# Catching RecursionError and continuing; recursion through __repr__/__eq__/__getattr__/__hash__.
import sys
def infinite(n):
    return infinite(n + 1)
for attempt in range(3):
    try:
        infinite(0)
    except RecursionError as e:
        print("attempt", attempt, type(e).__name__, e)
class SelfRepr:
    def __repr__(self):
        return "SelfRepr(" + repr(self) + ")"
try:
    repr(SelfRepr())
except RecursionError as e:
    print("repr:", type(e).__name__)
class SelfEq:
    def __eq__(self, other):
        return self == other
try:
    SelfEq() == SelfEq()
except RecursionError as e:
    print("eq:", type(e).__name__)
class SelfGetattr:
    def __getattr__(self, name):
        return getattr(self, "x" + name)
try:
    SelfGetattr().a
except RecursionError as e:
    print("getattr:", type(e).__name__)
class BadInit:
    def __getattr__(self, name):
        return self.missing
try:
    BadInit().anything
except RecursionError as e:
    print("getattr missing:", type(e).__name__)
class SelfHash:
    def __hash__(self):
        return hash(self)
try:
    hash(SelfHash())
except RecursionError as e:
    print("hash:", type(e).__name__)
class SelfStr:
    def __str__(self):
        return f"{self}"
try:
    str(SelfStr())
except RecursionError as e:
    print("str:", type(e).__name__)
class SelfLen:
    def __len__(self):
        return len(self)
try:
    len(SelfLen())
except RecursionError as e:
    print("len:", type(e).__name__)
def recurse_in_except(n):
    try:
        raise ValueError(n)
    except ValueError:
        return recurse_in_except(n + 1)
try:
    recurse_in_except(0)
except RecursionError as e:
    print("recurse in except:", type(e).__name__)
def recurse_in_finally(n):
    try:
        return recurse_in_finally(n + 1)
    finally:
        pass
try:
    recurse_in_finally(0)
except RecursionError as e:
    print("recurse in finally:", type(e).__name__)
def gen_recursion(n):
    yield from gen_recursion(n + 1)
try:
    list(gen_recursion(0))
except RecursionError as e:
    print("yield from recursion:", type(e).__name__)
lambda_rec = lambda n: lambda_rec(n + 1)
try:
    lambda_rec(0)
except RecursionError as e:
    print("lambda:", type(e).__name__)
def fine(n):
    return n if n == 0 else fine(n - 1)
print("after all that:", fine(500), sys.getrecursionlimit())
nested = []
cur = nested
for _ in range(100000):
    new = []
    cur.append(new)
    cur = new
try:
    repr(nested)
except RecursionError as e:
    print("deep repr:", type(e).__name__)
other = []
cur = other
for _ in range(100000):
    new = []
    cur.append(new)
    cur = new
try:
    print(nested == other)
except RecursionError as e:
    print("deep eq:", type(e).__name__)
print("done")
