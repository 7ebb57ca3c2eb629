//! Constant folding, as CPython's AST optimizer: literals, unary and binary operators on
//! numbers/str/bytes/tuples, tuples of constants and `__debug__`, within CPython's size limits
//! and never folding an operation that would raise. Also turns literal tokens into [`Const`]s
//! (big ints, strings with lone surrogates).

use fp_bytecode::Const;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use ruff_python_ast::{self as ast, Expr, Operator, StringFlags, UnaryOp};
use ruff_text_size::Ranged;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

pub struct Folder<'s> {
    pub source: &'s str,
    pub optimize: u32,
    /// For a tree converted from AST objects (no source text): the values of the `Constant`
    /// nodes a literal node cannot hold (big or negative ints, tuples, frozensets...). Such a
    /// literal node's `node_index` is its index here.
    pub consts: &'s [Const],
}

impl<'s> Folder<'s> {
    fn text(&self, e: &impl Ranged) -> &'s str {
        let r = e.range();
        let s = u32::from(r.start()) as usize;
        let t = u32::from(r.end()) as usize;
        self.source.get(s..t).unwrap_or("")
    }

    /// The value of `e` if it is a compile-time constant.
    pub fn fold(&self, e: &Expr) -> Option<Const> {
        if !self.consts.is_empty()
            && e.is_literal_expr()
            && let Some(i) = ast::HasNodeIndex::node_index(e).load().as_u32()
            && let Some(c) = self.consts.get(i as usize)
        {
            return Some(c.clone());
        }
        match e {
            Expr::NumberLiteral(n) => Some(match &n.value {
                ast::Number::Int(i) => Const::Int(match i.as_u64() {
                    Some(v) => BigInt::from(v),
                    None => parse_int_literal(self.text(n))?,
                }),
                ast::Number::Float(f) => Const::Float(*f),
                ast::Number::Complex { real, imag } => Const::Complex {
                    real: *real,
                    imag: *imag,
                },
            }),
            Expr::StringLiteral(s) => Some(self.string_const(&s.value)),
            Expr::BytesLiteral(b) => Some(Const::Bytes(b.value.bytes().collect())),
            Expr::BooleanLiteral(b) => Some(if b.value { Const::True } else { Const::False }),
            Expr::NoneLiteral(_) => Some(Const::None),
            Expr::EllipsisLiteral(_) => Some(Const::Ellipsis),
            Expr::Name(n) if n.id.as_str() == "__debug__" && n.ctx == ast::ExprContext::Load => {
                Some(if self.optimize == 0 {
                    Const::True
                } else {
                    Const::False
                })
            }
            Expr::Tuple(t) if t.ctx == ast::ExprContext::Load => {
                let mut items = Vec::with_capacity(t.elts.len());
                for el in &t.elts {
                    items.push(self.fold(el)?);
                }
                Some(Const::Tuple(items))
            }
            Expr::UnaryOp(u) => {
                let v = self.fold(&u.operand)?;
                fold_unary(u.op, &v)
            }
            Expr::BinOp(b) => {
                let l = self.fold(&b.left)?;
                let r = self.fold(&b.right)?;
                fold_binary(b.op, &l, &r)
            }
            _ => None,
        }
    }

    /// A str literal's value; lone surrogates written as escapes survive as WTF-8.
    pub fn string_const(&self, v: &ast::StringLiteralValue) -> Const {
        let mut any_surrogate = false;
        let mut out: Vec<u8> = Vec::new();
        for part in v.iter() {
            let raw = part.flags.prefix().is_raw();
            let text = self.text(part);
            if !raw && has_surrogate_escape(text) {
                let body = strip_quotes(
                    text,
                    part.flags.prefix().as_str().len(),
                    part.flags.is_triple_quoted(),
                );
                match decode_with_surrogates(body) {
                    Some(bytes) => {
                        any_surrogate = true;
                        out.extend(bytes);
                        continue;
                    }
                    None => out.extend(part.value.as_bytes()),
                }
            } else {
                out.extend(part.value.as_bytes());
            }
        }
        if any_surrogate {
            match String::from_utf8(out) {
                Ok(s) => Const::Str(s),
                Err(e) => Const::Wtf8Str(e.into_bytes()),
            }
        } else {
            Const::Str(v.to_str().to_string())
        }
    }
}

fn strip_quotes(text: &str, prefix_len: usize, triple: bool) -> &str {
    let q = if triple { 3 } else { 1 };
    if text.len() < prefix_len + 2 * q {
        return "";
    }
    &text[prefix_len + q..text.len() - q]
}

