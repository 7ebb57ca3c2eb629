//! `bytes % args` (PEP 461): printf-style formatting of bytes with CPython's conversions
//! (`%s %b %r %a %c %d %i %u %o %x %X %e %E %f %F %g %G %%`), flags, `*` widths and precisions,
//! `%(key)s` mapping keys, and its error messages. The number layouts ([`format_int_digits`],
//! [`format_float`]) are plain functions other `%` implementations can reuse.

use crate::ops;
use crate::types::int::{self, IntRef};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::Signed;

#[derive(Default, Clone, Copy)]
pub struct Spec {
    pub left: bool,
    pub plus: bool,
    pub space: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub prec: Option<usize>,
}

/// Where `%` conversions take their arguments from.
struct Args {
    items: Vec<Value>,
    next: usize,
    mapping: Value,
}

impl Args {
    fn next(&mut self, vm: &mut Vm) -> PyResult {
        match self.items.get(self.next) {
            Some(v) => {
                self.next += 1;
                Ok(*v)
            }
            None => Err(vm.type_error("not enough arguments for format string")),
        }
    }
}

/// Formats `fmt % args`.
pub fn format(vm: &mut Vm, fmt: &[u8], args: Value) -> PyResult<Vec<u8>> {
    let is_tuple = crate::types::tuple::items(args).is_some();
    let is_mapping = !is_tuple
        && !args.is::<crate::types::bytes::BytesObj>()
        && !args.is::<crate::types::str::StrObj>()
        && ops::has_special(vm, args, vm.names.getitem);
    let mut a = Args {
        items: match crate::types::tuple::items(args) {
            Some(t) => t.to_vec(),
            None => vec![args],
        },
        next: 0,
        mapping: if is_mapping { args } else { Value::NULL },
    };
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            let end = fmt[i..]
                .iter()
                .position(|&b| b == b'%')
                .map_or(fmt.len(), |p| i + p);
            out.extend_from_slice(&fmt[i..end]);
            i = end;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        i = one_conversion(vm, fmt, i, &mut a, &mut out)?;
    }
    // Tuple items left over, or a lone non-tuple argument never used.
    if a.next < a.items.len() && a.mapping.is_null() {
        return Err(vm.type_error("not all arguments converted during bytes formatting"));
    }
    Ok(out)
}

