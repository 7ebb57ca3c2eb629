# ast.parse options: type_comments (type_comment fields, type_ignores, misplaced comments),
# feature_version (syntax of older grammars rejected with CPython's messages) and
# mode='func_type'.
import ast

TYPED = """\
def foo(a,  # type: A
        *v,  # type: V
        **k  # type: K
        ):
    # type: (...) -> int
    x = 1  # type: int
    for i in []:  # type: str
        pass  # type: ignore[misc]
    with ctx() as c:  # type: bytes
        pass
    y = 2  # type: ignore whatever
"""

tree = ast.parse(TYPED, type_comments=True)
f = tree.body[0]
print(f.type_comment, [a.type_comment for a in f.args.args], f.args.vararg.type_comment,
      f.args.kwarg.type_comment)
print([getattr(s, "type_comment", None) for s in f.body])
print([(t.lineno, t.tag) for t in tree.type_ignores])
print(ast.parse(TYPED).body[0].type_comment, ast.parse(TYPED).type_ignores)

for src in ["pass  # type: int\n", "x += 1  # type: int\n",
            "while True:\n  continue  # type: int\n",
            "def f():  # type: () -> int\n    # type: () -> str\n    return 1\n",
            "pass  # type: ignoreé\n", "x = 1 #type:int\n"]:
    try:
        t = ast.parse(src, type_comments=True)
        print("ok", ast.dump(t))
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)

for src, minor in [("(x := 0)", 7), ("(x := 0)", 8), ("def f(a, /): pass", 7),
                   ("with (a as b): pass", 8), ("with (a as b): pass", 9),
                   ("with (a, b): pass", 8), ('f"{x=}"', 7), ('f"{x=}"', 8),
                   ("match x:\n case 1: pass", 9), ("try: pass\nexcept* E: pass", 10),
                   ("a = b @ c", 4), ("a @= c", 4), ("@d\ndef f(): pass", 4),
                   ("async def f(): pass", 4), ("async def f(): await x", 4),
                   ('a = f"{a}"', 5), ("a = 1_0", 5), ("a = 1_0", 6),
                   ("async def f(xs):\n    [x async for x in xs]\n", 5)]:
    try:
        ast.parse(src, feature_version=(3, minor))
        print(minor, "ok")
    except SyntaxError as e:
        print(minor, "SyntaxError", e.msg)

for src in ["() -> int", "(int) -> List[str]", "(int, *str, **Any) -> float",
            "(*int) -> None", "(**int) -> None", "(*int, **str) -> None",
            "(int, *str, *Any) -> float", "(int, **str, Any) -> float",
            "(**int, **str) -> float", "(a,) -> r"]:
    try:
        print(ast.dump(ast.parse(src, "<f>", "func_type")))
    except SyntaxError as e:
        print("SyntaxError", e.msg)
