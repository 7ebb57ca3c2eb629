//! `compile()` of an AST object: converts a tree of `_ast` node objects into the compiler's
//! input tree (ruff's nodes) as CPython's `obj2ast` does — same walk order, same TypeError /
//! ValueError / OverflowError for missing fields, wrong types and `None` in required fields.
//!
//! Positions: a hand-made tree has no source, so every node's (lineno, col_offset) becomes a
//! byte offset in a synthetic layout (`fp_compiler::AstLayout`): a first walk finds the
//! columns used on each line, each line is made that wide, and a position's offset is its
//! line's start plus its column, which the compiler maps back exactly.
//!
//! What ruff's tree cannot hold (a `None` in a statement list, a `Dict` with more keys than
//! values...) is replaced by a placeholder and flagged `lossy`: the validator that runs next
//! (`validate.py`) rejects every such tree, and a lossy tree is never compiled.

use std::collections::BTreeMap;

use fp_bytecode::Const;
use fp_compiler::ruff_python_ast::{self as ast, Expr, Pattern, Stmt};
use fp_compiler::ruff_text_size::{TextRange, TextSize};

use crate::ops;
use crate::types::dict;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

mod exprs;
pub(crate) use exprs::const_of;

/// The state of one conversion.
pub struct ToRuff {
    /// The `_ast` module's namespace (the node classes).
    classes: Value,
    /// Offset of the start of each line the tree uses.
    starts: BTreeMap<u32, u32>,
    pub layout: fp_compiler::AstLayout,
    /// A placeholder stands for something the validator must reject.
    pub lossy: bool,
    /// The tree's constant objects whose identity the code keeps (bytes, tuples,
    /// frozensets, ints outside a literal's range), with their compile-time values.
    pub objects: Vec<(Const, Value)>,
    /// `ast.unparse`, when annotations are compiled as strings (`from __future__ import
    /// annotations`): their text comes from it, as CPython's compiler unparses them.
    pub unparse: Option<Value>,
}

/// The largest column laid out (longer lines are clamped).
const MAX_COL: i64 = 1 << 20;

fn line_key(l: i64) -> u32 {
    if l <= 0 {
        0
    } else {
        l.min(u32::MAX as i64 - 1) as u32
    }
}

fn col_key(c: i64) -> u32 {
    c.clamp(0, MAX_COL) as u32
}

impl ToRuff {
    /// A converter for the tree `root`, its line layout computed from every node's position.
    pub fn new(vm: &mut Vm, classes: Value, root: Value) -> PyResult<ToRuff> {
        let mut widths: BTreeMap<u32, u32> = BTreeMap::new();
        let base = dict::get_str(classes, "AST").unwrap_or(Value::NONE);
        scan_positions(vm, root, base, &mut widths, 0)?;
        let mut starts = BTreeMap::new();
        let mut lines = Vec::new();
        let mut off: u64 = 0;
        for (line, width) in widths {
            let o = off.min(u32::MAX as u64 / 2) as u32;
            starts.insert(line, o);
            lines.push((line, o));
            off += width as u64 + 1;
        }
        let len = off.min(u32::MAX as u64 / 2) as u32;
        Ok(ToRuff {
            classes,
            starts,
            layout: fp_compiler::AstLayout {
                lines,
                len,
                consts: Vec::new(),
                annotations: Vec::new(),
            },
            lossy: false,
            objects: Vec::new(),
            unparse: None,
        })
    }

    fn offset(&self, line: i64, col: i64) -> TextSize {
        let start = self.starts.get(&line_key(line)).copied().unwrap_or(0);
        TextSize::from(start.saturating_add(col_key(col)))
    }

    // ----- generic helpers -----

    /// The `_ast` class `obj` is an instance of (the first one in its MRO).
    fn kind(&self, vm: &mut Vm, obj: Value) -> Option<String> {
        let ty = vm.type_of(obj);
        let mro: Vec<Value> = crate::types::typeobj::tobj(ty).mro.borrow().clone();
        for t in mro {
            let name = crate::types::typeobj::type_name(t).to_string();
            if dict::get_str(self.classes, &name) == Some(t) {
                return Some(name);
            }
        }
        None
    }

    /// Field `name` of `obj` (of class `owner`): TypeError when absent, None as None.
    fn field(&self, vm: &mut Vm, obj: Value, name: &str, owner: &str) -> PyResult<Value> {
        let key = vm.intern(name);
        match ops::attr::getattr_opt(vm, obj, key)? {
            Some(v) => Ok(v),
            None => Err(vm.type_error(format!("required field \"{name}\" missing from {owner}"))),
        }
    }

