# Syntax errors in f-strings compiled at runtime (messages are checked only by type/lineno).
bad = ['f"{}"', 'f"{x!}"', 'f"{x!z}"', 'f"{"', 'f"}"', 'f"{x:{y:{z}}}"', "f'{a b}'", "f'{lambda x:1}'"]
for src in bad:
    try:
        compile(src, "<fs>", "eval")
        print(repr(src), "compiled")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e.msg)
ok = ['f"{1}"', "f'{\"a\"}'", 'f"{x!r:>{w}}"', 'f"{x:{{}}>5}"']
for src in ok:
    try:
        compile(src, "<fs>", "eval")
        print(repr(src), "ok")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, e.msg)
x, w = "v", 5
print(eval('f"{x!r:>{w}}"'), eval("f'{x}{x}'"))
