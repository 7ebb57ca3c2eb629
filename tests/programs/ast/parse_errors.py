# SyntaxErrors ast.parse raises (parser stage only: compiler-stage errors are not raised).
import ast
for src in ["return 1", "nonlocal x", "f(**a, *b)", "def f(a, a): pass", "del f()", "f() = 1",
            "break", "await x", "async with a: pass", "from __future__ import braces", "x = (", "if x:\npass",
            "def f():\n  x = 1\n   y = 2", "a + = 1", "print 'x'", "class C:\n  return", "yield x", "[x async for x in y]",
            "f(x for x in y, 1)", "lambda: (yield)", "x: int = 1\nglobal x", "'\\N{foo}'", "1_", "0777", "a.1",
            "for x in range(10):\n  pass\nelse: continue", "*a = 1", "a, *b, *c = d", "print(f'{}')", "def f(*): pass"]:
    try:
        ast.parse(src)
        print("ok", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, repr(src), e.msg, e.lineno, e.offset)
try:
    compile("x", "s", "func_type")
except ValueError as e:
    print("ValueError", e)
print(ast.dump(compile(b"x = 1", "s", "exec", ast.PyCF_ONLY_AST)))
try:
    ast.parse(123)
except TypeError as e:
    print("TypeError", e)