fn has_surrogate_escape(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' {
            let (n, skip) = match b[i + 1] {
                b'u' => (4, 2),
                b'U' => (8, 2),
                _ => {
                    i += 2;
                    continue;
                }
            };
            if let Some(hex) = text.get(i + skip..i + skip + n)
                && let Ok(cp) = u32::from_str_radix(hex, 16)
                && (0xD800..=0xDFFF).contains(&cp)
            {
                return true;
            }
            i += 2;
            continue;
        }
        i += 1;
    }
    false
}

/// Decodes the body of a non-raw str literal, keeping lone surrogates (as 3-byte generalised
/// UTF-8). Returns None for escapes it does not handle itself (`\N{...}`).
fn decode_with_surrogates(body: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    let push_cp = |out: &mut Vec<u8>, cp: u32| {
        if (0xD800..=0xDFFF).contains(&cp) {
            out.push(0xED);
            out.push(0xA0 | ((cp >> 6) & 0x1F) as u8);
            out.push(0x80 | (cp & 0x3F) as u8);
        } else if let Some(c) = char::from_u32(cp) {
            let mut buf = [0u8; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
        }
    };
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            let mut buf = [0u8; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push(b'\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if let Some((_, '\n')) = chars.peek() {
                    chars.next();
                }
            }
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'v' => out.push(11),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some((_, d @ '0'..='7')) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                push_cp(&mut out, v);
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let start = i + 2;
                let hex = body.get(start..start + n)?;
                let cp = u32::from_str_radix(hex, 16).ok()?;
                for _ in 0..n {
                    chars.next();
                }
                if cp > 0x10FFFF {
                    return None;
                }
                push_cp(&mut out, cp);
            }
            'N' => return None,
            other => {
                out.push(b'\\');
                let mut buf = [0u8; 4];
                out.extend(other.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    Some(out)
}

/// Parses an int literal's source text (`0x_ff`, `1_000`, `0o7`, `0b1`).
pub fn parse_int_literal(text: &str) -> Option<BigInt> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else {
        (lower, 10)
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// Truthiness of a constant (None when unknown, e.g. for code objects).
pub fn const_truth(c: &Const) -> Option<bool> {
    Some(match c {
        Const::None | Const::False => false,
        Const::True | Const::Ellipsis => true,
        Const::Int(i) => !i.is_zero(),
        Const::Float(f) => *f != 0.0,
        Const::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Wtf8Str(s) => !s.is_empty(),
        Const::Bytes(b) => !b.is_empty(),
        Const::Tuple(t) => !t.is_empty(),
        Const::FrozenSet(t) => !t.is_empty(),
        Const::Code(_) => return None,
    })
}

/// Ints and bools as ints.
fn as_int(c: &Const) -> Option<BigInt> {
    match c {
        Const::Int(i) => Some(i.clone()),
        Const::True => Some(BigInt::from(1)),
        Const::False => Some(BigInt::from(0)),
        _ => None,
    }
}

/// Exact int → float, refusing values a float cannot hold exactly enough to stay safe.
fn int_to_f64(i: &BigInt) -> Option<f64> {
    if i.bits() <= 53 { i.to_f64() } else { None }
}

fn as_float(c: &Const) -> Option<f64> {
    match c {
        Const::Float(f) => Some(*f),
        _ => int_to_f64(&as_int(c)?),
    }
}

fn as_complex(c: &Const) -> Option<(f64, f64)> {
    match c {
        Const::Complex { real, imag } => Some((*real, *imag)),
        _ => Some((as_float(c)?, 0.0)),
    }
}

fn is_numeric(c: &Const) -> bool {
    matches!(
        c,
        Const::Int(_) | Const::True | Const::False | Const::Float(_) | Const::Complex { .. }
    )
}

fn fold_unary(op: UnaryOp, v: &Const) -> Option<Const> {
    match op {
        UnaryOp::Not => Some(if const_truth(v)? {
            Const::False
        } else {
            Const::True
        }),
        UnaryOp::USub => match v {
            Const::Float(f) => Some(Const::Float(-f)),
            Const::Complex { real, imag } => Some(Const::Complex {
                real: -real,
                imag: -imag,
            }),
            _ => Some(Const::Int(-as_int(v)?)),
        },
        UnaryOp::UAdd => match v {
            Const::Float(_) | Const::Complex { .. } => Some(v.clone()),
            _ => Some(Const::Int(as_int(v)?)),
        },
        UnaryOp::Invert => Some(Const::Int(-as_int(v)? - 1)),
    }
}

fn str_len(c: &Const) -> Option<usize> {
    match c {
        Const::Str(s) => Some(s.chars().count()),
        Const::Bytes(b) => Some(b.len()),
        _ => None,
    }
}

fn count_items(c: &Const, limit: usize) -> Option<usize> {
    // CPython's check_complexity: total number of items including nested tuples.
    let mut total = 0usize;
    let mut stack = vec![c];
    while let Some(x) = stack.pop() {
        if let Const::Tuple(items) | Const::FrozenSet(items) = x {
            total += items.len();
            if total > limit {
                return None;
            }
            stack.extend(items.iter());
        }
    }
    Some(total)
}

fn repeat(seq: &Const, n: &BigInt) -> Option<Const> {
    let size = match seq {
        Const::Tuple(t) => t.len(),
        _ => str_len(seq)?,
    };
    let n = n.to_i64()?;
    let limit = if matches!(seq, Const::Tuple(_)) {
        MAX_COLLECTION_SIZE
    } else {
        MAX_STR_SIZE
    };
    if let Some(max_n) = limit.checked_div(size) {
        if n < 0 || n as usize > max_n {
            return None;
        }
        if n > 0 && matches!(seq, Const::Tuple(_)) {
            count_items(seq, MAX_TOTAL_ITEMS / n as usize)?;
        }
    }
    let n = n.max(0) as usize;
    Some(match seq {
        Const::Tuple(t) => Const::Tuple(t.iter().cloned().cycle().take(t.len() * n).collect()),
        Const::Str(s) => Const::Str(s.repeat(n)),
        Const::Bytes(b) => Const::Bytes(b.repeat(n)),
        _ => return None,
    })
}

fn both_bool(l: &Const, r: &Const) -> bool {
    matches!(l, Const::True | Const::False) && matches!(r, Const::True | Const::False)
}

fn fold_binary(op: Operator, l: &Const, r: &Const) -> Option<Const> {
    // Sequences.
    match (op, l, r) {
        (Operator::Add, Const::Str(a), Const::Str(b)) => {
            return Some(Const::Str(format!("{a}{b}")));
        }
        (Operator::Add, Const::Bytes(a), Const::Bytes(b)) => {
            let mut v = a.clone();
            v.extend(b);
            return Some(Const::Bytes(v));
        }
        (Operator::Add, Const::Tuple(a), Const::Tuple(b)) => {
            let mut v = a.clone();
            v.extend(b.iter().cloned());
            return Some(Const::Tuple(v));
        }
        (Operator::Mult, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_), n) => {
            return repeat(l, &as_int(n)?);
        }
        (Operator::Mult, n, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_)) => {
            return repeat(r, &as_int(n)?);
        }
        _ => {}
    }
    if !is_numeric(l) || !is_numeric(r) {
        return None;
    }
    if let (Some(a), Some(b)) = (as_int(l), as_int(r)) {
        return fold_int(op, &a, &b, both_bool(l, r));
    }
    if matches!(l, Const::Complex { .. }) || matches!(r, Const::Complex { .. }) {
        let (ar, ai) = as_complex(l)?;
        let (br, bi) = as_complex(r)?;
        return match op {
            Operator::Add => Some(Const::Complex {
                real: ar + br,
                imag: ai + bi,
            }),
            Operator::Sub => Some(Const::Complex {
                real: ar - br,
                imag: ai - bi,
            }),
            Operator::Mult => Some(Const::Complex {
                real: ar * br - ai * bi,
                imag: ar * bi + ai * br,
            }),
            _ => None,
        };
    }
    let a = as_float(l)?;
    let b = as_float(r)?;
    let v = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        Operator::FloorDiv => float_divmod(a, b)?.0,
        Operator::Mod => float_divmod(a, b)?.1,
        Operator::Pow => float_pow(a, b)?,
        _ => return None,
    };
    Some(Const::Float(v))
}