    /// An optional field: absent or None is None.
    fn opt_field(&self, vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
        let key = vm.intern(name);
        Ok(ops::attr::getattr_opt(vm, obj, key)?.filter(|v| !v.is_none()))
    }

    fn list(&self, vm: &mut Vm, obj: Value, name: &str, owner: &str) -> PyResult<Vec<Value>> {
        let v = self.field(vm, obj, name, owner)?;
        match v.downcast::<crate::types::list::ListObj>() {
            Some(l) => Ok(l.snapshot()),
            None => {
                let t = vm.type_name(v).to_string();
                Err(vm.type_error(format!(
                    "{owner} field \"{name}\" must be a list, not a {t}"
                )))
            }
        }
    }

    fn int_value(&self, vm: &mut Vm, v: Value) -> PyResult<i64> {
        match crate::types::int::int_ref(v) {
            Some(i) => match i.to_i64() {
                Some(x) if i32::try_from(x).is_ok() => Ok(x),
                _ => Err(vm.overflow_error("Python int too large to convert to C int")),
            },
            None => {
                let r = ops::repr::repr_string(vm, v)?;
                Err(vm.value_error(format!("invalid integer value: {r}")))
            }
        }
    }

    fn int_field(&self, vm: &mut Vm, obj: Value, name: &str, owner: &str) -> PyResult<i64> {
        // None is not "absent" for an int: it is an invalid value.
        let v = self.field(vm, obj, name, owner)?;
        self.int_value(vm, v)
    }

    fn opt_int_field(&self, vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<i64>> {
        match self.opt_field(vm, obj, name)? {
            Some(v) => Ok(Some(self.int_value(vm, v)?)),
            None => Ok(None),
        }
    }

    /// An identifier: a str, or None when absent.
    fn ident_value(&self, vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
        if v.is_none() {
            return Ok(None);
        }
        match crate::types::str::as_str(v) {
            Some(s) if v.is::<crate::types::str::StrObj>() => Ok(Some(s.to_string())),
            _ => Err(vm.type_error("AST identifier must be of type str")),
        }
    }

    fn ident(
        &self,
        vm: &mut Vm,
        obj: Value,
        name: &str,
        owner: &str,
        r: TextRange,
    ) -> PyResult<ast::Identifier> {
        let v = self.field(vm, obj, name, owner)?;
        match self.ident_value(vm, v)? {
            Some(s) => Ok(ast::Identifier::new(s.as_str(), r)),
            None => Err(vm.value_error(format!("field '{name}' is required for {owner}"))),
        }
    }

    fn opt_ident(
        &self,
        vm: &mut Vm,
        obj: Value,
        name: &str,
        r: TextRange,
    ) -> PyResult<Option<ast::Identifier>> {
        match self.opt_field(vm, obj, name)? {
            Some(v) => Ok(self
                .ident_value(vm, v)?
                .map(|s| ast::Identifier::new(s.as_str(), r))),
            None => Ok(None),
        }
    }

    /// A `string?` field (`kind`, `type_comment`): checked, then dropped.
    fn check_string(&self, vm: &mut Vm, obj: Value, name: &str) -> PyResult<()> {
        if let Some(v) = self.opt_field(vm, obj, name)?
            && !v.is::<crate::types::str::StrObj>()
        {
            return Err(vm.type_error("AST string must be of type str"));
        }
        Ok(())
    }

    /// The range of a node with location attributes (`lineno` and `col_offset` required,
    /// the end ones defaulting to the start), named after `abstract` in errors.
    fn range(&self, vm: &mut Vm, obj: Value, abstract_: &str) -> PyResult<TextRange> {
        let l = self.int_field(vm, obj, "lineno", abstract_)?;
        let c = self.int_field(vm, obj, "col_offset", abstract_)?;
        // A pattern's end position is required; other nodes' default to the start.
        let (el, ec) = if abstract_ == "pattern" {
            (
                self.int_field(vm, obj, "end_lineno", abstract_)?,
                self.int_field(vm, obj, "end_col_offset", abstract_)?,
            )
        } else {
            (
                self.opt_int_field(vm, obj, "end_lineno")?.unwrap_or(l),
                self.opt_int_field(vm, obj, "end_col_offset")?.unwrap_or(c),
            )
        };
        let start = self.offset(l, c);
        let end = self.offset(el, ec).max(start);
        Ok(TextRange::new(start, end))
    }

    fn expected(&self, vm: &mut Vm, what: &str, got: Value) -> crate::vm::Exc {
        match ops::repr::repr_string(vm, got) {
            Ok(r) => vm.type_error(format!("expected some sort of {what}, but got {r}")),
            Err(e) => e,
        }
    }

    fn required<T>(vm: &mut Vm, v: Option<T>, name: &str, owner: &str) -> PyResult<T> {
        match v {
            Some(v) => Ok(v),
            None => Err(vm.value_error(format!("field '{name}' is required for {owner}"))),
        }
    }

    // ----- modules -----

    /// The tree of `compile(obj, ..., mode)`: `Module`, `Interactive` or `Expression`.
    pub fn module(&mut self, vm: &mut Vm, obj: Value) -> PyResult<ast::Mod> {
        let kind = self.kind(vm, obj).unwrap_or_default();
        match kind.as_str() {
            "Module" => {
                let body = self.stmts(vm, obj, "body", "Module")?;
                for ti in self.list(vm, obj, "type_ignores", "Module")? {
                    if ti.is_none() {
                        continue;
                    }
                    if self.kind(vm, ti).as_deref() != Some("TypeIgnore") {
                        return Err(self.expected(vm, "type_ignore", ti));
                    }
                    self.int_field(vm, ti, "lineno", "TypeIgnore")?;
                    self.check_string(vm, ti, "tag")?;
                }
                Ok(ast::Mod::Module(ast::ModModule {
                    node_index: Default::default(),
                    range: TextRange::default(),
                    body: body.into(),
                }))
            }
            "Interactive" => {
                let body = self.stmts(vm, obj, "body", "Interactive")?;
                Ok(ast::Mod::Module(ast::ModModule {
                    node_index: Default::default(),
                    range: TextRange::default(),
                    body: body.into(),
                }))
            }
            "Expression" => {
                let v = self.field(vm, obj, "body", "Expression")?;
                let body = self.expr(vm, v)?;
                let body = Self::required(vm, body, "body", "Expression")?;
                Ok(ast::Mod::Expression(ast::ModExpression {
                    node_index: Default::default(),
                    range: TextRange::default(),
                    body: Box::new(body),
                }))
            }
            _ => Err(self.expected(vm, "mod", obj)),
        }
    }

    // ----- statements -----

    fn stmts(&mut self, vm: &mut Vm, obj: Value, name: &str, owner: &str) -> PyResult<Vec<Stmt>> {
        let items = self.list(vm, obj, name, owner)?;
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            match self.stmt(vm, it)? {
                Some(s) => out.push(s),
                None => {
                    self.lossy = true;
                }
            }
        }
        Ok(out)
    }

