//! The expression and pattern half of the AST-object conversion (`to_ruff.rs` holds the
//! state, the layout, modules and statements): expressions, f-strings (`JoinedStr`,
//! `FormattedValue`), constants and match patterns.

use fp_bytecode::Const;
use fp_compiler::ruff_python_ast::{self as ast, Expr, Pattern};
use fp_compiler::ruff_text_size::TextRange;

use super::{ToRuff, ast_range, pattern_range};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

impl ToRuff {
    // ----- expressions -----

    pub(super) fn expr_field(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        name: &str,
        owner: &str,
    ) -> PyResult<Option<Expr>> {
        let v = self.field(vm, obj, name, owner)?;
        self.expr(vm, v)
    }

    pub(super) fn opt_expr_field(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        name: &str,
    ) -> PyResult<Option<Expr>> {
        match self.opt_field(vm, obj, name)? {
            Some(v) => self.expr(vm, v),
            None => Ok(None),
        }
    }

    pub(super) fn exprs(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        name: &str,
        owner: &str,
    ) -> PyResult<Vec<Expr>> {
        let items = self.list(vm, obj, name, owner)?;
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            match self.expr(vm, it)? {
                Some(e) => out.push(e),
                None => self.lossy = true,
            }
        }
        Ok(out)
    }

    /// An expression, or None for None (the caller decides whether that is allowed).
    pub fn expr(&mut self, vm: &mut Vm, obj: Value) -> PyResult<Option<Expr>> {
        if obj.is_none() {
            return Ok(None);
        }
        vm.enter_recursive(" while traversing 'expr' node")?;
        let r = self.expr_inner(vm, obj);
        vm.leave_native();
        r.map(Some)
    }

    pub(super) fn ctx(&self, vm: &mut Vm, obj: Value, owner: &str) -> PyResult<ast::ExprContext> {
        let v = self.field(vm, obj, "ctx", owner)?;
        match self.kind(vm, v).as_deref() {
            Some("Load") => Ok(ast::ExprContext::Load),
            Some("Store") => Ok(ast::ExprContext::Store),
            Some("Del") => Ok(ast::ExprContext::Del),
            _ => Err(self.expected(vm, "expr_context", v)),
        }
    }

    pub(super) fn operator(&self, vm: &mut Vm, v: Value) -> PyResult<Option<ast::Operator>> {
        use ast::Operator::*;
        Ok(Some(match self.kind(vm, v).as_deref() {
            Some("Add") => Add,
            Some("Sub") => Sub,
            Some("Mult") => Mult,
            Some("MatMult") => MatMult,
            Some("Div") => Div,
            Some("Mod") => Mod,
            Some("Pow") => Pow,
            Some("LShift") => LShift,
            Some("RShift") => RShift,
            Some("BitOr") => BitOr,
            Some("BitXor") => BitXor,
            Some("BitAnd") => BitAnd,
            Some("FloorDiv") => FloorDiv,
            _ => return Err(self.expected(vm, "operator", v)),
        }))
    }

    pub(super) fn cmpop(&self, vm: &mut Vm, v: Value) -> PyResult<ast::CmpOp> {
        use ast::CmpOp::*;
        Ok(match self.kind(vm, v).as_deref() {
            Some("Eq") => Eq,
            Some("NotEq") => NotEq,
            Some("Lt") => Lt,
            Some("LtE") => LtE,
            Some("Gt") => Gt,
            Some("GtE") => GtE,
            Some("Is") => Is,
            Some("IsNot") => IsNot,
            Some("In") => In,
            Some("NotIn") => NotIn,
            _ => return Err(self.expected(vm, "cmpop", v)),
        })
    }

    pub(super) fn comprehensions(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        owner: &str,
    ) -> PyResult<Vec<ast::Comprehension>> {
        let mut out = Vec::new();
        for g in self.list(vm, obj, "generators", owner)? {
            let target = self.expr_field(vm, g, "target", "comprehension")?;
            let iter = self.expr_field(vm, g, "iter", "comprehension")?;
            let ifs = self.exprs(vm, g, "ifs", "comprehension")?;
            let is_async = self.int_field(vm, g, "is_async", "comprehension")?;
            let target = Self::required(vm, target, "target", "comprehension")?;
            let iter = Self::required(vm, iter, "iter", "comprehension")?;
            out.push(ast::Comprehension {
                range: ast_range(&target),
                node_index: Default::default(),
                target,
                iter,
                ifs,
                is_async: is_async != 0,
            });
        }
        Ok(out)
    }

    fn expr_inner(&mut self, vm: &mut Vm, obj: Value) -> PyResult<Expr> {
        let range = self.range(vm, obj, "expr")?;
        let kind = match self.kind(vm, obj) {
            Some(k) => k,
            None => return Err(self.expected(vm, "expr", obj)),
        };
        let k = kind.as_str();
        let ni = ast::AtomicNodeIndex::default;
        macro_rules! req {
            ($v:expr, $name:literal) => {
                Box::new(Self::required(vm, $v, $name, k)?)
            };
        }
        Ok(match k {
            "BoolOp" => {
                let op = self.field(vm, obj, "op", k)?;
                let op = match self.kind(vm, op).as_deref() {
                    Some("And") => ast::BoolOp::And,
                    Some("Or") => ast::BoolOp::Or,
                    _ => return Err(self.expected(vm, "boolop", op)),
                };
                let values = self.exprs(vm, obj, "values", k)?;
                Expr::BoolOp(ast::ExprBoolOp {
                    node_index: ni(),
                    range,
                    op,
                    values,
                })
            }
            "NamedExpr" => {
                let t = self.expr_field(vm, obj, "target", k)?;
                let v = self.expr_field(vm, obj, "value", k)?;
                Expr::Named(ast::ExprNamed {
                    node_index: ni(),
                    range,
                    target: req!(t, "target"),
                    value: req!(v, "value"),
                })
            }
            "BinOp" => {
                let l = self.expr_field(vm, obj, "left", k)?;
                let op = self.field(vm, obj, "op", k)?;
                let op = self.operator(vm, op)?;
                let r = self.expr_field(vm, obj, "right", k)?;
                Expr::BinOp(ast::ExprBinOp {
                    node_index: ni(),
                    range,
                    left: req!(l, "left"),
                    op: Self::required(vm, op, "op", k)?,
                    right: req!(r, "right"),
                })
            }
            "UnaryOp" => {
                let op = self.field(vm, obj, "op", k)?;
                let op = match self.kind(vm, op).as_deref() {
                    Some("Invert") => ast::UnaryOp::Invert,
                    Some("Not") => ast::UnaryOp::Not,
                    Some("UAdd") => ast::UnaryOp::UAdd,
                    Some("USub") => ast::UnaryOp::USub,
                    _ => return Err(self.expected(vm, "unaryop", op)),
                };
                let o = self.expr_field(vm, obj, "operand", k)?;
                Expr::UnaryOp(ast::ExprUnaryOp {
                    node_index: ni(),
                    range,
                    op,
                    operand: req!(o, "operand"),
                })
            }
            "Lambda" => {
                let a = self.field(vm, obj, "args", k)?;
                let a = self.arguments(vm, a, range)?;
                let b = self.expr_field(vm, obj, "body", k)?;
                let a = Self::required(vm, a, "args", k)?;
                Expr::Lambda(ast::ExprLambda {
                    node_index: ni(),
                    range,
                    parameters: Some(Box::new(a)),
                    body: req!(b, "body"),
                })
            }
            "IfExp" => {
                let t = self.expr_field(vm, obj, "test", k)?;
                let b = self.expr_field(vm, obj, "body", k)?;
                let o = self.expr_field(vm, obj, "orelse", k)?;
                Expr::If(ast::ExprIf {
                    node_index: ni(),
                    range,
                    test: req!(t, "test"),
                    body: req!(b, "body"),
                    orelse: req!(o, "orelse"),
                })
            }
            "Dict" => {
                let mut keys = Vec::new();
                for key in self.list(vm, obj, "keys", k)? {
                    keys.push(self.expr(vm, key)?);
                }
                let values = self.exprs(vm, obj, "values", k)?;
                if keys.len() != values.len() {
                    self.lossy = true;
                }
                Expr::Dict(ast::ExprDict {
                    node_index: ni(),
                    range,
                    items: keys
                        .into_iter()
                        .zip(values)
                        .map(|(key, value)| ast::DictItem { key, value })
                        .collect(),
                })
            }
            "Set" => Expr::Set(ast::ExprSet {
                node_index: ni(),
                range,
                elts: self.exprs(vm, obj, "elts", k)?,
            }),
            "ListComp" | "SetComp" | "GeneratorExp" => {
                let elt = self.expr_field(vm, obj, "elt", k)?;
                let generators = self.comprehensions(vm, obj, k)?;
                let elt = req!(elt, "elt");
                match k {
                    "ListComp" => Expr::ListComp(ast::ExprListComp {
                        node_index: ni(),
                        range,
                        elt,
                        generators,
                    }),
                    "SetComp" => Expr::SetComp(ast::ExprSetComp {
                        node_index: ni(),
                        range,
                        elt,
                        generators,
                    }),
                    _ => Expr::Generator(ast::ExprGenerator {
                        node_index: ni(),
                        range,
                        elt,
                        generators,
                        parenthesized: true,
                    }),
                }
            }
            "DictComp" => {
                let key = self.expr_field(vm, obj, "key", k)?;
                let value = self.expr_field(vm, obj, "value", k)?;
                let generators = self.comprehensions(vm, obj, k)?;
                Expr::DictComp(ast::ExprDictComp {
                    node_index: ni(),
                    range,
                    key: Some(req!(key, "key")),
                    value: req!(value, "value"),
                    generators,
                })
            }
            "Await" => {
                let v = self.expr_field(vm, obj, "value", k)?;
                Expr::Await(ast::ExprAwait {
                    node_index: ni(),
                    range,
                    value: req!(v, "value"),
                })
            }
            "Yield" => Expr::Yield(ast::ExprYield {
                node_index: ni(),
                range,
                value: self.opt_expr_field(vm, obj, "value")?.map(Box::new),
            }),
            "YieldFrom" => {
                let v = self.expr_field(vm, obj, "value", k)?;
                Expr::YieldFrom(ast::ExprYieldFrom {
                    node_index: ni(),
                    range,
                    value: req!(v, "value"),
                })
            }
            "Compare" => {
                let left = self.expr_field(vm, obj, "left", k)?;
                let mut ops = Vec::new();
                for op in self.list(vm, obj, "ops", k)? {
                    ops.push(self.cmpop(vm, op)?);
                }
                let comparators = self.exprs(vm, obj, "comparators", k)?;
                Expr::Compare(ast::ExprCompare {
                    node_index: ni(),
                    range,
                    left: req!(left, "left"),
                    ops: ops.into(),
                    comparators: comparators.into(),
                })
            }
            "Call" => {
                let func = self.expr_field(vm, obj, "func", k)?;
                let args = self.exprs(vm, obj, "args", k)?;
                let keywords = self.keywords(vm, obj, k)?;
                Expr::Call(ast::ExprCall {
                    node_index: ni(),
                    range_start: range.start(),
                    func: req!(func, "func"),
                    arguments: ast::Arguments {
                        range,
                        node_index: ni(),
                        args: args.into(),
                        keywords: keywords.into(),
                    },
                })
            }
            "FormattedValue" => {
                let el = self.formatted_value(vm, obj, range)?;
                fstring(vec![el], range)
            }
            "JoinedStr" => {
                let elements = self.joined_elements(vm, obj, range)?;
                fstring(elements, range)
            }
            "Constant" => {
                let v = self.field(vm, obj, "value", k)?;
                self.check_string(vm, obj, "kind")?;
                self.constant(vm, v, range)
            }
            "Attribute" => {
                let v = self.expr_field(vm, obj, "value", k)?;
                let attr = self.ident(vm, obj, "attr", k, range)?;
                let ctx = self.ctx(vm, obj, k)?;
                Expr::Attribute(ast::ExprAttribute {
                    node_index: ni(),
                    range,
                    value: req!(v, "value"),
                    attr,
                    ctx,
                })
            }
            "Subscript" => {
                let v = self.expr_field(vm, obj, "value", k)?;
                let s = self.expr_field(vm, obj, "slice", k)?;
                let ctx = self.ctx(vm, obj, k)?;
                Expr::Subscript(ast::ExprSubscript {
                    node_index: ni(),
                    range,
                    value: req!(v, "value"),
                    slice: req!(s, "slice"),
                    ctx,
                })
            }
            "Starred" => {
                let v = self.expr_field(vm, obj, "value", k)?;
                let ctx = self.ctx(vm, obj, k)?;
                Expr::Starred(ast::ExprStarred {
                    node_index: ni(),
                    range,
                    value: req!(v, "value"),
                    ctx,
                })
            }
            "Name" => {
                let id = self.ident(vm, obj, "id", k, range)?;
                let ctx = self.ctx(vm, obj, k)?;
                Expr::Name(ast::ExprName {
                    node_index: ni(),
                    range,
                    id: id.id,
                    ctx,
                })
            }
            "List" | "Tuple" => {
                let elts = self.exprs(vm, obj, "elts", k)?;
                let ctx = self.ctx(vm, obj, k)?;
                if k == "List" {
                    Expr::List(ast::ExprList {
                        node_index: ni(),
                        range,
                        elts,
                        ctx,
                    })
                } else {
                    Expr::Tuple(ast::ExprTuple {
                        node_index: ni(),
                        range,
                        elts,
                        ctx,
                        parenthesized: true,
                    })
                }
            }
            "Slice" => Expr::Slice(ast::ExprSlice {
                node_index: ni(),
                range,
                lower: self.opt_expr_field(vm, obj, "lower")?.map(Box::new),
                upper: self.opt_expr_field(vm, obj, "upper")?.map(Box::new),
                step: self.opt_expr_field(vm, obj, "step")?.map(Box::new),
            }),
            _ => return Err(self.expected(vm, "expr", obj)),
        })
    }

    /// The parts of a `JoinedStr`: str constants become literal text, the rest
    /// interpolations.
    fn joined_elements(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        range: TextRange,
    ) -> PyResult<Vec<ast::InterpolatedStringElement>> {
        let mut out = Vec::new();
        for v in self.list(vm, obj, "values", "JoinedStr")? {
            if v.is_none() {
                self.lossy = true;
                continue;
            }
            let kind = self.kind(vm, v);
            if kind.as_deref() == Some("FormattedValue") {
                vm.enter_recursive(" while traversing 'expr' node")?;
                let r = self.range(vm, v, "expr");
                let el = r.and_then(|r| self.formatted_value(vm, v, r));
                vm.leave_native();
                out.push(el?);
                continue;
            }
            if kind.as_deref() == Some("Constant") {
                let r = self.range(vm, v, "expr")?;
                let c = self.field(vm, v, "value", "Constant")?;
                self.check_string(vm, v, "kind")?;
                if let Some(s) = crate::types::str::as_str(c)
                    && c.is::<crate::types::str::StrObj>()
                {
                    out.push(ast::InterpolatedStringElement::Literal(
                        ast::InterpolatedStringLiteralElement {
                            range: r,
                            node_index: Default::default(),
                            value: s.into(),
                        },
                    ));
                    continue;
                }
            }
            // Anything else is formatted as if it were `{value}`.
            let e = self.expr(vm, v)?;
            if let Some(e) = e {
                out.push(interpolation(e, ast::ConversionFlag::None, None, range));
            }
        }
        Ok(out)
    }

    fn formatted_value(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        range: TextRange,
    ) -> PyResult<ast::InterpolatedStringElement> {
        let v = self.expr_field(vm, obj, "value", "FormattedValue")?;
        let conv = self.int_field(vm, obj, "conversion", "FormattedValue")?;
        let spec = match self.opt_field(vm, obj, "format_spec")? {
            Some(s) => {
                let sr = self.range(vm, s, "expr")?;
                match self.kind(vm, s).as_deref() {
                    Some("JoinedStr") => Some(self.joined_elements(vm, s, sr)?),
                    _ => {
                        let e = self.expr(vm, s)?;
                        e.map(|e| vec![interpolation(e, ast::ConversionFlag::None, None, sr)])
                    }
                }
            }
            None => None,
        };
        let v = Self::required(vm, v, "value", "FormattedValue")?;
        let conversion = match conv {
            -1 => ast::ConversionFlag::None,
            115 => ast::ConversionFlag::Str,
            114 => ast::ConversionFlag::Repr,
            97 => ast::ConversionFlag::Ascii,
            // CPython's compiler rejects it when it reaches the node.
            n => return Err(vm.system_error(format!("Unrecognized conversion character {n}"))),
        };
        Ok(interpolation(v, conversion, spec, range))
    }

    /// A `Constant`: a literal node when one can hold the value, else a placeholder literal
    /// whose `node_index` points into the layout's constant table.
    fn constant(&mut self, vm: &mut Vm, v: Value, range: TextRange) -> Expr {
        let ni = ast::AtomicNodeIndex::default;
        if v.is_none() {
            return Expr::NoneLiteral(ast::ExprNoneLiteral {
                node_index: ni(),
                range,
            });
        }
        if v == Value::TRUE || v == Value::FALSE {
            return Expr::BooleanLiteral(ast::ExprBooleanLiteral {
                node_index: ni(),
                range,
                value: v == Value::TRUE,
            });
        }
        if v == Value::ELLIPSIS {
            return Expr::EllipsisLiteral(ast::ExprEllipsisLiteral {
                node_index: ni(),
                range,
            });
        }
        let ty = vm.type_of(v);
        if ty == vm.types.str_
            && let Some(s) = crate::types::str::as_str(v)
        {
            return Expr::StringLiteral(ast::ExprStringLiteral {
                node_index: ni(),
                range,
                value: ast::StringLiteralValue::single(ast::StringLiteral {
                    range,
                    node_index: ni(),
                    value: s.into(),
                    flags: ast::StringLiteralFlags::empty(),
                }),
            });
        }
        if ty == vm.types.bytes
            && let Some(b) = crate::types::bytes::bytes_data(v)
        {
            self.objects.push((Const::Bytes(b.clone()), v));
            return Expr::BytesLiteral(ast::ExprBytesLiteral {
                node_index: ni(),
                range,
                value: ast::BytesLiteralValue::single(ast::BytesLiteral {
                    range,
                    node_index: ni(),
                    value: b.into(),
                    flags: ast::BytesLiteralFlags::empty(),
                }),
            });
        }
        if ty == vm.types.float
            && let Some(f) = crate::types::float::as_f64(v)
        {
            self.objects.push((Const::Float(f), v));
            return number(ast::Number::Float(f), range);
        }
        if ty == vm.types.complex
            && let Some(c) = v.downcast::<crate::types::complex::ComplexObj>()
        {
            self.objects.push((
                Const::Complex {
                    real: c.re,
                    imag: c.im,
                },
                v,
            ));
            return number(
                ast::Number::Complex {
                    real: c.re,
                    imag: c.im,
                },
                range,
            );
        }
        if ty == vm.types.int
            && let Some(i) = crate::types::int::int_ref(v)
            && let Some(x) = i.to_i64()
            && x >= 0
        {
            if v.as_small_int().is_none() {
                self.objects.push((Const::Int(x.into()), v));
            }
            return number(ast::Number::Int(ast::Int::from(x as u64)), range);
        }
        let c = match const_of(vm, v) {
            Some(c) => {
                self.objects.push((c.clone(), v));
                c
            }
            None => {
                // Not a constant type: the validator reports it.
                self.lossy = true;
                Const::None
            }
        };
        let idx = self.layout.consts.len() as u32;
        self.layout.consts.push(c);
        let e = number(ast::Number::Int(ast::Int::from(0u64)), range);
        ast::HasNodeIndex::node_index(&e).set(ast::NodeIndex::from(idx));
        e
    }

    // ----- patterns -----

    pub(super) fn patterns(
        &mut self,
        vm: &mut Vm,
        obj: Value,
        name: &str,
        owner: &str,
    ) -> PyResult<Vec<Pattern>> {
        let mut out = Vec::new();
        for p in self.list(vm, obj, name, owner)? {
            match self.pattern(vm, p)? {
                Some(p) => out.push(p),
                None => self.lossy = true,
            }
        }
        Ok(out)
    }

    pub(super) fn pattern(&mut self, vm: &mut Vm, obj: Value) -> PyResult<Option<Pattern>> {
        if obj.is_none() {
            return Ok(None);
        }
        vm.enter_recursive(" while traversing 'pattern' node")?;
        let r = self.pattern_inner(vm, obj);
        vm.leave_native();
        r.map(Some)
    }

    fn pattern_inner(&mut self, vm: &mut Vm, obj: Value) -> PyResult<Pattern> {
        let range = self.range(vm, obj, "pattern")?;
        let kind = match self.kind(vm, obj) {
            Some(k) => k,
            None => return Err(self.expected(vm, "pattern", obj)),
        };
        let k = kind.as_str();
        let ni = ast::AtomicNodeIndex::default;
        Ok(match k {
            "MatchValue" => {
                let v = self.expr_field(vm, obj, "value", k)?;
                Pattern::MatchValue(ast::PatternMatchValue {
                    node_index: ni(),
                    range,
                    value: Box::new(Self::required(vm, v, "value", k)?),
                })
            }
            "MatchSingleton" => {
                let v = self.field(vm, obj, "value", k)?;
                let value = if v.is_none() {
                    ast::Singleton::None
                } else if v == Value::TRUE {
                    ast::Singleton::True
                } else if v == Value::FALSE {
                    ast::Singleton::False
                } else {
                    self.lossy = true;
                    ast::Singleton::None
                };
                Pattern::MatchSingleton(ast::PatternMatchSingleton {
                    node_index: ni(),
                    range,
                    value,
                })
            }
            "MatchSequence" => Pattern::MatchSequence(ast::PatternMatchSequence {
                node_index: ni(),
                range,
                patterns: self.patterns(vm, obj, "patterns", k)?,
            }),
            "MatchMapping" => {
                let keys = self.exprs(vm, obj, "keys", k)?;
                let patterns = self.patterns(vm, obj, "patterns", k)?;
                let rest = self.opt_ident(vm, obj, "rest", range)?;
                if keys.len() != patterns.len() {
                    self.lossy = true;
                }
                Pattern::MatchMapping(ast::PatternMatchMapping {
                    node_index: ni(),
                    range,
                    keys: keys.into(),
                    patterns: patterns.into(),
                    rest,
                })
            }
            "MatchClass" => {
                let cls = self.expr_field(vm, obj, "cls", k)?;
                let patterns = self.patterns(vm, obj, "patterns", k)?;
                let mut attrs = Vec::new();
                for a in self.list(vm, obj, "kwd_attrs", k)? {
                    match self.ident_value(vm, a)? {
                        Some(s) => attrs.push(ast::Identifier::new(s.as_str(), range)),
                        None => self.lossy = true,
                    }
                }
                let kps = self.patterns(vm, obj, "kwd_patterns", k)?;
                if attrs.len() != kps.len() {
                    self.lossy = true;
                }
                let keywords = attrs
                    .into_iter()
                    .zip(kps)
                    .map(|(attr, pattern)| ast::PatternKeyword {
                        range: pattern_range(&pattern),
                        node_index: ni(),
                        attr,
                        pattern,
                    })
                    .collect();
                Pattern::MatchClass(ast::PatternMatchClass {
                    node_index: ni(),
                    range,
                    cls: Box::new(Self::required(vm, cls, "cls", k)?),
                    arguments: ast::PatternArguments {
                        range,
                        node_index: ni(),
                        patterns: patterns.into(),
                        keywords,
                    },
                })
            }
            "MatchStar" => Pattern::MatchStar(ast::PatternMatchStar {
                node_index: ni(),
                range,
                name: self.opt_ident(vm, obj, "name", range)?,
            }),
            "MatchAs" => {
                let p = match self.opt_field(vm, obj, "pattern")? {
                    Some(p) => self.pattern(vm, p)?,
                    None => None,
                };
                let name = self.opt_ident(vm, obj, "name", range)?;
                Pattern::MatchAs(ast::PatternMatchAs {
                    node_index: ni(),
                    range,
                    pattern: p.map(Box::new),
                    name,
                })
            }
            "MatchOr" => Pattern::MatchOr(ast::PatternMatchOr {
                node_index: ni(),
                range,
                patterns: self.patterns(vm, obj, "patterns", k)?,
            }),
            _ => return Err(self.expected(vm, "pattern", obj)),
        })
    }
}

