//! Code objects nested in others: functions (defaults, keyword-only defaults, annotations,
//! closures, decorators, docstrings), lambdas, classes (`__build_class__`, the `__class__`
//! cell, `__module__`/`__qualname__`/`__doc__`), comprehensions and generator expressions
//! (3.11: nested functions taking `.0`, including the async forms), and `__qualname__`.

use fp_bytecode::{CodeObject, Const, MakeFunctionFlags, Op};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{Compiler, Ctx, FBlock, FBlockKind, HAS_DOCSTRING, Label, R, ScopeType};
use crate::symtable::{BlockKind, CompKind, Scope, mangle};

/// Whether a module or class body has annotated assignments, so it needs SETUP_ANNOTATIONS.
pub fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        Stmt::If(i) => find_ann(&i.body) || i.elif_else_clauses.iter().any(|c| find_ann(&c.body)),
        Stmt::With(w) => find_ann(&w.body),
        Stmt::Try(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    find_ann(&h.body)
                })
        }
        Stmt::Match(m) => m.cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// CPython's `compiler_set_qualname` for a new unit named `name` of `scope_type`.
    fn qualname_for(&self, name: &str, scope_type: ScopeType) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        if parent.scope_type == ScopeType::Module {
            return name.to_string();
        }
        if matches!(
            scope_type,
            ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Class
        ) {
            let mangled = mangle(parent.private.as_deref(), name);
            if self.st.blocks[parent.block].scope(&mangled) == Scope::GlobalExplicit {
                return name.to_string();
            }
        }
        let base = if matches!(
            parent.scope_type,
            ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Lambda
        ) {
            format!("{}.<locals>", parent.qualname)
        } else {
            parent.qualname.clone()
        };
        format!("{base}.{name}")
    }

    fn block_of<T>(&self, node: &T, range: TextRange) -> R<usize> {
        self.st
            .block_for(node)
            .ok_or_else(|| self.error("internal compiler error: no scope for block", range))
    }

    /// Pushes the closure tuple for `code` (if it has free variables) and the code, then
    /// MAKE_FUNCTION with `flags` (plus CLOSURE).
    pub fn make_closure(&mut self, code: CodeObject, mut flags: u32) -> R {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let Some(i) = self.cell_index(name) else {
                    let loc = self.loc();
                    return Err(fp_bytecode::CompileError {
                        kind: fp_bytecode::CompileErrorKind::SyntaxError,
                        msg: format!(
                            "internal compiler error: no cell for free variable '{name}' of {}",
                            code.qualname
                        ),
                        line: loc.line,
                        col: loc.col + 1,
                        end_line: loc.end_line,
                        end_col: loc.end_col + 1,
                    });
                };
                self.emit(Op::LOAD_CLOSURE, i);
            }
            self.emit(Op::BUILD_TUPLE, code.freevars.len() as u32);
            flags |= MakeFunctionFlags::CLOSURE;
        }
        self.load_const(Const::Code(Box::new(code)));
        self.emit(Op::MAKE_FUNCTION, flags);
        Ok(())
    }

    /// Pushes the defaults tuple and kw-only defaults dict; returns the MAKE_FUNCTION flags.
    fn compile_defaults(&mut self, p: &'a ast::Parameters) -> R<u32> {
        let mut flags = 0;
        let defaults: Vec<&'a Expr> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            let consts: Option<Vec<Const>> = defaults.iter().map(|d| self.try_fold(d)).collect();
            match consts {
                Some(items) => self.load_const(Const::Tuple(items)),
                None => {
                    for d in &defaults {
                        self.compile_expr(d)?;
                    }
                    self.emit(Op::BUILD_TUPLE, defaults.len() as u32);
                }
            }
            flags |= MakeFunctionFlags::DEFAULTS;
        }
        let mut keys = Vec::new();
        for a in p.kwonlyargs.iter() {
            if let Some(d) = &a.default {
                keys.push(Const::Str(self.mangle(&a.parameter.name.id)));
                self.compile_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Const::Tuple(keys));
            self.emit(Op::BUILD_CONST_KEY_MAP, n);
            flags |= MakeFunctionFlags::KWDEFAULTS;
        }
        Ok(flags)
    }

    /// Pushes the `(name, value, ...)` annotations tuple; returns whether there is one.
    fn compile_annotations(
        &mut self,
        p: &'a ast::Parameters,
        returns: Option<&'a Expr>,
    ) -> R<bool> {
        let mut items: Vec<(String, &'a Expr)> = Vec::new();
        let mut add = |this: &Self, prm: &'a ast::Parameter| {
            if let Some(an) = &prm.annotation {
                items.push((this.mangle(&prm.name.id), an));
            }
        };
        for a in p.args.iter() {
            add(self, &a.parameter);
        }
        for a in p.posonlyargs.iter() {
            add(self, &a.parameter);
        }
        if let Some(v) = &p.vararg {
            add(self, v);
        }
        for a in p.kwonlyargs.iter() {
            add(self, &a.parameter);
        }
        if let Some(v) = &p.kwarg {
            add(self, v);
        }
        if let Some(r) = returns {
            items.push(("return".to_string(), r));
        }
        if items.is_empty() {
            return Ok(false);
        }
        if self.future_annotations {
            let mut consts = Vec::new();
            for (name, an) in &items {
                consts.push(Const::Str(name.clone()));
                consts.push(Const::Str(self.annotation_text(an)));
            }
            self.load_const(Const::Tuple(consts));
            return Ok(true);
        }
        for (name, an) in &items {
            self.load_const(Const::Str(name.clone()));
            self.compile_annotation(an)?;
        }
        self.emit(Op::BUILD_TUPLE, 2 * items.len() as u32);
        Ok(true)
    }

    fn set_arg_counts(&mut self, p: Option<&ast::Parameters>) {
        let Some(p) = p else { return };
        let u = self.unit_mut();
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.posonlyargcount = p.posonlyargs.len() as u32;
        u.kwonlyargcount = p.kwonlyargs.len() as u32;
    }

    pub fn compile_function_def(&mut self, f: &'a ast::StmtFunctionDef) -> R {
        for d in &f.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let firstlineno = match f.decorator_list.first() {
            Some(d) => self.line_of(d.range),
            None => self.line_of(f.range),
        };
        let mut flags = self.compile_defaults(&f.parameters)?;
        if self.compile_annotations(&f.parameters, f.returns.as_deref())? {
            flags |= MakeFunctionFlags::ANNOTATIONS;
        }
        let block = self.block_of(f, f.range)?;
        let scope_type = if f.is_async {
            ScopeType::AsyncFunction
        } else {
            ScopeType::Function
        };
        let qualname = self.qualname_for(&f.name.id, scope_type);
        self.enter_unit(block, scope_type, &f.name.id, qualname, firstlineno);
        self.set_loc(f.range);
        self.set_arg_counts(Some(&f.parameters));
        let doc = if self.optimize < 2 {
            self.docstring(&f.body)
        } else {
            None
        };
        let skip = match doc {
            Some(d) => {
                self.add_const(d);
                self.unit_mut().extra_flags |= HAS_DOCSTRING;
                1
            }
            None => {
                self.add_const(Const::None);
                0
            }
        };
        let r = self.compile_body(&f.body[skip..]);
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        if let Some(last) = f.body.last() {
            self.set_loc(last.range());
        }
        self.load_none();
        self.op(Op::RETURN_VALUE);
        let code = self.exit_unit()?;
        self.set_loc(f.range);
        self.make_closure(code, flags)?;
        self.apply_decorators(&f.decorator_list);
        self.name_op(&f.name.id, Ctx::Store, f.name.range)
    }

    /// Calls the decorators, innermost first, each at its own expression's location as
    /// CPython 3.11 does (a failing decorator gets carets under it in a traceback); the name
    /// is then stored at the statement's location.
    fn apply_decorators(&mut self, decorators: &[ast::Decorator]) {
        let saved = self.loc();
        for d in decorators.iter().rev() {
            self.set_loc(d.expression.range());
            self.emit(Op::CALL, 1);
        }
        self.unit_mut().loc = saved;
    }

    pub fn compile_lambda(&mut self, l: &'a ast::ExprLambda) -> R {
        let flags = match &l.parameters {
            Some(p) => self.compile_defaults(p)?,
            None => 0,
        };
        let block = self.block_of(l, l.range)?;
        let qualname = self.qualname_for("<lambda>", ScopeType::Lambda);
        let line = self.line_of(l.range);
        self.enter_unit(block, ScopeType::Lambda, "<lambda>", qualname, line);
        self.set_loc(l.range);
        self.set_arg_counts(l.parameters.as_deref());
        // None first, so a lambda never looks like it has a docstring.
        self.add_const(Const::None);
        if let Err(e) = self.compile_expr(&l.body) {
            self.units.pop();
            return Err(e);
        }
        self.op(Op::RETURN_VALUE);
        let code = self.exit_unit()?;
        self.make_closure(code, flags)
    }

    pub fn compile_class_def(&mut self, c: &'a ast::StmtClassDef) -> R {
        for d in &c.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let firstlineno = match c.decorator_list.first() {
            Some(d) => self.line_of(d.range),
            None => self.line_of(c.range),
        };
        let block = self.block_of(c, c.range)?;
        let qualname = self.qualname_for(&c.name.id, ScopeType::Class);
        self.enter_unit(
            block,
            ScopeType::Class,
            &c.name.id,
            qualname.clone(),
            firstlineno,
        );
        self.set_loc(c.range);
        if let Err(e) = self.compile_class_body(c, &qualname) {
            self.units.pop();
            return Err(e);
        }
        let code = self.exit_unit()?;
        self.set_loc(c.range);
        self.op(Op::LOAD_BUILD_CLASS);
        self.make_closure(code, 0)?;
        self.load_str(&c.name.id);
        match &c.arguments {
            Some(args) => self.call_helper(2, &args.args, &args.keywords)?,
            None => self.emit(Op::CALL, 2),
        }
        self.apply_decorators(&c.decorator_list);
        self.name_op(&c.name.id, Ctx::Store, c.name.range)
    }

    fn compile_class_body(&mut self, c: &'a ast::StmtClassDef, qualname: &str) -> R {
        let doc = if self.optimize < 2 {
            self.docstring(&c.body)
        } else {
            None
        };
        if let Some(d) = &doc {
            self.add_const(d.clone());
            self.unit_mut().extra_flags |= HAS_DOCSTRING;
        }
        self.emit_name(Op::LOAD_NAME, "__name__");
        self.emit_name(Op::STORE_NAME, "__module__");
        self.load_str(qualname);
        self.emit_name(Op::STORE_NAME, "__qualname__");
        self.compile_body_with_doc(&c.body, doc)?;
        if let Some(last) = c.body.last() {
            self.set_loc(last.range());
        }
        if self.st.blocks[self.unit().block].needs_class_closure {
            let i = self.cell_index("__class__").unwrap_or(0);
            self.emit(Op::LOAD_CLOSURE, i);
            self.emit(Op::COPY, 1);
            self.emit_name(Op::STORE_NAME, "__classcell__");
        } else {
            self.load_none();
        }
        self.op(Op::RETURN_VALUE);
        Ok(())
    }

    /// A module or class body: SETUP_ANNOTATIONS when needed, `__doc__`, then the statements.
    pub fn compile_body_with_doc(&mut self, body: &'a [Stmt], doc: Option<Const>) -> R {
        if find_ann(body) {
            self.op(Op::SETUP_ANNOTATIONS);
        }
        let mut skip = 0;
        if let Some(d) = doc {
            if let Some(first) = body.first() {
                self.set_loc(first.range());
            }
            self.load_const(d);
            self.name_op("__doc__", Ctx::Store, TextRange::default())?;
            skip = 1;
        }
        self.compile_body(&body[skip..])
    }

    // ----- comprehensions -----

    pub fn compile_comprehension(&mut self, e: &'a Expr) -> R {
        let (kind, generators, elt, value): (
            CompKind,
            &'a [ast::Comprehension],
            &'a Expr,
            Option<&'a Expr>,
        ) = match e {
            Expr::ListComp(c) => (CompKind::List, &c.generators, &c.elt, None),
            Expr::SetComp(c) => (CompKind::Set, &c.generators, &c.elt, None),
            Expr::DictComp(c) => match &c.key {
                Some(k) => (CompKind::Dict, &c.generators, k, Some(&c.value)),
                None => {
                    return Err(self.error(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    ));
                }
            },
            Expr::Generator(c) => (CompKind::Generator, &c.generators, &c.elt, None),
            _ => return Err(self.error("invalid syntax", e.range())),
        };
        let Some(outermost) = generators.first() else {
            return Err(self.error("invalid syntax", e.range()));
        };
        let block = self.block_of(e, e.range())?;
        let is_async_gen = self.st.blocks[block].is_coroutine;
        let outer_scope = self.unit().scope_type;
        if is_async_gen
            && kind != CompKind::Generator
            && !matches!(
                outer_scope,
                ScopeType::AsyncFunction | ScopeType::Comprehension
            )
        {
            return Err(self.error(
                "asynchronous comprehension outside of an asynchronous function",
                e.range(),
            ));
        }
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let qualname = self.qualname_for(name, ScopeType::Comprehension);
        let line = self.line_of(e.range());
        self.enter_unit(block, ScopeType::Comprehension, name, qualname, line);
        self.set_loc(e.range());
        self.unit_mut().argcount = 1;
        let r = (|| -> R {
            match kind {
                CompKind::List => self.emit(Op::BUILD_LIST, 0),
                CompKind::Set => self.emit(Op::BUILD_SET, 0),
                CompKind::Dict => self.emit(Op::BUILD_MAP, 0),
                CompKind::Generator => {}
            }
            self.comprehension_generator(generators, 0, 0, elt, value, kind, e.range())?;
            if kind == CompKind::Generator {
                self.load_none();
            }
            self.op(Op::RETURN_VALUE);
            Ok(())
        })();
        if let Err(err) = r {
            self.units.pop();
            return Err(err);
        }
        let code = self.exit_unit()?;
        self.set_loc(e.range());
        self.make_closure(code, 0)?;
        self.compile_expr(&outermost.iter)?;
        self.set_loc(e.range());
        if outermost.is_async {
            self.op(Op::GET_AITER);
        } else {
            self.op(Op::GET_ITER);
        }
        self.emit(Op::CALL, 1);
        if is_async_gen && kind != CompKind::Generator {
            self.emit(Op::GET_AWAITABLE, 0);
            self.load_none();
            self.yield_from_loop();
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension_generator(
        &mut self,
        gens: &'a [ast::Comprehension],
        idx: usize,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: CompKind,
        range: TextRange,
    ) -> R {
        let g = &gens[idx];
        if g.is_async {
            return self.async_comprehension_generator(gens, idx, depth, elt, value, kind, range);
        }
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        let mut start: Option<Label> = None;
        if idx == 0 {
            self.emit(Op::LOAD_FAST, 0);
            start = Some(self.new_label());
        } else {
            let single = match &g.iter {
                Expr::List(l) if l.elts.len() == 1 && !matches!(l.elts[0], Expr::Starred(_)) => {
                    Some(&l.elts[0])
                }
                Expr::Tuple(t) if t.elts.len() == 1 && !matches!(t.elts[0], Expr::Starred(_)) => {
                    Some(&t.elts[0])
                }
                _ => None,
            };
            match single {
                // `for y in [f(x)]` just binds y.
                Some(x) => self.compile_expr(x)?,
                None => {
                    self.compile_expr(&g.iter)?;
                    self.op(Op::GET_ITER);
                    start = Some(self.new_label());
                }
            }
        }
        let mut depth = depth;
        if let Some(s) = start {
            depth += 1;
            self.bind(s);
            self.jump(Op::FOR_ITER, anchor);
        }
        self.compile_store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, if_cleanup)?;
        }
        if idx + 1 < gens.len() {
            self.comprehension_generator(gens, idx + 1, depth, elt, value, kind, range)?;
        } else {
            self.comprehension_element(depth, elt, value, kind)?;
        }
        self.bind(if_cleanup);
        if let Some(s) = start {
            self.jump(Op::JUMP_BACKWARD, s);
            self.bind(anchor);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn async_comprehension_generator(
        &mut self,
        gens: &'a [ast::Comprehension],
        idx: usize,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: CompKind,
        range: TextRange,
    ) -> R {
        let g = &gens[idx];
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        if idx == 0 {
            self.emit(Op::LOAD_FAST, 0);
        } else {
            self.compile_expr(&g.iter)?;
            self.op(Op::GET_AITER);
        }
        self.bind(start);
        self.push_fblock(FBlock::new(FBlockKind::AsyncComprehensionGenerator), range)?;
        self.jump(Op::SETUP_FINALLY, except);
        self.op(Op::GET_ANEXT);
        self.load_none();
        self.yield_from_loop();
        self.op(Op::POP_BLOCK);
        self.compile_store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, if_cleanup)?;
        }
        let depth = depth + 1;
        if idx + 1 < gens.len() {
            self.comprehension_generator(gens, idx + 1, depth, elt, value, kind, range)?;
        } else {
            self.comprehension_element(depth, elt, value, kind)?;
        }
        self.bind(if_cleanup);
        self.jump(Op::JUMP_BACKWARD, start);
        self.pop_fblock();
        self.bind(except);
        self.op(Op::END_ASYNC_FOR);
        Ok(())
    }

    fn comprehension_element(
        &mut self,
        depth: u32,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        kind: CompKind,
    ) -> R {
        match kind {
            CompKind::Generator => {
                self.compile_expr(elt)?;
                if self.is_async_generator() {
                    self.op(Op::ASYNC_GEN_WRAP);
                }
                self.emit(Op::YIELD_VALUE, 0);
                self.op(Op::POP_TOP);
            }
            CompKind::List => {
                self.compile_expr(elt)?;
                self.emit(Op::LIST_APPEND, depth + 1);
            }
            CompKind::Set => {
                self.compile_expr(elt)?;
                self.emit(Op::SET_ADD, depth + 1);
            }
            CompKind::Dict => {
                self.compile_expr(elt)?;
                if let Some(v) = value {
                    self.compile_expr(v)?;
                }
                self.emit(Op::MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    /// Compiles a whole module (or interactive statement) into the outermost code object.
    pub fn compile_module(&mut self, body: &'a [Stmt]) -> R<CodeObject> {
        self.enter_unit(0, ScopeType::Module, "<module>", "<module>".to_string(), 1);
        let doc = if self.optimize < 2 && !self.interactive {
            self.docstring(body)
        } else {
            None
        };
        if let Some(d) = &doc {
            self.add_const(d.clone());
            self.unit_mut().extra_flags |= HAS_DOCSTRING;
        }
        self.compile_body_with_doc(body, doc)?;
        if let Some(last) = body.last() {
            self.set_loc(last.range());
        }
        self.load_none();
        self.op(Op::RETURN_VALUE);
        self.exit_unit()
    }

    pub fn compile_eval(&mut self, e: &'a Expr) -> R<CodeObject> {
        self.enter_unit(0, ScopeType::Module, "<module>", "<module>".to_string(), 1);
        self.compile_expr(e)?;
        self.set_loc(e.range());
        self.op(Op::RETURN_VALUE);
        self.exit_unit()
    }

    #[allow(dead_code)]
    fn is_comprehension_block(&self) -> bool {
        matches!(self.block_kind(), BlockKind::Comprehension(_))
    }
}
