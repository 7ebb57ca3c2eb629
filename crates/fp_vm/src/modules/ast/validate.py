
# The checks compile() makes on an AST object after converting it (CPython's PyAST_Validate):
# contexts, empty bodies, positions, constants, patterns — same exception types and messages.
# `to_ruff.rs` has already checked every field's presence and type, so the walk can read
# fields directly. Kept out of the module's namespace: the VM holds `_validate` privately.


class _V:
    _CONST_TYPES = (int, float, complex, bool, str, bytes)

    def mod(self, m):
        if isinstance(m, Expression):
            self.expr(m.body, 'Load')
        else:
            self.stmts(m.body)

    # ----- helpers -----

    def positions(self, n):
        lineno = n.lineno
        col = n.col_offset
        end_lineno = getattr(n, 'end_lineno', None)
        end_col = getattr(n, 'end_col_offset', None)
        if end_lineno is None:
            end_lineno = lineno
        if end_col is None:
            end_col = col
        if lineno > end_lineno:
            raise ValueError(f"AST node line range ({lineno}, {end_lineno}) is not valid")
        if (lineno < 0 and end_lineno != lineno) or (col < 0 and col != end_col):
            raise ValueError(f"AST node column range ({col}, {end_col}) for line range "
                             f"({lineno}, {end_lineno}) is not valid")
        if lineno == end_lineno and col > end_col:
            raise ValueError(f"line {lineno}, column {col}-{end_col} is not a valid range")

    def nonempty(self, seq, what, owner):
        if not seq:
            raise ValueError(f"empty {what} on {owner}")

    def body(self, seq, owner):
        self.nonempty(seq, 'body', owner)
        self.stmts(seq)

    def stmts(self, seq):
        for s in seq:
            if s is None:
                raise ValueError("None disallowed in statement list")
            self.stmt(s)

    def exprs(self, seq, ctx, null_ok=False):
        for e in seq:
            if e is None:
                if not null_ok:
                    raise ValueError("None disallowed in expression list")
            else:
                self.expr(e, ctx)

    def opt(self, e):
        if e is not None:
            self.expr(e, 'Load')

    def name(self, name):
        if name in ('None', 'True', 'False'):
            raise ValueError(f"identifier field can't represent '{name}' constant")

    def constant(self, value):
        # The innermost value of a wrong type is the one named.
        if value is None or value is ...:
            return
        if type(value) in self._CONST_TYPES:
            return
        if type(value) in (tuple, frozenset):
            for v in value:
                self.constant(v)
            return
        raise TypeError(f"got an invalid type in Constant: {type(value).__name__}")

    # ----- statements -----

    def stmt(self, s):
        self.positions(s)
        k = type(s)
        if isinstance(s, (FunctionDef, AsyncFunctionDef)):
            self.body(s.body, 'AsyncFunctionDef' if isinstance(s, AsyncFunctionDef)
                      else 'FunctionDef')
            self.arguments(s.args)
            self.exprs(s.decorator_list, 'Load')
            self.opt(s.returns)
        elif isinstance(s, ClassDef):
            self.body(s.body, 'ClassDef')
            self.exprs(s.bases, 'Load')
            self.keywords(s.keywords)
            self.exprs(s.decorator_list, 'Load')
        elif isinstance(s, Return):
            self.opt(s.value)
        elif isinstance(s, Delete):
            self.nonempty(s.targets, 'targets', 'Delete')
            self.exprs(s.targets, 'Del')
        elif isinstance(s, Assign):
            self.nonempty(s.targets, 'targets', 'Assign')
            self.exprs(s.targets, 'Store')
            self.expr(s.value, 'Load')
        elif isinstance(s, AugAssign):
            self.expr(s.target, 'Store')
            self.expr(s.value, 'Load')
        elif isinstance(s, AnnAssign):
            if s.simple and not isinstance(s.target, Name):
                raise TypeError("AnnAssign with simple non-Name target")
            self.expr(s.target, 'Store')
            self.opt(s.value)
            self.expr(s.annotation, 'Load')
        elif isinstance(s, (For, AsyncFor)):
            self.expr(s.target, 'Store')
            self.expr(s.iter, 'Load')
            self.body(s.body, 'AsyncFor' if isinstance(s, AsyncFor) else 'For')
            self.stmts(s.orelse)
        elif isinstance(s, While):
            self.expr(s.test, 'Load')
            self.body(s.body, 'While')
            self.stmts(s.orelse)
        elif isinstance(s, If):
            self.expr(s.test, 'Load')
            self.body(s.body, 'If')
            self.stmts(s.orelse)
        elif isinstance(s, (With, AsyncWith)):
            owner = 'AsyncWith' if isinstance(s, AsyncWith) else 'With'
            self.nonempty(s.items, 'items', owner)
            for item in s.items:
                self.expr(item.context_expr, 'Load')
                if item.optional_vars is not None:
                    self.expr(item.optional_vars, 'Store')
            self.body(s.body, owner)
        elif isinstance(s, Match):
            self.expr(s.subject, 'Load')
            self.nonempty(s.cases, 'cases', 'Match')
            for case in s.cases:
                self.pattern(case.pattern, False)
                self.opt(case.guard)
                self.body(case.body, 'match_case')
        elif isinstance(s, Raise):
            if s.exc is not None:
                self.expr(s.exc, 'Load')
                self.opt(s.cause)
            elif s.cause is not None:
                raise ValueError("Raise with cause but no exception")
        elif isinstance(s, (Try, TryStar)):
            owner = 'TryStar' if isinstance(s, TryStar) else 'Try'
            self.body(s.body, owner)
            if not s.handlers and not s.finalbody:
                raise ValueError(f"{owner} has neither except handlers nor finalbody")
            if not s.handlers and s.orelse:
                raise ValueError(f"{owner} has orelse but no except handlers")
            for h in s.handlers:
                self.positions(h)
                self.opt(h.type)
                self.body(h.body, 'ExceptHandler')
            if s.finalbody:
                self.stmts(s.finalbody)
            if s.orelse:
                self.stmts(s.orelse)
        elif isinstance(s, Assert):
            self.expr(s.test, 'Load')
            self.opt(s.msg)
        elif isinstance(s, Import):
            self.nonempty(s.names, 'names', 'Import')
        elif isinstance(s, ImportFrom):
            if s.level is not None and s.level < 0:
                raise ValueError("Negative ImportFrom level")
            self.nonempty(s.names, 'names', 'ImportFrom')
        elif isinstance(s, Global):
            self.nonempty(s.names, 'names', 'Global')
        elif isinstance(s, Nonlocal):
            self.nonempty(s.names, 'names', 'Nonlocal')
        elif isinstance(s, Expr):
            self.expr(s.value, 'Load')

    def keywords(self, kws):
        for kw in kws:
            self.expr(kw.value, 'Load')

    def args(self, args):
        for a in args:
            self.positions(a)
            self.opt(a.annotation)

    def arguments(self, a):
        self.args(a.posonlyargs)
        self.args(a.args)
        if a.vararg is not None:
            self.opt(a.vararg.annotation)
        self.args(a.kwonlyargs)
        if a.kwarg is not None:
            self.opt(a.kwarg.annotation)
        if len(a.defaults) > len(a.posonlyargs) + len(a.args):
            raise ValueError("more positional defaults than args on arguments")
        if len(a.kw_defaults) != len(a.kwonlyargs):
            raise ValueError("length of kwonlyargs is not the same as kw_defaults on arguments")
        self.exprs(a.defaults, 'Load')
        self.exprs(a.kw_defaults, 'Load', True)

    def comprehension(self, gens):
        if not gens:
            raise ValueError("comprehension with no generators")
        for g in gens:
            self.expr(g.target, 'Store')
            self.expr(g.iter, 'Load')
            self.exprs(g.ifs, 'Load')

    # ----- expressions -----

    def expr(self, e, ctx):
        self.positions(e)
        if isinstance(e, (Attribute, Subscript, Starred, Name, List, Tuple)):
            actual = type(e.ctx).__name__
            if isinstance(e.ctx, Load):
                actual = 'Load'
            elif isinstance(e.ctx, Store):
                actual = 'Store'
            elif isinstance(e.ctx, Del):
                actual = 'Del'
            if actual != ctx:
                raise ValueError(f"expression must have {ctx} context but has {actual} instead")
        elif ctx != 'Load':
            raise ValueError(f"expression which can't be assigned to in {ctx} context")
        if isinstance(e, BoolOp):
            if len(e.values) < 2:
                raise ValueError("BoolOp with less than 2 values")
            self.exprs(e.values, 'Load')
        elif isinstance(e, BinOp):
            self.expr(e.left, 'Load')
            self.expr(e.right, 'Load')
        elif isinstance(e, UnaryOp):
            self.expr(e.operand, 'Load')
        elif isinstance(e, Lambda):
            self.arguments(e.args)
            self.expr(e.body, 'Load')
        elif isinstance(e, IfExp):
            self.expr(e.test, 'Load')
            self.expr(e.body, 'Load')
            self.expr(e.orelse, 'Load')
        elif isinstance(e, Dict):
            if len(e.keys) != len(e.values):
                raise ValueError("Dict doesn't have the same number of keys as values")
            self.exprs(e.keys, 'Load', True)
            self.exprs(e.values, 'Load')
        elif isinstance(e, Set):
            self.exprs(e.elts, 'Load')
        elif isinstance(e, (ListComp, SetComp, GeneratorExp)):
            self.comprehension(e.generators)
            self.expr(e.elt, 'Load')
        elif isinstance(e, DictComp):
            self.comprehension(e.generators)
            self.expr(e.key, 'Load')
            self.expr(e.value, 'Load')
        elif isinstance(e, Yield):
            self.opt(e.value)
        elif isinstance(e, (YieldFrom, Await)):
            self.expr(e.value, 'Load')
        elif isinstance(e, Compare):
            if not e.comparators:
                raise ValueError("Compare with no comparators")
            if len(e.comparators) != len(e.ops):
                raise ValueError("Compare has a different number of comparators and operands")
            self.exprs(e.comparators, 'Load')
            self.expr(e.left, 'Load')
        elif isinstance(e, Call):
            self.expr(e.func, 'Load')
            self.exprs(e.args, 'Load')
            self.keywords(e.keywords)
        elif isinstance(e, Constant):
            self.constant(e.value)
        elif isinstance(e, JoinedStr):
            self.exprs(e.values, 'Load')
        elif isinstance(e, FormattedValue):
            self.expr(e.value, 'Load')
            self.opt(e.format_spec)
        elif isinstance(e, Attribute):
            self.expr(e.value, 'Load')
        elif isinstance(e, Subscript):
            self.expr(e.slice, 'Load')
            self.expr(e.value, 'Load')
        elif isinstance(e, Starred):
            self.expr(e.value, ctx)
        elif isinstance(e, Slice):
            self.opt(e.lower)
            self.opt(e.upper)
            self.opt(e.step)
        elif isinstance(e, (List, Tuple)):
            self.exprs(e.elts, ctx)
        elif isinstance(e, NamedExpr):
            self.expr(e.value, 'Load')
        elif isinstance(e, Name):
            self.name(e.id)

    # ----- patterns -----

    def match_value(self, e):
        self.expr(e, 'Load')
        if isinstance(e, Constant):
            if type(e.value) in (int, float, bytes, complex, str):
                return
            raise ValueError("unexpected constant inside of a literal pattern")
        if isinstance(e, (Attribute, JoinedStr)):
            return
        if isinstance(e, UnaryOp) and isinstance(e.op, USub):
            return
        if isinstance(e, BinOp) and isinstance(e.op, (Add, Sub)):
            return
        raise ValueError("patterns may only match literals and attribute lookups")

    def capture(self, name):
        if name == '_':
            raise ValueError("can't capture name '_' in patterns")
        self.name(name)

    def patterns(self, ps, star_ok):
        for p in ps:
            if p is None:
                raise ValueError("None disallowed in pattern list")
            self.pattern(p, star_ok)

    def pattern(self, p, star_ok):
        self.positions(p)
        if isinstance(p, MatchValue):
            self.match_value(p.value)
        elif isinstance(p, MatchSingleton):
            if p.value not in (None, True, False) or type(p.value) not in (type(None), bool):
                raise ValueError("MatchSingleton can only contain True, False and None")
        elif isinstance(p, MatchSequence):
            self.patterns(p.patterns, True)
        elif isinstance(p, MatchMapping):
            if len(p.keys) != len(p.patterns):
                raise ValueError("MatchMapping doesn't have the same number of keys as patterns")
            if p.rest is not None:
                self.capture(p.rest)
            for key in p.keys:
                if isinstance(key, Constant) and (key.value is None or type(key.value) is bool):
                    continue
                self.match_value(key)
            self.patterns(p.patterns, False)
        elif isinstance(p, MatchClass):
            if len(p.kwd_attrs) != len(p.kwd_patterns):
                raise ValueError("MatchClass doesn't have the same number of keyword "
                                 "attributes as patterns")
            self.expr(p.cls, 'Load')
            cls = p.cls
            while True:
                if isinstance(cls, Name):
                    break
                if isinstance(cls, Attribute):
                    cls = cls.value
                    continue
                raise ValueError("MatchClass cls field can only contain Name or Attribute nodes.")
            for attr in p.kwd_attrs:
                self.name(attr)
            self.patterns(p.patterns, False)
            self.patterns(p.kwd_patterns, False)
        elif isinstance(p, MatchStar):
            if not star_ok:
                raise ValueError("can't use MatchStar here")
            if p.name is not None:
                self.capture(p.name)
        elif isinstance(p, MatchAs):
            if p.name is not None:
                self.capture(p.name)
            if p.pattern is not None:
                if p.name is None:
                    raise ValueError("MatchAs must specify a target name if a pattern is given")
                self.pattern(p.pattern, False)
        elif isinstance(p, MatchOr):
            if len(p.patterns) < 2:
                raise ValueError("MatchOr requires at least 2 patterns")
            self.patterns(p.patterns, False)


# Only the bound method stays (the VM takes it out of the namespace too).
_validate = _V().mod
del _V
