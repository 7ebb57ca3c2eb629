//! `complex`: a pair of f64. Arithmetic and methods live in `complex_methods.rs`.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;

pub struct ComplexObj {
    pub re: f64,
    pub im: f64,
}

impl Trace for ComplexObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for ComplexObj {
    const KIND: ObjKind = ObjKind::Complex;
}

pub fn new_complex(vm: &mut Vm, re: f64, im: f64) -> Value {
    alloc(vm.types.complex, ComplexObj { re, im })
}

pub fn new_complex_of_type(ty: Value, re: f64, im: f64) -> Value {
    alloc(ty, ComplexObj { re, im })
}

/// `repr(complex)`: `(1+2j)`, `2j`, `(-0-1j)`, as CPython.
pub fn repr_complex(re: f64, im: f64) -> String {
    let fmt = |x: f64| {
        let r = crate::types::float::repr_f64(x);
        r.strip_suffix(".0").map(str::to_string).unwrap_or(r)
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", fmt(im));
    }
    // A NaN's sign bit is not shown (CPython formats NaN as "+nan" here).
    let sign = if im.is_sign_negative() && !im.is_nan() {
        "-"
    } else {
        "+"
    };
    format!("({}{}{}j)", fmt(re), sign, fmt(im.abs()))
}

/// The longest prefix of `s` that is a float literal (sign, digits with an optional point and
/// exponent, or inf/infinity/nan): its value and length. None when no prefix is a float.
fn float_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let rest = &s[i..];
    let lower: Vec<u8> = rest.iter().take(8).map(u8::to_ascii_lowercase).collect();
    let special = if lower.starts_with(b"infinity") {
        Some((f64::INFINITY, 8))
    } else if lower.starts_with(b"inf") {
        Some((f64::INFINITY, 3))
    } else if lower.starts_with(b"nan") {
        Some((f64::NAN, 3))
    } else {
        None
    };
    let end = if let Some((_, n)) = special {
        i + n
    } else {
        let digits = |from: usize| s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let int_digits = digits(i);
        let mut j = i + int_digits;
        let mut frac_digits = 0;
        if s.get(j) == Some(&b'.') {
            frac_digits = digits(j + 1);
            if int_digits + frac_digits > 0 {
                j += 1 + frac_digits;
            }
        }
        if int_digits + frac_digits == 0 {
            return None;
        }
        if matches!(s.get(j), Some(b'e' | b'E')) {
            let mut k = j + 1;
            if matches!(s.get(k), Some(b'+' | b'-')) {
                k += 1;
            }
            let n = digits(k);
            if n > 0 {
                j = k + n;
            }
        }
        j
    };
    let text = std::str::from_utf8(&s[..end]).ok()?;
    let v = match special {
        Some((v, _)) => {
            if s.first() == Some(&b'-') {
                -v
            } else {
                v
            }
        }
        None => text.parse::<f64>().ok()?,
    };
    Some((v, end))
}

/// Parses what `complex(str)` accepts (after `int::transform_numeric_str`): optional
/// parentheses and surrounding whitespace around `real`, `imagj`, `real±imagj`, with `j`
/// alone (or signed) meaning ±1j; single underscores between digits. None when malformed.
pub fn parse_complex_bytes(s: &[u8]) -> Option<(f64, f64)> {
    let text = std::str::from_utf8(s).ok()?;
    let clean = crate::types::float::strip_underscores(text)?;
    parse_complex_clean(clean.as_bytes())
}

/// `parse_complex_bytes` after the underscores are gone.
fn parse_complex_clean(s: &[u8]) -> Option<(f64, f64)> {
    let space = |c: Option<&u8>| c.is_some_and(|c| crate::types::int::ascii_space(*c));
    let mut i = 0;
    while space(s.get(i)) {
        i += 1;
    }
    let bracket = s.get(i) == Some(&b'(');
    if bracket {
        i += 1;
        while space(s.get(i)) {
            i += 1;
        }
    }
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let (mut re, mut im) = (0.0, 0.0);
    if let Some((z, n)) = float_prefix(&s[i..]) {
        i += n;
        match s.get(i) {
            Some(b'+' | b'-') => {
                re = z;
                match float_prefix(&s[i..]) {
                    Some((y, n)) => {
                        im = y;
                        i += n;
                    }
                    None => {
                        im = if s[i] == b'+' { 1.0 } else { -1.0 };
                        i += 1;
                    }
                }
                if !is_j(s.get(i)) {
                    return None;
                }
                i += 1;
            }
            Some(b'j' | b'J') => {
                im = z;
                i += 1;
            }
            _ => re = z,
        }
    } else {
        match s.get(i) {
            Some(b'+') => {
                im = 1.0;
                i += 1;
            }
            Some(b'-') => {
                im = -1.0;
                i += 1;
            }
            _ => im = 1.0,
        }
        if !is_j(s.get(i)) {
            return None;
        }
        i += 1;
    }
    while space(s.get(i)) {
        i += 1;
    }
    if bracket {
        if s.get(i) != Some(&b')') {
            return None;
        }
        i += 1;
        while space(s.get(i)) {
            i += 1;
        }
    }
    (i == s.len()).then_some((re, im))
}

/// `hash(complex)`: hash(real) + 1000003 * hash(imag), wrapping, -1 mapped to -2 (a NaN
/// part hashes by the identity of `v`, as CPython 3.10+).
pub fn hash_complex(v: Value, re: f64, im: f64) -> i64 {
    let hr = crate::types::float_methods::hash_of(v, re) as u64;
    let hi = crate::types::float_methods::hash_of(v, im) as u64;
    let h = hr.wrapping_add(hi.wrapping_mul(1000003)) as i64;
    if h == -1 { -2 } else { h }
}
