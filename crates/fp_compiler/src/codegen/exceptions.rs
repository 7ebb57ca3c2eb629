//! Exception handling: `try`/`except`, `try`/`finally`, `try`/`except*` (3.11's
//! ExceptionGroup scheme) and `with` / `async with`, using SETUP_FINALLY handler blocks with
//! PUSH_EXC_INFO / POP_EXCEPT, as CPython 3.11 lays them out (minus the `lasti` slot).
//!
//! Convention: a handler's own cleanup block (`SETUP_FINALLY cleanup`) is pushed *before*
//! PUSH_EXC_INFO, so the depth it records holds exactly the slot that PUSH_EXC_INFO turns into
//! the previously handled exception; `cleanup` then sees `[prev, exc2]`.

use fp_bytecode::Op;
use ruff_python_ast as ast;

use super::{Compiler, Ctx, FBlock, FBlockKind, R};

impl<'a> Compiler<'a> {
    pub fn compile_try(&mut self, t: &'a ast::StmtTry) -> R {
        if t.is_star {
            if !t.finalbody.is_empty() {
                return self.compile_try_finally(t);
            }
            return self.compile_try_star_except(t);
        }
        if !t.finalbody.is_empty() {
            self.compile_try_finally(t)
        } else {
            self.compile_try_except(t)
        }
    }

    /// `[exc]` at a handler entry → `SETUP_FINALLY cleanup; PUSH_EXC_INFO` → `[prev, exc]`.
    fn enter_handler(&mut self, cleanup: super::Label) {
        self.jump(Op::SETUP_FINALLY, cleanup);
        self.op(Op::PUSH_EXC_INFO);
    }

    /// `[prev, exc] -> (restores prev, re-raises exc)`.
    fn pop_except_and_reraise(&mut self) {
        self.emit(Op::SWAP, 2);
        self.op(Op::POP_EXCEPT);
        self.op(Op::RERAISE);
    }