    fn stmt(&mut self, vm: &mut Vm, obj: Value) -> PyResult<Option<Stmt>> {
        if obj.is_none() {
            return Ok(None);
        }
        vm.enter_recursive(" while traversing 'stmt' node")?;
        let r = self.stmt_inner(vm, obj);
        vm.leave_native();
        r.map(Some)
    }

    fn stmt_inner(&mut self, vm: &mut Vm, obj: Value) -> PyResult<Stmt> {
        let range = self.range(vm, obj, "stmt")?;
        let kind = match self.kind(vm, obj) {
            Some(k) => k,
            None => return Err(self.expected(vm, "stmt", obj)),
        };
        let k = kind.as_str();
        let ni = ast::AtomicNodeIndex::default;
        Ok(match k {
            "FunctionDef" | "AsyncFunctionDef" => {
                let name = self.ident(vm, obj, "name", k, range)?;
                let args = self.field(vm, obj, "args", k)?;
                let args = self.arguments(vm, args, range)?;
                let body = self.stmts(vm, obj, "body", k)?;
                let decos = self.exprs(vm, obj, "decorator_list", k)?;
                let returns = self.opt_field(vm, obj, "returns")?;
                let returns = self.annotation(vm, returns)?;
                self.check_string(vm, obj, "type_comment")?;
                let args = Self::required(vm, args, "args", k)?;
                Stmt::FunctionDef(ast::StmtFunctionDef {
                    node_index: ni(),
                    range,
                    is_async: k == "AsyncFunctionDef",
                    decorator_list: decorators(decos).into(),
                    name,
                    type_params: None,
                    parameters: Box::new(args),
                    returns: returns.map(Box::new),
                    body: body.into(),
                })
            }
            "ClassDef" => {
                let name = self.ident(vm, obj, "name", k, range)?;
                let bases = self.exprs(vm, obj, "bases", k)?;
                let keywords = self.keywords(vm, obj, k)?;
                let body = self.stmts(vm, obj, "body", k)?;
                let decos = self.exprs(vm, obj, "decorator_list", k)?;
                Stmt::ClassDef(ast::StmtClassDef {
                    node_index: ni(),
                    range,
                    decorator_list: decorators(decos).into(),
                    name,
                    type_params: None,
                    arguments: Some(Box::new(ast::Arguments {
                        range,
                        node_index: ni(),
                        args: bases.into(),
                        keywords: keywords.into(),
                    })),
                    body: body.into(),
                })
            }
            "Return" => Stmt::Return(ast::StmtReturn {
                node_index: ni(),
                range,
                value: self.opt_expr_field(vm, obj, "value")?.map(Box::new),
            }),
            "Delete" => Stmt::Delete(ast::StmtDelete {
                node_index: ni(),
                range,
                targets: self.exprs(vm, obj, "targets", k)?,
            }),
            "Assign" => {
                let targets = self.exprs(vm, obj, "targets", k)?;
                let value = self.expr_field(vm, obj, "value", k)?;
                self.check_string(vm, obj, "type_comment")?;
                Stmt::Assign(ast::StmtAssign {
                    node_index: ni(),
                    range,
                    targets,
                    value: Box::new(Self::required(vm, value, "value", k)?),
                })
            }
            "AugAssign" => {
                let target = self.expr_field(vm, obj, "target", k)?;
                let op = self.field(vm, obj, "op", k)?;
                let op = self.operator(vm, op)?;
                let value = self.expr_field(vm, obj, "value", k)?;
                Stmt::AugAssign(ast::StmtAugAssign {
                    node_index: ni(),
                    range,
                    target: Box::new(Self::required(vm, target, "target", k)?),
                    op: Self::required(vm, op, "op", k)?,
                    value: Box::new(Self::required(vm, value, "value", k)?),
                })
            }
            "AnnAssign" => {
                let target = self.expr_field(vm, obj, "target", k)?;
                let ann = Some(self.field(vm, obj, "annotation", k)?).filter(|v| !v.is_none());
                let ann = self.annotation(vm, ann)?;
                let value = self.opt_expr_field(vm, obj, "value")?;
                let simple = self.int_field(vm, obj, "simple", k)?;
                Stmt::AnnAssign(ast::StmtAnnAssign {
                    node_index: ni(),
                    range,
                    target: Box::new(Self::required(vm, target, "target", k)?),
                    annotation: Box::new(Self::required(vm, ann, "annotation", k)?),
                    value: value.map(Box::new),
                    simple: simple != 0,
                })
            }
            "For" | "AsyncFor" => {
                let target = self.expr_field(vm, obj, "target", k)?;
                let iter = self.expr_field(vm, obj, "iter", k)?;
                let body = self.stmts(vm, obj, "body", k)?;
                let orelse = self.stmts(vm, obj, "orelse", k)?;
                self.check_string(vm, obj, "type_comment")?;
                Stmt::For(ast::StmtFor {
                    node_index: ni(),
                    range,
                    is_async: k == "AsyncFor",
                    target: Box::new(Self::required(vm, target, "target", k)?),
                    iter: Box::new(Self::required(vm, iter, "iter", k)?),
                    body: body.into(),
                    orelse: orelse.into(),
                })
            }
            "While" => {
                let test = self.expr_field(vm, obj, "test", k)?;
                let body = self.stmts(vm, obj, "body", k)?;
                let orelse = self.stmts(vm, obj, "orelse", k)?;
                Stmt::While(ast::StmtWhile {
                    node_index: ni(),
                    range,
                    test: Box::new(Self::required(vm, test, "test", k)?),
                    body: body.into(),
                    orelse: orelse.into(),
                })
            }
            "If" => {
                let test = self.expr_field(vm, obj, "test", k)?;
                let body = self.stmts(vm, obj, "body", k)?;
                let orelse = self.stmts(vm, obj, "orelse", k)?;
                let clauses = if orelse.is_empty() {
                    Vec::new()
                } else {
                    // The else clause spans from its first statement to the end of the
                    // `if` (a hand-made tree may place it anywhere: never before its start).
                    let start = orelse.first().map(ast_stmt_start).unwrap_or(range.end());
                    let r = TextRange::new(start.min(range.end()), range.end());
                    vec![ast::ElifElseClause {
                        range: r,
                        node_index: ni(),
                        test: None,
                        body: orelse.into(),
                    }]
                };
                Stmt::If(ast::StmtIf {
                    node_index: ni(),
                    range,
                    test: Box::new(Self::required(vm, test, "test", k)?),
                    body: body.into(),
                    elif_else_clauses: clauses,
                })
            }
            "With" | "AsyncWith" => {
                let mut items = Vec::new();
                for it in self.list(vm, obj, "items", k)? {
                    let ce = self.expr_field(vm, it, "context_expr", "withitem")?;
                    let ov = self.opt_expr_field(vm, it, "optional_vars")?;
                    let ce = Self::required(vm, ce, "context_expr", "withitem")?;
                    items.push(ast::WithItem {
                        range: ast_range(&ce),
                        node_index: ni(),
                        context_expr: ce,
                        optional_vars: ov.map(Box::new),
                    });
                }
                let body = self.stmts(vm, obj, "body", k)?;
                self.check_string(vm, obj, "type_comment")?;
                Stmt::With(ast::StmtWith {
                    node_index: ni(),
                    range,
                    is_async: k == "AsyncWith",
                    items,
                    body: body.into(),
                })
            }
            "Match" => {
                let subject = self.expr_field(vm, obj, "subject", k)?;
                let mut cases = Vec::new();
                for c in self.list(vm, obj, "cases", k)? {
                    let p = self.field(vm, c, "pattern", "match_case")?;
                    let p = self.pattern(vm, p)?;
                    let guard = self.opt_expr_field(vm, c, "guard")?;
                    let body = self.stmts(vm, c, "body", "match_case")?;
                    let p = Self::required(vm, p, "pattern", "match_case")?;
                    cases.push(ast::MatchCase {
                        range: pattern_range(&p),
                        node_index: ni(),
                        pattern: p,
                        guard: guard.map(Box::new),
                        body: body.into(),
                    });
                }
                Stmt::Match(ast::StmtMatch {
                    node_index: ni(),
                    range,
                    subject: Box::new(Self::required(vm, subject, "subject", k)?),
                    cases,
                })
            }
            "Raise" => Stmt::Raise(ast::StmtRaise {
                node_index: ni(),
                range,
                exc: self.opt_expr_field(vm, obj, "exc")?.map(Box::new),
                cause: self.opt_expr_field(vm, obj, "cause")?.map(Box::new),
            }),
            "Try" | "TryStar" => {
                let body = self.stmts(vm, obj, "body", k)?;
                let mut handlers = Vec::new();
                for h in self.list(vm, obj, "handlers", k)? {
                    if h.is_none() {
                        self.lossy = true;
                        continue;
                    }
                    let hr = self.range(vm, h, "excepthandler")?;
                    if self.kind(vm, h).as_deref() != Some("ExceptHandler") {
                        return Err(self.expected(vm, "excepthandler", h));
                    }
                    let t = self.opt_expr_field(vm, h, "type")?;
                    let n = self.opt_ident(vm, h, "name", hr)?;
                    let b = self.stmts(vm, h, "body", "ExceptHandler")?;
                    handlers.push(ast::ExceptHandler::ExceptHandler(
                        ast::ExceptHandlerExceptHandler {
                            range: hr,
                            node_index: ni(),
                            type_: t.map(Box::new),
                            name: n,
                            body: b.into(),
                        },
                    ));
                }
                let orelse = self.stmts(vm, obj, "orelse", k)?;
                let finalbody = self.stmts(vm, obj, "finalbody", k)?;
                Stmt::Try(ast::StmtTry {
                    node_index: ni(),
                    range,
                    body: body.into(),
                    handlers,
                    orelse: orelse.into(),
                    finalbody: finalbody.into(),
                    is_star: k == "TryStar",
                })
            }
            "Assert" => {
                let test = self.expr_field(vm, obj, "test", k)?;
                let msg = self.opt_expr_field(vm, obj, "msg")?;
                Stmt::Assert(ast::StmtAssert {
                    node_index: ni(),
                    range,
                    test: Box::new(Self::required(vm, test, "test", k)?),
                    msg: msg.map(Box::new),
                })
            }
            "Import" => Stmt::Import(ast::StmtImport {
                node_index: ni(),
                range,
                names: self.aliases(vm, obj, k)?,
                is_lazy: false,
            }),
            "ImportFrom" => {
                let module = self.opt_ident(vm, obj, "module", range)?;
                let names = self.aliases(vm, obj, k)?;
                let level = self.opt_int_field(vm, obj, "level")?.unwrap_or(0);
                if level < 0 {
                    return Err(vm.value_error("Negative ImportFrom level"));
                }
                Stmt::ImportFrom(ast::StmtImportFrom {
                    node_index: ni(),
                    range,
                    module,
                    names,
                    level: level as u32,
                    is_lazy: false,
                })
            }
            "Global" | "Nonlocal" => {
                let mut names = Vec::new();
                for n in self.list(vm, obj, "names", k)? {
                    match self.ident_value(vm, n)? {
                        Some(s) => names.push(ast::Identifier::new(s.as_str(), range)),
                        None => self.lossy = true,
                    }
                }
                if k == "Global" {
                    Stmt::Global(ast::StmtGlobal {
                        node_index: ni(),
                        range,
                        names,
                    })
                } else {
                    Stmt::Nonlocal(ast::StmtNonlocal {
                        node_index: ni(),
                        range,
                        names,
                    })
                }
            }
            "Expr" => {
                let v = self.expr_field(vm, obj, "value", k)?;
                Stmt::Expr(ast::StmtExpr {
                    node_index: ni(),
                    range,
                    value: Box::new(Self::required(vm, v, "value", k)?),
                })
            }
            "Pass" => Stmt::Pass(ast::StmtPass {
                node_index: ni(),
                range,
            }),
            "Break" => Stmt::Break(ast::StmtBreak {
                node_index: ni(),
                range,
            }),
            "Continue" => Stmt::Continue(ast::StmtContinue {
                node_index: ni(),
                range,
            }),
            _ => return Err(self.expected(vm, "stmt", obj)),
        })
    }

