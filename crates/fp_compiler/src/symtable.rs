//! The symbol table: one [`Block`] per module, class body, function, lambda and comprehension,
//! with every name's scope (local, global explicit/implicit, free, cell), following CPython
//! 3.11's `symtable.c` rules: class scopes do not enclose their methods, comprehensions are
//! functions taking `.0`, walrus targets in comprehensions bind in the enclosing function, and
//! `super`/`__class__` in a method creates the implicit `__class__` cell of the class body.
//! Also raises the SyntaxErrors CPython's symbol-table pass raises.

use std::collections::{HashMap, HashSet};

use fp_bytecode::CompileError;
use ruff_python_ast::{self as ast, Expr, Pattern, Stmt};
use ruff_text_size::TextRange;

use crate::errors::{LineTable, syntax_error};

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE_CLASS: u32 = 64;
pub const DEF_IMPORT: u32 = 128;
pub const DEF_ANNOT: u32 = 256;
pub const DEF_COMP_ITER: u32 = 512;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    Unknown,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BlockKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension(CompKind),
}

impl BlockKind {
    /// CPython's `FunctionBlock`: functions, lambdas and comprehensions.
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            BlockKind::Function | BlockKind::Lambda | BlockKind::Comprehension(_)
        )
    }
}

#[derive(Clone, Debug)]
pub struct Symbol {
    pub name: String,
    pub flags: u32,
    pub scope: Scope,
}

#[derive(Clone, Debug)]
#[allow(dead_code)]
pub struct Block {
    pub kind: BlockKind,
    /// CPython's symbol-table name ("top", the def/class name, "lambda", "listcomp", ...).
    pub name: String,
    pub symbols: Vec<Symbol>,
    index: HashMap<String, usize>,
    /// Parameter names in `varnames` order.
    pub params: Vec<String>,
    pub children: Vec<usize>,
    /// The enclosing block (None for the module).
    pub parent: Option<usize>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub is_async_def: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    pub needs_class_closure: bool,
    pub child_free: bool,
    pub has_free: bool,
    pub nested: bool,
    /// Class name used for private-name mangling inside this block.
    pub private: Option<String>,
    comp_iter_target: bool,
    comp_iter_expr: u32,
    /// Where each `global`/`nonlocal` declaration is, for error positions.
    directives: HashMap<String, TextRange>,
    /// Where a name was first seen, for error positions.
    first_seen: HashMap<String, TextRange>,
}

impl Block {
    fn new(kind: BlockKind, name: &str, parent: Option<usize>, private: Option<String>) -> Self {
        Block {
            kind,
            name: name.to_string(),
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            is_generator: false,
            is_coroutine: false,
            is_async_def: false,
            has_varargs: false,
            has_varkeywords: false,
            needs_class_closure: false,
            child_free: false,
            has_free: false,
            nested: false,
            private,
            comp_iter_target: false,
            comp_iter_expr: 0,
            directives: HashMap::new(),
            first_seen: HashMap::new(),
        }
    }

    pub fn flags(&self, name: &str) -> u32 {
        self.index
            .get(name)
            .map(|&i| self.symbols[i].flags)
            .unwrap_or(0)
    }

    pub fn scope(&self, name: &str) -> Scope {
        self.index
            .get(name)
            .map(|&i| self.symbols[i].scope)
            .unwrap_or(Scope::Unknown)
    }

    fn set_flags(&mut self, name: &str, flags: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].flags = flags,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push(Symbol {
                    name: name.to_string(),
                    flags,
                    scope: Scope::Unknown,
                });
            }
        }
    }

    /// Names the code object keeps in `co_cellvars`, sorted as CPython does.
    pub fn cellvars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|s| s.scope == Scope::Cell)
            .map(|s| s.name.clone())
            .collect();
        if self.needs_class_closure && !v.iter().any(|n| n == "__class__") {
            v.push("__class__".to_string());
        }
        v.sort();
        v
    }

    /// Names the code object keeps in `co_freevars`, sorted as CPython does.
    pub fn freevars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|s| s.scope == Scope::Free || s.flags & DEF_FREE_CLASS != 0)
            .map(|s| s.name.clone())
            .collect();
        v.sort();
        v
    }
}

pub struct SymbolTable {
    pub blocks: Vec<Block>,
    by_node: HashMap<usize, usize>,
}

/// The identity of an AST node, for finding its block again during code generation.
pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

