//! `match` statements (CPython 3.11's scheme): every pattern kind — value, singleton, capture,
//! wildcard, sequence (with a star), mapping (with `**rest`), class (positional and keyword
//! sub-patterns), or-patterns with consistent bindings, as-patterns — plus guards and the
//! compile-time errors CPython raises for them.
//!
//! A pattern consumes the subject on top of the stack. Captured values are kept on the stack
//! (beneath `on_top` items still needed) and stored only once the whole pattern matched; on
//! failure the code jumps to `fail_pop[n]`, a chain of POP_TOPs that drops the `n` pending items.

use fp_bytecode::{CompareOp, Const, Op};
use num_bigint::BigInt;
use ruff_python_ast::{self as ast, Expr, Pattern, Singleton};
use ruff_text_size::{Ranged, TextRange};

use super::{Compiler, Ctx, Label, R};

struct PatternContext {
    stores: Vec<String>,
    /// When false, an irrefutable pattern here would make later cases unreachable.
    allow_irrefutable: bool,
    fail_pop: Vec<Label>,
    /// Items on top of the stack that must stay above the captures (all popped on failure).
    on_top: usize,
}

impl PatternContext {
    fn new(allow_irrefutable: bool) -> Self {
        PatternContext {
            stores: Vec::new(),
            allow_irrefutable,
            fail_pop: Vec::new(),
            on_top: 0,
        }
    }
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.name.is_none() && a.pattern.is_none())
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

/// Python's `repr` of a simple constant, for error messages.
fn const_repr(c: &Const) -> String {
    match c {
        Const::None => "None".into(),
        Const::True => "True".into(),
        Const::False => "False".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Int(i) => i.to_string(),
        Const::Float(f) => {
            if f.fract() == 0.0 && f.is_finite() && f.abs() < 1e16 {
                format!("{f:.1}")
            } else {
                format!("{f}")
            }
        }
        Const::Str(s) => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        Const::Bytes(b) => format!("b'{}'", String::from_utf8_lossy(b)),
        other => format!("{other:?}"),
    }
}

/// Whether two constant keys are equal as dict keys (1 == 1.0 == True).
fn same_key(a: &Const, b: &Const) -> bool {
    fn num(c: &Const) -> Option<f64> {
        match c {
            Const::True => Some(1.0),
            Const::False => Some(0.0),
            Const::Int(i) => i.to_string().parse().ok(),
            Const::Float(f) => Some(*f),
            Const::Complex { real, imag } if *imag == 0.0 => Some(*real),
            _ => None,
        }
    }
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        if let (Const::Int(i), Const::Int(j)) = (a, b) {
            return i == j;
        }
        return x == y;
    }
    a == b
}

impl<'a> Compiler<'a> {
    pub fn compile_match(&mut self, m: &'a ast::StmtMatch) -> R {
        self.compile_expr(&m.subject)?;
        let end = self.new_label();
        let cases = m.cases.len();
        let Some(last) = m.cases.last() else {
            return Err(self.error("invalid syntax", m.range));
        };
        let has_default = is_wildcard(&last.pattern) && cases > 1;
        for i in 0..cases - has_default as usize {
            let case = &m.cases[i];
            self.set_loc(case.pattern.range());
            let last_tested = i == cases - has_default as usize - 1;
            if !last_tested {
                self.emit(Op::COPY, 1);
            }
            let mut pc = PatternContext::new(case.guard.is_some() || i == cases - 1);
            self.pattern(&case.pattern, &mut pc)?;
            let stores = std::mem::take(&mut pc.stores);
            for name in &stores {
                self.name_op(name, Ctx::Store, case.pattern.range())?;
            }
            if let Some(g) = &case.guard {
                let fail = self.ensure_fail_pop(&mut pc, 0);
                self.jump_if(g, false, fail)?;
            }
            if !last_tested {
                self.op(Op::POP_TOP);
            }
            self.compile_body(&case.body)?;
            self.jump(Op::JUMP, end);
            self.set_loc(case.pattern.range());
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            self.set_loc(last.pattern.range());
            if cases == 1 {
                self.op(Op::POP_TOP);
            } else {
                self.op(Op::NOP);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, false, end)?;
            }
            self.compile_body(&last.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) -> Label {
        while pc.fail_pop.len() <= n {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
        pc.fail_pop[n]
    }

    /// Jumps (with `op`) to the failure block popping everything this pattern has pending.
    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Op) {
        let pops = pc.on_top + pc.stores.len();
        let l = self.ensure_fail_pop(pc, pops);
        self.jump(op, l);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[i]);
            self.op(Op::POP_TOP);
        }
        self.bind(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    /// Moves TOS down to position `count` (CPython's ROT_N through SWAPs).
    fn rotate(&mut self, count: usize) {
        let mut c = count;
        while c > 1 {
            self.emit(Op::SWAP, c as u32);
            c -= 1;
        }
    }

    fn store_capture(&mut self, name: Option<&ast::Identifier>, pc: &mut PatternContext) -> R {
        let Some(n) = name else {
            self.op(Op::POP_TOP);
            return Ok(());
        };
        if n.id.as_str() == "__debug__" {
            return Err(self.error("cannot assign to __debug__", n.range));
        }
        if pc.stores.iter().any(|s| s == n.id.as_str()) {
            return Err(self.error(
                format!("multiple assignments to name '{}' in pattern", n.id),
                n.range,
            ));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.rotate(rotations);
        pc.stores.push(n.id.to_string());
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> R {
        let saved = self.loc();
        self.set_loc(p.range());
        let r = match p {
            Pattern::MatchValue(v) => self.pattern_value(&v.value, pc),
            Pattern::MatchSingleton(s) => {
                let c = match s.value {
                    Singleton::None => Const::None,
                    Singleton::True => Const::True,
                    Singleton::False => Const::False,
                };
                self.load_const(c);
                self.emit(Op::IS_OP, 0);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
                Ok(())
            }
            Pattern::MatchSequence(s) => self.pattern_sequence(&s.patterns, s.range, pc),
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc),
            Pattern::MatchClass(c) => self.pattern_class(c, pc),
            Pattern::MatchStar(s) => self.store_capture(s.name.as_ref(), pc),
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match &a.name {
                            Some(n) => self.error(
                                format!(
                                    "name capture '{}' makes remaining patterns unreachable",
                                    n.id
                                ),
                                a.range,
                            ),
                            None => {
                                self.error("wildcard makes remaining patterns unreachable", a.range)
                            }
                        });
                    }
                    self.store_capture(a.name.as_ref(), pc)
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(Op::COPY, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_capture(a.name.as_ref(), pc)
                }
            },
            Pattern::MatchOr(o) => self.pattern_or(&o.patterns, o.range, pc),
        };
        self.unit_mut().loc = saved;
        r
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> R {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = saved;
        r
    }

