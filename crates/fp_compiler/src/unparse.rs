//! Expression to text, as CPython's compiler renders annotations under
//! `from __future__ import annotations` (its `ast_unparse.c`): the text is rebuilt from the
//! tree, not copied from the source, so spacing is normalised (`a:int|None` gives
//! `'int | None'`), string literals are shown by their repr (`"C2"` gives `'C2'`), numbers in
//! decimal, and parentheses only where precedence needs them.

use ruff_python_ast::{self as ast, BoolOp, CmpOp, Expr, Operator, UnaryOp};
use ruff_text_size::Ranged;

// Precedence levels, lowest first (CPython's order).
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The text of annotation `e` (whose source is `source`).
pub fn annotation(source: &str, e: &Expr) -> String {
    let mut u = Unparser {
        source,
        out: String::new(),
    };
    u.expr(e, PR_TEST);
    u.out
}

struct Unparser<'s> {
    source: &'s str,
    out: String,
}

impl Unparser<'_> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn open(&mut self, cond: bool) {
        if cond {
            self.out.push('(');
        }
    }

    fn close(&mut self, cond: bool) {
        if cond {
            self.out.push(')');
        }
    }

    fn text(&self, e: &impl Ranged) -> &str {
        let r = e.range();
        self.source
            .get(u32::from(r.start()) as usize..u32::from(r.end()) as usize)
            .unwrap_or("")
    }

    fn list(&mut self, items: &[Expr], level: u8) {
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.expr(x, level);
        }
    }

    fn expr(&mut self, e: &Expr, level: u8) {
        match e {
            Expr::BoolOp(b) => {
                let (pr, op) = match b.op {
                    BoolOp::And => (PR_AND, " and "),
                    BoolOp::Or => (PR_OR, " or "),
                };
                self.open(level > pr);
                for (i, v) in b.values.iter().enumerate() {
                    if i > 0 {
                        self.push(op);
                    }
                    self.expr(v, pr + 1);
                }
                self.close(level > pr);
            }
            Expr::Named(n) => {
                self.open(level > PR_TUPLE);
                self.expr(&n.target, PR_ATOM);
                self.push(" := ");
                self.expr(&n.value, PR_ATOM);
                self.close(level > PR_TUPLE);
            }
            Expr::BinOp(b) => {
                let (pr, op) = binop(b.op);
                let rassoc = u8::from(b.op == Operator::Pow);
                self.open(level > pr);
                self.expr(&b.left, pr + rassoc);
                self.push(op);
                self.expr(&b.right, pr + 1 - rassoc);
                self.close(level > pr);
            }
            Expr::UnaryOp(u) => {
                let (pr, op) = match u.op {
                    UnaryOp::Not => (PR_NOT, "not "),
                    UnaryOp::Invert => (PR_FACTOR, "~"),
                    UnaryOp::UAdd => (PR_FACTOR, "+"),
                    UnaryOp::USub => (PR_FACTOR, "-"),
                };
                self.open(level > pr);
                self.push(op);
                self.expr(&u.operand, pr);
                self.close(level > pr);
            }
            Expr::Lambda(l) => {
                self.open(level > PR_TEST);
                match &l.parameters {
                    Some(p) if !is_empty_params(p) => {
                        self.push("lambda ");
                        self.params(p);
                        self.push(": ");
                    }
                    _ => self.push("lambda: "),
                }
                self.expr(&l.body, PR_TEST);
                self.close(level > PR_TEST);
            }
            Expr::If(i) => {
                self.open(level > PR_TEST);
                self.expr(&i.body, PR_TEST + 1);
                self.push(" if ");
                self.expr(&i.test, PR_TEST + 1);
                self.push(" else ");
                self.expr(&i.orelse, PR_TEST);
                self.close(level > PR_TEST);
            }
            Expr::Dict(d) => {
                self.push("{");
                for (i, item) in d.items.iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    match &item.key {
                        Some(k) => {
                            self.expr(k, PR_TEST);
                            self.push(": ");
                            self.expr(&item.value, PR_TEST);
                        }
                        None => {
                            self.push("**");
                            self.expr(&item.value, PR_EXPR);
                        }
                    }
                }
                self.push("}");
            }
            Expr::Set(s) => {
                if s.elts.is_empty() {
                    self.push("{*()}");
                } else {
                    self.push("{");
                    self.list(&s.elts, PR_TEST);
                    self.push("}");
                }
            }
            Expr::ListComp(c) => {
                self.push("[");
                self.expr(&c.elt, PR_TEST);
                self.comprehensions(&c.generators);
                self.push("]");
            }
            Expr::SetComp(c) => {
                self.push("{");
                self.expr(&c.elt, PR_TEST);
                self.comprehensions(&c.generators);
                self.push("}");
            }
            Expr::DictComp(c) => {
                self.push("{");
                if let Some(k) = &c.key {
                    self.expr(k, PR_TEST);
                }
                self.push(": ");
                self.expr(&c.value, PR_TEST);
                self.comprehensions(&c.generators);
                self.push("}");
            }
            Expr::Generator(g) => {
                self.push("(");
                self.expr(&g.elt, PR_TEST);
                self.comprehensions(&g.generators);
                self.push(")");
            }
            Expr::Await(a) => {
                self.open(level > PR_AWAIT);
                self.push("await ");
                self.expr(&a.value, PR_ATOM);
                self.close(level > PR_AWAIT);
            }
            Expr::Yield(y) => match &y.value {
                None => self.push("(yield)"),
                Some(v) => {
                    self.push("(yield ");
                    self.expr(v, PR_TEST);
                    self.push(")");
                }
            },
            Expr::YieldFrom(y) => {
                self.push("(yield from ");
                self.expr(&y.value, PR_TEST);
                self.push(")");
            }
            Expr::Compare(c) => {
                self.open(level > PR_CMP);
                self.expr(&c.left, PR_CMP + 1);
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    self.push(cmpop(*op));
                    self.expr(right, PR_CMP + 1);
                }
                self.close(level > PR_CMP);
            }
            Expr::Call(c) => {
                self.expr(&c.func, PR_ATOM);
                let args = &c.arguments;
                // A lone generator argument keeps only its own parentheses.
                if args.args.len() == 1
                    && args.keywords.is_empty()
                    && let Expr::Generator(g) = &args.args[0]
                {
                    self.expr(&Expr::Generator(g.clone()), PR_TEST);
                    return;
                }
                self.push("(");
                let mut first = true;
                for a in args.args.iter() {
                    if !first {
                        self.push(", ");
                    }
                    first = false;
                    self.expr(a, PR_TEST);
                }
                for k in args.keywords.iter() {
                    if !first {
                        self.push(", ");
                    }
                    first = false;
                    match &k.arg {
                        Some(name) => {
                            self.push(name.as_str());
                            self.push("=");
                            self.expr(&k.value, PR_TEST);
                        }
                        None => {
                            self.push("**");
                            self.expr(&k.value, PR_EXPR);
                        }
                    }
                }
                self.push(")");
            }
            Expr::FString(f) => {
                let mut body = String::new();
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(s) => escape_braces(&mut body, &s.value),
                        ast::FStringPart::FString(fs) => self.fstring_body(&mut body, &fs.elements),
                    }
                }
                self.push("f");
                self.out.push_str(&str_repr(&body));
            }
            Expr::TString(_) => {
                let t = self.text(e).to_string();
                self.push(&t);
            }
            Expr::StringLiteral(s) => {
                // A `u'...'` literal keeps its prefix (CPython's Constant.kind).
                if s.value
                    .iter()
                    .next()
                    .is_some_and(|p| p.flags.prefix().as_str().eq_ignore_ascii_case("u"))
                {
                    self.push("u");
                }
                let r = str_repr(s.value.to_str());
                self.push(&r);
            }
            Expr::BytesLiteral(b) => {
                let v: Vec<u8> = b.value.bytes().collect();
                let r = bytes_repr(&v);
                self.push(&r);
            }
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => {
                    let t = match i.as_u64() {
                        Some(v) => v.to_string(),
                        None => match crate::fold::parse_int_literal(self.text(n)) {
                            Some(b) => b.to_string(),
                            None => self.text(n).to_string(),
                        },
                    };
                    self.push(&t);
                }
                ast::Number::Float(f) => {
                    let t = float_repr(*f);
                    self.push(&t);
                }
                ast::Number::Complex { real, imag } => {
                    let t = if *real == 0.0 {
                        format!("{}j", float_repr_j(*imag))
                    } else {
                        format!("({}+{}j)", float_repr_j(*real), float_repr_j(*imag))
                    };
                    self.push(&t);
                }
            },
            Expr::BooleanLiteral(b) => self.push(if b.value { "True" } else { "False" }),
            Expr::NoneLiteral(_) => self.push("None"),
            Expr::EllipsisLiteral(_) => self.push("..."),
            Expr::Attribute(a) => {
                self.expr(&a.value, PR_ATOM);
                // `1 .real`: an int literal needs a space before the dot.
                if matches!(&*a.value, Expr::NumberLiteral(n) if n.value.is_int()) {
                    self.push(" ");
                }
                self.push(".");
                self.push(a.attr.as_str());
            }
            Expr::Subscript(s) => {
                self.expr(&s.value, PR_ATOM);
                self.push("[");
                self.expr(&s.slice, PR_TUPLE);
                self.push("]");
            }
            Expr::Starred(s) => {
                self.push("*");
                self.expr(&s.value, PR_EXPR);
            }
            Expr::Name(n) => self.push(n.id.as_str()),
            Expr::List(l) => {
                self.push("[");
                self.list(&l.elts, PR_TEST);
                self.push("]");
            }
            Expr::Tuple(t) => {
                if t.elts.is_empty() {
                    self.push("()");
                    return;
                }
                self.open(level > PR_TUPLE);
                self.list(&t.elts, PR_TEST);
                if t.elts.len() == 1 {
                    self.push(",");
                }
                self.close(level > PR_TUPLE);
            }
            Expr::Slice(s) => {
                if let Some(l) = &s.lower {
                    self.expr(l, PR_TEST);
                }
                self.push(":");
                if let Some(u) = &s.upper {
                    self.expr(u, PR_TEST);
                }
                if let Some(st) = &s.step {
                    self.push(":");
                    self.expr(st, PR_TEST);
                }
            }
            Expr::IpyEscapeCommand(_) => {
                let t = self.text(e).to_string();
                self.push(&t);
            }
        }
    }

    fn comprehensions(&mut self, gens: &[ast::Comprehension]) {
        for g in gens {
            self.push(if g.is_async { " async for " } else { " for " });
            self.expr(&g.target, PR_TUPLE);
            self.push(" in ");
            self.expr(&g.iter, PR_TEST + 1);
            for c in &g.ifs {
                self.push(" if ");
                self.expr(c, PR_TEST + 1);
            }
        }
    }

    fn params(&mut self, p: &ast::Parameters) {
        let mut first = true;
        let mut sep = |u: &mut Self| {
            if !first {
                u.push(", ");
            }
            first = false;
        };
        let n_pos = p.posonlyargs.len();
        for (i, a) in p.posonlyargs.iter().chain(p.args.iter()).enumerate() {
            sep(self);
            self.param(a);
            if i + 1 == n_pos {
                self.push(", /");
            }
        }
        if p.vararg.is_some() || !p.kwonlyargs.is_empty() {
            sep(self);
            self.push("*");
            if let Some(v) = &p.vararg {
                self.push(v.name.as_str());
            }
        }
        for a in p.kwonlyargs.iter() {
            sep(self);
            self.param(a);
        }
        if let Some(k) = &p.kwarg {
            sep(self);
            self.push("**");
            self.push(k.name.as_str());
        }
    }

    fn param(&mut self, a: &ast::ParameterWithDefault) {
        self.push(a.parameter.name.as_str());
        if let Some(d) = &a.default {
            self.push("=");
            self.expr(d, PR_TEST);
        }
    }

    /// The text inside an f-string's quotes (braces of literal parts doubled).
    fn fstring_body(&mut self, body: &mut String, elements: &ast::InterpolatedStringElements) {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => escape_braces(body, &l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = i.conversion.to_char();
                    if let Some(dt) = &i.debug_text {
                        let t = format!("{}{}{}", dt.leading(), dt.expression(), dt.trailing());
                        escape_braces(body, &t);
                        if conversion.is_none() && i.format_spec.is_none() {
                            conversion = Some('r');
                        }
                    }
                    let mut inner = Unparser {
                        source: self.source,
                        out: String::new(),
                    };
                    inner.expr(&i.expression, PR_TEST + 1);
                    body.push('{');
                    if inner.out.starts_with('{') {
                        body.push(' ');
                    }
                    body.push_str(&inner.out);
                    if let Some(c) = conversion {
                        body.push('!');
                        body.push(c);
                    }
                    if let Some(spec) = &i.format_spec {
                        body.push(':');
                        self.fstring_body(body, &spec.elements);
                    }
                    body.push('}');
                }
            }
        }
    }
}