/// CPython's float_divmod.
fn float_divmod(vx: f64, wx: f64) -> Option<(f64, f64)> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    Some((floordiv, m))
}

fn float_pow(a: f64, b: f64) -> Option<f64> {
    if !a.is_finite() || !b.is_finite() {
        return None;
    }
    if a == 0.0 && b < 0.0 {
        return None;
    }
    if a < 0.0 && b.fract() != 0.0 {
        return None;
    }
    let v = a.powf(b);
    if v.is_finite() { Some(v) } else { None }
}

fn fold_int(op: Operator, a: &BigInt, b: &BigInt, bools: bool) -> Option<Const> {
    let int = |v: BigInt| Some(Const::Int(v));
    match op {
        Operator::Add => int(a + b),
        Operator::Sub => int(a - b),
        Operator::Mult => {
            if !a.is_zero() && !b.is_zero() && a.bits() + b.bits() > MAX_INT_SIZE {
                return None;
            }
            int(a * b)
        }
        Operator::Div => {
            if b.is_zero() {
                return None;
            }
            let x = int_to_f64(a)?;
            let y = int_to_f64(b)?;
            Some(Const::Float(x / y))
        }
        Operator::FloorDiv => {
            if b.is_zero() {
                return None;
            }
            int(a.div_floor(b))
        }
        Operator::Mod => {
            if b.is_zero() {
                return None;
            }
            int(a.mod_floor(b))
        }
        Operator::Pow => {
            if b.is_negative() {
                if a.is_zero() {
                    return None;
                }
                let x = int_to_f64(a)?;
                let y = b.to_f64()?;
                return Some(Const::Float(float_pow(x, y)?));
            }
            if !a.is_zero() && !b.is_zero() {
                let wbits = b.to_u64()?;
                if a.bits() > MAX_INT_SIZE / wbits {
                    return None;
                }
            }
            let e = b.to_u32()?;
            int(num_traits::pow::Pow::pow(a, e))
        }
        Operator::LShift => {
            if b.is_negative() {
                return None;
            }
            if !a.is_zero() {
                let w = b.to_u64()?;
                if w > MAX_INT_SIZE || a.bits() > MAX_INT_SIZE - w {
                    return None;
                }
                return int(a << (w as usize));
            }
            int(BigInt::zero())
        }
        Operator::RShift => {
            if b.is_negative() {
                return None;
            }
            let w = b.to_u64().unwrap_or(u64::MAX);
            if w > a.bits() {
                return int(if a.sign() == Sign::Minus {
                    BigInt::from(-1)
                } else {
                    BigInt::zero()
                });
            }
            int(a >> (w as usize))
        }
        Operator::BitAnd | Operator::BitOr | Operator::BitXor => {
            let v = match op {
                Operator::BitAnd => a & b,
                Operator::BitOr => a | b,
                _ => a ^ b,
            };
            if bools {
                Some(if v.is_zero() {
                    Const::False
                } else {
                    Const::True
                })
            } else {
                int(v)
            }
        }
        Operator::MatMult => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_expression;

    fn f(src: &str) -> Option<Const> {
        let p = parse_expression(src).expect("parse");
        Folder {
            source: src,
            consts: &[],
            optimize: 0,
        }
        .fold(p.expr())
    }

    #[test]
    fn folds_numbers() {
        assert_eq!(f("1 + 2 * 3"), Some(Const::Int(BigInt::from(7))));
        assert_eq!(f("-5"), Some(Const::Int(BigInt::from(-5))));
        assert_eq!(f("7 // -2"), Some(Const::Int(BigInt::from(-4))));
        assert_eq!(f("7 % -2"), Some(Const::Int(BigInt::from(-1))));
        assert_eq!(f("2 ** -1"), Some(Const::Float(0.5)));
        assert_eq!(
            f("1 + 2j"),
            Some(Const::Complex {
                real: 1.0,
                imag: 2.0
            })
        );
        assert_eq!(f("-7.5 // 2"), Some(Const::Float(-4.0)));
        assert_eq!(f("True + True"), Some(Const::Int(BigInt::from(2))));
        assert_eq!(f("True & False"), Some(Const::False));
        assert_eq!(f("0x_ff"), Some(Const::Int(BigInt::from(255))));
        assert_eq!(
            f("123456789012345678901234567890"),
            Some(Const::Int(
                "123456789012345678901234567890".parse().unwrap()
            ))
        );
    }

    #[test]
    fn refuses_raising_or_large() {
        assert_eq!(f("1 / 0"), None);
        assert_eq!(f("1 % 0"), None);
        assert_eq!(f("2 ** 200"), None);
        assert_eq!(f("1 << 200"), None);
        assert_eq!(f("1 << -1"), None);
        assert_eq!(f("'a' * 5000"), None);
        assert_eq!(f("0 ** -1"), None);
        assert_eq!(f("'%s' % 1"), None);
        assert!(f("2 ** 64").is_some());
        assert_eq!(f("2 ** 100"), None);
    }

    #[test]
    fn folds_sequences() {
        assert_eq!(f("'a' 'b'"), Some(Const::Str("ab".into())));
        assert_eq!(f("'ab' * 2"), Some(Const::Str("abab".into())));
        assert_eq!(
            f("(1, (2, 'x'))"),
            Some(Const::Tuple(vec![
                Const::Int(BigInt::from(1)),
                Const::Tuple(vec![Const::Int(BigInt::from(2)), Const::Str("x".into())])
            ]))
        );
        assert_eq!(f("b'a' + b'b'"), Some(Const::Bytes(b"ab".to_vec())));
        assert_eq!(f("not 0"), Some(Const::True));
        assert_eq!(f("__debug__"), Some(Const::True));
    }

    #[test]
    fn surrogates() {
        assert_eq!(
            f(r#""\ud800x""#),
            Some(Const::Wtf8Str(vec![0xED, 0xA0, 0x80, b'x']))
        );
        assert_eq!(f(r#""\u00e9""#), Some(Const::Str("é".into())));
    }
}