    fn aliases(&mut self, vm: &mut Vm, obj: Value, owner: &str) -> PyResult<Vec<ast::Alias>> {
        let mut out = Vec::new();
        for a in self.list(vm, obj, "names", owner)? {
            // A product type: no class check, fields before positions (as obj2ast).
            let mut name = self.ident(vm, a, "name", "alias", TextRange::default())?;
            let mut asname = self.opt_ident(vm, a, "asname", TextRange::default())?;
            let r = self.range(vm, a, "alias")?;
            name.range = r;
            if let Some(n) = &mut asname {
                n.range = r;
            }
            out.push(ast::Alias {
                range: r,
                node_index: Default::default(),
                name,
                asname,
            });
        }
        Ok(out)
    }

    fn keywords(&mut self, vm: &mut Vm, obj: Value, owner: &str) -> PyResult<Vec<ast::Keyword>> {
        let mut out = Vec::new();
        for kw in self.list(vm, obj, "keywords", owner)? {
            let mut arg = self.opt_ident(vm, kw, "arg", TextRange::default())?;
            let v = self.expr_field(vm, kw, "value", "keyword")?;
            let r = self.range(vm, kw, "keyword")?;
            let v = Self::required(vm, v, "value", "keyword")?;
            if let Some(a) = &mut arg {
                a.range = r;
            }
            out.push(ast::Keyword {
                range: r,
                node_index: Default::default(),
                arg,
                value: v,
            });
        }
        Ok(out)
    }