    /// The constant or attribute lookup a value pattern / mapping key compares with.
    fn pattern_key_value(&mut self, value: &'a Expr, what: &str) -> R<Option<Const>> {
        if let Some(c) = self.try_fold(value)
            && !matches!(value, Expr::Name(_))
        {
            self.load_const(c.clone());
            return Ok(Some(c));
        }
        if matches!(value, Expr::Attribute(_)) {
            self.compile_expr(value)?;
            return Ok(None);
        }
        Err(self.error(what.to_string(), value.range()))
    }

    fn pattern_value(&mut self, value: &'a Expr, pc: &mut PatternContext) -> R {
        self.pattern_key_value(
            value,
            "patterns may only match literals and attribute lookups",
        )?;
        self.emit(Op::COMPARE_OP, CompareOp::Eq as u32);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        Ok(())
    }

    fn pattern_sequence(
        &mut self,
        patterns: &'a [Pattern],
        range: TextRange,
        pc: &mut PatternContext,
    ) -> R {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if let Pattern::MatchStar(_) = p {
                if star.is_some() {
                    return Err(self.error("multiple starred names in sequence pattern", p.range()));
                }
                star_wildcard = is_star_wildcard(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(p);
        }
        pc.on_top += 1;
        self.op(Op::MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.op(Op::GET_LEN);
                self.load_const(Const::Int(BigInt::from(size)));
                self.emit(Op::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
            }
            Some(_) if size > 1 => {
                self.op(Op::GET_LEN);
                self.load_const(Const::Int(BigInt::from(size - 1)));
                self.emit(Op::COMPARE_OP, CompareOp::Ge as u32);
                self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.op(Op::POP_TOP);
        } else if star_wildcard {
            // [first, *_, last]: index the subject instead of unpacking it.
            let star = star.unwrap_or(0);
            pc.on_top += 1;
            for (i, p) in patterns.iter().enumerate() {
                if is_wildcard(p) || i == star {
                    continue;
                }
                self.emit(Op::COPY, 1);
                if i < star {
                    self.load_const(Const::Int(BigInt::from(i)));
                } else {
                    self.op(Op::GET_LEN);
                    self.load_const(Const::Int(BigInt::from(size - i)));
                    self.emit(Op::BINARY_OP, fp_bytecode::BinaryOp::Sub as u32);
                }
                self.op(Op::BINARY_SUBSCR);
                self.subpattern(p, pc)?;
            }
            pc.on_top -= 1;
            self.op(Op::POP_TOP);
        } else {
            match star {
                Some(i) => {
                    let after = size - i - 1;
                    if i >= 256 || after >= (1 << 24) {
                        return Err(self.error(
                            "too many expressions in star-unpacking sequence pattern",
                            range,
                        ));
                    }
                    self.emit(Op::UNPACK_EX, (i as u32) | ((after as u32) << 8));
                }
                None => self.emit(Op::UNPACK_SEQUENCE, size as u32),
            }
            pc.on_top += size;
            for p in patterns {
                pc.on_top -= 1;
                self.subpattern(p, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(&mut self, m: &'a ast::PatternMatchMapping, pc: &mut PatternContext) -> R {
        let size = m.keys.len();
        pc.on_top += 1;
        self.op(Op::MATCH_MAPPING);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        if size == 0 && m.rest.is_none() {
            pc.on_top -= 1;
            self.op(Op::POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.op(Op::GET_LEN);
            self.load_const(Const::Int(BigInt::from(size)));
            self.emit(Op::COMPARE_OP, CompareOp::Ge as u32);
            self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<Const> = Vec::new();
        for key in m.keys.iter() {
            let c = self.pattern_key_value(
                key,
                "mapping pattern keys may only match literals and attribute lookups",
            )?;
            if let Some(c) = c {
                if seen.iter().any(|s| same_key(s, &c)) {
                    return Err(self.error(
                        format!("mapping pattern checks duplicate key ({})", const_repr(&c)),
                        m.range,
                    ));
                }
                seen.push(c);
            }
        }
        self.emit(Op::BUILD_TUPLE, size as u32);
        self.op(Op::MATCH_KEYS);
        // [subject, keys, values]
        pc.on_top += 2;
        self.emit(Op::COPY, 1);
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_NONE);
        self.emit(Op::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for p in m.patterns.iter() {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 2;
        match &m.rest {
            Some(rest) => {
                // rest = dict(subject); del rest[k] for each matched key
                self.emit(Op::BUILD_MAP, 0);
                self.emit(Op::SWAP, 3);
                self.emit(Op::DICT_UPDATE, 2);
                self.emit(Op::UNPACK_SEQUENCE, size as u32);
                let mut s = size;
                while s > 0 {
                    self.emit(Op::COPY, (1 + s) as u32);
                    s -= 1;
                    self.emit(Op::SWAP, 2);
                    self.op(Op::DELETE_SUBSCR);
                }
                self.store_capture(Some(rest), pc)?;
            }
            None => {
                self.op(Op::POP_TOP);
                self.op(Op::POP_TOP);
            }
        }
        Ok(())
    }

    fn pattern_class(&mut self, c: &'a ast::PatternMatchClass, pc: &mut PatternContext) -> R {
        let nargs = c.arguments.patterns.len();
        let kws = &c.arguments.keywords;
        let nattrs = kws.len();
        for (i, k) in kws.iter().enumerate() {
            if k.attr.id.as_str() == "__debug__" {
                return Err(self.error("cannot assign to __debug__", k.range));
            }
            for other in &kws[i + 1..] {
                if other.attr.id == k.attr.id {
                    return Err(self.error(
                        format!("attribute name repeated in class pattern: {}", k.attr.id),
                        other.pattern.range(),
                    ));
                }
            }
        }
        self.compile_expr(&c.cls)?;
        let names: Vec<Const> = kws
            .iter()
            .map(|k| Const::Str(k.attr.id.to_string()))
            .collect();
        self.load_const(Const::Tuple(names));
        self.emit(Op::MATCH_CLASS, nargs as u32);
        self.emit(Op::COPY, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Op::POP_JUMP_IF_NONE);
        self.emit(Op::UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        let all = c
            .arguments
            .patterns
            .iter()
            .chain(kws.iter().map(|k| &k.pattern));
        for p in all {
            pc.on_top -= 1;
            if is_wildcard(p) {
                self.op(Op::POP_TOP);
                continue;
            }
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, alts: &'a [Pattern], range: TextRange, pc: &mut PatternContext) -> R {
        let end = self.new_label();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        let n = alts.len();
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(alt.range());
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == n && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Op::COPY, 1);
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) => {
                    if ctl.len() != pc.stores.len() {
                        return Err(
                            self.error("alternative patterns bind different names", alt.range())
                        );
                    }
                    let nstores = ctl.len();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(self
                                .error("alternative patterns bind different names", alt.range()));
                        };
                        if icontrol != istores {
                            // Reorder this alternative's captures to the first one's order.
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(0..rotations).collect();
                            let at = icontrol - istores;
                            for (k, s) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, s);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(Op::JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail;
        pc.on_top = old_on_top;
        // No alternative matched: drop the subject and fail.
        self.op(Op::POP_TOP);
        self.jump_to_fail_pop(pc, Op::JUMP);
        self.bind(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(
                    format!("multiple assignments to name '{name}' in pattern"),
                    range,
                ));
            }
            pc.stores.push(name);
        }
        self.op(Op::POP_TOP);
        Ok(())
    }
}
