# ast.dump of parsed sources, with positions.
import ast

SOURCES = [
    "x = 1",
    "a, b = c, d = 1, 2",
    "x += 1; y -= 2; z **= 3; w //= 4; v @= m",
    "x: int = 5\n(y): str\na.b: int",
    "del a, b[1], c.d",
    "print('hello', *args, sep='', **kw)",
    "a if b else c",
    "lambda: 0\nlambda x, /, y=1, *z, w, v=2, **u: x",
    "not a and b or c",
    "-x + ~y * +z",
    "1 < a <= 2 != b is not c in d not in e is f",
    "[1, 2.5, 3j, 'a', b'b', None, True, False, ...]",
    "{1: 2, **d, 3: 4}\n{1, 2}\n()",
    "[x for x in y if x if not x]\n{x for x in y}\n{k: v for k, v in z}\n(x for x in y)",
    "f(x for x in y)",
    "a[1]\na[1:2]\na[::2]\na[1:2, 3]\na[:]\na[...]",
    "a.b.c = d.e",
    "def f(a, b=1, *, c, d=2, **e) -> int:\n    return a\n",
    "@dec\n@dec2(x)\ndef g():\n    pass\n",
    "@dec\n# comment\nclass C(B, metaclass=M):\n    x = 1\n    def m(self): ...\n",
    "async def f():\n    await x\n    async for a in b: pass\n    async with c as d, e: pass\n",
    "for i in range(10):\n    continue\nelse:\n    break\n",
    "while x:\n    pass\nelse:\n    y\n",
    "if a:\n    b\nelif c:\n    d\nelif e:\n    f\nelse:\n    g\n",
    "with open(f) as g, h:\n    pass\n",
    "try:\n    a\nexcept E as e:\n    b\nexcept:\n    c\nelse:\n    d\nfinally:\n    e\n",
    "try:\n    a\nexcept* E:\n    b\n",
    "raise E from F\nraise\nassert x, 'msg'\nassert y",
    "import a.b as c, d\nfrom . import x\nfrom ..m import (y as z, w)\nfrom m import *",
    "def f():\n    global a, b\n    nonlocal c\n    yield\n    yield x\n    yield from y\n",
    "(x := 10)",
    "f'a{b}c'\nf'{x!r:>{w}}' 'tail'\nf'{x=}'\nf''\n'a' f'b'\nu'x' 'y'",
    "'''doc'''\n\nx = 'a' 'b'",
    "é = 'ü'; x = é + 'ñ'",
    "x = 123456789012345678901234567890\ny = 0xFF_FF\nz = 1_000.5e3",
    "match p:\n    case 1 | 2:\n        pass\n    case [a, *rest]:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(x=0, y=_) as pt if pt:\n        pass\n    case None:\n        pass\n    case str() | -1 | 1+2j:\n        pass\n    case _:\n        pass\n",
    "print(*a, *b)\nclass D: pass",
    "x = [\n    1,\n    2,\n]",
    "if a: b; c;\nelif d: e;\nelse: f;\n",
    "try:\n    a;\nexcept E:\n    b ;\nfinally:\n    c;\n",
    "@d\nclass C: x = 1;  \nfor a in b: pass;\nx = 1;\n",
    "x = (f'{a, b}', f'{c,:>3}')",
]

for src in SOURCES:
    tree = ast.parse(src)
    print(ast.dump(tree, include_attributes=True))
    print(ast.dump(tree, indent=1))

print(ast.dump(ast.parse("1 + 2", mode="eval"), include_attributes=True))
print(ast.dump(ast.parse("x = 1", mode="single")))
print(ast.dump(compile("a.b", "<s>", "eval", ast.PyCF_ONLY_AST)))
try:
    ast.parse("x = = 1")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno)
t = ast.parse("a + b")
print(type(t).__name__, t.type_ignores, t.body[0].value.op is ast.parse("c + d").body[0].value.op)
print(t.body[0].value.left.ctx is ast.parse("e").body[0].value.ctx)
print(sorted(t.body[0].__dict__))
print(compile(t, "<ast>", "exec", ast.PyCF_ONLY_AST) is t)
for s in ["(int, str) -> bool", "() -> None", "(int) -> List[int]", "(*int, **str) -> x"]:
    print(ast.dump(ast.parse(s, mode="func_type"), include_attributes=True))
for s in ["int -> bool", "(a) -> ", "(a)", "(a,) -> b"]:
    try:
        ast.parse(s, mode="func_type")
    except SyntaxError as e:
        print("SyntaxError", e.msg)
try:
    ast.parse("x = 1\ny = 2", mode="single")
except SyntaxError as e:
    print("SyntaxError", e.msg)