impl SymbolTable {
    pub fn block_for<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&node_key(node)).copied()
    }
}

/// `__x` inside `class C` becomes `_C__x`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(p) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let p = p.trim_start_matches('_');
    if p.is_empty() {
        return name.to_string();
    }
    format!("_{p}{name}")
}

struct Builder<'a, 'b> {
    blocks: Vec<Block>,
    by_node: HashMap<usize, usize>,
    stack: Vec<usize>,
    lt: &'a LineTable<'b>,
    future_annotations: bool,
    private: Option<String>,
}

type R = Result<(), CompileError>;

pub fn build_module(
    body: &[Stmt],
    lt: &LineTable,
    future_annotations: bool,
) -> Result<SymbolTable, CompileError> {
    let mut b = Builder::new(lt, future_annotations);
    for s in body {
        b.visit_stmt(s)?;
    }
    b.finish()
}

pub fn build_expression(
    expr: &Expr,
    lt: &LineTable,
    future_annotations: bool,
) -> Result<SymbolTable, CompileError> {
    let mut b = Builder::new(lt, future_annotations);
    b.visit_expr(expr)?;
    b.finish()
}

impl<'a, 'b> Builder<'a, 'b> {
    fn new(lt: &'a LineTable<'b>, future_annotations: bool) -> Self {
        let module = Block::new(BlockKind::Module, "top", None, None);
        Builder {
            blocks: vec![module],
            by_node: HashMap::new(),
            stack: vec![0],
            lt,
            future_annotations,
            private: None,
        }
    }

    fn finish(mut self) -> Result<SymbolTable, CompileError> {
        let mut free = HashSet::new();
        analyze_block(
            &mut self.blocks,
            0,
            None,
            &mut free,
            &HashSet::new(),
            self.lt,
        )?;
        Ok(SymbolTable {
            blocks: self.blocks,
            by_node: self.by_node,
        })
    }