/// Parses and applies one conversion starting after its `%` at `fmt[i]`; returns the index
/// after it.
fn one_conversion(
    vm: &mut Vm,
    fmt: &[u8],
    mut i: usize,
    a: &mut Args,
    out: &mut Vec<u8>,
) -> PyResult<usize> {
    let incomplete = |vm: &mut Vm| vm.value_error("incomplete format");
    // %(key): the looked-up value becomes the one and only argument, as CPython.
    if fmt.get(i) == Some(&b'(') {
        if a.mapping.is_null() {
            return Err(vm.type_error("format requires a mapping"));
        }
        let mut depth = 1;
        let start = i + 1;
        i += 1;
        while i < fmt.len() && depth > 0 {
            match fmt[i] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            i += 1;
        }
        if depth > 0 {
            return Err(vm.value_error("incomplete format key"));
        }
        let key = crate::types::bytes::new_bytes(vm, fmt[start..i - 1].to_vec());
        let v = ops::item::getitem(vm, a.mapping, key)?;
        a.items = vec![v];
        a.next = 0;
    }
    let mut spec = Spec::default();
    while let Some(&f) = fmt.get(i) {
        match f {
            b'-' => spec.left = true,
            b'+' => spec.plus = true,
            b' ' => spec.space = true,
            b'#' => spec.alt = true,
            b'0' => spec.zero = true,
            _ => break,
        }
        i += 1;
    }
    if fmt.get(i) == Some(&b'*') {
        let w = a.next(vm)?;
        let Some(w) = int::int_ref(w).and_then(IntRef::to_i64) else {
            return Err(vm.type_error("* wants int"));
        };
        if w < 0 {
            spec.left = true;
        }
        spec.width = w.unsigned_abs() as usize;
        i += 1;
    } else {
        while let Some(d) = fmt.get(i).filter(|b| b.is_ascii_digit()) {
            spec.width = match spec.width.checked_mul(10).map(|w| w + (d - b'0') as usize) {
                Some(w) if w <= isize::MAX as usize => w,
                _ => return Err(vm.value_error("width too big")),
            };
            i += 1;
        }
    }
    if fmt.get(i) == Some(&b'.') {
        i += 1;
        if fmt.get(i) == Some(&b'*') {
            let p = a.next(vm)?;
            let Some(p) = int::int_ref(p).and_then(IntRef::to_i64) else {
                return Err(vm.type_error("* wants int"));
            };
            spec.prec = Some(p.max(0) as usize);
            i += 1;
        } else {
            let mut p = 0usize;
            while let Some(d) = fmt.get(i).filter(|b| b.is_ascii_digit()) {
                p = match p.checked_mul(10).map(|x| x + (d - b'0') as usize) {
                    Some(x) if x <= i32::MAX as usize => x,
                    _ => return Err(vm.value_error("prec too big")),
                };
                i += 1;
            }
            spec.prec = Some(p);
        }
    }
    while matches!(fmt.get(i), Some(b'h' | b'l' | b'L')) {
        i += 1;
    }
    let Some(&conv) = fmt.get(i) else {
        return Err(incomplete(vm));
    };
    i += 1;
    let arg = a.next(vm)?;
    let body: Vec<u8> = match conv {
        b'%' => {
            out.push(b'%');
            return Ok(i);
        }
        b's' | b'b' => {
            let mut d = bytes_of(vm, arg)?;
            if let Some(p) = spec.prec {
                d.truncate(p);
            }
            d
        }
        b'r' | b'a' => {
            let s = crate::modules::builtins::ascii_of(vm, arg)?;
            let mut d = crate::types::str::as_str(s)
                .unwrap_or("")
                .as_bytes()
                .to_vec();
            if let Some(p) = spec.prec {
                d.truncate(p);
            }
            d
        }
        b'c' => vec![char_byte(vm, arg)?],
        b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
            let v = int_arg(vm, arg, conv)?;
            let radix = match conv {
                b'o' => 8,
                b'x' | b'X' => 16,
                _ => 10,
            };
            let s = format_int_digits(&v, radix, conv == b'X', &spec);
            crate::types::seq_methods::reserve(vm, out, spec.width)?;
            return pad_number(out, s, &spec, i);
        }
        b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
            let f = float_arg(vm, arg)?;
            let s = format_float(f, conv as char, &spec);
            crate::types::seq_methods::reserve(vm, out, spec.width)?;
            return pad_number(out, s, &spec, i);
        }
        _ => {
            let shown = if conv.is_ascii_graphic() || conv == b' ' {
                (conv as char).to_string()
            } else {
                "?".to_string()
            };
            return Err(vm.value_error(format!(
                "unsupported format character '{shown}' (0x{conv:x}) at index {}",
                i - 1
            )));
        }
    };
    crate::types::seq_methods::reserve(vm, out, spec.width)?;
    pad_text(out, &body, &spec);
    Ok(i)
}

/// `%s`/`%b`: a bytes-like object or the result of `__bytes__`.
fn bytes_of(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(d) = crate::types::bytes::bytes_data(v) {
        return Ok(d);
    }
    let name = vm.intern("__bytes__");
    if let Some(r) = ops::call_special(vm, v, name, &[])? {
        return match r.downcast::<crate::types::bytes::BytesObj>() {
            Some(b) => Ok(b.data.to_vec()),
            None => Err(vm.type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                vm.type_name(r)
            ))),
        };
    }
    Err(vm.type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        vm.type_name(v)
    )))
}

