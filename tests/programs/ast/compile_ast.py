# compile() of AST objects.
import ast

tree = ast.parse("x = 2\ny = x * 21\nprint('y is', y)")
exec(compile(tree, "<ast>", "exec"))
e = ast.parse("3 * 7", mode="eval")
print(eval(compile(e, "<ast>", "eval")))
built = ast.Module(
    body=[ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Constant("built")], []))],
    type_ignores=[])
exec(compile(ast.fix_missing_locations(built), "<ast>", "exec"))
ns = {}
exec(compile(ast.parse("def f(a, *, b=2):\n    return a + b"), "<f>", "exec"), ns)
print(ns["f"](1), ns["f"](1, b=5))
print(compile(tree, "<ast>", "exec", ast.PyCF_ONLY_AST) is tree)
for t, m in [(ast.parse("1", mode="eval"), "exec"), (ast.parse("x"), "eval"),
             (ast.Name("x", ast.Load()), "eval"), (ast.parse("x"), "single")]:
    try:
        compile(t, "<s>", m)
        print("ok")
    except TypeError as e:
        print("TypeError", e)
    print(compile(t, "<s>", m, ast.PyCF_ONLY_AST) is t)
exec(compile(ast.parse("1 + 1", mode="single"), "<s>", "single"))
for t in [ast.Module(body=[ast.Expr(ast.Name("x", ast.Load()))], type_ignores=[]),
          ast.Module(body=[ast.Expr(ast.Name("x", ast.Load()), lineno=1, col_offset=0)], type_ignores=[]),
          ast.Module(body=[ast.Expr(ast.Name("x"), lineno=1, col_offset=0)], type_ignores=[]),
          ast.Module(body=[]), ast.Module(body=[ast.Pass()], type_ignores=[]),
          ast.Module(body=[ast.Import([ast.alias("os")], lineno=1, col_offset=0)], type_ignores=[]),
          ast.Module(body=[ast.Return(lineno=1, col_offset=0)], type_ignores=[])]:
    try:
        compile(t, "<s>", "exec")
        print("ok")
    except (TypeError, SyntaxError) as e:
        print(type(e).__name__, e)
