# Deeply nested sources: the limits CPython 3.11 applies in ast.parse.
import ast
for n in [50, 90, 200, 1000, 100000]:
    try:
        t = ast.parse("(" * n + "1" + ")" * n)
        print(n, "ok")
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(n, type(e).__name__, e)
for n in [50, 95, 1000]:
    try:
        t = ast.parse("-" * n + "1")
        print(n, "ok", type(t.body[0].value).__name__)
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(n, type(e).__name__)
src = "x = 1\n" * 20000
print(len(ast.parse(src).body))
src = "if x:\n" + "".join("  " * i + "if x:\n" for i in range(1, 90)) + "  " * 90 + "pass\n"
try:
    print(type(ast.parse(src).body[0]).__name__)
except (SyntaxError, RecursionError) as e:
    print(type(e).__name__, e)
