# literal_eval, unparse, walk, NodeVisitor, NodeTransformer, fix_missing_locations, get_source_segment.
import ast

for s in ["1", "-2.5", "[1, (2, 3), {'a': {4}}]", "{'x': None, 'y': True}", "1+2j", "b'x'",
          "set()", "(1,)", "'a' 'b'"]:
    print(repr(ast.literal_eval(s)))
for s in ["x", "f()", "1 + a"]:
    try:
        ast.literal_eval(s)
    except ValueError as e:
        print("ValueError", str(e).split(":")[0])

SRC = '''
import os
from a import b as c
@deco(1)
class K(Base, metaclass=M):
    """Doc."""
    x: int = 3
    async def m(self, a, /, b=2, *args, c, d=4, **kw) -> None:
        async with z as (q, r):
            await q
        return [i * 2 for i in range(10) if i % 2]
def g(*, k):
    global G
    try:
        pass
    except (A, B) as e:
        raise C from e
    finally:
        del G
    while not k:
        k = yield k
    return lambda x=1: x ** -k
x = f"{a!r} and {b:>10} {c=}"
y = a if b else c
z = {**d, 'k': [*s]}
w = a[1:2, ::3]
match cmd:
    case [x, y, *rest]:
        pass
    case {"a": 1, **kw}:
        pass
    case P(1, y=2) | None:
        pass
'''
tree = ast.parse(SRC)
print(ast.unparse(tree))
print(sorted({type(n).__name__ for n in ast.walk(tree)}))


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)


c = Counter()
c.visit(tree)
print(c.names)


class Renamer(ast.NodeTransformer):
    def visit_Name(self, node):
        if node.id == "x":
            return ast.copy_location(ast.Name("renamed", node.ctx), node)
        return node


t2 = Renamer().visit(ast.parse("x = x + 1\nprint(x)"))
print(ast.unparse(t2))
t3 = ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Constant("hi")], []))], type_ignores=[]))
print(ast.dump(t3, include_attributes=True))
src = "a = 1\nbb = foo(x,\n   y)\n"
for node in ast.parse(src).body:
    print(repr(ast.get_source_segment(src, node.value)))
print(ast.get_docstring(ast.parse(SRC).body[2]))
fn = ast.parse(SRC).body[2].body[2]
print(fn.name, fn.lineno, fn.col_offset, fn.end_lineno, fn.end_col_offset)
print([ (n.lineno, n.col_offset) for n in ast.walk(ast.parse(SRC)) if isinstance(n, ast.Constant)])
print(ast.increment_lineno(ast.parse("x"), 5).body[0].lineno)
