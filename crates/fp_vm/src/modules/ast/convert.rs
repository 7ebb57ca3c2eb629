//! Converts ruff's parse tree into CPython 3.11's AST objects (instances of the `_ast` node
//! classes), as `compile(..., PyCF_ONLY_AST)` returns them: same node kinds, fields, and
//! positions (1-based lines, UTF-8 byte columns) — including 3.11's quirks: decorated
//! definitions start at `def`/`class`, `elif` becomes a nested `If`, and the parts of an
//! f-string carry the location of the whole string.

use fp_compiler::ruff_python_ast as ast;
use fp_compiler::ruff_text_size::{Ranged, TextRange};

use crate::ops;
use crate::types::dict;
use crate::types::list::new_list;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

use ast::{Expr, Pattern, Stmt};

/// The state of one conversion: the source (for positions and number literals) and the
/// namespace of `_ast` where the node classes live.
pub struct Conv<'a> {
    /// The text the tree was parsed from: a slice of the source starting `shift` bytes in.
    src: &'a str,
    shift: usize,
    /// Line starts of the whole source.
    line_starts: Vec<usize>,
    classes: Value,
    /// With `type_comments=True`: the source's `# type:` comments (not the ignores), each
    /// marked once a node takes it; a def with two records `two_on_def`.
    pub type_comments: std::cell::RefCell<Vec<(fp_compiler::TypeComment, bool)>>,
    pub two_on_def: std::cell::Cell<Option<(u32, u32)>>,
}

