# compile() of malformed AST objects: the exception type and message of the conversion
# (missing fields, wrong types, None where a value is required) and of the validator
# (contexts, empty bodies, positions, constants, patterns), as CPython 3.11 reports them.
import ast

L, S, D = ast.Load(), ast.Store(), ast.Del()


def n(name, ctx=L):
    return ast.Name(name, ctx)


def c(v):
    return ast.Constant(v)


def args(**kw):
    a = dict(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
             kwarg=None, defaults=[])
    a.update(kw)
    return ast.arguments(**a)


def check(label, tree, mode="exec", fix=True):
    try:
        if fix:
            ast.fix_missing_locations(tree)
        compile(tree, "<v>", mode)
        print(label, "-> ok")
    except Exception as e:
        msg = str(e)
        if " at 0x" in msg:
            msg = msg[:msg.index(" at 0x")]
        print(label, "->", type(e).__name__, msg)


def mod(*stmts):
    return ast.Module(list(stmts), [])


def stmt(s):
    return mod(s)


def expr(e):
    return mod(ast.Expr(e))


# ----- conversion errors -----
check("id int", expr(ast.Name(5, L)))
check("id None", expr(ast.Name(None, L)))
check("expr int", mod(ast.Expr(5)))
check("body tuple", ast.Module((ast.Pass(),), []))
check("Expr None", mod(ast.Expr(None)))
check("ctx None", expr(ast.Name("x", None)))
check("ctx class", expr(ast.Name("x", ast.Store)))
check("op Load", expr(ast.BinOp(n("x"), L, n("y"))))
check("kind int", expr(ast.Constant(1, kind=3)))
check("level str", stmt(ast.ImportFrom("x", [ast.alias("y")], "a")))
check("level huge", stmt(ast.ImportFrom("x", [ast.alias("y")], 2 ** 70)))
check("level negative", stmt(ast.ImportFrom("x", [ast.alias("y")], -1)))
check("no type_ignores", ast.Module([ast.Pass()]))
check("type_ignores int", ast.Module([ast.Pass()], 5))
check("type_ignore item", ast.Module([ast.Pass()], [5]))
check("type_comment int", stmt(ast.Assign([n("x", S)], c(1), type_comment=5)))
check("missing value", mod(ast.Expr(ast.Attribute(attr="a", ctx=L))))
check("alias None", stmt(ast.Import([ast.alias(None)])))
check("arg None", stmt(ast.FunctionDef("f", args(args=[ast.arg(None)]), [ast.Pass()], [])))
check("keyword value None", expr(ast.Call(n("f"), [], [ast.keyword("a", None)])))
check("comprehension target None",
      expr(ast.ListComp(n("x"), [ast.comprehension(None, n("y"), [], 0)])))
check("withitem None", stmt(ast.With([ast.withitem(None)], [ast.Pass()])))
check("lineno str", mod(ast.Pass(lineno="1", col_offset=0)), fix=False)
check("lineno None", mod(ast.Pass(lineno=None, col_offset=0)), fix=False)
check("no lineno", mod(ast.Pass()), fix=False)
check("not a mod", ast.Pass())
check("wrong mode", mod(ast.Pass()), "eval")
check("expression mode", ast.Expression(c(1)), "exec")
check("stmt in expr list", expr(ast.List([ast.Pass()], L)))

# ----- validator: contexts -----
check("assign Load target", stmt(ast.Assign([n("x")], c(1))))
check("del Store", stmt(ast.Delete([n("x", S)])))
check("assign to call", stmt(ast.Assign([ast.Call(n("f"), [], [])], c(1))))
check("aug Load", stmt(ast.AugAssign(n("x"), ast.Add(), c(1))))
check("for Load target", stmt(ast.For(n("x"), n("y"), [ast.Pass()], [])))
check("starred ctx", stmt(ast.Assign([ast.Starred(n("x"), S)], c(1))))
check("starred value ctx", stmt(ast.Assign([ast.Starred(n("x", L), S)], c(1))))
check("tuple elt ctx", stmt(ast.Assign([ast.Tuple([n("a", L)], S)], c(1))))
check("attribute value ctx", expr(ast.Attribute(n("x", S), "y", L)))
check("subscript slice ctx", expr(ast.Subscript(n("x"), n("i", S), L)))
check("comprehension target Load",
      expr(ast.ListComp(n("x"), [ast.comprehension(n("x"), n("y"), [], 0)])))

