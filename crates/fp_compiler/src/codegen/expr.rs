//! Expressions: operators, comparisons (chained), boolean operators and conditional jumps,
//! displays with starred items, calls (plain, method, keyword, `*`/`**`), attribute and
//! subscript access, slices, f-strings, `yield`/`yield from`/`await`, walrus, and the store /
//! delete forms of targets (including star-unpacking).

use fp_bytecode::{BinaryOp, CompareOp, Const, Op};
use ruff_python_ast::{self as ast, CmpOp, Expr, ExprContext, Operator, UnaryOp};
use ruff_text_size::{Ranged, TextRange};

use super::{Compiler, Ctx, Label, R, STACK_USE_GUIDELINE, ScopeType};
use crate::fold::const_truth;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SeqKind {
    List,
    Tuple,
    Set,
}

pub fn binop_arg(op: Operator) -> u32 {
    (match op {
        Operator::Add => BinaryOp::Add,
        Operator::Sub => BinaryOp::Sub,
        Operator::Mult => BinaryOp::Mul,
        Operator::MatMult => BinaryOp::MatMul,
        Operator::Div => BinaryOp::TrueDiv,
        Operator::FloorDiv => BinaryOp::FloorDiv,
        Operator::Mod => BinaryOp::Mod,
        Operator::Pow => BinaryOp::Pow,
        Operator::LShift => BinaryOp::LShift,
        Operator::RShift => BinaryOp::RShift,
        Operator::BitAnd => BinaryOp::And,
        Operator::BitOr => BinaryOp::Or,
        Operator::BitXor => BinaryOp::Xor,
    }) as u32
}

impl<'a> Compiler<'a> {
    /// The constant value of `e`, if it folds.
    pub fn try_fold(&self, e: &Expr) -> Option<Const> {
        self.folder.fold(e)
    }

    pub fn compile_expr(&mut self, e: &'a Expr) -> R {
        let saved = self.loc();
        self.set_loc(e.range());
        let r = self.compile_expr_inner(e);
        self.unit_mut().loc = saved;
        r
    }