fn number(value: ast::Number, range: TextRange) -> Expr {
    Expr::NumberLiteral(ast::ExprNumberLiteral {
        node_index: Default::default(),
        range,
        value,
    })
}

fn interpolation(
    e: Expr,
    conversion: ast::ConversionFlag,
    spec: Option<Vec<ast::InterpolatedStringElement>>,
    range: TextRange,
) -> ast::InterpolatedStringElement {
    ast::InterpolatedStringElement::Interpolation(ast::InterpolatedElement {
        range,
        node_index: Default::default(),
        expression: Box::new(e),
        debug_text: None,
        conversion,
        format_spec: spec.map(|elements| {
            Box::new(ast::InterpolatedStringFormatSpec {
                range,
                node_index: Default::default(),
                elements: elements.into(),
            })
        }),
    })
}

fn fstring(elements: Vec<ast::InterpolatedStringElement>, range: TextRange) -> Expr {
    Expr::FString(ast::ExprFString {
        node_index: Default::default(),
        range,
        value: ast::FStringValue::single(ast::FString {
            range,
            node_index: Default::default(),
            elements: elements.into(),
            flags: ast::FStringFlags::empty(),
        }),
    })
}

/// The compile-time constant for a `Constant` value of an exact constant type (tuples and
/// frozensets of them included), or None.
pub(crate) fn const_of(vm: &mut Vm, v: Value) -> Option<Const> {
    if v.is_none() {
        return Some(Const::None);
    }
    if v == Value::TRUE {
        return Some(Const::True);
    }
    if v == Value::FALSE {
        return Some(Const::False);
    }
    if v == Value::ELLIPSIS {
        return Some(Const::Ellipsis);
    }
    let ty = vm.type_of(v);
    if ty == vm.types.int {
        return crate::types::int::int_ref(v).map(|i| Const::Int(i.to_bigint()));
    }
    if ty == vm.types.float {
        return crate::types::float::as_f64(v).map(Const::Float);
    }
    if ty == vm.types.complex {
        return v
            .downcast::<crate::types::complex::ComplexObj>()
            .map(|c| Const::Complex {
                real: c.re,
                imag: c.im,
            });
    }
    if ty == vm.types.str_ {
        return crate::types::str::as_str(v).map(|s| Const::Str(s.to_string()));
    }
    if ty == vm.types.bytes {
        return crate::types::bytes::bytes_data(v).map(Const::Bytes);
    }
    if ty == vm.types.tuple {
        let items = crate::types::tuple::items(v)?.to_vec();
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            out.push(const_of(vm, it)?);
        }
        return Some(Const::Tuple(out));
    }
    if ty == vm.types.frozenset {
        let items = v.downcast::<crate::types::set::SetObj>()?.items();
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            out.push(const_of(vm, it)?);
        }
        return Some(Const::FrozenSet(out));
    }
    None
}