type Fields<'f> = &'f [(&'static str, Value)];

impl<'a> Conv<'a> {
    pub fn new(src: &'a str, classes: Value) -> Self {
        Self::new_part(src, src, 0, classes)
    }

    /// A conversion of a tree parsed from `part`, the text of `full` from byte `shift` on.
    pub fn new_part(full: &str, part: &'a str, shift: usize, classes: Value) -> Self {
        let bytes = full.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line_starts.push(i + 1);
            }
        }
        Conv {
            src: part,
            shift,
            line_starts,
            classes,
            type_comments: std::cell::RefCell::new(Vec::new()),
            two_on_def: std::cell::Cell::new(None),
        }
    }

    /// The text of the first unused type comment starting in `lo..hi` (byte offsets of the
    /// parsed text), marking it used; None (Python None) when there is none.
    fn take_comment(&self, vm: &mut Vm, lo: u32, hi: u32) -> Value {
        match self.take_comment_text(lo, hi) {
            Some(t) => vm.new_str(&t),
            None => Value::NONE,
        }
    }

    fn take_comment_text(&self, lo: u32, hi: u32) -> Option<String> {
        let mut tcs = self.type_comments.borrow_mut();
        let (lo, hi) = (lo as usize + self.shift, hi as usize + self.shift);
        for (c, used) in tcs.iter_mut() {
            if !*used && (lo..hi).contains(&(c.start as usize)) {
                *used = true;
                return Some(c.text.clone());
            }
        }
        None
    }

    /// The end of the line holding byte offset `at` (offset of its line break).
    fn line_end(&self, at: u32) -> u32 {
        let b = self.src.as_bytes();
        let mut i = at as usize;
        while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        i as u32
    }

    /// (1-based line, byte column) of a byte offset.
    fn pos(&self, offset: u32) -> (i64, i64) {
        let off = offset as usize + self.shift;
        let line = self.line_starts.partition_point(|&s| s <= off).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        (line as i64, off.saturating_sub(start) as i64)
    }

    fn text(&self, r: TextRange) -> &str {
        self.src
            .get(r.start().to_usize()..r.end().to_usize())
            .unwrap_or("")
    }

    /// An instance of node class `cls` with `fields` (in order), then the location attributes
    /// when `range` is given.
    pub fn node(
        &self,
        vm: &mut Vm,
        cls: &str,
        fields: Fields,
        range: Option<TextRange>,
    ) -> PyResult {
        let Some(ty) = dict::get_str(self.classes, cls) else {
            return Err(vm.system_error(format!("_ast has no node class {cls}")));
        };
        let obj = crate::types::object::alloc_instance(vm, ty)?;
        for &(name, value) in fields {
            let n = vm.intern(name);
            ops::attr::setattr(vm, obj, n, value)?;
        }
        if let Some(r) = range {
            self.set_location(vm, obj, r)?;
        }
        Ok(obj)
    }

    fn set_location(&self, vm: &mut Vm, obj: Value, r: TextRange) -> PyResult<()> {
        {
            let (l, c) = self.pos(r.start().into());
            let (el, ec) = self.pos(r.end().into());
            for (name, v) in [
                ("lineno", l),
                ("col_offset", c),
                ("end_lineno", el),
                ("end_col_offset", ec),
            ] {
                let n = vm.intern(name);
                let v = crate::types::int::from_i64(vm, v);
                ops::attr::setattr(vm, obj, n, v)?;
            }
        }
        Ok(())
    }

    /// The range 3.11 gives a bare tuple in f-string braces (`f"{a, b}"`): it parses the
    /// text between the brace and the terminator as if parenthesized, so the tuple spans from
    /// `{` through the `}`, `!`, `:` or `=` after it.
    fn fstring_tuple_range(&self, r: TextRange) -> TextRange {
        let b = self.src.as_bytes();
        let mut start = r.start().to_usize();
        while start > 0 && b.get(start - 1).is_some_and(|c| c.is_ascii_whitespace()) {
            start -= 1;
        }
        start = start.saturating_sub(1);
        let mut end = r.end().to_usize();
        while b.get(end).is_some_and(|c| c.is_ascii_whitespace()) {
            end += 1;
        }
        end = (end + 1).min(b.len());
        let (s32, e32) = (
            u32::try_from(start).unwrap_or(0),
            u32::try_from(end).unwrap_or(0),
        );
        TextRange::new(s32.into(), e32.max(s32).into())
    }

    /// The shared instance of a field-less node class (operators, contexts), as CPython
    /// reuses one per class.
    fn singleton(&self, vm: &mut Vm, cls: &str) -> PyResult {
        let key = format!("_ast.singleton.{cls}");
        if let Some(v) = vm.state_get(&key) {
            return Ok(v);
        }
        let v = self.node(vm, cls, &[], None)?;
        vm.state_set(&key, v);
        Ok(v)
    }

    fn s(&self, vm: &mut Vm, s: &str) -> Value {
        vm.new_str(s)
    }

    fn opt_ident(&self, vm: &mut Vm, i: Option<&ast::Identifier>) -> Value {
        match i {
            Some(i) => vm.new_str(i.id.as_str()),
            None => Value::NONE,
        }
    }

    fn int(&self, vm: &mut Vm, i: i64) -> Value {
        crate::types::int::from_i64(vm, i)
    }

    // ----- modules -----

    pub fn module(&self, vm: &mut Vm, m: &ast::ModModule) -> PyResult {
        let body = self.stmts(vm, &m.body)?;
        let ti = new_list(vm, Vec::new());
        self.node(vm, "Module", &[("body", body), ("type_ignores", ti)], None)
    }

    pub fn interactive(&self, vm: &mut Vm, m: &ast::ModModule) -> PyResult {
        let body = self.stmts(vm, &m.body)?;
        self.node(vm, "Interactive", &[("body", body)], None)
    }

    pub fn expression(&self, vm: &mut Vm, m: &ast::ModExpression) -> PyResult {
        let body = self.expr(vm, &m.body)?;
        self.node(vm, "Expression", &[("body", body)], None)
    }

    // ----- statements -----

    fn stmts(&self, vm: &mut Vm, body: &[Stmt]) -> PyResult {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            out.push(self.stmt(vm, s)?);
        }
        Ok(new_list(vm, out))
    }

    pub fn exprs(&self, vm: &mut Vm, es: &[Expr]) -> PyResult {
        let mut out = Vec::with_capacity(es.len());
        for e in es {
            out.push(self.expr(vm, e)?);
        }
        Ok(new_list(vm, out))
    }

    fn opt_expr(&self, vm: &mut Vm, e: Option<&Expr>) -> PyResult {
        match e {
            Some(e) => self.expr(vm, e),
            None => Ok(Value::NONE),
        }
    }

    fn decorators(&self, vm: &mut Vm, ds: &[ast::Decorator]) -> PyResult {
        let mut out = Vec::with_capacity(ds.len());
        for d in ds {
            out.push(self.expr(vm, &d.expression)?);
        }
        Ok(new_list(vm, out))
    }

    /// The range of a decorated definition as CPython reports it: from its `def`/`async`/
    /// `class` keyword (after the decorators and the comments between them) to its end.
    fn def_range(&self, range: TextRange, ds: &[ast::Decorator]) -> TextRange {
        let Some(last) = ds.last() else {
            return range;
        };
        let bytes = self.src.as_bytes();
        let mut i = last.range.end().to_usize();
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\\' => i += 1,
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        let start = u32::try_from(i).unwrap_or(0);
        TextRange::new(start.into(), range.end().max(start.into()))
    }

    /// The range of a compound statement (or except clause) as CPython reports it: its block
    /// ends at the last token, so a `;` after the last simple statement counts.
    fn block_range(&self, r: TextRange) -> TextRange {
        let b = self.src.as_bytes();
        let mut i = r.end().to_usize();
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\x0c')) {
            i += 1;
        }
        if b.get(i) == Some(&b';') {
            let end = u32::try_from(i + 1).unwrap_or(0);
            return TextRange::new(r.start(), r.end().max(end.into()));
        }
        r
    }

    fn stmt(&self, vm: &mut Vm, s: &Stmt) -> PyResult {
        let r = match s {
            Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::If(_)
            | Stmt::With(_)
            | Stmt::Match(_)
            | Stmt::Try(_) => Some(self.block_range(s.range())),
            _ => Some(s.range()),
        };
        match s {
            Stmt::FunctionDef(f) => {
                let args = self.parameters(vm, Some(&f.parameters))?;
                // After the signature, on the `def` line or alone on the next one.
                let lo: u32 = f
                    .returns
                    .as_ref()
                    .map_or(f.parameters.range.end(), |r| r.range().end())
                    .into();
                let hi: u32 = f
                    .body
                    .first()
                    .map_or(f.range.end(), |b| b.range().start())
                    .into();
                let tc = self.take_comment(vm, lo, hi);
                if !tc.is_none() && self.take_comment_text(lo, hi).is_some() {
                    // CPython reports it at the body's first statement.
                    let at = f
                        .body
                        .first()
                        .map_or(f.range.start(), |b| b.range().start());
                    let (l, c) = self.pos(at.into());
                    self.two_on_def
                        .set(self.two_on_def.get().or(Some((l as u32, c as u32))));
                }
                let body = self.stmts(vm, &f.body)?;
                let decos = self.decorators(vm, &f.decorator_list)?;
                let returns = self.opt_expr(vm, f.returns.as_deref())?;
                let name = self.s(vm, f.name.id.as_str());
                let cls = if f.is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                let range = self.def_range(self.block_range(f.range), &f.decorator_list);
                self.node(
                    vm,
                    cls,
                    &[
                        ("name", name),
                        ("args", args),
                        ("body", body),
                        ("decorator_list", decos),
                        ("returns", returns),
                        ("type_comment", tc),
                    ],
                    Some(range),
                )
            }
            Stmt::ClassDef(c) => {
                let (bases, keywords) = match c.arguments.as_deref() {
                    Some(a) => self.call_args(vm, a)?,
                    None => (new_list(vm, Vec::new()), new_list(vm, Vec::new())),
                };
                let body = self.stmts(vm, &c.body)?;
                let decos = self.decorators(vm, &c.decorator_list)?;
                let name = self.s(vm, c.name.id.as_str());
                let range = self.def_range(self.block_range(c.range), &c.decorator_list);
                self.node(
                    vm,
                    "ClassDef",
                    &[
                        ("name", name),
                        ("bases", bases),
                        ("keywords", keywords),
                        ("body", body),
                        ("decorator_list", decos),
                    ],
                    Some(range),
                )
            }
            Stmt::Return(x) => {
                let v = self.opt_expr(vm, x.value.as_deref())?;
                self.node(vm, "Return", &[("value", v)], r)
            }
            Stmt::Delete(x) => {
                let t = self.exprs(vm, &x.targets)?;
                self.node(vm, "Delete", &[("targets", t)], r)
            }
            Stmt::Assign(x) => {
                let t = self.exprs(vm, &x.targets)?;
                let v = self.expr(vm, &x.value)?;
                let end = x.range.end().into();
                let tc = self.take_comment(vm, end, self.line_end(end));
                self.node(
                    vm,
                    "Assign",
                    &[("targets", t), ("value", v), ("type_comment", tc)],
                    r,
                )
            }
            Stmt::AugAssign(x) => {
                let t = self.expr(vm, &x.target)?;
                let op = self.operator(vm, x.op)?;
                let v = self.expr(vm, &x.value)?;
                self.node(
                    vm,
                    "AugAssign",
                    &[("target", t), ("op", op), ("value", v)],
                    r,
                )
            }
            Stmt::AnnAssign(x) => {
                let t = self.expr(vm, &x.target)?;
                let a = self.expr(vm, &x.annotation)?;
                let v = self.opt_expr(vm, x.value.as_deref())?;
                let simple = self.int(vm, x.simple as i64);
                self.node(
                    vm,
                    "AnnAssign",
                    &[
                        ("target", t),
                        ("annotation", a),
                        ("value", v),
                        ("simple", simple),
                    ],
                    r,
                )
            }
            Stmt::For(x) => {
                let t = self.expr(vm, &x.target)?;
                let it = self.expr(vm, &x.iter)?;
                let body = self.stmts(vm, &x.body)?;
                let orelse = self.stmts(vm, &x.orelse)?;
                let cls = if x.is_async { "AsyncFor" } else { "For" };
                let end = x.iter.range().end().into();
                let tc = self.take_comment(vm, end, self.line_end(end));
                self.node(
                    vm,
                    cls,
                    &[
                        ("target", t),
                        ("iter", it),
                        ("body", body),
                        ("orelse", orelse),
                        ("type_comment", tc),
                    ],
                    r,
                )
            }
            Stmt::While(x) => {
                let t = self.expr(vm, &x.test)?;
                let body = self.stmts(vm, &x.body)?;
                let orelse = self.stmts(vm, &x.orelse)?;
                self.node(
                    vm,
                    "While",
                    &[("test", t), ("body", body), ("orelse", orelse)],
                    r,
                )
            }
            Stmt::If(x) => {
                let test = self.expr(vm, &x.test)?;
                let body = self.stmts(vm, &x.body)?;
                let orelse = self.elif_chain(vm, &x.elif_else_clauses)?;
                self.node(
                    vm,
                    "If",
                    &[("test", test), ("body", body), ("orelse", orelse)],
                    r,
                )
            }
            Stmt::With(x) => {
                let mut items = Vec::new();
                for it in &x.items {
                    let ce = self.expr(vm, &it.context_expr)?;
                    let ov = self.opt_expr(vm, it.optional_vars.as_deref())?;
                    items.push(self.node(
                        vm,
                        "withitem",
                        &[("context_expr", ce), ("optional_vars", ov)],
                        None,
                    )?);
                }
                let items = new_list(vm, items);
                let end: u32 = x
                    .items
                    .last()
                    .map_or(x.range.start(), |i| i.range.end())
                    .into();
                let tc = self.take_comment(vm, end, self.line_end(end));
                let body = self.stmts(vm, &x.body)?;
                let cls = if x.is_async { "AsyncWith" } else { "With" };
                self.node(
                    vm,
                    cls,
                    &[("items", items), ("body", body), ("type_comment", tc)],
                    r,
                )
            }
            Stmt::Match(x) => {
                let subject = self.expr(vm, &x.subject)?;
                let mut cases = Vec::new();
                for c in &x.cases {
                    let p = self.pattern(vm, &c.pattern)?;
                    let g = self.opt_expr(vm, c.guard.as_deref())?;
                    let body = self.stmts(vm, &c.body)?;
                    cases.push(self.node(
                        vm,
                        "match_case",
                        &[("pattern", p), ("guard", g), ("body", body)],
                        None,
                    )?);
                }
                let cases = new_list(vm, cases);
                self.node(vm, "Match", &[("subject", subject), ("cases", cases)], r)
            }
            Stmt::Raise(x) => {
                let e = self.opt_expr(vm, x.exc.as_deref())?;
                let c = self.opt_expr(vm, x.cause.as_deref())?;
                self.node(vm, "Raise", &[("exc", e), ("cause", c)], r)
            }
            Stmt::Try(x) => {
                let body = self.stmts(vm, &x.body)?;
                let mut hs = Vec::new();
                for h in &x.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let t = self.opt_expr(vm, h.type_.as_deref())?;
                    let n = self.opt_ident(vm, h.name.as_ref());
                    let b = self.stmts(vm, &h.body)?;
                    hs.push(self.node(
                        vm,
                        "ExceptHandler",
                        &[("type", t), ("name", n), ("body", b)],
                        Some(self.block_range(h.range)),
                    )?);
                }
                let hs = new_list(vm, hs);
                let orelse = self.stmts(vm, &x.orelse)?;
                let fin = self.stmts(vm, &x.finalbody)?;
                let cls = if x.is_star { "TryStar" } else { "Try" };
                self.node(
                    vm,
                    cls,
                    &[
                        ("body", body),
                        ("handlers", hs),
                        ("orelse", orelse),
                        ("finalbody", fin),
                    ],
                    r,
                )
            }
            Stmt::Assert(x) => {
                let t = self.expr(vm, &x.test)?;
                let m = self.opt_expr(vm, x.msg.as_deref())?;
                self.node(vm, "Assert", &[("test", t), ("msg", m)], r)
            }
            Stmt::Import(x) => {
                let names = self.aliases(vm, &x.names)?;
                self.node(vm, "Import", &[("names", names)], r)
            }
            Stmt::ImportFrom(x) => {
                let m = self.opt_ident(vm, x.module.as_ref());
                let names = self.aliases(vm, &x.names)?;
                let level = self.int(vm, x.level as i64);
                self.node(
                    vm,
                    "ImportFrom",
                    &[("module", m), ("names", names), ("level", level)],
                    r,
                )
            }
            Stmt::Global(x) => {
                let names: Vec<Value> = x.names.iter().map(|n| vm.new_str(n.id.as_str())).collect();
                let names = new_list(vm, names);
                self.node(vm, "Global", &[("names", names)], r)
            }
            Stmt::Nonlocal(x) => {
                let names: Vec<Value> = x.names.iter().map(|n| vm.new_str(n.id.as_str())).collect();
                let names = new_list(vm, names);
                self.node(vm, "Nonlocal", &[("names", names)], r)
            }
            Stmt::Expr(x) => {
                let v = self.expr(vm, &x.value)?;
                self.node(vm, "Expr", &[("value", v)], r)
            }
            Stmt::Pass(_) => self.node(vm, "Pass", &[], r),
            Stmt::Break(_) => self.node(vm, "Break", &[], r),
            Stmt::Continue(_) => self.node(vm, "Continue", &[], r),
            Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => {
                Err(vm.new_exc(vm.exc.syntax_error, "invalid syntax (not Python 3.11)"))
            }
        }
    }

    /// `elif`/`else` clauses as CPython nests them: each `elif` is an `If` alone in the
    /// previous `orelse`, spanning from its keyword to the end of the chain.
    fn elif_chain(&self, vm: &mut Vm, clauses: &[ast::ElifElseClause]) -> PyResult {
        let Some((first, rest)) = clauses.split_first() else {
            return Ok(new_list(vm, Vec::new()));
        };
        match &first.test {
            None => self.stmts(vm, &first.body),
            Some(test) => {
                let t = self.expr(vm, test)?;
                let body = self.stmts(vm, &first.body)?;
                let orelse = self.elif_chain(vm, rest)?;
                let end = clauses.last().map_or(first.range.end(), |c| c.range.end());
                let range = self.block_range(TextRange::new(first.range.start(), end));
                let node = self.node(
                    vm,
                    "If",
                    &[("test", t), ("body", body), ("orelse", orelse)],
                    Some(range),
                )?;
                Ok(new_list(vm, vec![node]))
            }
        }
    }

    fn aliases(&self, vm: &mut Vm, names: &[ast::Alias]) -> PyResult {
        let mut out = Vec::with_capacity(names.len());
        for a in names {
            let n = self.s(vm, a.name.id.as_str());
            let asn = self.opt_ident(vm, a.asname.as_ref());
            out.push(self.node(vm, "alias", &[("name", n), ("asname", asn)], Some(a.range))?);
        }
        Ok(new_list(vm, out))
    }

    /// `*args` / `**kwargs`: CPython's `arg` starts at the name, after the stars.
    fn star_arg(&self, vm: &mut Vm, p: &ast::Parameter, tcs: &[(u32, String)]) -> PyResult {
        let range = TextRange::new(p.name.range.start(), p.range.end());
        self.arg_at(vm, p, range, tcs)
    }

    fn arg(&self, vm: &mut Vm, p: &ast::Parameter, tcs: &[(u32, String)]) -> PyResult {
        self.arg_at(vm, p, p.range, tcs)
    }

    fn arg_at(
        &self,
        vm: &mut Vm,
        p: &ast::Parameter,
        range: TextRange,
        tcs: &[(u32, String)],
    ) -> PyResult {
        let name = self.s(vm, p.name.id.as_str());
        let ann = self.opt_expr(vm, p.annotation.as_deref())?;
        let at: u32 = p.name.range.start().into();
        let tc = match tcs.iter().find(|(s, _)| *s == at) {
            Some((_, t)) => vm.new_str(t),
            None => Value::NONE,
        };
        self.node(
            vm,
            "arg",
            &[("arg", name), ("annotation", ann), ("type_comment", tc)],
            Some(range),
        )
    }

    /// The type comments of a signature's parameters (`a,  # type: A`): each one after the
    /// parameter (and its comma), before the next one. Keyed by the name's offset.
    fn param_comments(&self, p: &ast::Parameters) -> Vec<(u32, String)> {
        if self.type_comments.borrow().is_empty() {
            return Vec::new();
        }
        let mut spans: Vec<(u32, u32, u32)> = Vec::new();
        for pd in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            let r = pd.range;
            spans.push((
                r.start().into(),
                r.end().into(),
                pd.parameter.name.range.start().into(),
            ));
        }
        for a in p.vararg.iter().chain(&p.kwarg) {
            spans.push((
                a.range.start().into(),
                a.range.end().into(),
                a.name.range.start().into(),
            ));
        }
        spans.sort_unstable();
        let mut out = Vec::new();
        for (i, &(_, end, name)) in spans.iter().enumerate() {
            let hi = spans.get(i + 1).map_or(p.range.end().into(), |s| s.0);
            if let Some(t) = self.take_comment_text(end, hi) {
                out.push((name, t));
            }
        }
        out
    }

    fn parameters(&self, vm: &mut Vm, p: Option<&ast::Parameters>) -> PyResult {
        let empty = ast::Parameters::default();
        let p = p.unwrap_or(&empty);
        let tcs = self.param_comments(p);
        let tcs = &tcs[..];
        let mut posonly = Vec::new();
        let mut args = Vec::new();
        let mut defaults = Vec::new();
        for pd in &p.posonlyargs {
            posonly.push(self.arg(vm, &pd.parameter, tcs)?);
            if let Some(d) = &pd.default {
                defaults.push(self.expr(vm, d)?);
            }
        }
        for pd in &p.args {
            args.push(self.arg(vm, &pd.parameter, tcs)?);
            if let Some(d) = &pd.default {
                defaults.push(self.expr(vm, d)?);
            }
        }
        let vararg = match &p.vararg {
            Some(a) => self.star_arg(vm, a, tcs)?,
            None => Value::NONE,
        };
        let mut kwonly = Vec::new();
        let mut kw_defaults = Vec::new();
        for pd in &p.kwonlyargs {
            kwonly.push(self.arg(vm, &pd.parameter, tcs)?);
            kw_defaults.push(self.opt_expr(vm, pd.default.as_deref())?);
        }
        let kwarg = match &p.kwarg {
            Some(a) => self.star_arg(vm, a, tcs)?,
            None => Value::NONE,
        };
        let posonly = new_list(vm, posonly);
        let args = new_list(vm, args);
        let kwonly = new_list(vm, kwonly);
        let kw_defaults = new_list(vm, kw_defaults);
        let defaults = new_list(vm, defaults);
        self.node(
            vm,
            "arguments",
            &[
                ("posonlyargs", posonly),
                ("args", args),
                ("vararg", vararg),
                ("kwonlyargs", kwonly),
                ("kw_defaults", kw_defaults),
                ("kwarg", kwarg),
                ("defaults", defaults),
            ],
            None,
        )
    }

    /// The positional arguments (with `*x` as `Starred`) and the keywords (with `**x` as a
    /// keyword without name) of a call or class definition.
    fn call_args(&self, vm: &mut Vm, a: &ast::Arguments) -> PyResult<(Value, Value)> {
        let args = match &a.args[..] {
            // A generator expression alone in a call takes the call's parentheses.
            [Expr::Generator(g)] if !g.parenthesized && a.keywords.is_empty() => {
                let elt = self.expr(vm, &g.elt)?;
                let gens = self.comprehensions(vm, &g.generators)?;
                let node = self.node(
                    vm,
                    "GeneratorExp",
                    &[("elt", elt), ("generators", gens)],
                    Some(a.range),
                )?;
                new_list(vm, vec![node])
            }
            _ => self.exprs(vm, &a.args)?,
        };
        let mut kws = Vec::with_capacity(a.keywords.len());
        for k in &a.keywords {
            let name = self.opt_ident(vm, k.arg.as_ref());
            let v = self.expr(vm, &k.value)?;
            kws.push(self.node(vm, "keyword", &[("arg", name), ("value", v)], Some(k.range))?);
        }
        let kws = new_list(vm, kws);
        Ok((args, kws))
    }

    // ----- expressions -----

    fn ctx(&self, vm: &mut Vm, c: ast::ExprContext) -> PyResult {
        let name = match c {
            ast::ExprContext::Store => "Store",
            ast::ExprContext::Del => "Del",
            _ => "Load",
        };
        self.singleton(vm, name)
    }

    fn operator(&self, vm: &mut Vm, op: ast::Operator) -> PyResult {
        use ast::Operator::*;
        let name = match op {
            Add => "Add",
            Sub => "Sub",
            Mult => "Mult",
            MatMult => "MatMult",
            Div => "Div",
            Mod => "Mod",
            Pow => "Pow",
            LShift => "LShift",
            RShift => "RShift",
            BitOr => "BitOr",
            BitXor => "BitXor",
            BitAnd => "BitAnd",
            FloorDiv => "FloorDiv",
        };
        self.singleton(vm, name)
    }

    fn cmpop(&self, vm: &mut Vm, op: ast::CmpOp) -> PyResult {
        use ast::CmpOp::*;
        let name = match op {
            Eq => "Eq",
            NotEq => "NotEq",
            Lt => "Lt",
            LtE => "LtE",
            Gt => "Gt",
            GtE => "GtE",
            Is => "Is",
            IsNot => "IsNot",
            In => "In",
            NotIn => "NotIn",
        };
        self.singleton(vm, name)
    }

    fn comprehensions(&self, vm: &mut Vm, gens: &[ast::Comprehension]) -> PyResult {
        let mut out = Vec::with_capacity(gens.len());
        for g in gens {
            let t = self.expr(vm, &g.target)?;
            let it = self.expr(vm, &g.iter)?;
            let ifs = self.exprs(vm, &g.ifs)?;
            let a = self.int(vm, g.is_async as i64);
            out.push(self.node(
                vm,
                "comprehension",
                &[("target", t), ("iter", it), ("ifs", ifs), ("is_async", a)],
                None,
            )?);
        }
        Ok(new_list(vm, out))
    }

    fn constant(&self, vm: &mut Vm, v: Value, kind: Value, r: TextRange) -> PyResult {
        self.node(vm, "Constant", &[("value", v), ("kind", kind)], Some(r))
    }

    fn int_literal(&self, vm: &mut Vm, i: &ast::Int, r: TextRange) -> PyResult {
        if let Some(v) = i.as_i64() {
            return Ok(self.int(vm, v));
        }
        let text: String = self.text(r).chars().filter(|&c| c != '_').collect();
        let lower = text.to_ascii_lowercase();
        let (digits, radix) = match lower.get(..2) {
            Some("0x") => (&lower[2..], 16),
            Some("0o") => (&lower[2..], 8),
            Some("0b") => (&lower[2..], 2),
            _ => (&lower[..], 10),
        };
        let limit = vm.int_max_str_digits;
        if radix == 10 && limit != 0 && digits.len() > limit {
            // CPython's parser converts the literal and reports the limit as a SyntaxError.
            let n = digits.len();
            return Err(vm.new_exc(
                vm.exc.syntax_error,
                format!(
                    "Exceeds the limit ({limit} digits) for integer string conversion: value has \
                     {n} digits; use sys.set_int_max_str_digits() to increase the limit - \
                     Consider hexadecimal for huge integer literals to avoid decimal conversion \
                     limits."
                ),
            ));
        }
        match num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix) {
            Some(b) => Ok(crate::types::int::from_bigint(vm, b)),
            None => Err(vm.value_error(format!("invalid integer literal {text}"))),
        }
    }

    pub fn expr(&self, vm: &mut Vm, e: &Expr) -> PyResult {
        let range = e.range();
        let r = Some(range);
        match e {
            Expr::BoolOp(x) => {
                let op = self.singleton(
                    vm,
                    match x.op {
                        ast::BoolOp::And => "And",
                        ast::BoolOp::Or => "Or",
                    },
                )?;
                let vs = self.exprs(vm, &x.values)?;
                self.node(vm, "BoolOp", &[("op", op), ("values", vs)], r)
            }
            Expr::Named(x) => {
                let t = self.expr(vm, &x.target)?;
                let v = self.expr(vm, &x.value)?;
                self.node(vm, "NamedExpr", &[("target", t), ("value", v)], r)
            }
            Expr::BinOp(x) => {
                let l = self.expr(vm, &x.left)?;
                let op = self.operator(vm, x.op)?;
                let rt = self.expr(vm, &x.right)?;
                self.node(vm, "BinOp", &[("left", l), ("op", op), ("right", rt)], r)
            }
            Expr::UnaryOp(x) => {
                let op = self.singleton(
                    vm,
                    match x.op {
                        ast::UnaryOp::Invert => "Invert",
                        ast::UnaryOp::Not => "Not",
                        ast::UnaryOp::UAdd => "UAdd",
                        ast::UnaryOp::USub => "USub",
                    },
                )?;
                let o = self.expr(vm, &x.operand)?;
                self.node(vm, "UnaryOp", &[("op", op), ("operand", o)], r)
            }
            Expr::Lambda(x) => {
                let a = self.parameters(vm, x.parameters.as_deref())?;
                let b = self.expr(vm, &x.body)?;
                self.node(vm, "Lambda", &[("args", a), ("body", b)], r)
            }
            Expr::If(x) => {
                let t = self.expr(vm, &x.test)?;
                let b = self.expr(vm, &x.body)?;
                let o = self.expr(vm, &x.orelse)?;
                self.node(vm, "IfExp", &[("test", t), ("body", b), ("orelse", o)], r)
            }
            Expr::Dict(x) => {
                let mut keys = Vec::new();
                let mut values = Vec::new();
                for it in &x.items {
                    keys.push(self.opt_expr(vm, it.key.as_ref())?);
                    values.push(self.expr(vm, &it.value)?);
                }
                let keys = new_list(vm, keys);
                let values = new_list(vm, values);
                self.node(vm, "Dict", &[("keys", keys), ("values", values)], r)
            }
            Expr::Set(x) => {
                let elts = self.exprs(vm, &x.elts)?;
                self.node(vm, "Set", &[("elts", elts)], r)
            }
            Expr::ListComp(x) => {
                let elt = self.expr(vm, &x.elt)?;
                let g = self.comprehensions(vm, &x.generators)?;
                self.node(vm, "ListComp", &[("elt", elt), ("generators", g)], r)
            }
            Expr::SetComp(x) => {
                let elt = self.expr(vm, &x.elt)?;
                let g = self.comprehensions(vm, &x.generators)?;
                self.node(vm, "SetComp", &[("elt", elt), ("generators", g)], r)
            }
            Expr::DictComp(x) => {
                let k = self.opt_expr(vm, x.key.as_deref())?;
                let v = self.expr(vm, &x.value)?;
                let g = self.comprehensions(vm, &x.generators)?;
                self.node(
                    vm,
                    "DictComp",
                    &[("key", k), ("value", v), ("generators", g)],
                    r,
                )
            }
            Expr::Generator(x) => {
                let elt = self.expr(vm, &x.elt)?;
                let g = self.comprehensions(vm, &x.generators)?;
                self.node(vm, "GeneratorExp", &[("elt", elt), ("generators", g)], r)
            }
            Expr::Await(x) => {
                let v = self.expr(vm, &x.value)?;
                self.node(vm, "Await", &[("value", v)], r)
            }
            Expr::Yield(x) => {
                let v = self.opt_expr(vm, x.value.as_deref())?;
                self.node(vm, "Yield", &[("value", v)], r)
            }
            Expr::YieldFrom(x) => {
                let v = self.expr(vm, &x.value)?;
                self.node(vm, "YieldFrom", &[("value", v)], r)
            }
            Expr::Compare(x) => {
                let l = self.expr(vm, &x.left)?;
                let mut ops = Vec::with_capacity(x.ops.len());
                for op in x.ops.iter() {
                    ops.push(self.cmpop(vm, *op)?);
                }
                let ops = new_list(vm, ops);
                let cs = self.exprs(vm, &x.comparators)?;
                self.node(
                    vm,
                    "Compare",
                    &[("left", l), ("ops", ops), ("comparators", cs)],
                    r,
                )
            }
            Expr::Call(x) => {
                let f = self.expr(vm, &x.func)?;
                let (args, kws) = self.call_args(vm, &x.arguments)?;
                self.node(
                    vm,
                    "Call",
                    &[("func", f), ("args", args), ("keywords", kws)],
                    r,
                )
            }
            Expr::FString(x) => self.fstring(vm, x.value.iter(), range),
            Expr::TString(_) => {
                Err(vm.new_exc(vm.exc.syntax_error, "invalid syntax (not Python 3.11)"))
            }
            Expr::StringLiteral(x) => {
                let v = match fp_compiler::string_literal_const(self.src, &x.value) {
                    fp_bytecode::Const::Wtf8Str(b) => match crate::types::str::from_wtf8(&b) {
                        Some(s) => vm.new_string(s),
                        None => vm.new_str(x.value.to_str()),
                    },
                    _ => vm.new_str(x.value.to_str()),
                };
                let kind = if x.value.is_unicode() {
                    vm.new_str("u")
                } else {
                    Value::NONE
                };
                self.constant(vm, v, kind, range)
            }
            Expr::BytesLiteral(x) => {
                let b: Vec<u8> = x.value.bytes().collect();
                let v = crate::types::bytes::new_bytes(vm, b);
                self.constant(vm, v, Value::NONE, range)
            }
            Expr::NumberLiteral(x) => {
                let v = match &x.value {
                    ast::Number::Int(i) => self.int_literal(vm, i, range)?,
                    ast::Number::Float(f) => crate::types::float::new_float(vm, *f),
                    ast::Number::Complex { real, imag } => {
                        crate::types::complex::new_complex(vm, *real, *imag)
                    }
                };
                self.constant(vm, v, Value::NONE, range)
            }
            Expr::BooleanLiteral(x) => {
                let v = if x.value { Value::TRUE } else { Value::FALSE };
                self.constant(vm, v, Value::NONE, range)
            }
            Expr::NoneLiteral(_) => self.constant(vm, Value::NONE, Value::NONE, range),
            Expr::EllipsisLiteral(_) => self.constant(vm, Value::ELLIPSIS, Value::NONE, range),
            Expr::Attribute(x) => {
                let v = self.expr(vm, &x.value)?;
                let a = self.s(vm, x.attr.id.as_str());
                let c = self.ctx(vm, x.ctx)?;
                self.node(vm, "Attribute", &[("value", v), ("attr", a), ("ctx", c)], r)
            }
            Expr::Subscript(x) => {
                let v = self.expr(vm, &x.value)?;
                let s = self.expr(vm, &x.slice)?;
                let c = self.ctx(vm, x.ctx)?;
                self.node(
                    vm,
                    "Subscript",
                    &[("value", v), ("slice", s), ("ctx", c)],
                    r,
                )
            }
            Expr::Starred(x) => {
                let v = self.expr(vm, &x.value)?;
                let c = self.ctx(vm, x.ctx)?;
                self.node(vm, "Starred", &[("value", v), ("ctx", c)], r)
            }
            Expr::Name(x) => {
                let id = self.s(vm, x.id.as_str());
                let c = self.ctx(vm, x.ctx)?;
                self.node(vm, "Name", &[("id", id), ("ctx", c)], r)
            }
            Expr::List(x) => {
                let elts = self.exprs(vm, &x.elts)?;
                let c = self.ctx(vm, x.ctx)?;
                self.node(vm, "List", &[("elts", elts), ("ctx", c)], r)
            }
            Expr::Tuple(x) => {
                let elts = self.exprs(vm, &x.elts)?;
                let c = self.ctx(vm, x.ctx)?;
                self.node(vm, "Tuple", &[("elts", elts), ("ctx", c)], r)
            }
            Expr::Slice(x) => {
                let l = self.opt_expr(vm, x.lower.as_deref())?;
                let u = self.opt_expr(vm, x.upper.as_deref())?;
                let s = self.opt_expr(vm, x.step.as_deref())?;
                self.node(vm, "Slice", &[("lower", l), ("upper", u), ("step", s)], r)
            }
            Expr::IpyEscapeCommand(_) => Err(vm.new_exc(vm.exc.syntax_error, "invalid syntax")),
        }
    }

    // ----- f-strings -----

    /// A (possibly implicitly concatenated) f-string: one `JoinedStr` whose literal parts are
    /// merged, every part placed at the whole string's location as 3.11 does.
    fn fstring<'b>(
        &self,
        vm: &mut Vm,
        parts: impl Iterator<Item = &'b ast::FStringPart>,
        range: TextRange,
    ) -> PyResult {
        let mut values = Vec::new();
        let mut pending = String::new();
        for part in parts {
            match part {
                ast::FStringPart::Literal(s) => pending.push_str(&s.value),
                ast::FStringPart::FString(f) => self.fstring_elements(
                    vm,
                    &f.elements,
                    range,
                    f.range,
                    &mut pending,
                    &mut values,
                )?,
            }
        }
        self.flush_literal(vm, &mut pending, range, &mut values)?;
        let values = new_list(vm, values);
        self.node(vm, "JoinedStr", &[("values", values)], Some(range))
    }

    fn flush_literal(
        &self,
        vm: &mut Vm,
        pending: &mut String,
        range: TextRange,
        values: &mut Vec<Value>,
    ) -> PyResult<()> {
        if !pending.is_empty() {
            let v = vm.new_str(pending);
            pending.clear();
            values.push(self.constant(vm, v, Value::NONE, range)?);
        }
        Ok(())
    }

    fn fstring_elements(
        &self,
        vm: &mut Vm,
        elements: &ast::InterpolatedStringElements,
        range: TextRange,
        part_range: TextRange,
        pending: &mut String,
        values: &mut Vec<Value>,
    ) -> PyResult<()> {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => pending.push_str(&l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = i.conversion as i64;
                    if let Some(d) = &i.debug_text {
                        pending.push_str(d.leading());
                        pending.push_str(self.text(i.expression.range()));
                        pending.push_str(d.trailing());
                        if conversion == -1 && i.format_spec.is_none() {
                            conversion = b'r' as i64;
                        }
                    }
                    self.flush_literal(vm, pending, range, values)?;
                    let v = self.expr(vm, &i.expression)?;
                    if let Expr::Tuple(t) = &*i.expression
                        && !t.parenthesized
                    {
                        self.set_location(vm, v, self.fstring_tuple_range(t.range))?;
                    }
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut sv = Vec::new();
                            let mut sp = String::new();
                            self.fstring_elements(
                                vm,
                                &spec.elements,
                                range,
                                part_range,
                                &mut sp,
                                &mut sv,
                            )?;
                            // 3.11 places a format spec, and the literal that ends it, at
                            // the f-string part holding it (other parts at the whole string).
                            self.flush_literal(vm, &mut sp, part_range, &mut sv)?;
                            let sv = new_list(vm, sv);
                            self.node(vm, "JoinedStr", &[("values", sv)], Some(part_range))?
                        }
                        None => Value::NONE,
                    };
                    let conv = self.int(vm, conversion);
                    values.push(self.node(
                        vm,
                        "FormattedValue",
                        &[("value", v), ("conversion", conv), ("format_spec", spec)],
                        Some(range),
                    )?);
                }
            }
        }
        Ok(())
    }

    // ----- patterns -----

    fn patterns(&self, vm: &mut Vm, ps: &[Pattern]) -> PyResult {
        let mut out = Vec::with_capacity(ps.len());
        for p in ps {
            out.push(self.pattern(vm, p)?);
        }
        Ok(new_list(vm, out))
    }

    fn pattern(&self, vm: &mut Vm, p: &Pattern) -> PyResult {
        let r = Some(p.range());
        match p {
            Pattern::MatchValue(x) => {
                let v = self.expr(vm, &x.value)?;
                self.node(vm, "MatchValue", &[("value", v)], r)
            }
            Pattern::MatchSingleton(x) => {
                let v = match x.value {
                    ast::Singleton::None => Value::NONE,
                    ast::Singleton::True => Value::TRUE,
                    ast::Singleton::False => Value::FALSE,
                };
                self.node(vm, "MatchSingleton", &[("value", v)], r)
            }
            Pattern::MatchSequence(x) => {
                let ps = self.patterns(vm, &x.patterns)?;
                self.node(vm, "MatchSequence", &[("patterns", ps)], r)
            }
            Pattern::MatchMapping(x) => {
                let keys = self.exprs(vm, &x.keys)?;
                let ps = self.patterns(vm, &x.patterns)?;
                let rest = self.opt_ident(vm, x.rest.as_ref());
                self.node(
                    vm,
                    "MatchMapping",
                    &[("keys", keys), ("patterns", ps), ("rest", rest)],
                    r,
                )
            }
            Pattern::MatchClass(x) => {
                let cls = self.expr(vm, &x.cls)?;
                let ps = self.patterns(vm, &x.arguments.patterns)?;
                let mut attrs = Vec::new();
                let mut kps = Vec::new();
                for k in &x.arguments.keywords {
                    attrs.push(vm.new_str(k.attr.id.as_str()));
                    kps.push(self.pattern(vm, &k.pattern)?);
                }
                let attrs = new_list(vm, attrs);
                let kps = new_list(vm, kps);
                self.node(
                    vm,
                    "MatchClass",
                    &[
                        ("cls", cls),
                        ("patterns", ps),
                        ("kwd_attrs", attrs),
                        ("kwd_patterns", kps),
                    ],
                    r,
                )
            }
            Pattern::MatchStar(x) => {
                let n = self.opt_ident(vm, x.name.as_ref());
                self.node(vm, "MatchStar", &[("name", n)], r)
            }
            Pattern::MatchAs(x) => {
                let p = match &x.pattern {
                    Some(p) => self.pattern(vm, p)?,
                    None => Value::NONE,
                };
                let n = self.opt_ident(vm, x.name.as_ref());
                self.node(vm, "MatchAs", &[("pattern", p), ("name", n)], r)
            }
            Pattern::MatchOr(x) => {
                let ps = self.patterns(vm, &x.patterns)?;
                self.node(vm, "MatchOr", &[("patterns", ps)], r)
            }
        }
    }
}