fn is_empty_params(p: &ast::Parameters) -> bool {
    p.posonlyargs.is_empty()
        && p.args.is_empty()
        && p.vararg.is_none()
        && p.kwonlyargs.is_empty()
        && p.kwarg.is_none()
}

fn binop(op: Operator) -> (u8, &'static str) {
    match op {
        Operator::Add => (PR_ARITH, " + "),
        Operator::Sub => (PR_ARITH, " - "),
        Operator::Mult => (PR_TERM, " * "),
        Operator::MatMult => (PR_TERM, " @ "),
        Operator::Div => (PR_TERM, " / "),
        Operator::Mod => (PR_TERM, " % "),
        Operator::FloorDiv => (PR_TERM, " // "),
        Operator::Pow => (PR_POWER, " ** "),
        Operator::LShift => (PR_SHIFT, " << "),
        Operator::RShift => (PR_SHIFT, " >> "),
        Operator::BitOr => (PR_BOR, " | "),
        Operator::BitXor => (PR_BXOR, " ^ "),
        Operator::BitAnd => (PR_BAND, " & "),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

fn escape_braces(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            c => out.push(c),
        }
    }
}

/// Whether Python's `str.isprintable` holds for non-ASCII `c` (approximated: controls,
/// format characters and separators other than the space are not printable).
fn printable(c: char) -> bool {
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c as u32, 0xAD | 0x600..=0x605 | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFEFF | 0xD800..=0xDFFF | 0xE000..=0xF8FF | 0xFFF9..=0xFFFB))
}

/// `repr(s)`.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_ascii() || printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(q);
    out
}

/// `repr(b)` of a bytes value.
fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(q as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(q as char);
    out
}

/// `repr(f)` for a float literal; infinity is written `1e309` (a literal that overflows).
fn float_repr(f: f64) -> String {
    if f.is_infinite() {
        return "1e309".to_string();
    }
    if f.is_nan() {
        return "nan".to_string();
    }
    // Shortest round-trip digits and exponent, laid out as Python's repr does.
    let e = format!("{:e}", f.abs());
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let decpt = exp + 1;
    if -4 < decpt && decpt <= 16 {
        let s = if decpt <= 0 {
            format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
        } else if decpt as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(decpt as usize - digits.len()))
        } else {
            format!(
                "{}.{}",
                &digits[..decpt as usize],
                &digits[decpt as usize..]
            )
        };
        format!("{sign}{s}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits.clone()
        };
        let es = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}e{es}{:02}", exp.abs())
    }
}

/// A complex part as `repr(complex)` shows it (no `.0` on integral values).
fn float_repr_j(f: f64) -> String {
    let s = float_repr(f);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}