fn char_byte(vm: &mut Vm, v: Value) -> PyResult<u8> {
    if let Some(d) = crate::types::bytes::bytes_data(v) {
        if d.len() == 1 {
            return Ok(d[0]);
        }
    } else if int::is_int(v) || ops::has_special(vm, v, vm.names.index) {
        let r = ops::number::index(vm, v)?;
        return match int::int_ref(r).and_then(IntRef::to_i64) {
            Some(x) if (0..256).contains(&x) => Ok(x as u8),
            _ => Err(vm.overflow_error("%c arg not in range(256)")),
        };
    }
    Err(vm.type_error("%c requires an integer in range(256) or a single byte"))
}

/// The integer of `%d` (ints, floats truncated, `__int__`/`__index__`) or `%o %x %X`
/// (ints and `__index__` only).
fn int_arg(vm: &mut Vm, v: Value, conv: u8) -> PyResult<BigInt> {
    if let Some(i) = int::int_ref(v) {
        return Ok(i.to_bigint());
    }
    let decimal = matches!(conv, b'd' | b'i' | b'u');
    if decimal {
        if let Some(f) = crate::types::float::as_f64(v) {
            if f.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.overflow_error("cannot convert float infinity to integer"));
            }
            return Ok(crate::types::float::f64_to_bigint(f.trunc()).unwrap_or_default());
        }
        if let Some(r) = ops::call_special(vm, v, vm.names.int_, &[])? {
            return match int::int_ref(r) {
                Some(i) => Ok(i.to_bigint()),
                None => Err(vm.type_error(format!(
                    "__int__ returned non-int (type {})",
                    vm.type_name(r)
                ))),
            };
        }
    }
    if ops::has_special(vm, v, vm.names.index) {
        let r = ops::number::index(vm, v)?;
        return Ok(int::int_ref(r).map(|i| i.to_bigint()).unwrap_or_default());
    }
    let what = if decimal {
        "a real number"
    } else {
        "an integer"
    };
    Err(vm.type_error(format!(
        "%{} format: {what} is required, not {}",
        conv as char,
        vm.type_name(v)
    )))
}

fn float_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = crate::types::float::as_f64(v) {
        return Ok(f);
    }
    let numeric = int::is_int(v)
        || ops::has_special(vm, v, vm.names.float_)
        || ops::has_special(vm, v, vm.names.index);
    if !numeric {
        return Err(vm.type_error(format!("float argument required, not {}", vm.type_name(v))));
    }
    ops::number::to_f64(vm, v)
}

/// Sign/prefix and digits of an integer conversion (precision = minimum digits).
/// Returns (sign+prefix, digits).
pub fn format_int_digits(v: &BigInt, radix: u32, upper: bool, spec: &Spec) -> (String, String) {
    let mut digits = v.abs().to_str_radix(radix);
    if upper {
        digits = digits.to_ascii_uppercase();
    }
    if let Some(p) = spec.prec
        && digits.len() < p
    {
        digits = "0".repeat(p - digits.len()) + &digits;
    }
    let mut sign = if v.is_negative() {
        "-".to_string()
    } else if spec.plus {
        "+".to_string()
    } else if spec.space {
        " ".to_string()
    } else {
        String::new()
    };
    if spec.alt {
        match (radix, upper) {
            (8, _) => sign.push_str("0o"),
            (16, false) => sign.push_str("0x"),
            (16, true) => sign.push_str("0X"),
            _ => {}
        }
    }
    (sign, digits)
}

/// Sign and body of a float conversion `conv` (one of `eEfFgG`), C printf style with Python's
/// `inf`/`nan` spellings.
pub fn format_float(f: f64, conv: char, spec: &Spec) -> (String, String) {
    let upper = conv.is_ascii_uppercase();
    let sign = if f.is_sign_negative() && !f.is_nan() {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    }
    .to_string();
    let a = f.abs();
    let body = if a.is_nan() {
        "nan".to_string()
    } else if a.is_infinite() {
        "inf".to_string()
    } else {
        let prec = spec.prec.unwrap_or(6);
        match conv.to_ascii_lowercase() {
            'f' => {
                let mut s = format!("{a:.prec$}");
                if spec.alt && prec == 0 {
                    s.push('.');
                }
                s
            }
            'e' => {
                let mut s = exp_format(a, prec);
                if spec.alt && prec == 0 {
                    // "1e+04" -> "1.e+04"
                    if let Some(p) = s.find('e') {
                        s.insert(p, '.');
                    }
                }
                s
            }
            _ => general_format(a, prec, spec.alt),
        }
    };
    (
        sign,
        if upper {
            body.to_ascii_uppercase()
        } else {
            body
        },
    )
}

