# compile()/exec()/eval() with bad source: SyntaxError caught and its msg/lineno/offset printed.
sources = [
    ("x = = 1", "exec"),
    ("1 +", "eval"),
    ("def f(:\n    pass", "exec"),
    ("if True:\npass", "exec"),
    ("  x = 1", "exec"),
    ("a = (1,\n     2", "exec"),
    ("return 1", "exec"),
    ("x = 1\ny = 2\nz = )", "exec"),
    ("'unterminated", "eval"),
    ('"""never closed', "exec"),
    ("x = 1", "eval"),
    ("f() = 3", "exec"),
    ("None = 1", "exec"),
    ("del 5", "exec"),
    ("lambda x: yield", "exec"),
    ("for x in range(3):\n    pass\nelse\n", "exec"),
    ("class C\n    pass", "exec"),
    ("print 'hello'", "exec"),
    ("x = [1, 2 3]", "exec"),
    ("import", "exec"),
    ("def f(a, a): pass", "exec"),
    ("def f(a=1, b): pass", "exec"),
    ("f(x=1, 2)", "eval"),
    ("f(**k, *a)", "eval"),
    ("a, b += 1", "exec"),
    ("x := 5", "exec"),
    ("continue", "exec"),
    ("async def f():\n    yield from g()", "exec"),
    ("def f():\n    x = 1\n  y = 2", "exec"),
    ("0777", "eval"),
    ("1__0", "eval"),
    ("$", "eval"),
]
for src, mode in sources:
    try:
        compile(src, "<test>", mode)
        print(repr(src), "compiled OK")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, "|", e.msg, "|", e.lineno, e.offset, "|", e.filename)
for src in ["1 +* 2", "(", "x y"]:
    try:
        eval(src)
    except SyntaxError as e:
        print("eval", repr(src), e.msg, e.lineno, e.offset)
    try:
        exec(src)
    except SyntaxError as e:
        print("exec", repr(src), e.msg, e.lineno, e.offset)
try:
    compile("x = 1", "<test>", "bogus")
except ValueError as e:
    print("ValueError", e)
e = SyntaxError("custom message", ("file.py", 3, 7, "bad line\n"))
print(e.msg, e.filename, e.lineno, e.offset, repr(e.text), str(e))
print(str(SyntaxError("just msg")), SyntaxError("m").lineno)
code = compile("a = 5\nb = a * 2", "<ok>", "exec")
ns = {}
exec(code, ns)
print(ns["b"], type(code).__name__, code.co_filename)
print(eval(compile("3 + 4", "<e>", "eval")))
try:
    exec("raise ValueError('from exec')")
except ValueError as e:
    print("runtime error from exec:", e)