    fn compile_expr_inner(&mut self, e: &'a Expr) -> R {
        if !matches!(e, Expr::Name(_))
            && let Some(c) = self.try_fold(e)
        {
            self.load_const(c);
            return Ok(());
        }
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let op = if b.op == ast::BoolOp::And {
                    Op::JUMP_IF_FALSE_OR_POP
                } else {
                    Op::JUMP_IF_TRUE_OR_POP
                };
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.compile_expr(v)?;
                    if i + 1 < n {
                        self.jump(op, end);
                    }
                }
                self.bind(end);
            }
            Expr::Named(n) => {
                self.compile_expr(&n.value)?;
                self.emit(Op::COPY, 1);
                self.compile_store(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.compile_expr(&b.left)?;
                self.compile_expr(&b.right)?;
                self.emit(Op::BINARY_OP, binop_arg(b.op));
            }
            Expr::UnaryOp(u) => {
                self.compile_expr(&u.operand)?;
                self.op(match u.op {
                    UnaryOp::Invert => Op::UNARY_INVERT,
                    UnaryOp::Not => Op::UNARY_NOT,
                    UnaryOp::UAdd => Op::UNARY_POSITIVE,
                    UnaryOp::USub => Op::UNARY_NEGATIVE,
                });
            }
            Expr::Lambda(l) => self.compile_lambda(l)?,
            Expr::If(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(&i.test, false, next)?;
                self.compile_expr(&i.body)?;
                self.jump(Op::JUMP, end);
                self.bind(next);
                self.compile_expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => self.compile_dict(d)?,
            Expr::Set(s) => self.starunpack(&s.elts, 0, SeqKind::Set)?,
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                self.compile_comprehension(e)?
            }
            Expr::Await(a) => {
                let kind = self.block_kind();
                if !kind.is_function_like() {
                    return Err(self.error("'await' outside function", a.range));
                }
                if !matches!(
                    self.unit().scope_type,
                    ScopeType::AsyncFunction | ScopeType::Comprehension
                ) {
                    return Err(self.error("'await' outside async function", a.range));
                }
                self.compile_expr(&a.value)?;
                self.emit(Op::GET_AWAITABLE, 0);
                self.load_none();
                self.yield_from_loop();
            }
            Expr::Yield(y) => {
                if !self.block_kind().is_function_like() {
                    return Err(self.error("'yield' outside function", y.range));
                }
                match &y.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_none(),
                }
                if self.is_async_generator() {
                    self.op(Op::ASYNC_GEN_WRAP);
                }
                self.emit(Op::YIELD_VALUE, 0);
            }
            Expr::YieldFrom(y) => {
                if !self.block_kind().is_function_like() {
                    return Err(self.error("'yield' outside function", y.range));
                }
                if self.unit().scope_type == ScopeType::AsyncFunction {
                    return Err(self.error("'yield from' inside async function", y.range));
                }
                self.compile_expr(&y.value)?;
                self.op(Op::GET_YIELD_FROM_ITER);
                self.load_none();
                self.yield_from_loop();
            }
            Expr::Compare(c) => self.compile_compare(c)?,
            Expr::Call(c) => self.compile_call(c)?,
            Expr::FString(f) => self.compile_fstring(f)?,
            Expr::TString(t) => return Err(self.error("invalid syntax", t.range)),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                // Literals always fold; reaching here means an int literal was malformed.
                return Err(self.error("invalid syntax", e.range()));
            }
            Expr::Attribute(a) => match a.ctx {
                ExprContext::Load => {
                    self.compile_expr(&a.value)?;
                    let name = self.mangle(&a.attr.id);
                    self.set_loc(a.range);
                    self.emit_name(Op::LOAD_ATTR, &name);
                }
                ExprContext::Store => return self.compile_store(e),
                ExprContext::Del => return self.compile_delete(e),
                ExprContext::Invalid => return Err(self.error("invalid syntax", a.range)),
            },
            Expr::Subscript(s) => match s.ctx {
                ExprContext::Load => {
                    self.check_subscript(&s.value, &s.slice);
                    self.compile_expr(&s.value)?;
                    self.compile_subscript_key(&s.slice)?;
                    self.set_loc(s.range);
                    self.op(Op::BINARY_SUBSCR);
                }
                ExprContext::Store => return self.compile_store(e),
                ExprContext::Del => return self.compile_delete(e),
                ExprContext::Invalid => return Err(self.error("invalid syntax", s.range)),
            },
            Expr::Starred(s) => match s.ctx {
                ExprContext::Store => {
                    return Err(self.error(
                        "starred assignment target must be in a list or tuple",
                        s.range,
                    ));
                }
                _ => return Err(self.error("can't use starred expression here", s.range)),
            },
            Expr::Name(n) => match n.ctx {
                ExprContext::Load => self.name_op(&n.id, Ctx::Load, n.range)?,
                ExprContext::Store => self.name_op(&n.id, Ctx::Store, n.range)?,
                ExprContext::Del => self.name_op(&n.id, Ctx::Del, n.range)?,
                ExprContext::Invalid => return Err(self.error("invalid syntax", n.range)),
            },
            Expr::List(l) => match l.ctx {
                ExprContext::Load => self.starunpack(&l.elts, 0, SeqKind::List)?,
                ExprContext::Store => return self.compile_store(e),
                ExprContext::Del => return self.compile_delete(e),
                ExprContext::Invalid => return Err(self.error("invalid syntax", l.range)),
            },
            Expr::Tuple(t) => match t.ctx {
                ExprContext::Load => self.starunpack(&t.elts, 0, SeqKind::Tuple)?,
                ExprContext::Store => return self.compile_store(e),
                ExprContext::Del => return self.compile_delete(e),
                ExprContext::Invalid => return Err(self.error("invalid syntax", t.range)),
            },
            Expr::Slice(s) => self.compile_slice(s)?,
            Expr::IpyEscapeCommand(c) => return Err(self.error("invalid syntax", c.range)),
        }
        Ok(())
    }

    fn compile_slice(&mut self, s: &'a ast::ExprSlice) -> R {
        match &s.lower {
            Some(v) => self.compile_expr(v)?,
            None => self.load_none(),
        }
        match &s.upper {
            Some(v) => self.compile_expr(v)?,
            None => self.load_none(),
        }
        match &s.step {
            Some(v) => {
                self.compile_expr(v)?;
                self.emit(Op::BUILD_SLICE, 3);
            }
            None => self.emit(Op::BUILD_SLICE, 2),
        }
        Ok(())
    }

    pub fn compile_subscript_key(&mut self, key: &'a Expr) -> R {
        self.compile_expr(key)
    }

    /// Displays: `[a, *b]`, `(a, *b)`, `{a, *b}`, with `pushed` items already on the stack.
    pub fn starunpack(&mut self, elts: &'a [Expr], pushed: u32, kind: SeqKind) -> R {
        let n = elts.len();
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        // A long run of constants becomes one constant tuple/frozenset extended into the result.
        if !seen_star && n > 2 && kind != SeqKind::Tuple {
            let consts: Option<Vec<Const>> = elts.iter().map(|e| self.try_fold(e)).collect();
            if let Some(items) = consts {
                if kind == SeqKind::List {
                    self.emit(Op::BUILD_LIST, pushed);
                    self.load_const(Const::Tuple(items));
                    self.emit(Op::LIST_EXTEND, 1);
                } else {
                    self.emit(Op::BUILD_SET, pushed);
                    self.load_const(Const::FrozenSet(items));
                    self.emit(Op::SET_UPDATE, 1);
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let (build, add, extend) = match kind {
            SeqKind::Set => (Op::BUILD_SET, Op::SET_ADD, Op::SET_UPDATE),
            _ => (Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND),
        };
        if !seen_star && !big {
            for e in elts {
                self.compile_expr(e)?;
            }
            let op = match kind {
                SeqKind::List => Op::BUILD_LIST,
                SeqKind::Tuple => Op::BUILD_TUPLE,
                SeqKind::Set => Op::BUILD_SET,
            };
            self.emit(op, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed);
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let Expr::Starred(s) = e {
                if !built {
                    self.emit(build, i as u32 + pushed);
                    built = true;
                }
                self.compile_expr(&s.value)?;
                self.emit(extend, 1);
            } else {
                self.compile_expr(e)?;
                if built {
                    self.emit(add, 1);
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.op(Op::LIST_TO_TUPLE);
        }
        Ok(())
    }

    fn compile_subdict(&mut self, items: &'a [ast::DictItem]) -> R {
        let n = items.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let keys: Option<Vec<Const>> = items
                .iter()
                .map(|it| it.key.as_ref().and_then(|k| self.try_fold(k)))
                .collect();
            if let Some(keys) = keys {
                for it in items {
                    self.compile_expr(&it.value)?;
                }
                self.load_const(Const::Tuple(keys));
                self.emit(Op::BUILD_CONST_KEY_MAP, n as u32);
                return Ok(());
            }
        }
        if big {
            self.emit(Op::BUILD_MAP, 0);
        }
        for it in items {
            if let Some(k) = &it.key {
                self.compile_expr(k)?;
            }
            self.compile_expr(&it.value)?;
            if big {
                self.emit(Op::MAP_ADD, 1);
            }
        }
        if !big {
            self.emit(Op::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn compile_dict(&mut self, d: &'a ast::ExprDict) -> R {
        let items = &d.items[..];
        let mut elements = 0usize;
        let mut have_dict = false;
        for i in 0..items.len() {
            if items[i].key.is_none() {
                if elements > 0 {
                    self.compile_subdict(&items[i - elements..i])?;
                    if have_dict {
                        self.emit(Op::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Op::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.compile_expr(&items[i].value)?;
                self.emit(Op::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.compile_subdict(&items[i - elements..=i])?;
                if have_dict {
                    self.emit(Op::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.compile_subdict(&items[items.len() - elements..])?;
            if have_dict {
                self.emit(Op::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Op::BUILD_MAP, 0);
        }
        Ok(())
    }

    fn emit_compare(&mut self, op: CmpOp) {
        match op {
            CmpOp::Eq => self.emit(Op::COMPARE_OP, CompareOp::Eq as u32),
            CmpOp::NotEq => self.emit(Op::COMPARE_OP, CompareOp::Ne as u32),
            CmpOp::Lt => self.emit(Op::COMPARE_OP, CompareOp::Lt as u32),
            CmpOp::LtE => self.emit(Op::COMPARE_OP, CompareOp::Le as u32),
            CmpOp::Gt => self.emit(Op::COMPARE_OP, CompareOp::Gt as u32),
            CmpOp::GtE => self.emit(Op::COMPARE_OP, CompareOp::Ge as u32),
            CmpOp::Is => self.emit(Op::IS_OP, 0),
            CmpOp::IsNot => self.emit(Op::IS_OP, 1),
            CmpOp::In => self.emit(Op::CONTAINS_OP, 0),
            CmpOp::NotIn => self.emit(Op::CONTAINS_OP, 1),
        }
    }

    /// The right operand of a comparison: `x in [consts]` uses a constant tuple, `x in {consts}`
    /// a constant frozenset.
    fn compile_comparator(&mut self, op: CmpOp, e: &'a Expr) -> R {
        if matches!(op, CmpOp::In | CmpOp::NotIn) {
            match e {
                Expr::List(l) if !l.elts.iter().any(|x| matches!(x, Expr::Starred(_))) => {
                    let consts: Option<Vec<Const>> =
                        l.elts.iter().map(|x| self.try_fold(x)).collect();
                    if let Some(items) = consts {
                        self.load_const(Const::Tuple(items));
                        return Ok(());
                    }
                }
                Expr::Set(s) if !s.elts.iter().any(|x| matches!(x, Expr::Starred(_))) => {
                    let consts: Option<Vec<Const>> =
                        s.elts.iter().map(|x| self.try_fold(x)).collect();
                    if let Some(items) = consts {
                        self.load_const(Const::FrozenSet(items));
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        self.compile_expr(e)
    }

    /// CPython's SyntaxWarning for `is` / `is not` with a literal operand.
    fn check_compare(&mut self, c: &ast::ExprCompare) {
        let is_arg = |this: &Self, e: &Expr| match this.try_fold(e) {
            None => true,
            Some(k) => matches!(k, Const::None | Const::True | Const::False | Const::Ellipsis),
        } || matches!(e, Expr::Name(_));
        let mut left = is_arg(self, &c.left);
        for (op, e) in c.ops.iter().zip(c.comparators.iter()) {
            let right = is_arg(self, e);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (!right || !left) {
                self.warn(if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                });
                return;
            }
            left = right;
        }
    }

    /// CPython's "'X' object is not callable; perhaps you missed a comma?".
    fn check_caller(&mut self, f: &Expr) {
        let k = if matches!(f, Expr::Name(_)) {
            None
        } else {
            self.try_fold(f)
        };
        let warn = k.is_some()
            || matches!(
                f,
                Expr::Tuple(_)
                    | Expr::List(_)
                    | Expr::ListComp(_)
                    | Expr::Dict(_)
                    | Expr::DictComp(_)
                    | Expr::Set(_)
                    | Expr::SetComp(_)
                    | Expr::Generator(_)
                    | Expr::FString(_)
            );
        if warn && let Some(t) = crate::warnings::infer_type(f, k.as_ref()) {
            self.warn(format!(
                "'{t}' object is not callable; perhaps you missed a comma?"
            ));
        }
    }

    /// CPython's warnings for subscripting a literal that cannot be subscripted, or with an
    /// index of the wrong type.
    fn check_subscript(&mut self, value: &Expr, index: &Expr) {
        let vk = if matches!(value, Expr::Name(_)) {
            None
        } else {
            self.try_fold(value)
        };
        let not_subscriptable = match &vk {
            Some(k) => matches!(
                k,
                Const::None
                    | Const::Ellipsis
                    | Const::Int(_)
                    | Const::True
                    | Const::False
                    | Const::Float(_)
                    | Const::Complex { .. }
                    | Const::FrozenSet(_)
            ),
            None => matches!(
                value,
                Expr::Set(_) | Expr::SetComp(_) | Expr::Generator(_) | Expr::Lambda(_)
            ),
        };
        if not_subscriptable {
            if let Some(t) = crate::warnings::infer_type(value, vk.as_ref()) {
                self.warn(format!(
                    "'{t}' object is not subscriptable; perhaps you missed a comma?"
                ));
            }
            return;
        }
        let ik = if matches!(index, Expr::Name(_)) {
            None
        } else {
            self.try_fold(index)
        };
        let Some(itype) = crate::warnings::infer_type(index, ik.as_ref()) else {
            return;
        };
        if matches!(itype, "int" | "bool") || matches!(index, Expr::Slice(_)) {
            return;
        }
        let indexable = match &vk {
            Some(k) => matches!(
                k,
                Const::Str(_) | Const::Wtf8Str(_) | Const::Bytes(_) | Const::Tuple(_)
            ),
            None => matches!(
                value,
                Expr::Tuple(_) | Expr::List(_) | Expr::ListComp(_) | Expr::FString(_)
            ),
        };
        if indexable && let Some(vt) = crate::warnings::infer_type(value, vk.as_ref()) {
            self.warn(format!(
                "{vt} indices must be integers or slices, not {itype}; perhaps you missed a comma?"
            ));
        }
    }

    fn compile_compare(&mut self, c: &'a ast::ExprCompare) -> R {
        self.check_compare(c);
        self.compile_expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.compile_comparator(c.ops[0], &c.comparators[0])?;
            self.emit_compare(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n - 1 {
            self.compile_comparator(c.ops[i], &c.comparators[i])?;
            self.emit(Op::SWAP, 2);
            self.emit(Op::COPY, 2);
            self.emit_compare(c.ops[i]);
            self.jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
        }
        self.compile_comparator(c.ops[n - 1], &c.comparators[n - 1])?;
        self.emit_compare(c.ops[n - 1]);
        let end = self.new_label();
        self.jump(Op::JUMP, end);
        self.bind(cleanup);
        self.emit(Op::SWAP, 2);
        self.op(Op::POP_TOP);
        self.bind(end);
        Ok(())
    }

    /// Evaluates `e` as a condition and jumps to `target` when its truth equals `cond`.
    pub fn jump_if(&mut self, e: &'a Expr, cond: bool, target: Label) -> R {
        let saved = self.loc();
        self.set_loc(e.range());
        let r = self.jump_if_inner(e, cond, target);
        self.unit_mut().loc = saved;
        r
    }

    fn jump_if_inner(&mut self, e: &'a Expr, cond: bool, target: Label) -> R {
        if let Some(c) = self.try_fold(e)
            && let Some(t) = const_truth(&c)
        {
            if t == cond {
                self.jump(Op::JUMP, target);
            }
            return Ok(());
        }
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                return self.jump_if(&u.operand, !cond, target);
            }
            Expr::BoolOp(b) => {
                let cond2 = b.op == ast::BoolOp::Or;
                let mut next2 = target;
                let own = cond2 != cond;
                if own {
                    next2 = self.new_label();
                }
                let n = b.values.len();
                for v in &b.values[..n - 1] {
                    self.jump_if(v, cond2, next2)?;
                }
                self.jump_if(&b.values[n - 1], cond, target)?;
                if own {
                    self.bind(next2);
                }
                return Ok(());
            }
            Expr::If(i) => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(&i.test, false, next2)?;
                self.jump_if(&i.body, cond, target)?;
                self.jump(Op::JUMP, end);
                self.bind(next2);
                self.jump_if(&i.orelse, cond, target)?;
                self.bind(end);
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() > 1 => {
                self.check_compare(c);
                let n = c.ops.len();
                let cleanup = self.new_label();
                self.compile_expr(&c.left)?;
                for i in 0..n - 1 {
                    self.compile_comparator(c.ops[i], &c.comparators[i])?;
                    self.emit(Op::SWAP, 2);
                    self.emit(Op::COPY, 2);
                    self.emit_compare(c.ops[i]);
                    self.jump(Op::POP_JUMP_IF_FALSE, cleanup);
                }
                self.compile_comparator(c.ops[n - 1], &c.comparators[n - 1])?;
                self.emit_compare(c.ops[n - 1]);
                self.jump(
                    if cond {
                        Op::POP_JUMP_IF_TRUE
                    } else {
                        Op::POP_JUMP_IF_FALSE
                    },
                    target,
                );
                let end = self.new_label();
                self.jump(Op::JUMP, end);
                self.bind(cleanup);
                self.op(Op::POP_TOP);
                if !cond {
                    self.jump(Op::JUMP, target);
                }
                self.bind(end);
                return Ok(());
            }
            Expr::Compare(c)
                if matches!(c.ops[0], CmpOp::Is | CmpOp::IsNot)
                    && matches!(c.comparators[0], Expr::NoneLiteral(_)) =>
            {
                // `x is None` jumps directly on None-ness.
                self.compile_expr(&c.left)?;
                let is = c.ops[0] == CmpOp::Is;
                let op = if is == cond {
                    Op::POP_JUMP_IF_NONE
                } else {
                    Op::POP_JUMP_IF_NOT_NONE
                };
                self.jump(op, target);
                return Ok(());
            }
            _ => {}
        }
        self.compile_expr(e)?;
        self.jump(
            if cond {
                Op::POP_JUMP_IF_TRUE
            } else {
                Op::POP_JUMP_IF_FALSE
            },
            target,
        );
        Ok(())
    }

    fn check_keywords(&self, keywords: &[ast::Keyword]) -> R {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if name.id.as_str() == "__debug__" {
                return Err(self.error("cannot assign to __debug__", self.unit_range()));
            }
            for other in &keywords[i + 1..] {
                if let Some(o) = &other.arg
                    && o.id == name.id
                {
                    return Err(self.error(
                        format!("keyword argument repeated: {}", name.id),
                        other.range,
                    ));
                }
            }
        }
        Ok(())
    }

    fn compile_call(&mut self, c: &'a ast::ExprCall) -> R {
        let args = &c.arguments.args[..];
        let keywords = &c.arguments.keywords[..];
        self.check_caller(&c.func);
        self.check_keywords(keywords)?;
        if let Expr::Attribute(a) = c.func.as_ref()
            && a.ctx == ExprContext::Load
            && !args.iter().any(|x| matches!(x, Expr::Starred(_)))
            && !keywords.iter().any(|k| k.arg.is_none())
            && args.len() + keywords.len() < STACK_USE_GUIDELINE
        {
            self.compile_expr(&a.value)?;
            let name = self.mangle(&a.attr.id);
            let saved = self.loc();
            self.set_loc(a.range);
            self.emit_name(Op::LOAD_METHOD, &name);
            self.unit_mut().loc = saved;
            for x in args {
                self.compile_expr(x)?;
            }
            if keywords.is_empty() {
                self.emit(Op::CALL_METHOD, args.len() as u32);
            } else {
                let mut names = Vec::new();
                for k in keywords {
                    self.compile_expr(&k.value)?;
                    names.push(Const::Str(
                        k.arg.as_ref().map(|n| n.id.to_string()).unwrap_or_default(),
                    ));
                }
                self.load_const(Const::Tuple(names));
                self.emit(Op::CALL_METHOD_KW, (args.len() + keywords.len()) as u32);
            }
            return Ok(());
        }
        self.compile_expr(&c.func)?;
        self.call_helper(0, args, keywords)
    }

    /// Emits a call whose callable and `n` leading positional arguments are already pushed.
    pub fn call_helper(&mut self, n: u32, args: &'a [Expr], keywords: &'a [ast::Keyword]) -> R {
        self.check_keywords(keywords)?;
        let has_star = args.iter().any(|x| matches!(x, Expr::Starred(_)));
        let has_dstar = keywords.iter().any(|k| k.arg.is_none());
        let big = args.len() + n as usize + keywords.len() * 2 > STACK_USE_GUIDELINE;
        if !has_star && !has_dstar && !big {
            for x in args {
                self.compile_expr(x)?;
            }
            if keywords.is_empty() {
                self.emit(Op::CALL, n + args.len() as u32);
            } else {
                let mut names = Vec::new();
                for k in keywords {
                    self.compile_expr(&k.value)?;
                    names.push(Const::Str(
                        k.arg.as_ref().map(|n| n.id.to_string()).unwrap_or_default(),
                    ));
                }
                self.load_const(Const::Tuple(names));
                self.emit(Op::CALL_KW, n + (args.len() + keywords.len()) as u32);
            }
            return Ok(());
        }
        // General form: a positional tuple and a keyword dict.
        if n == 0
            && args.len() == 1
            && !big
            && let Expr::Starred(s) = &args[0]
        {
            // `f(*x)`: CALL_FUNCTION_EX takes `x` itself (as CPython), so a non-iterable is
            // reported as "f() argument after * must be an iterable".
            self.compile_expr(&s.value)?;
        } else if !has_star && !big {
            for x in args {
                self.compile_expr(x)?;
            }
            self.emit(Op::BUILD_TUPLE, n + args.len() as u32);
        } else {
            let mut built = false;
            if big {
                self.emit(Op::BUILD_LIST, n);
                built = true;
            }
            for (i, x) in args.iter().enumerate() {
                if let Expr::Starred(s) = x {
                    if !built {
                        self.emit(Op::BUILD_LIST, n + i as u32);
                        built = true;
                    }
                    self.compile_expr(&s.value)?;
                    self.emit(Op::LIST_EXTEND, 1);
                } else {
                    self.compile_expr(x)?;
                    if built {
                        self.emit(Op::LIST_APPEND, 1);
                    }
                }
            }
            if !built {
                self.emit(Op::BUILD_LIST, n + args.len() as u32);
            }
            self.op(Op::LIST_TO_TUPLE);
        }
        if keywords.is_empty() {
            self.emit(Op::CALL_FUNCTION_EX, 0);
            return Ok(());
        }
        let mut have_dict = false;
        let mut i = 0;
        while i < keywords.len() {
            if keywords[i].arg.is_none() {
                if !have_dict {
                    self.emit(Op::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.compile_expr(&keywords[i].value)?;
                self.emit(Op::DICT_MERGE, 1);
                i += 1;
                continue;
            }
            let start = i;
            while i < keywords.len() && keywords[i].arg.is_some() {
                i += 1;
            }
            let group = &keywords[start..i];
            let big_group = group.len() * 2 > STACK_USE_GUIDELINE;
            if big_group {
                self.emit(Op::BUILD_MAP, 0);
            }
            for k in group {
                self.load_str(k.arg.as_ref().map(|n| n.id.as_str()).unwrap_or(""));
                self.compile_expr(&k.value)?;
                if big_group {
                    self.emit(Op::MAP_ADD, 1);
                }
            }
            if !big_group {
                self.emit(Op::BUILD_MAP, group.len() as u32);
            }
            if have_dict {
                self.emit(Op::DICT_MERGE, 1);
            }
            have_dict = true;
        }
        self.emit(Op::CALL_FUNCTION_EX, 1);
        Ok(())
    }

    // ----- f-strings -----

    fn compile_fstring(&mut self, f: &'a ast::ExprFString) -> R {
        let mut count = 0u32;
        let mut pending = String::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => pending.push_str(&s.value),
                ast::FStringPart::FString(fs) => {
                    self.fstring_elements(&fs.elements, &mut pending, &mut count, 0)?;
                }
            }
        }
        if !pending.is_empty() || count == 0 {
            self.load_str(&pending);
            count += 1;
        }
        if count > 1 {
            self.emit(Op::BUILD_STRING, count);
        }
        Ok(())
    }

    fn flush_literal(&mut self, pending: &mut String, count: &mut u32) {
        if !pending.is_empty() {
            let s = std::mem::take(pending);
            self.load_str(&s);
            *count += 1;
        }
    }

    fn fstring_elements(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
        pending: &mut String,
        count: &mut u32,
        depth: u32,
    ) -> R {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => pending.push_str(&l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    if let Expr::Starred(st) = i.expression.as_ref() {
                        return Err(
                            self.error("f-string: cannot use starred expression here", st.range)
                        );
                    }
                    if depth >= 2 {
                        return Err(self.error("f-string: expressions nested too deeply", i.range));
                    }
                    let mut conversion = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(dt) = &i.debug_text {
                        pending.push_str(dt.leading());
                        pending.push_str(dt.expression());
                        pending.push_str(dt.trailing());
                        if conversion == 0 && i.format_spec.is_none() {
                            conversion = 2;
                        }
                    }
                    self.flush_literal(pending, count);
                    self.compile_expr(&i.expression)?;
                    let mut flags = conversion;
                    if let Some(spec) = &i.format_spec {
                        let mut p2 = String::new();
                        let mut c2 = 0u32;
                        self.fstring_elements(&spec.elements, &mut p2, &mut c2, depth + 1)?;
                        if !p2.is_empty() || c2 == 0 {
                            self.load_str(&p2);
                            c2 += 1;
                        }
                        if c2 > 1 {
                            self.emit(Op::BUILD_STRING, c2);
                        }
                        flags |= 4;
                    }
                    self.emit(Op::FORMAT_VALUE, flags);
                    *count += 1;
                }
            }
        }
        Ok(())
    }

    // ----- targets -----

    /// Stores the value on top of the stack into `target`.
    pub fn compile_store(&mut self, target: &'a Expr) -> R {
        let saved = self.loc();
        self.set_loc(target.range());
        let r = self.compile_store_inner(target);
        self.unit_mut().loc = saved;
        r
    }

    fn compile_store_inner(&mut self, target: &'a Expr) -> R {
        match target {
            Expr::Name(n) => self.name_op(&n.id, Ctx::Store, n.range),
            Expr::Attribute(a) => {
                if a.attr.id.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__", a.range));
                }
                self.compile_expr(&a.value)?;
                let name = self.mangle(&a.attr.id);
                self.emit_name(Op::STORE_ATTR, &name);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_subscript_key(&s.slice)?;
                self.op(Op::STORE_SUBSCR);
                Ok(())
            }
            Expr::Tuple(t) => self.unpack_into(&t.elts, t.range),
            Expr::List(l) => self.unpack_into(&l.elts, l.range),
            Expr::Starred(s) => Err(self.error(
                "starred assignment target must be in a list or tuple",
                s.range,
            )),
            other => Err(self.error("cannot assign to expression", other.range())),
        }
    }

    fn unpack_into(&mut self, elts: &'a [Expr], range: TextRange) -> R {
        let mut star: Option<usize> = None;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e, Expr::Starred(_)) {
                if star.is_some() {
                    return Err(self.error("multiple starred expressions in assignment", range));
                }
                star = Some(i);
            }
        }
        match star {
            Some(i) => {
                let after = elts.len() - i - 1;
                if i >= 256 || after >= (1 << 24) {
                    return Err(
                        self.error("too many expressions in star-unpacking assignment", range)
                    );
                }
                self.emit(Op::UNPACK_EX, (i as u32) | ((after as u32) << 8));
            }
            None => self.emit(Op::UNPACK_SEQUENCE, elts.len() as u32),
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.compile_store(&s.value)?,
                _ => self.compile_store(e)?,
            }
        }
        Ok(())
    }

    pub fn compile_delete(&mut self, target: &'a Expr) -> R {
        let saved = self.loc();
        self.set_loc(target.range());
        let r = match target {
            Expr::Name(n) => self.name_op(&n.id, Ctx::Del, n.range),
            Expr::Attribute(a) => {
                if a.attr.id.as_str() == "__debug__" {
                    return Err(self.error("cannot delete __debug__", a.range));
                }
                self.compile_expr(&a.value)?;
                let name = self.mangle(&a.attr.id);
                self.emit_name(Op::DELETE_ATTR, &name);
                Ok(())
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_subscript_key(&s.slice)?;
                self.op(Op::DELETE_SUBSCR);
                Ok(())
            }
            Expr::Tuple(t) => {
                for e in &t.elts {
                    self.compile_delete(e)?;
                }
                Ok(())
            }
            Expr::List(l) => {
                for e in &l.elts {
                    self.compile_delete(e)?;
                }
                Ok(())
            }
            other => Err(self.error("cannot delete expression", other.range())),
        };
        self.unit_mut().loc = saved;
        r
    }
}