/// `%.<prec>e` of a non-negative finite float with a signed, at least two-digit exponent.
fn exp_format(a: f64, prec: usize) -> String {
    let s = format!("{a:.prec$e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    format!("{mant}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`: exponent form when the exponent is < -4 or >= precision, trailing zeros removed
/// unless `alt`.
fn general_format(a: f64, prec: usize, alt: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    let e_form = exp_format(a, p - 1);
    let exp: i32 = e_form
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut s = if exp < -4 || exp >= p as i32 {
        e_form
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        format!("{a:.decimals$}")
    };
    if !alt {
        let (mant, tail) = match s.find('e') {
            Some(k) => (s[..k].to_string(), s[k..].to_string()),
            None => (s.clone(), String::new()),
        };
        let mant = if mant.contains('.') {
            mant.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            mant
        };
        s = mant + &tail;
    } else if !s.contains('.') {
        match s.find('e') {
            Some(k) => s.insert(k, '.'),
            None => s.push('.'),
        }
    }
    s
}

/// Pads a number (sign/prefix, digits) to the width: left-justified, zero-filled after the
/// sign, or right-justified with spaces.
fn pad_number(
    out: &mut Vec<u8>,
    (sign, digits): (String, String),
    spec: &Spec,
    i: usize,
) -> PyResult<usize> {
    let len = sign.len() + digits.len();
    let fill = spec.width.saturating_sub(len);
    if spec.left {
        out.extend_from_slice(sign.as_bytes());
        out.extend_from_slice(digits.as_bytes());
        out.extend(std::iter::repeat_n(b' ', fill));
    } else if spec.zero {
        out.extend_from_slice(sign.as_bytes());
        out.extend(std::iter::repeat_n(b'0', fill));
        out.extend_from_slice(digits.as_bytes());
    } else {
        out.extend(std::iter::repeat_n(b' ', fill));
        out.extend_from_slice(sign.as_bytes());
        out.extend_from_slice(digits.as_bytes());
    }
    Ok(i)
}

/// Pads a text conversion (`%s %r %c`) with spaces (zero-fill does not apply).
fn pad_text(out: &mut Vec<u8>, body: &[u8], spec: &Spec) {
    let fill = spec.width.saturating_sub(body.len());
    if spec.left {
        out.extend_from_slice(body);
        out.extend(std::iter::repeat_n(b' ', fill));
    } else {
        out.extend(std::iter::repeat_n(b' ', fill));
        out.extend_from_slice(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, conv: char, prec: Option<usize>, alt: bool) -> String {
        let spec = Spec {
            prec,
            alt,
            ..Spec::default()
        };
        let (s, b) = format_float(x, conv, &spec);
        s + &b
    }

    #[test]
    fn floats() {
        assert_eq!(f(1e20, 'g', None, false), "1e+20");
        assert_eq!(f(0.0001, 'g', None, false), "0.0001");
        assert_eq!(f(0.00001, 'g', None, false), "1e-05");
        assert_eq!(f(1.0, 'g', None, true), "1.00000");
        assert_eq!(f(2.5, 'f', Some(0), false), "2");
        assert_eq!(f(2.0, 'f', Some(0), true), "2.");
        assert_eq!(f(12345.0, 'e', Some(0), false), "1e+04");
        assert_eq!(f(0.0, 'e', None, false), "0.000000e+00");
        assert_eq!(f(123456789.0, 'g', None, false), "1.23457e+08");
        assert_eq!(f(123456789.0, 'g', Some(10), false), "123456789");
        assert_eq!(f(1e-10, 'G', None, false), "1E-10");
        assert_eq!(f(f64::NAN, 'F', None, false), "NAN");
        assert_eq!(f(-1.5, 'f', Some(2), false), "-1.50");
    }
}
