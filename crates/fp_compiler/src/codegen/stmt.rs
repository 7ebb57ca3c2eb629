//! Simple and compound statements other than exceptions, functions, classes and `match`:
//! assignments (plain, augmented, annotated), `if`/`while`/`for` (with `else`), `break` /
//! `continue` / `return` with static unwinding, `del`, `assert`, `raise`, imports, and
//! expression statements (PRINT_EXPR in interactive mode).

use fp_bytecode::{BinaryOp, Const, Op};
use num_bigint::BigInt;
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::expr::binop_arg;
use super::{Compiler, Ctx, FBlock, FBlockKind, R, ScopeType};
use crate::symtable::BlockKind;

impl<'a> Compiler<'a> {
    pub fn compile_stmt(&mut self, s: &'a Stmt) -> R {
        self.set_loc(s.range());
        match s {
            Stmt::FunctionDef(f) => self.compile_function_def(f),
            Stmt::ClassDef(c) => self.compile_class_def(c),
            Stmt::Return(r) => self.compile_return(r),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.compile_delete(t)?;
                }
                Ok(())
            }
            Stmt::TypeAlias(t) => Err(self.error("invalid syntax", t.range)),
            Stmt::Assign(a) => self.compile_assign(a),
            Stmt::AugAssign(a) => self.compile_augassign(a),
            Stmt::AnnAssign(a) => self.compile_annassign(a),
            Stmt::For(f) => {
                if f.is_async {
                    self.compile_async_for(f)
                } else {
                    self.compile_for(f)
                }
            }
            Stmt::While(w) => self.compile_while(w),
            Stmt::If(i) => self.compile_if(i),
            Stmt::With(w) => {
                if w.is_async && !self.in_async_function() {
                    return Err(self.error("'async with' outside async function", w.range));
                }
                self.compile_with(w, 0)
            }
            Stmt::Match(m) => self.compile_match(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.compile_expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.compile_expr(c)?;
                        n = 2;
                    }
                }
                self.set_loc(r.range);
                self.emit(Op::RAISE_VARARGS, n);
                Ok(())
            }
            Stmt::Try(t) => self.compile_try(t),
            Stmt::Assert(a) => self.compile_assert(a),
            Stmt::Import(i) => self.compile_import(i),
            Stmt::ImportFrom(i) => self.compile_import_from(i),
            Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(()),
            Stmt::Expr(e) => self.compile_expr_stmt(&e.value),
            Stmt::Pass(_) => {
                self.op(Op::NOP);
                Ok(())
            }
            Stmt::Break(b) => self.compile_break(b.range),
            Stmt::Continue(c) => self.compile_continue(c.range),
            Stmt::IpyEscapeCommand(c) => Err(self.error("invalid syntax", c.range)),
        }
    }

    pub fn in_async_function(&self) -> bool {
        self.unit().scope_type == ScopeType::AsyncFunction
    }

    fn compile_expr_stmt(&mut self, value: &'a Expr) -> R {
        if self.interactive && self.units.len() == 1 {
            self.compile_expr(value)?;
            self.op(Op::PRINT_EXPR);
            return Ok(());
        }
        if self.try_fold(value).is_some() && !matches!(value, Expr::Name(_)) {
            // A constant statement (e.g. a string used as a comment) does nothing.
            self.op(Op::NOP);
            return Ok(());
        }
        self.compile_expr(value)?;
        self.op(Op::POP_TOP);
        Ok(())
    }

    fn compile_assign(&mut self, a: &'a ast::StmtAssign) -> R {
        // `a, b = b, a` swaps on the stack instead of building a tuple.
        if a.targets.len() == 1
            && let Some(elts) = target_elts(&a.targets[0])
            && let Expr::Tuple(v) = a.value.as_ref()
            && v.elts.len() == elts.len()
            && (2..=3).contains(&elts.len())
            && !elts.iter().any(|e| matches!(e, Expr::Starred(_)))
            && !v.elts.iter().any(|e| matches!(e, Expr::Starred(_)))
            && self.try_fold(&a.value).is_none()
        {
            for e in &v.elts {
                self.compile_expr(e)?;
            }
            self.emit(Op::SWAP, elts.len() as u32);
            if elts.len() == 3 {
                // [x, y, z] -> [z, y, x]: SWAP 3 already reversed all three.
            }
            for t in elts {
                self.compile_store(t)?;
            }
            return Ok(());
        }
        self.compile_expr(&a.value)?;
        let n = a.targets.len();
        for (i, t) in a.targets.iter().enumerate() {
            if i + 1 < n {
                self.emit(Op::COPY, 1);
            }
            self.compile_store(t)?;
        }
        Ok(())
    }

    fn compile_augassign(&mut self, a: &'a ast::StmtAugAssign) -> R {
        let op = binop_arg(a.op) + BinaryOp::INPLACE_OFFSET;
        match a.target.as_ref() {
            Expr::Name(n) => {
                self.name_op(&n.id, Ctx::Load, n.range)?;
                self.compile_expr(&a.value)?;
                self.set_loc(a.range);
                self.emit(Op::BINARY_OP, op);
                self.name_op(&n.id, Ctx::Store, n.range)?;
            }
            Expr::Attribute(at) => {
                self.compile_expr(&at.value)?;
                let name = self.mangle(&at.attr.id);
                self.emit(Op::COPY, 1);
                self.emit_name(Op::LOAD_ATTR, &name);
                self.compile_expr(&a.value)?;
                self.set_loc(a.range);
                self.emit(Op::BINARY_OP, op);
                self.emit(Op::SWAP, 2);
                self.emit_name(Op::STORE_ATTR, &name);
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_subscript_key(&s.slice)?;
                self.emit(Op::COPY, 2);
                self.emit(Op::COPY, 2);
                self.op(Op::BINARY_SUBSCR);
                self.compile_expr(&a.value)?;
                self.set_loc(a.range);
                self.emit(Op::BINARY_OP, op);
                self.emit(Op::SWAP, 3);
                self.emit(Op::SWAP, 2);
                self.op(Op::STORE_SUBSCR);
            }
            other => {
                return Err(self.error(
                    "'expression' is an illegal expression for augmented assignment",
                    other.range(),
                ));
            }
        }
        Ok(())
    }

    /// The annotation as a value: the expression, or its text (rebuilt from the tree, as
    /// CPython's) under `from __future__ import annotations`.
    pub fn compile_annotation(&mut self, ann: &'a Expr) -> R {
        if self.future_annotations {
            let text = self.annotation_text(ann);
            self.load_const(Const::Str(text));
            Ok(())
        } else if let Expr::Starred(s) = ann {
            // `*args: *Ts`
            self.compile_expr(&s.value)?;
            self.emit(Op::UNPACK_SEQUENCE, 1);
            Ok(())
        } else {
            self.compile_expr(ann)
        }
    }

    pub fn annotation_text(&self, ann: &Expr) -> String {
        // A tree without source (compile() of an AST object) brings its annotations' text.
        if let Some(i) = ast::HasNodeIndex::node_index(ann).load().as_u32()
            && let Some(i) = i.checked_sub(crate::ANNOTATION_INDEX_BASE)
            && let Some(t) = self.ast_annotations.get(i as usize)
        {
            return t.clone();
        }
        crate::unparse::annotation(self.lt.source(), ann)
    }

    fn compile_annassign(&mut self, a: &'a ast::StmtAnnAssign) -> R {
        if let Some(v) = &a.value {
            self.compile_expr(v)?;
            self.compile_store(&a.target)?;
        }
        let module_or_class =
            matches!(self.unit().scope_type, ScopeType::Module | ScopeType::Class);
        match a.target.as_ref() {
            Expr::Name(n) => {
                if n.id.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__", n.range));
                }
                if a.simple && module_or_class {
                    self.set_loc(a.range);
                    self.compile_annotation(&a.annotation)?;
                    self.emit_name(Op::LOAD_NAME, "__annotations__");
                    let name = self.mangle(&n.id);
                    self.load_const(Const::Str(name));
                    self.op(Op::STORE_SUBSCR);
                } else if !a.simple && module_or_class && !self.future_annotations {
                    self.compile_expr(&a.annotation)?;
                    self.op(Op::POP_TOP);
                }
            }
            Expr::Attribute(at) => {
                if at.attr.id.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__", at.range));
                }
                if a.value.is_none() {
                    self.compile_expr(&at.value)?;
                    self.op(Op::POP_TOP);
                }
                if module_or_class && !self.future_annotations {
                    self.compile_expr(&a.annotation)?;
                    self.op(Op::POP_TOP);
                }
            }
            Expr::Subscript(s) => {
                if a.value.is_none() {
                    self.compile_expr(&s.value)?;
                    self.op(Op::POP_TOP);
                    self.compile_subscript_key(&s.slice)?;
                    self.op(Op::POP_TOP);
                }
                if module_or_class && !self.future_annotations {
                    self.compile_expr(&a.annotation)?;
                    self.op(Op::POP_TOP);
                }
            }
            other => return Err(self.error("illegal target for annotation", other.range())),
        }
        Ok(())
    }

    /// A `for` iterable that is a display of constants is built as a constant tuple/frozenset.
    fn compile_iterable(&mut self, iter: &'a Expr) -> R {
        match iter {
            Expr::List(l)
                if l.ctx == ExprContext::Load
                    && !l.elts.iter().any(|e| matches!(e, Expr::Starred(_))) =>
            {
                let consts: Option<Vec<Const>> = l.elts.iter().map(|e| self.try_fold(e)).collect();
                match consts {
                    Some(items) => {
                        self.set_loc(l.range);
                        self.load_const(Const::Tuple(items));
                        Ok(())
                    }
                    None => self.compile_expr(iter),
                }
            }
            Expr::Set(s) if !s.elts.iter().any(|e| matches!(e, Expr::Starred(_))) => {
                let consts: Option<Vec<Const>> = s.elts.iter().map(|e| self.try_fold(e)).collect();
                match consts {
                    Some(items) => {
                        self.set_loc(s.range);
                        self.load_const(Const::FrozenSet(items));
                        Ok(())
                    }
                    None => self.compile_expr(iter),
                }
            }
            _ => self.compile_expr(iter),
        }
    }

    fn compile_for(&mut self, f: &'a ast::StmtFor) -> R {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.compile_iterable(&f.iter)?;
        self.set_loc(f.iter.range());
        self.op(Op::GET_ITER);
        self.bind(start);
        self.set_loc(f.range);
        self.jump(Op::FOR_ITER, cleanup);
        let mut fb = FBlock::new(FBlockKind::ForLoop);
        fb.start = Some(start);
        fb.exit = Some(end);
        self.push_fblock(fb, f.range)?;
        self.compile_store(&f.target)?;
        self.compile_body(&f.body)?;
        self.pop_fblock();
        self.set_loc(f.range);
        self.jump(Op::JUMP_BACKWARD, start);
        self.bind(cleanup);
        self.compile_body(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_async_for(&mut self, f: &'a ast::StmtFor) -> R {
        if !self.in_async_function() {
            return Err(self.error("'async for' outside async function", f.range));
        }
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.compile_expr(&f.iter)?;
        self.set_loc(f.range);
        self.op(Op::GET_AITER);
        self.bind(start);
        let mut fb = FBlock::new(FBlockKind::ForLoop);
        fb.start = Some(start);
        fb.exit = Some(end);
        self.push_fblock(fb, f.range)?;
        self.jump(Op::SETUP_FINALLY, except);
        self.op(Op::GET_ANEXT);
        self.load_none();
        self.yield_from_loop();
        self.op(Op::POP_BLOCK);
        self.compile_store(&f.target)?;
        self.compile_body(&f.body)?;
        self.jump(Op::JUMP_BACKWARD, start);
        self.pop_fblock();
        self.bind(except);
        self.set_loc(f.range);
        self.op(Op::END_ASYNC_FOR);
        self.compile_body(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_while(&mut self, w: &'a ast::StmtWhile) -> R {
        let start = self.new_label();
        let anchor = self.new_label();
        let end = self.new_label();
        self.bind(start);
        self.jump_if(&w.test, false, anchor)?;
        let mut fb = FBlock::new(FBlockKind::WhileLoop);
        fb.start = Some(start);
        fb.exit = Some(end);
        self.push_fblock(fb, w.range)?;
        self.compile_body(&w.body)?;
        self.pop_fblock();
        self.set_loc(w.range);
        self.jump(Op::JUMP_BACKWARD, start);
        self.bind(anchor);
        self.compile_body(&w.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_if(&mut self, i: &'a ast::StmtIf) -> R {
        let end = self.new_label();
        let mut next = self.new_label();
        self.jump_if(&i.test, false, next)?;
        self.compile_body(&i.body)?;
        for clause in &i.elif_else_clauses {
            self.jump(Op::JUMP, end);
            self.bind(next);
            next = self.new_label();
            self.set_loc(clause.range);
            if let Some(t) = &clause.test {
                self.jump_if(t, false, next)?;
            }
            self.compile_body(&clause.body)?;
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    fn compile_return(&mut self, r: &'a ast::StmtReturn) -> R {
        if !self.block_kind().is_function_like()
            || matches!(self.block_kind(), BlockKind::Comprehension(_))
        {
            return Err(self.error("'return' outside function", r.range));
        }
        if r.value.is_some() && self.is_async_generator() {
            return Err(self.error("'return' with value in async generator", r.range));
        }
        let konst = r.value.as_deref().and_then(|v| self.try_fold(v));
        let preserve_tos = r.value.is_some() && konst.is_none();
        let unwinds = self.unwind_runs_code(false);
        if preserve_tos && let Some(v) = &r.value {
            self.compile_expr(v)?;
        } else if unwinds {
            self.op(Op::NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false, r.range)?;
        // After a `finally` body the return keeps that body's line (CPython's artificial
        // instructions), so line tracing does not report the `return` twice.
        if !unwinds {
            self.set_loc(r.range);
        }
        if !preserve_tos {
            self.load_const(konst.unwrap_or(Const::None));
        }
        self.op(Op::RETURN_VALUE);
        Ok(())
    }

    fn compile_break(&mut self, range: TextRange) -> R {
        let unwinds = self.unwind_runs_code(true);
        if unwinds {
            self.op(Op::NOP);
        }
        let lp = self.unwind_fblock_stack(false, true, range)?;
        let Some(lp) = lp else {
            return Err(self.error("'break' outside loop", range));
        };
        if !unwinds {
            self.set_loc(range);
        }
        if lp.kind == FBlockKind::ForLoop {
            self.op(Op::POP_TOP);
        }
        if let Some(exit) = lp.exit {
            self.jump(Op::JUMP, exit);
        }
        Ok(())
    }

    fn compile_continue(&mut self, range: TextRange) -> R {
        let unwinds = self.unwind_runs_code(true);
        if unwinds {
            self.op(Op::NOP);
        }
        let lp = self.unwind_fblock_stack(false, true, range)?;
        let Some(lp) = lp else {
            return Err(self.error("'continue' not properly in loop", range));
        };
        if !unwinds {
            self.set_loc(range);
        }
        if let Some(start) = lp.start {
            self.jump(Op::JUMP_BACKWARD, start);
        }
        Ok(())
    }

    fn compile_assert(&mut self, a: &'a ast::StmtAssert) -> R {
        if self.optimize > 0 {
            return Ok(());
        }
        if let Expr::Tuple(t) = a.test.as_ref()
            && !t.elts.is_empty()
        {
            self.warn("assertion is always true, perhaps remove parentheses?");
        }
        let end = self.new_label();
        self.jump_if(&a.test, true, end)?;
        // CPython 3.11 raises at the last comparison its condition code compiled (its location
        // leaks out of the test), else at the statement: tracebacks show carets under it.
        self.set_loc(last_condition_compare(&a.test).unwrap_or(a.range));
        self.op(Op::LOAD_ASSERTION_ERROR);
        if let Some(m) = &a.msg {
            self.compile_expr(m)?;
            self.emit(Op::CALL, 1);
        }
        self.emit(Op::RAISE_VARARGS, 1);
        self.bind(end);
        Ok(())
    }

    fn compile_import(&mut self, i: &'a ast::StmtImport) -> R {
        // Every instruction of an import has the statement's location in CPython 3.11 (a
        // failing import shows no carets under its line).
        for alias in &i.names {
            self.load_const(Const::Int(BigInt::from(0)));
            self.load_none();
            let full = alias.name.id.as_str();
            self.emit_name(Op::IMPORT_NAME, full);
            match &alias.asname {
                Some(asname) => {
                    let parts: Vec<&str> = full.split('.').collect();
                    if parts.len() > 1 {
                        for (k, attr) in parts[1..].iter().enumerate() {
                            self.emit_name(Op::IMPORT_FROM, attr);
                            if k + 2 < parts.len() {
                                self.emit(Op::SWAP, 2);
                                self.op(Op::POP_TOP);
                            }
                        }
                        self.name_op(&asname.id, Ctx::Store, asname.range)?;
                        self.op(Op::POP_TOP);
                    } else {
                        self.name_op(&asname.id, Ctx::Store, asname.range)?;
                    }
                }
                None => {
                    let first = full.split('.').next().unwrap_or(full);
                    self.name_op(first, Ctx::Store, alias.name.range)?;
                }
            }
        }
        Ok(())
    }

    fn compile_import_from(&mut self, i: &'a ast::StmtImportFrom) -> R {
        let module = i.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
        if module == "__future__" && i.level == 0 && self.line_of(i.range) > self.future_lineno {
            return Err(self.error(
                "from __future__ imports must occur at the beginning of the file",
                i.range,
            ));
        }
        self.load_const(Const::Int(BigInt::from(i.level)));
        let names: Vec<Const> = i
            .names
            .iter()
            .map(|a| Const::Str(a.name.id.to_string()))
            .collect();
        self.load_const(Const::Tuple(names));
        self.emit_name(Op::IMPORT_NAME, module);
        if i.names.len() == 1 && i.names[0].name.id.as_str() == "*" {
            self.op(Op::IMPORT_STAR);
            return Ok(());
        }
        for alias in &i.names {
            self.emit_name(Op::IMPORT_FROM, &alias.name.id);
            let (store, r) = match &alias.asname {
                Some(a) => (a.id.as_str(), a.range),
                None => (alias.name.id.as_str(), alias.name.range),
            };
            self.name_op(store, Ctx::Store, r)?;
        }
        self.op(Op::POP_TOP);
        Ok(())
    }
}

/// The elements of a tuple/list assignment target.
fn target_elts(t: &Expr) -> Option<&[Expr]> {
    match t {
        Expr::Tuple(t) => Some(&t.elts),
        Expr::List(l) => Some(&l.elts),
        _ => None,
    }
}

/// The range of the comparison whose location CPython 3.11's condition compiler leaves in
/// place after compiling `e` as a jump (the last one reached through `not`, `and`/`or` and
/// conditional expressions), if any.
fn last_condition_compare(e: &Expr) -> Option<TextRange> {
    match e {
        Expr::Compare(c) => Some(c.range),
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => last_condition_compare(&u.operand),
        Expr::BoolOp(b) => b.values.iter().filter_map(last_condition_compare).last(),
        Expr::If(i) => [&i.test, &i.body, &i.orelse]
            .into_iter()
            .filter_map(|x| last_condition_compare(x))
            .last(),
        _ => None,
    }
}