# ----- validator: bodies and lists -----
check("empty FunctionDef", stmt(ast.FunctionDef("f", args(), [], [])))
check("empty AsyncFunctionDef", stmt(ast.AsyncFunctionDef("f", args(), [], [])))
check("empty ClassDef", stmt(ast.ClassDef("C", [], [], [], [])))
check("empty For", stmt(ast.For(n("x", S), n("y"), [], [])))
check("empty While", stmt(ast.While(n("x"), [], [])))
check("empty If", stmt(ast.If(n("x"), [], [])))
check("empty With items", stmt(ast.With([], [ast.Pass()])))
check("empty With body", stmt(ast.With([ast.withitem(n("x"))], [])))
check("empty Delete", stmt(ast.Delete([])))
check("empty Assign", stmt(ast.Assign([], c(1))))
check("empty Import", stmt(ast.Import([])))
check("empty ImportFrom", stmt(ast.ImportFrom("m", [], 0)))
check("empty Global", stmt(ast.Global([])))
check("empty Nonlocal", stmt(ast.Nonlocal([])))
check("empty Match", stmt(ast.Match(n("x"), [])))
check("None in body", mod(None))
check("None in exprs", expr(ast.List([None], L)))
check("Try empty", stmt(ast.Try([], [], [], [])))
check("Try nothing", stmt(ast.Try([ast.Pass()], [], [], [])))
check("Try orelse", stmt(ast.Try([ast.Pass()], [], [ast.Pass()], [ast.Pass()])))
check("TryStar nothing", stmt(ast.TryStar([ast.Pass()], [], [], [])))
check("handler empty", stmt(ast.Try([ast.Pass()], [ast.ExceptHandler(None, "e", [])], [], [])))
check("Raise cause only", stmt(ast.Raise(None, n("x"))))
check("AnnAssign simple attr", stmt(ast.AnnAssign(ast.Attribute(n("a"), "b", S), n("int"), None, 1)))
check("BoolOp one", expr(ast.BoolOp(ast.And(), [n("x")])))
check("Dict mismatch", expr(ast.Dict([n("a")], [])))
check("Compare none", expr(ast.Compare(n("x"), [], [])))
check("Compare mismatch", expr(ast.Compare(n("x"), [ast.Eq()], [n("y"), n("z")])))
check("no generators", expr(ast.ListComp(n("x"), [])))
check("too many defaults", expr(ast.Lambda(args(defaults=[c(1)]), c(1))))
check("kw_defaults", expr(ast.Lambda(args(kwonlyargs=[ast.arg("a")]), c(1))))
check("Constant list", expr(c([1])))
check("Constant type", expr(c(int)))
check("Constant nested", expr(c((1, (2, [3])))))
check("Name None", expr(n("None")), "exec")
check("Name True", ast.Expression(n("True")), "eval")
check("Constant ok", ast.Expression(c((1, frozenset({2}), b"x", None, ...))), "eval")

# ----- validator: positions -----
for (l, el) in [(10, 1), (-10, -11), (10, -11), (-5, -2), (-5, 1), (3, 3)]:
    t = ast.parse("a = 1")
    t.body[0].lineno, t.body[0].end_lineno = l, el
    check(f"lines {l}:{el}", t, fix=False)
for (co, eco) in [(10, 1), (-10, -11), (10, -11), (-5, -2), (-5, 1), (-1, -1)]:
    t = ast.parse("a = 1")
    t.body[0].col_offset, t.body[0].end_col_offset = co, eco
    check(f"cols {co}:{eco}", t, fix=False)

# ----- validator: patterns -----
def case(p):
    return stmt(ast.Match(n("x"), [ast.match_case(p, None, [ast.Pass()])]))


check("MatchValue name", case(ast.MatchValue(n("y"))))
check("MatchValue None", case(ast.MatchValue(c(None))))
check("MatchValue tuple", case(ast.MatchValue(c((1,)))))
check("MatchValue Store", case(ast.MatchValue(ast.Attribute(n("a"), "b", S))))
check("MatchSingleton str", case(ast.MatchSingleton("s")))
check("MatchStar top", case(ast.MatchStar("r")))
check("MatchStar ok", case(ast.MatchSequence([ast.MatchStar("r")])))
check("MatchAs _", case(ast.MatchAs(None, "_")))
check("MatchAs False", case(ast.MatchAs(None, "False")))
check("MatchAs no name", case(ast.MatchAs(ast.MatchAs(None, "a"), None)))
check("MatchOr one", case(ast.MatchOr([ast.MatchAs(None, "a")])))
check("MatchOr none", case(ast.MatchOr([])))
check("MatchMapping mismatch", case(ast.MatchMapping([c(1)], [], None)))
check("MatchMapping rest _", case(ast.MatchMapping([], [], "_")))
check("MatchMapping key name", case(ast.MatchMapping([n("k")], [ast.MatchAs(None, "v")], None)))
check("MatchClass call cls", case(ast.MatchClass(ast.Call(n("C"), [], []), [], [], [])))
check("MatchClass mismatch", case(ast.MatchClass(n("C"), [], ["a"], [])))
check("MatchClass attr None", case(ast.MatchClass(n("C"), [], ["None"], [ast.MatchAs(None, "v")])))
check("MatchClass ok", case(ast.MatchClass(ast.Attribute(n("m"), "C", L), [], [], [])))

# ----- nesting: obj2ast's order and recursion limit -----
deep = ast.Constant(1)
for _ in range(100000):
    deep = ast.UnaryOp(ast.USub(), deep)
check("deep without positions", ast.Expression(deep, lineno=1, col_offset=0), "eval", fix=False)
cyc = ast.UnaryOp(ast.USub(), None, lineno=1, col_offset=0)
cyc.operand = cyc
check("cyclic", ast.Expression(cyc), "eval", fix=False)