    fn compile_try_finally(&mut self, t: &'a ast::StmtTry) -> R {
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.jump(Op::SETUP_FINALLY, end);
        let mut fb = FBlock::new(FBlockKind::FinallyTry);
        fb.finally = Some(&t.finalbody);
        self.push_fblock(fb, t.range)?;
        if !t.handlers.is_empty() {
            if t.is_star {
                self.compile_try_star_except(t)?;
            } else {
                self.compile_try_except(t)?;
            }
        } else {
            self.compile_body(&t.body)?;
        }
        self.pop_fblock();
        self.op(Op::POP_BLOCK);
        self.compile_body(&t.finalbody)?;
        self.jump(Op::JUMP, exit);
        // The exceptional path: [exc]
        self.bind(end);
        self.set_loc(t.range);
        self.enter_handler(cleanup);
        self.push_fblock(FBlock::new(FBlockKind::FinallyEnd), t.range)?;
        self.compile_body(&t.finalbody)?;
        self.pop_fblock();
        self.op(Op::RERAISE);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    /// `name = None; del name`, clearing an `except ... as name` binding.
    fn clear_handler_name(&mut self, name: &ast::Identifier) -> R {
        self.load_none();
        self.name_op(&name.id, Ctx::Store, name.range)?;
        self.name_op(&name.id, Ctx::Del, name.range)
    }

    fn compile_try_except(&mut self, t: &'a ast::StmtTry) -> R {
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.jump(Op::SETUP_FINALLY, except);
        self.push_fblock(FBlock::new(FBlockKind::TryExcept), t.range)?;
        self.compile_body(&t.body)?;
        self.pop_fblock();
        self.op(Op::POP_BLOCK);
        self.compile_body(&t.orelse)?;
        self.jump(Op::JUMP, end);
        let n = t.handlers.len();
        // [exc]
        self.bind(except);
        self.set_loc(t.range);
        self.enter_handler(cleanup);
        self.push_fblock(FBlock::new(FBlockKind::ExceptionHandler), t.range)?;
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            if h.type_.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last", h.range));
            }
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.compile_expr(ty)?;
                self.op(Op::CHECK_EXC_MATCH);
                self.jump(Op::POP_JUMP_IF_FALSE, next);
            }
            // [prev, exc]
            match &h.name {
                Some(name) => {
                    let cleanup_end = self.new_label();
                    self.name_op(&name.id, Ctx::Store, name.range)?;
                    // [prev]
                    self.jump(Op::SETUP_FINALLY, cleanup_end);
                    let mut fb = FBlock::new(FBlockKind::HandlerCleanup);
                    fb.name = Some(name.id.to_string());
                    self.push_fblock(fb, h.range)?;
                    self.compile_body(&h.body)?;
                    self.pop_fblock();
                    self.op(Op::POP_BLOCK);
                    self.op(Op::POP_BLOCK);
                    self.op(Op::POP_EXCEPT);
                    self.clear_handler_name(name)?;
                    self.jump(Op::JUMP, end);
                    // [prev, exc2]
                    self.bind(cleanup_end);
                    self.clear_handler_name(name)?;
                    self.op(Op::RERAISE);
                }
                None => {
                    self.op(Op::POP_TOP);
                    self.push_fblock(FBlock::new(FBlockKind::HandlerCleanup), h.range)?;
                    self.compile_body(&h.body)?;
                    self.pop_fblock();
                    self.op(Op::POP_BLOCK);
                    self.op(Op::POP_EXCEPT);
                    self.jump(Op::JUMP, end);
                }
            }
            self.bind(next);
        }
        self.pop_fblock();
        self.set_loc(t.range);
        // No clause matched: [prev, exc]
        self.op(Op::RERAISE);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// `try: ... except* T: ...` with the stack `[prev, orig, raised_list, rest]` while the
    /// clauses run; PREP_RERAISE_STAR combines what is left to re-raise.
    fn compile_try_star_except(&mut self, t: &'a ast::StmtTry) -> R {
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        self.jump(Op::SETUP_FINALLY, except);
        self.push_fblock(FBlock::new(FBlockKind::TryExcept), t.range)?;
        self.compile_body(&t.body)?;
        self.pop_fblock();
        self.op(Op::POP_BLOCK);
        self.compile_body(&t.orelse)?;
        self.jump(Op::JUMP, end);
        self.bind(except);
        self.set_loc(t.range);
        self.enter_handler(cleanup);
        // [prev, exc]
        self.push_fblock(FBlock::new(FBlockKind::ExceptionGroupHandler), t.range)?;
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            let next = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                // [prev, orig] -> [prev, orig, [], rest=orig]
                self.emit(Op::BUILD_LIST, 0);
                self.emit(Op::COPY, 2);
            }
            let Some(ty) = &h.type_ else {
                return Err(self.error("expected one or more exception types", h.range));
            };
            self.compile_expr(ty)?;
            self.op(Op::CHECK_EG_MATCH);
            self.emit(Op::COPY, 1);
            self.jump(Op::POP_JUMP_IF_NONE, no_match);
            // [prev, orig, list, rest, match]
            let cleanup_end = self.new_label();
            match &h.name {
                Some(name) => self.name_op(&name.id, Ctx::Store, name.range)?,
                None => self.op(Op::POP_TOP),
            }
            // [prev, orig, list, rest]
            self.jump(Op::SETUP_FINALLY, cleanup_end);
            let mut fb = FBlock::new(FBlockKind::HandlerCleanup);
            fb.name = h.name.as_ref().map(|n| n.id.to_string());
            self.push_fblock(fb, h.range)?;
            self.compile_body(&h.body)?;
            self.pop_fblock();
            self.op(Op::POP_BLOCK);
            if let Some(name) = &h.name {
                self.clear_handler_name(name)?;
            }
            self.jump(Op::JUMP, next);
            // [prev, orig, list, rest, raised]
            self.bind(cleanup_end);
            if let Some(name) = &h.name {
                self.clear_handler_name(name)?;
            }
            self.emit(Op::LIST_APPEND, 2);
            self.jump(Op::JUMP, next);
            // [prev, orig, list, rest, None]
            self.bind(no_match);
            self.op(Op::POP_TOP);
            self.bind(next);
            if i + 1 == n {
                // [prev, orig, list, rest] -> [prev, orig, list]
                self.emit(Op::LIST_APPEND, 1);
                self.jump(Op::JUMP, reraise_star);
            }
        }
        self.pop_fblock();
        self.set_loc(t.range);
        let reraise = self.new_label();
        self.bind(reraise_star);
        self.op(Op::PREP_RERAISE_STAR);
        self.emit(Op::COPY, 1);
        self.jump(Op::POP_JUMP_IF_NOT_NONE, reraise);
        // Nothing to re-raise: [prev, None]
        self.op(Op::POP_TOP);
        self.op(Op::POP_BLOCK);
        self.op(Op::POP_EXCEPT);
        self.jump(Op::JUMP, end);
        // [prev, exc]
        self.bind(reraise);
        self.op(Op::POP_BLOCK);
        self.emit(Op::SWAP, 2);
        self.op(Op::POP_EXCEPT);
        self.op(Op::RERAISE);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// One item of a `with` statement (recursing for the following items), then the body.
    pub fn compile_with(&mut self, w: &'a ast::StmtWith, idx: usize) -> R {
        let Some(item) = w.items.get(idx) else {
            return self.compile_body(&w.body);
        };
        let is_async = w.is_async;
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.set_loc(item.range);
        self.compile_expr(&item.context_expr)?;
        self.set_loc(item.range);
        if is_async {
            self.op(Op::BEFORE_ASYNC_WITH);
            self.emit(Op::GET_AWAITABLE, 1);
            self.load_none();
            self.yield_from_loop();
        } else {
            self.op(Op::BEFORE_WITH);
        }
        // [exit, res]
        // The `as` target is stored before the handler is set up: SETUP_FINALLY records the
        // current depth, which must not include `res`. (So a failing store into an attribute
        // or subscript target does not reach `__exit__`, unlike CPython.)
        match item.optional_vars.as_deref() {
            None => self.op(Op::POP_TOP),
            Some(target) => self.compile_store(target)?,
        }
        self.jump(Op::SETUP_FINALLY, final_);
        // [exit]
        let kind = if is_async {
            FBlockKind::AsyncWith
        } else {
            FBlockKind::With
        };
        let mut fb = FBlock::new(kind);
        fb.exit = Some(final_);
        self.push_fblock(fb, w.range)?;
        self.compile_with(w, idx + 1)?;
        self.pop_fblock();
        self.set_loc(item.range);
        self.op(Op::POP_BLOCK);
        self.call_exit_with_nones();
        if is_async {
            self.emit(Op::GET_AWAITABLE, 2);
            self.load_none();
            self.yield_from_loop();
        }
        self.op(Op::POP_TOP);
        self.jump(Op::JUMP, exit);
        // [exit, exc]
        self.bind(final_);
        self.enter_handler(cleanup);
        // [exit, prev, exc]
        self.op(Op::WITH_EXCEPT_START);
        if is_async {
            self.emit(Op::GET_AWAITABLE, 2);
            self.load_none();
            self.yield_from_loop();
        }
        let suppress = self.new_label();
        self.jump(Op::POP_JUMP_IF_TRUE, suppress);
        self.op(Op::RERAISE);
        self.bind(suppress);
        self.op(Op::POP_BLOCK);
        self.op(Op::POP_TOP);
        self.op(Op::POP_EXCEPT);
        self.op(Op::POP_TOP);
        self.jump(Op::JUMP, exit);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }
}