    fn arg(&mut self, vm: &mut Vm, a: Value) -> PyResult<Option<ast::Parameter>> {
        let mut name = self.ident(vm, a, "arg", "arg", TextRange::default())?;
        let ann = self.opt_field(vm, a, "annotation")?;
        let ann = self.annotation(vm, ann)?;
        self.check_string(vm, a, "type_comment")?;
        let r = self.range(vm, a, "arg")?;
        name.range = r;
        Ok(Some(ast::Parameter {
            range: r,
            node_index: Default::default(),
            name,
            annotation: ann.map(Box::new),
        }))
    }

    fn arg_list(&mut self, vm: &mut Vm, obj: Value, name: &str) -> PyResult<Vec<ast::Parameter>> {
        let mut out = Vec::new();
        for a in self.list(vm, obj, name, "arguments")? {
            if let Some(p) = self.arg(vm, a)? {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// An `arguments` node: defaults belong to the last positional parameters.
    fn arguments(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        range: TextRange,
    ) -> PyResult<Option<ast::Parameters>> {
        let posonly = self.arg_list(vm, obj, "posonlyargs")?;
        let args = self.arg_list(vm, obj, "args")?;
        let va = self.opt_field(vm, obj, "vararg")?;
        let vararg = match va {
            Some(v) => self.arg(vm, v)?,
            None => None,
        };
        let kwonly = self.arg_list(vm, obj, "kwonlyargs")?;
        let mut kw_defaults = Vec::new();
        for d in self.list(vm, obj, "kw_defaults", "arguments")? {
            kw_defaults.push(self.expr(vm, d)?);
        }
        let ka = self.opt_field(vm, obj, "kwarg")?;
        let kwarg = match ka {
            Some(v) => self.arg(vm, v)?,
            None => None,
        };
        let mut defaults = Vec::new();
        for d in self.list(vm, obj, "defaults", "arguments")? {
            match self.expr(vm, d)? {
                Some(e) => defaults.push(e),
                None => self.lossy = true,
            }
        }
        let npos = posonly.len() + args.len();
        if defaults.len() > npos || kw_defaults.len() != kwonly.len() {
            self.lossy = true;
        }
        let first_default = npos.saturating_sub(defaults.len());
        let mut defaults = defaults.into_iter();
        let with_default =
            |i: usize, p: ast::Parameter, defaults: &mut std::vec::IntoIter<Expr>| {
                let default = if i >= first_default {
                    defaults.next().map(Box::new)
                } else {
                    None
                };
                ast::ParameterWithDefault {
                    range: p.range,
                    node_index: Default::default(),
                    parameter: p,
                    default,
                }
            };
        let mut i = 0;
        let mut posonlyargs = Vec::new();
        for p in posonly {
            posonlyargs.push(with_default(i, p, &mut defaults));
            i += 1;
        }
        let mut argsv = Vec::new();
        for p in args {
            argsv.push(with_default(i, p, &mut defaults));
            i += 1;
        }
        let mut kw_defaults = kw_defaults.into_iter();
        let kwonlyargs = kwonly
            .into_iter()
            .map(|p| ast::ParameterWithDefault {
                range: p.range,
                node_index: Default::default(),
                parameter: p,
                default: kw_defaults.next().flatten().map(Box::new),
            })
            .collect::<Vec<_>>();
        Ok(Some(ast::Parameters {
            range,
            node_index: Default::default(),
            posonlyargs: posonlyargs.into(),
            args: argsv.into(),
            vararg: vararg.map(Box::new),
            kwonlyargs: kwonlyargs.into(),
            kwarg: kwarg.map(Box::new),
        }))
    }

    /// An annotation (argument, return, AnnAssign): an expression, with its text recorded
    /// when annotations are strings.
    fn annotation(&mut self, vm: &mut Vm, v: Option<Value>) -> PyResult<Option<Expr>> {
        let Some(v) = v else { return Ok(None) };
        let e = self.expr(vm, v)?;
        if let (Some(e), Some(unparse)) = (&e, self.unparse)
            && ast::HasNodeIndex::node_index(e).load().as_u32().is_none()
        {
            let text = ops::call::call(vm, unparse, &[v])?;
            let text = crate::types::str::as_str(text)
                .unwrap_or_default()
                .to_string();
            let i = self.layout.annotations.len() as u32;
            self.layout.annotations.push(text);
            ast::HasNodeIndex::node_index(e)
                .set(ast::NodeIndex::from(fp_compiler::ANNOTATION_INDEX_BASE + i));
        }
        Ok(e)
    }
}

/// Decorator nodes around the converted decorator expressions.
fn decorators(exprs: Vec<Expr>) -> Vec<ast::Decorator> {
    exprs
        .into_iter()
        .map(|e| ast::Decorator {
            range: ast_range(&e),
            node_index: ast::AtomicNodeIndex::default(),
            expression: e,
        })
        .collect()
}

fn ast_range(e: &Expr) -> TextRange {
    fp_compiler::ruff_text_size::Ranged::range(e)
}

fn ast_stmt_start(s: &Stmt) -> TextSize {
    fp_compiler::ruff_text_size::Ranged::range(s).start()
}

fn pattern_range(p: &Pattern) -> TextRange {
    fp_compiler::ruff_text_size::Ranged::range(p)
}

/// Records, for every node of the tree, the columns its positions use on their lines (the
/// widest decides the line's width in the layout). Values that are not ints are skipped:
/// the conversion reports them. A tree nested deeper than the recursion limit (or cyclic)
/// is scanned only that far: the conversion, which runs next in obj2ast's order, raises its
/// RecursionError (or an earlier error) as CPython does.
fn scan_positions(
    vm: &mut Vm,
    node: Value,
    base: Value,
    widths: &mut BTreeMap<u32, u32>,
    depth: usize,
) -> PyResult<()> {
    if depth > vm.recursion_limit + 50 {
        return Ok(());
    }
    if let Some(l) = node.downcast::<crate::types::list::ListObj>() {
        for item in l.snapshot() {
            scan_positions(vm, item, base, widths, depth)?;
        }
        return Ok(());
    }
    if !crate::modules::builtins::is_instance(vm, node, base)? {
        return Ok(());
    }
    // The same bound as the conversion's (recursion limit, native stack left).
    if vm.enter_recursive("").is_err() {
        return Ok(());
    }
    let r = scan_node(vm, node, base, widths, depth + 1);
    vm.leave_native();
    r
}

fn scan_node(
    vm: &mut Vm,
    node: Value,
    base: Value,
    widths: &mut BTreeMap<u32, u32>,
    depth: usize,
) -> PyResult<()> {
    let get = |vm: &mut Vm, name: &str| -> PyResult<Option<i64>> {
        let key = vm.intern(name);
        Ok(ops::attr::getattr_opt(vm, node, key)?
            .and_then(|v| crate::types::int::int_ref(v).and_then(|i| i.to_i64())))
    };
    let l = get(vm, "lineno")?;
    let c = get(vm, "col_offset")?;
    let el = get(vm, "end_lineno")?;
    let ec = get(vm, "end_col_offset")?;
    for (line, col) in [(l, c), (el.or(l), ec.or(c))] {
        if let Some(line) = line {
            let w = widths.entry(line_key(line)).or_insert(0);
            *w = (*w).max(col_key(col.unwrap_or(0)));
        }
    }
    let ty = vm.type_of(node);
    let fields = ops::attr::getattr_str(vm, ty, "_fields")?;
    let Some(fields) = crate::types::tuple::items(fields).map(|f| f.to_vec()) else {
        return Ok(());
    };
    for f in fields {
        if let Some(v) = ops::attr::getattr_opt(vm, node, f)? {
            scan_positions(vm, v, base, widths, depth)?;
        }
    }
    Ok(())
}

/// Whether a module's leading `from __future__ import` statements (after a docstring) turn
/// on `annotations`.
pub fn has_future_annotations(vm: &mut Vm, module: Value) -> PyResult<bool> {
    let key = vm.intern("body");
    let Some(body) = ops::attr::getattr_opt(vm, module, key)? else {
        return Ok(false);
    };
    let Some(body) = body
        .downcast::<crate::types::list::ListObj>()
        .map(|l| l.snapshot())
    else {
        return Ok(false);
    };
    for (i, s) in body.into_iter().enumerate() {
        let ty = vm.type_of(s);
        let tname = crate::types::typeobj::type_name(ty).to_string();
        if i == 0 && tname == "Expr" {
            let v = ops::attr::getattr_str(vm, s, "value")?;
            let vt = crate::types::typeobj::type_name(vm.type_of(v)).to_string();
            if vt == "Constant" {
                let c = ops::attr::getattr_str(vm, v, "value")?;
                if c.is::<crate::types::str::StrObj>() {
                    continue;
                }
            }
            return Ok(false);
        }
        if tname != "ImportFrom" {
            return Ok(false);
        }
        let m = ops::attr::getattr_str(vm, s, "module")?;
        if crate::types::str::as_str(m) != Some("__future__") {
            return Ok(false);
        }
        let names = ops::attr::getattr_str(vm, s, "names")?;
        for a in ops::iter::collect(vm, names)? {
            let n = ops::attr::getattr_str(vm, a, "name")?;
            if crate::types::str::as_str(n) == Some("annotations") {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Whether two constants are the same value of the same type, floats compared by bits (so
/// `0.0` and `-0.0` stay apart).
pub fn same_const(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Complex { real: r1, imag: i1 }, Const::Complex { real: r2, imag: i2 }) => {
            r1.to_bits() == r2.to_bits() && i1.to_bits() == i2.to_bits()
        }
        (Const::Tuple(x), Const::Tuple(y)) | (Const::FrozenSet(x), Const::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_const(p, q))
        }
        (Const::Float(_) | Const::Complex { .. }, _)
        | (_, Const::Float(_) | Const::Complex { .. }) => false,
        _ => a == b,
    }
}
