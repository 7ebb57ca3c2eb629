# Node classes: fields, attributes, constructors, defaults.
import ast

print(ast.AST, ast.AST._fields, ast.AST._attributes)
for name in ["Module", "Expression", "Interactive", "FunctionDef", "ClassDef", "Name", "Constant",
             "arguments", "arg", "keyword", "alias", "comprehension", "withitem", "match_case",
             "ExceptHandler", "MatchAs", "Load", "Add", "expr", "stmt", "pattern", "TryStar"]:
    cls = getattr(ast, name)
    print(name, cls._fields, getattr(cls, "_attributes", None), cls.__match_args__,
          [b.__name__ for b in cls.__mro__], cls.__module__)
    print("  ", cls.__doc__)

n = ast.Name("x", ast.Load(), lineno=1, col_offset=2)
print(n.id, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset, sorted(n.__dict__))
print(ast.Constant(5).kind, ast.Return().value, ast.arg("a").annotation, ast.keyword(value=1).arg)
for bad in [lambda: ast.Name(1, 2, 3), lambda: ast.Pass(1), lambda: ast.Return(1, 2),
            lambda: ast.Name("x", id="y")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
try:
    ast.Module().body
except AttributeError as e:
    print("AttributeError", e)
c = ast.Name(foo=1)
print(c.foo)
print(n.__reduce__()[0], n.__reduce__()[1], sorted(n.__reduce__()[2]))
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(isinstance(ast.parse("x"), ast.AST), isinstance(ast.Load(), ast.expr_context))


class MyNode(ast.AST):
    _fields = ("a", "b")


m = MyNode(1, b=2)
print(m.a, m.b)
print(ast.dump(ast.Module(body=[ast.Expr(ast.Constant(1))], type_ignores=[])))
print(ast.Num(5).n, ast.Str("s").s, type(ast.Num(5)).__name__)
match ast.parse("f(1)").body[0].value:
    case ast.Call(func=ast.Name(id=fname), args=[ast.Constant(value=v)]):
        print("matched", fname, v)
import copy
t = ast.parse("def f(x):\n    return x + 1\n")
t2 = copy.deepcopy(t)
print(t2 is not t, ast.dump(t2, include_attributes=True) == ast.dump(t, include_attributes=True))
print(copy.copy(t.body[0]).name)
