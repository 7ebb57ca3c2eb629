import ast
e = ast.UnaryOp(op=ast.Not(), lineno=0, col_offset=0)
e.operand = e
try:
    compile(ast.Expression(e), "<test>", "eval")
except RecursionError as ex:
    print("RecursionError")
f = ast.UnaryOp(op=ast.Not(), lineno=0, col_offset=0)
g = ast.UnaryOp(op=ast.Not(), lineno=0, col_offset=0)
f.operand = g
g.operand = f
try:
    compile(ast.Expression(f), "<test>", "eval")
except RecursionError:
    print("RecursionError indirect")
