# compile() of AST objects keeps the tree's own positions: tracebacks, f_lineno,
# co_firstlineno and the lines of the code follow the nodes' lineno, not any source text;
# constants a literal cannot hold (big and negative ints, tuples, frozensets) survive.
import ast
import sys


def tb_lines(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out[1:]


def run(tree, ns=None):
    code = compile(ast.fix_missing_locations(tree), "<built>", "exec")
    ns = {} if ns is None else ns
    try:
        exec(code, ns)
    except Exception as e:
        print(type(e).__name__, e, tb_lines(e))
    return ns


# A parsed tree moved down by increment_lineno: the error is reported 100 lines lower.
tree = ast.parse("x = 1\ny = 0\nz = x / y\n")
ast.increment_lineno(tree, 100)
run(tree)

# Hand-built nodes with sparse, unordered line numbers.
call = ast.Call(ast.Name("int", ast.Load(), lineno=7000, col_offset=4),
                [ast.Constant("nope", lineno=7000, col_offset=8)], [],
                lineno=7000, col_offset=4, end_lineno=7000, end_col_offset=14)
body = [
    ast.Assign([ast.Name("a", ast.Store(), lineno=50, col_offset=0)],
               ast.Constant(2 ** 80, lineno=50, col_offset=4), lineno=50, col_offset=0,
               end_lineno=50, end_col_offset=30),
    ast.Expr(call, lineno=7000, col_offset=4, end_lineno=7000, end_col_offset=14),
]
run(ast.Module(body, []))

# A function whose body lines come from the tree: co_firstlineno and the traceback.
fdef = ast.parse("def f(n):\n    if n:\n        return 1 // 0\n    return -5\n")
ast.increment_lineno(fdef, 41)
ns = run(fdef)
f = ns["f"]
print("firstlineno", f.__code__.co_firstlineno, "f(0) =", f(0))
try:
    f(1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", tb_lines(e))
first = f.__code__.co_firstlineno
print("lines", sorted({l for _, _, l in f.__code__.co_lines() if l is not None and l > first}))

# sys._getframe().f_lineno inside compiled code.
probe = ast.parse("import sys\nline = sys._getframe().f_lineno\n")
probe.body[1].lineno = probe.body[1].end_lineno = 9999
for node in ast.walk(probe.body[1]):
    if hasattr(node, "lineno"):
        node.lineno = node.end_lineno = 9999
print("f_lineno", run(probe)["line"])

# Constants only a table can hold.
for value in (-7, 2 ** 100, -(2 ** 70), (1, (2, "x")), frozenset({1, 2}), b"\x00\xff",
              1.5, 2j, "é\u20ac", None, True, ...):
    e = ast.Expression(ast.Constant(value))
    got = eval(compile(ast.fix_missing_locations(e), "<c>", "eval"))
    print(repr(got), type(got).__name__, got == value)

# A lambda and comprehensions built by hand.
lam = ast.Expression(ast.Lambda(
    ast.arguments([], [ast.arg("a"), ast.arg("b")], None, [ast.arg("k")], [ast.Constant(3)],
                  None, [ast.Constant(10)]),
    ast.ListComp(ast.BinOp(ast.Name("x", ast.Load()), ast.Mult(), ast.Name("k", ast.Load())),
                 [ast.comprehension(ast.Name("x", ast.Store()),
                                    ast.List([ast.Name("a", ast.Load()),
                                              ast.Name("b", ast.Load())], ast.Load()),
                                    [], 0)])))
fn = eval(compile(ast.fix_missing_locations(lam), "<l>", "eval"))
print(fn(1), fn(1, 2, k=5))

# f-strings from JoinedStr / FormattedValue.
js = ast.Expression(ast.JoinedStr([
    ast.Constant("v="),
    ast.FormattedValue(ast.Name("v", ast.Load()), ord("r"), None),
    ast.Constant(" pad="),
    ast.FormattedValue(ast.Name("v", ast.Load()), -1,
                       ast.JoinedStr([ast.Constant(">8")])),
]))
print(eval(compile(ast.fix_missing_locations(js), "<j>", "eval"), {"v": "ab"}))

# A SyntaxError from the compiler reports the node's line.
bad = ast.Module([ast.Return(ast.Constant(1), lineno=31, col_offset=2, end_lineno=31,
                            end_col_offset=10)], [])
try:
    compile(ast.fix_missing_locations(bad), "<r>", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno, e.offset, e.text, e.filename)

# The code keeps the tree's own constant objects.
for value in (b"", frozenset(), (1, 2), 2 ** 70, -3, 1.5, -0.0, 0.0, 1j):
    e = ast.Expression(ast.Constant(value))
    print(repr(value), eval(compile(ast.fix_missing_locations(e), "<c>", "eval")) is value)
