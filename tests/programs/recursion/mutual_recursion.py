# Mutual recursion, recursive data structures, memoization, recursion with generators.
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print([is_even(n) for n in range(6)], is_odd(401), is_even(800))
def parse_expr(tokens, i=0):
    value, i = parse_term(tokens, i)
    while i < len(tokens) and tokens[i] in "+-":
        op = tokens[i]
        rhs, i = parse_term(tokens, i + 1)
        value = value + rhs if op == "+" else value - rhs
    return value, i
def parse_term(tokens, i):
    value, i = parse_factor(tokens, i)
    while i < len(tokens) and tokens[i] in "*/":
        op = tokens[i]
        rhs, i = parse_factor(tokens, i + 1)
        value = value * rhs if op == "*" else value // rhs
    return value, i
def parse_factor(tokens, i):
    tok = tokens[i]
    if tok == "(":
        value, i = parse_expr(tokens, i + 1)
        return value, i + 1
    if tok == "-":
        value, i = parse_factor(tokens, i + 1)
        return -value, i
    return int(tok), i + 1
def tokenize(s):
    out, num = [], ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            if num:
                out.append(num)
                num = ""
            if not ch.isspace():
                out.append(ch)
    if num:
        out.append(num)
    return out
for expr in ["1 + 2 * 3", "(1 + 2) * 3", "-(4 - 10) * 2", "100 / 7 - 3", "((((5))))", "2 * (3 + (4 - 1)) * -1"]:
    print(expr, "=", parse_expr(tokenize(expr))[0])
class Node:
    def __init__(self, val, children=()):
        self.val = val
        self.children = list(children)
    def total(self):
        return self.val + sum(c.total() for c in self.children)
    def depth(self):
        return 1 + max((c.depth() for c in self.children), default=0)
    def walk(self):
        yield self.val
        for c in self.children:
            yield from c.walk()
tree = Node(1, [Node(2, [Node(4), Node(5, [Node(8)])]), Node(3, [Node(6), Node(7)])])
print(tree.total(), tree.depth(), list(tree.walk()))
memo = {}
def count_paths(r, c):
    if r == 0 or c == 0:
        return 1
    if (r, c) not in memo:
        memo[(r, c)] = count_paths(r - 1, c) + count_paths(r, c - 1)
    return memo[(r, c)]
print(count_paths(16, 16), len(memo))
def collatz_len(n, cache={1: 1}):
    if n not in cache:
        cache[n] = 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
    return cache[n]
print(max(range(1, 3000), key=collatz_len), collatz_len(27))
def power_set(s):
    if not s:
        return [[]]
    rest = power_set(s[1:])
    return rest + [[s[0]] + r for r in rest]
print(len(power_set(list(range(10)))), power_set([1, 2, 3]))
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(gcd(1071, 462), gcd(2 ** 100, 6 ** 50))