    fn cur(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn cur_block(&mut self) -> &mut Block {
        let c = self.cur();
        &mut self.blocks[c]
    }

    fn err(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        syntax_error(self.lt, msg, range)
    }

    fn enter_block(&mut self, kind: BlockKind, name: &str, key: usize) {
        let parent = self.cur();
        let id = self.blocks.len();
        let mut blk = Block::new(kind, name, Some(parent), self.private.clone());
        let p = &self.blocks[parent];
        // bpo-37757: no assignment expression anywhere inside a comprehension's outermost
        // iterable, even in a nested lambda or comprehension.
        blk.comp_iter_expr = p.comp_iter_expr;
        if p.nested || p.kind.is_function_like() {
            blk.nested = true;
        }
        self.blocks.push(blk);
        self.blocks[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> R {
        let c = self.cur();
        self.add_def_in(c, name, flag, range)
    }

    fn add_def_in(&mut self, blk: usize, name: &str, flag: u32, range: TextRange) -> R {
        let mangled = mangle(self.blocks[blk].private.as_deref(), name);
        let b = &mut self.blocks[blk];
        let mut val = b.flags(&mangled);
        if flag & DEF_PARAM != 0 && val & DEF_PARAM != 0 {
            return Err(self.err(
                format!("duplicate argument '{name}' in function definition"),
                range,
            ));
        }
        val |= flag;
        let b = &mut self.blocks[blk];
        if b.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.err(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    range,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        let b = &mut self.blocks[blk];
        b.set_flags(&mangled, val);
        b.first_seen.entry(mangled.clone()).or_insert(range);
        if flag & DEF_PARAM != 0 {
            b.params.push(mangled.clone());
        } else if flag & DEF_GLOBAL != 0 {
            // A global declared anywhere is a global of the module too.
            let g = self.blocks[0].flags(&mangled) | DEF_GLOBAL;
            self.blocks[0].set_flags(&mangled, g);
            self.blocks[0].first_seen.entry(mangled).or_insert(range);
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> u32 {
        let b = &self.blocks[self.cur()];
        b.flags(&mangle(b.private.as_deref(), name))
    }

    fn visit_body(&mut self, body: &[Stmt]) -> R {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_annotation(&mut self, e: &Expr) -> R {
        // Under `from __future__ import annotations` the annotation is only a string, but
        // CPython still rejects expressions that could not be evaluated lazily.
        if self.future_annotations {
            let mut f = ForbiddenInAnnotation { found: None };
            ruff_python_ast::visitor::Visitor::visit_expr(&mut f, e);
            if let Some((what, range)) = f.found {
                return Err(self.err(
                    format!("'{what}' can not be used within an annotation"),
                    range,
                ));
            }
            Ok(())
        } else {
            self.visit_expr(e)
        }
    }

    fn visit_params_defaults(&mut self, p: &ast::Parameters) -> R {
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            if let Some(d) = &a.default {
                self.visit_expr(d)?;
            }
        }
        for a in p.kwonlyargs.iter() {
            if let Some(d) = &a.default {
                self.visit_expr(d)?;
            }
        }
        Ok(())
    }

    fn visit_params_annotations(&mut self, p: &ast::Parameters) -> R {
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            if let Some(an) = &a.parameter.annotation {
                self.visit_annotation(an)?;
            }
        }
        if let Some(v) = &p.vararg
            && let Some(an) = &v.annotation
        {
            self.visit_annotation(an)?;
        }
        for a in p.kwonlyargs.iter() {
            if let Some(an) = &a.parameter.annotation {
                self.visit_annotation(an)?;
            }
        }
        if let Some(v) = &p.kwarg
            && let Some(an) = &v.annotation
        {
            self.visit_annotation(an)?;
        }
        Ok(())
    }

    fn visit_params(&mut self, p: &ast::Parameters, owner: TextRange) -> R {
        let debug = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
            .any(|a| a.parameter.name.id.as_str() == "__debug__")
            || p.vararg
                .as_ref()
                .is_some_and(|v| v.name.id.as_str() == "__debug__")
            || p.kwarg
                .as_ref()
                .is_some_and(|v| v.name.id.as_str() == "__debug__");
        if debug {
            return Err(self.err("cannot assign to __debug__", owner));
        }
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            self.add_def(&a.parameter.name.id, DEF_PARAM, a.parameter.name.range)?;
        }
        if let Some(v) = &p.vararg {
            self.add_def(&v.name.id, DEF_PARAM, v.name.range)?;
            self.cur_block().has_varargs = true;
        }
        if let Some(v) = &p.kwarg {
            self.add_def(&v.name.id, DEF_PARAM, v.name.range)?;
            self.cur_block().has_varkeywords = true;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, s: &Stmt) -> R {
        match s {
            Stmt::FunctionDef(f) => {
                self.add_def(&f.name.id, DEF_LOCAL, f.name.range)?;
                self.visit_params_defaults(&f.parameters)?;
                self.visit_params_annotations(&f.parameters)?;
                if let Some(r) = &f.returns {
                    self.visit_annotation(r)?;
                }
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression)?;
                }
                self.enter_block(BlockKind::Function, &f.name.id, node_key(f));
                if f.is_async {
                    let b = self.cur_block();
                    b.is_coroutine = true;
                    b.is_async_def = true;
                }
                self.visit_params(&f.parameters, f.range)?;
                self.visit_body(&f.body)?;
                self.exit_block();
            }
            Stmt::ClassDef(c) => {
                self.add_def(&c.name.id, DEF_LOCAL, c.name.range)?;
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a)?;
                    }
                    for k in args.keywords.iter() {
                        self.visit_expr(&k.value)?;
                    }
                }
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression)?;
                }
                let saved = self.private.replace(c.name.id.to_string());
                self.enter_block(BlockKind::Class, &c.name.id, node_key(c));
                self.visit_body(&c.body)?;
                self.exit_block();
                self.private = saved;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.visit_expr(t)?;
                }
            }
            Stmt::Assign(a) => {
                for t in &a.targets {
                    self.visit_expr(t)?;
                }
                self.visit_expr(&a.value)?;
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.target)?;
                self.visit_expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = a.target.as_ref() {
                    let cur = self.lookup(&n.id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur() != 0 && a.simple {
                        let msg = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{}' can't be global", n.id)
                        } else {
                            format!("annotated name '{}' can't be nonlocal", n.id)
                        };
                        return Err(self.err(msg, n.range));
                    }
                    if a.simple {
                        self.add_def(&n.id, DEF_ANNOT | DEF_LOCAL, n.range)?;
                    } else if a.value.is_some() {
                        self.add_def(&n.id, DEF_LOCAL, n.range)?;
                    }
                } else {
                    self.visit_expr(&a.target)?;
                }
                self.visit_annotation(&a.annotation)?;
                if let Some(v) = &a.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::TypeAlias(t) => {
                return Err(self.err("invalid syntax", t.range));
            }
            Stmt::For(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_body(&f.body)?;
                self.visit_body(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_body(&w.body)?;
                self.visit_body(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_body(&i.body)?;
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.visit_expr(t)?;
                    }
                    self.visit_body(&c.body)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_body(&w.body)?;
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                for c in &m.cases {
                    self.visit_pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_body(&c.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.visit_expr(c)?;
                }
            }
            Stmt::Try(t) => {
                self.visit_body(&t.body)?;
                self.visit_body(&t.orelse)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(&n.id, DEF_LOCAL, n.range)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.visit_expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let stored = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.add_def(&stored, DEF_IMPORT, a.range)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if a.name.id.as_str() == "*" {
                        if self.blocks[self.cur()].kind != BlockKind::Module {
                            return Err(self.err("import * only allowed at module level", a.range));
                        }
                        continue;
                    }
                    let stored = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.to_string(),
                    };
                    self.add_def(&stored, DEF_IMPORT, a.range)?;
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let cur = self.lookup(&n.id);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{}' is parameter and global", n.id)
                        } else if cur & USE != 0 {
                            format!("name '{}' is used prior to global declaration", n.id)
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{}' can't be global", n.id)
                        } else {
                            format!("name '{}' is assigned to before global declaration", n.id)
                        };
                        return Err(self.err(msg, g.range));
                    }
                    self.add_def(&n.id, DEF_GLOBAL, n.range)?;
                    let c = self.cur();
                    let m = mangle(self.blocks[c].private.as_deref(), &n.id);
                    self.blocks[c].directives.entry(m).or_insert(g.range);
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    let cur = self.lookup(&n.id);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{}' is parameter and nonlocal", n.id)
                        } else if cur & USE != 0 {
                            format!("name '{}' is used prior to nonlocal declaration", n.id)
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{}' can't be nonlocal", n.id)
                        } else {
                            format!("name '{}' is assigned to before nonlocal declaration", n.id)
                        };
                        return Err(self.err(msg, g.range));
                    }
                    self.add_def(&n.id, DEF_NONLOCAL, n.range)?;
                    let c = self.cur();
                    let m = mangle(self.blocks[c].private.as_deref(), &n.id);
                    self.blocks[c].directives.entry(m).or_insert(g.range);
                }
            }
            Stmt::Expr(e) => self.visit_expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::IpyEscapeCommand(c) => return Err(self.err("invalid syntax", c.range)),
        }
        Ok(())
    }

    fn visit_pattern(&mut self, p: &Pattern) -> R {
        match p {
            Pattern::MatchValue(v) => self.visit_expr(&v.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                for p in &s.patterns {
                    self.visit_pattern(p)?;
                }
            }
            Pattern::MatchMapping(m) => {
                for k in m.keys.iter() {
                    self.visit_expr(k)?;
                }
                for p in m.patterns.iter() {
                    self.visit_pattern(p)?;
                }
                if let Some(r) = &m.rest {
                    self.add_def(&r.id, DEF_LOCAL, r.range)?;
                }
            }
            Pattern::MatchClass(c) => {
                self.visit_expr(&c.cls)?;
                for p in c.arguments.patterns.iter() {
                    self.visit_pattern(p)?;
                }
                for k in &c.arguments.keywords {
                    self.visit_pattern(&k.pattern)?;
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(&n.id, DEF_LOCAL, n.range)?;
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.visit_pattern(p)?;
                }
                if let Some(n) = &a.name {
                    self.add_def(&n.id, DEF_LOCAL, n.range)?;
                }
            }
            Pattern::MatchOr(o) => {
                for p in &o.patterns {
                    self.visit_pattern(p)?;
                }
            }
        }
        Ok(())
    }

    fn visit_expr(&mut self, e: &Expr) -> R {
        match e {
            Expr::BoolOp(b) => {
                for v in &b.values {
                    self.visit_expr(v)?;
                }
            }
            Expr::Named(n) => {
                let cur = self.cur();
                if self.blocks[cur].comp_iter_expr > 0 {
                    return Err(self.err("assignment expression cannot be used in a comprehension iterable expression", n.range));
                }
                if matches!(self.blocks[cur].kind, BlockKind::Comprehension(_)) {
                    self.extend_namedexpr_scope(&n.target)?;
                }
                self.visit_expr(&n.value)?;
                self.visit_expr(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.visit_params_defaults(p)?;
                }
                self.enter_block(BlockKind::Lambda, "lambda", node_key(l));
                if let Some(p) = &l.parameters {
                    self.visit_params(p, l.range)?;
                }
                self.visit_expr(&l.body)?;
                self.exit_block();
            }
            Expr::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.visit_expr(k)?;
                    }
                    self.visit_expr(&item.value)?;
                }
            }
            Expr::Set(s) => {
                for v in &s.elts {
                    self.visit_expr(v)?;
                }
            }
            Expr::ListComp(c) => {
                self.visit_comprehension(e, CompKind::List, &c.generators, &c.elt, None)?;
            }
            Expr::SetComp(c) => {
                self.visit_comprehension(e, CompKind::Set, &c.generators, &c.elt, None)?;
            }
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(self.err(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    ));
                };
                self.visit_comprehension(e, CompKind::Dict, &c.generators, key, Some(&c.value))?;
            }
            Expr::Generator(c) => {
                self.visit_comprehension(e, CompKind::Generator, &c.generators, &c.elt, None)?;
            }
            Expr::Await(a) => {
                self.visit_expr(&a.value)?;
                self.cur_block().is_coroutine = true;
            }
            Expr::Yield(y) => {
                if let Some(v) = &y.value {
                    self.visit_expr(v)?;
                }
                self.mark_yield(y.range)?;
            }
            Expr::YieldFrom(y) => {
                self.visit_expr(&y.value)?;
                self.mark_yield(y.range)?;
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                for v in c.comparators.iter() {
                    self.visit_expr(v)?;
                }
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                for a in c.arguments.args.iter() {
                    self.visit_expr(a)?;
                }
                for k in c.arguments.keywords.iter() {
                    self.visit_expr(&k.value)?;
                }
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.visit_fstring_elements(&fs.elements)?;
                    }
                }
            }
            Expr::TString(t) => return Err(self.err("invalid syntax", t.range)),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
            Expr::Attribute(a) => self.visit_expr(&a.value)?,
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)?;
            }
            Expr::Starred(s) => self.visit_expr(&s.value)?,
            Expr::Name(n) => {
                let flag = if n.ctx == ast::ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(&n.id, flag, n.range)?;
                if n.ctx == ast::ExprContext::Load
                    && self.blocks[self.cur()].kind.is_function_like()
                    && n.id.as_str() == "super"
                {
                    self.add_def("__class__", USE, n.range)?;
                }
            }
            Expr::List(l) => {
                for v in &l.elts {
                    self.visit_expr(v)?;
                }
            }
            Expr::Tuple(t) => {
                for v in &t.elts {
                    self.visit_expr(v)?;
                }
            }
            Expr::Slice(s) => {
                if let Some(v) = &s.lower {
                    self.visit_expr(v)?;
                }
                if let Some(v) = &s.upper {
                    self.visit_expr(v)?;
                }
                if let Some(v) = &s.step {
                    self.visit_expr(v)?;
                }
            }
            Expr::IpyEscapeCommand(c) => return Err(self.err("invalid syntax", c.range)),
        }
        Ok(())
    }

    fn visit_fstring_elements(&mut self, elements: &ast::InterpolatedStringElements) -> R {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.visit_expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.visit_fstring_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn mark_yield(&mut self, range: TextRange) -> R {
        let c = self.cur();
        self.blocks[c].is_generator = true;
        if let BlockKind::Comprehension(k) = self.blocks[c].kind {
            let what = match k {
                CompKind::List => "list comprehension",
                CompKind::Set => "set comprehension",
                CompKind::Dict => "dict comprehension",
                CompKind::Generator => "generator expression",
            };
            return Err(self.err(format!("'yield' inside {what}"), range));
        }
        Ok(())
    }

    fn visit_comprehension(
        &mut self,
        node: &Expr,
        kind: CompKind,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let Some(outermost) = generators.first() else {
            return Ok(());
        };
        let c = self.cur();
        self.blocks[c].comp_iter_expr += 1;
        let r = self.visit_expr(&outermost.iter);
        self.blocks[c].comp_iter_expr -= 1;
        r?;
        let name = match kind {
            CompKind::List => "listcomp",
            CompKind::Set => "setcomp",
            CompKind::Dict => "dictcomp",
            CompKind::Generator => "genexpr",
        };
        self.enter_block(BlockKind::Comprehension(kind), name, node_key(node));
        if kind == CompKind::Generator {
            self.cur_block().is_generator = true;
        }
        if outermost.is_async {
            self.cur_block().is_coroutine = true;
        }
        self.add_def(".0", DEF_PARAM, outermost.range)?;
        self.visit_comp_target(&outermost.target)?;
        for i in &outermost.ifs {
            self.visit_expr(i)?;
        }
        for g in &generators[1..] {
            self.visit_comp_target(&g.target)?;
            let c = self.cur();
            self.blocks[c].comp_iter_expr += 1;
            let r = self.visit_expr(&g.iter);
            self.blocks[c].comp_iter_expr -= 1;
            r?;
            for i in &g.ifs {
                self.visit_expr(i)?;
            }
            if g.is_async {
                self.cur_block().is_coroutine = true;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        let inner = self.cur();
        self.exit_block();
        // A list/set/dict comprehension that awaits is awaited by its caller; when the caller
        // is itself a comprehension, that makes it asynchronous too.
        if self.blocks[inner].is_coroutine && kind != CompKind::Generator {
            let outer = self.cur();
            if matches!(self.blocks[outer].kind, BlockKind::Comprehension(_)) {
                self.blocks[outer].is_coroutine = true;
            }
        }
        Ok(())
    }

    fn visit_comp_target(&mut self, t: &Expr) -> R {
        let c = self.cur();
        self.blocks[c].comp_iter_target = true;
        let r = self.visit_expr(t);
        self.blocks[c].comp_iter_target = false;
        r
    }

    fn extend_namedexpr_scope(&mut self, target: &Expr) -> R {
        let Expr::Name(n) = target else { return Ok(()) };
        let name = n.id.as_str();
        for i in (0..self.stack.len()).rev() {
            let blk = self.stack[i];
            match self.blocks[blk].kind {
                BlockKind::Comprehension(_) => {
                    if self.blocks[blk].flags(name) & DEF_COMP_ITER != 0 {
                        return Err(self.err(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            n.range,
                        ));
                    }
                }
                BlockKind::Function | BlockKind::Lambda => {
                    let target_in_scope = self.blocks[blk].flags(name);
                    let flag = if target_in_scope & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(name, flag, n.range)?;
                    return self.add_def_in(blk, name, DEF_LOCAL, n.range);
                }
                BlockKind::Module => {
                    self.add_def(name, DEF_GLOBAL, n.range)?;
                    return self.add_def_in(blk, name, DEF_GLOBAL, n.range);
                }
                BlockKind::Class => {
                    return Err(self.err(
                        "assignment expression within a comprehension cannot be used in a class body",
                        n.range,
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Finds a yield, await or walrus inside a (lazily evaluated) annotation.
struct ForbiddenInAnnotation {
    found: Option<(&'static str, TextRange)>,
}

impl<'a> ruff_python_ast::visitor::Visitor<'a> for ForbiddenInAnnotation {
    fn visit_expr(&mut self, e: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        match e {
            Expr::Yield(y) => self.found = Some(("yield expression", y.range)),
            Expr::YieldFrom(y) => self.found = Some(("yield expression", y.range)),
            Expr::Await(a) => self.found = Some(("await expression", a.range)),
            Expr::Named(n) => self.found = Some(("named expression", n.range)),
            _ => ruff_python_ast::visitor::walk_expr(self, e),
        }
    }
}

// ----- analysis (CPython's analyze_block) -----

#[allow(clippy::too_many_arguments)]
fn analyze_name(
    blk: &mut Block,
    scopes: &mut HashMap<String, Scope>,
    name: &str,
    flags: u32,
    bound: &mut Option<HashSet<String>>,
    local: &mut HashSet<String>,
    free: &mut HashSet<String>,
    global: &mut HashSet<String>,
    lt: &LineTable,
) -> Result<(), CompileError> {
    let loc = |blk: &Block| {
        blk.directives
            .get(name)
            .or_else(|| blk.first_seen.get(name))
            .copied()
            .unwrap_or_default()
    };
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(syntax_error(
                lt,
                format!("name '{name}' is nonlocal and global"),
                loc(blk),
            ));
        }
        scopes.insert(name.to_string(), Scope::GlobalExplicit);
        global.insert(name.to_string());
        if let Some(b) = bound.as_mut() {
            b.remove(name);
        }
        return Ok(());
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound.as_ref() else {
            return Err(syntax_error(
                lt,
                "nonlocal declaration not allowed at module level",
                loc(blk),
            ));
        };
        if !bound.contains(name) {
            return Err(syntax_error(
                lt,
                format!("no binding for nonlocal '{name}' found"),
                loc(blk),
            ));
        }
        scopes.insert(name.to_string(), Scope::Free);
        blk.has_free = true;
        free.insert(name.to_string());
        return Ok(());
    }
    if flags & DEF_BOUND != 0 {
        scopes.insert(name.to_string(), Scope::Local);
        local.insert(name.to_string());
        global.remove(name);
        return Ok(());
    }
    if let Some(b) = bound.as_ref()
        && b.contains(name)
    {
        scopes.insert(name.to_string(), Scope::Free);
        blk.has_free = true;
        free.insert(name.to_string());
        return Ok(());
    }
    if global.contains(name) {
        scopes.insert(name.to_string(), Scope::GlobalImplicit);
        return Ok(());
    }
    if blk.nested {
        blk.has_free = true;
    }
    scopes.insert(name.to_string(), Scope::GlobalImplicit);
    Ok(())
}

fn analyze_block(
    blocks: &mut Vec<Block>,
    id: usize,
    mut bound: Option<HashSet<String>>,
    free: &mut HashSet<String>,
    global: &HashSet<String>,
    lt: &LineTable,
) -> Result<(), CompileError> {
    let mut local = HashSet::new();
    let mut scopes: HashMap<String, Scope> = HashMap::new();
    let mut newglobal: HashSet<String> = HashSet::new();
    let mut newfree: HashSet<String> = HashSet::new();
    let mut newbound: HashSet<String> = HashSet::new();
    let kind = blocks[id].kind;
    let mut global_mut = global.clone();

    if kind == BlockKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
    }

    let syms: Vec<(String, u32)> = blocks[id]
        .symbols
        .iter()
        .map(|s| (s.name.clone(), s.flags))
        .collect();
    for (name, flags) in &syms {
        analyze_name(
            &mut blocks[id],
            &mut scopes,
            name,
            *flags,
            &mut bound,
            &mut local,
            free,
            &mut global_mut,
            lt,
        )?;
    }

    if kind != BlockKind::Class {
        if kind.is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global_mut.iter().cloned());
    } else {
        newbound.insert("__class__".to_string());
    }

    let children = blocks[id].children.clone();
    let mut allfree: HashSet<String> = HashSet::new();
    for child in children {
        let mut child_free = newfree.clone();
        analyze_block(
            blocks,
            child,
            Some(newbound.clone()),
            &mut child_free,
            &newglobal,
            lt,
        )?;
        allfree.extend(child_free);
        if blocks[child].has_free || blocks[child].child_free {
            blocks[id].child_free = true;
        }
    }
    newfree.extend(allfree);

    if kind.is_function_like() {
        // Locals captured by inner blocks become cells.
        for (name, sc) in scopes.iter_mut() {
            if *sc == Scope::Local && newfree.contains(name) {
                *sc = Scope::Cell;
                newfree.remove(name);
            }
        }
    } else if kind == BlockKind::Class && newfree.remove("__class__") {
        blocks[id].needs_class_closure = true;
    }

    // update_symbols
    let blk = &mut blocks[id];
    for s in blk.symbols.iter_mut() {
        if let Some(sc) = scopes.get(&s.name) {
            s.scope = *sc;
        }
    }
    let mut extra: Vec<String> = newfree.iter().cloned().collect();
    extra.sort();
    for name in extra {
        if let Some(&i) = blk.index.get(&name) {
            let s = &mut blk.symbols[i];
            if kind == BlockKind::Class && s.flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                s.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(b) = &bound
            && !b.contains(&name)
        {
            continue;
        }
        blk.index.insert(name.clone(), blk.symbols.len());
        blk.symbols.push(Symbol {
            name: name.clone(),
            flags: 0,
            scope: Scope::Free,
        });
    }
    free.extend(newfree);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn table(src: &str) -> Result<SymbolTable, CompileError> {
        let parsed = parse_module(src).expect("parse");
        let lt = LineTable::new(src);
        build_module(parsed.suite(), &lt, false)
    }

    fn find<'t>(t: &'t SymbolTable, name: &str) -> &'t Block {
        t.blocks.iter().find(|b| b.name == name).expect("block")
    }

    #[test]
    fn locals_cells_and_frees() {
        let t =
            table("def f(a):\n    b = 1\n    def g():\n        return a + b + c\n    return g\n")
                .unwrap();
        let f = find(&t, "f");
        assert_eq!(f.scope("a"), Scope::Cell);
        assert_eq!(f.scope("b"), Scope::Cell);
        assert_eq!(f.scope("g"), Scope::Local);
        let g = find(&t, "g");
        assert_eq!(g.scope("a"), Scope::Free);
        assert_eq!(g.scope("c"), Scope::GlobalImplicit);
        assert_eq!(g.freevars(), vec!["a", "b"]);
        assert_eq!(f.cellvars(), vec!["a", "b"]);
    }

    #[test]
    fn global_and_nonlocal() {
        let t = table("x = 1\ndef f():\n    global x\n    x = 2\n    y = 1\n    def g():\n        nonlocal y\n        y = 3\n").unwrap();
        assert_eq!(find(&t, "f").scope("x"), Scope::GlobalExplicit);
        assert_eq!(find(&t, "f").scope("y"), Scope::Cell);
        assert_eq!(find(&t, "g").scope("y"), Scope::Free);
    }

    #[test]
    fn class_scope_and_class_cell() {
        let t = table("def f():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return super().m(), x\n").unwrap();
        let c = find(&t, "C");
        assert!(c.needs_class_closure);
        assert_eq!(c.cellvars(), vec!["__class__"]);
        assert_eq!(c.scope("x"), Scope::Free);
        let m = find(&t, "m");
        assert_eq!(m.scope("__class__"), Scope::Free);
        assert_eq!(m.freevars(), vec!["__class__", "x"]);
    }

    #[test]
    fn class_local_shadowing_free() {
        let t = table("def f():\n    x = 1\n    class C:\n        x = 2\n        def g(self):\n            return x\n").unwrap();
        let c = find(&t, "C");
        assert_eq!(c.scope("x"), Scope::Local);
        assert!(c.flags("x") & DEF_FREE_CLASS != 0);
        assert_eq!(c.freevars(), vec!["x"]);
    }

    #[test]
    fn comprehension_scopes_and_walrus() {
        let t = table("def f(xs):\n    return [y := x for x in xs], y\n").unwrap();
        let lc = find(&t, "listcomp");
        assert_eq!(lc.params, vec![".0"]);
        assert_eq!(lc.scope("x"), Scope::Local);
        assert_eq!(lc.scope("y"), Scope::Free);
        assert_eq!(find(&t, "f").scope("y"), Scope::Cell);
        assert_eq!(lc.scope("xs"), Scope::Unknown);
    }

    #[test]
    fn mangling() {
        let t =
            table("class C:\n    __x = 1\n    def m(self, __y):\n        return self.__x, __y\n")
                .unwrap();
        assert_eq!(find(&t, "C").scope("_C__x"), Scope::Local);
        assert_eq!(find(&t, "m").params, vec!["self", "_C__y"]);
        assert_eq!(mangle(Some("__"), "__x"), "__x");
        assert_eq!(mangle(Some("_Foo"), "__x__"), "__x__");
    }

    #[test]
    fn errors() {
        let msg = |s: &str| table(s).err().map(|e| e.msg).unwrap_or_default();
        assert_eq!(
            msg("def f():\n    x = 1\n    global x\n"),
            "name 'x' is assigned to before global declaration"
        );
        assert_eq!(
            msg("def f():\n    print(x)\n    global x\n"),
            "name 'x' is used prior to global declaration"
        );
        assert_eq!(
            msg("def f(x):\n    global x\n"),
            "name 'x' is parameter and global"
        );
        assert_eq!(
            msg("nonlocal x\n"),
            "nonlocal declaration not allowed at module level"
        );
        assert_eq!(
            msg("def f():\n    nonlocal x\n"),
            "no binding for nonlocal 'x' found"
        );
        assert_eq!(
            msg("def f(a, a): pass\n"),
            "duplicate argument 'a' in function definition"
        );
        assert_eq!(
            msg("def f():\n    from os import *\n"),
            "import * only allowed at module level"
        );
        assert_eq!(
            msg("class C:\n    [y := 1 for x in z]\n"),
            "assignment expression within a comprehension cannot be used in a class body"
        );
        assert_eq!(
            msg("[x := 1 for x in z]\n"),
            "assignment expression cannot rebind comprehension iteration variable 'x'"
        );
        assert_eq!(
            msg("[x for x in (y := z)]\n"),
            "assignment expression cannot be used in a comprehension iterable expression"
        );
        assert_eq!(
            msg("def f():\n    [(yield x) for x in z]\n"),
            "'yield' inside list comprehension"
        );
    }
}
