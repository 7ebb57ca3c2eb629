//! `float`: boxed f64 (cheap bump allocation in the interpreter; the JIT unboxes), its repr
//! (shortest round-trip digits laid out as CPython's `repr`), hashing compatible with ints and
//! fractions, and exact int/float conversions.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

pub struct FloatObj {
    pub value: f64,
}

impl Trace for FloatObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for FloatObj {
    const KIND: ObjKind = ObjKind::Float;
}

#[inline]
pub fn new_float(vm: &mut Vm, f: f64) -> Value {
    alloc(vm.types.float, FloatObj { value: f })
}

pub fn new_float_of_type(ty: Value, f: f64) -> Value {
    alloc(ty, FloatObj { value: f })
}

#[inline]
pub fn as_f64(v: Value) -> Option<f64> {
    v.downcast::<FloatObj>().map(|f| f.value)
}

/// Splits the shortest round-trip representation into (digits, decimal exponent) such that the
/// value is `0.d1d2d3... * 10**exp`... expressed as d1.d2d3 * 10**exp10.
fn shortest_digits(f: f64) -> (String, i32) {
    let s = format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// `repr(float)`: shortest digits that round-trip, fixed notation for 1e-4 <= |x| < 1e16.
pub fn repr_f64(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let (digits, exp) = shortest_digits(f);
    let sign = if f < 0.0 { "-" } else { "" };
    format_digits(sign, &digits, exp, 16, true)
}

/// Lays out `digits` × 10**exp (first digit before the point) in fixed notation when
/// -4 <= exp < `fixed_limit`, else exponent notation; `add_dot_zero` gives "1.0" not "1".
pub fn format_digits(
    sign: &str,
    digits: &str,
    exp: i32,
    fixed_limit: i32,
    add_dot_zero: bool,
) -> String {
    let nd = digits.len() as i32;
    if (-4..fixed_limit).contains(&exp) {
        let mut out = String::from(sign);
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(digits);
        } else if nd <= exp + 1 {
            out.push_str(digits);
            for _ in 0..(exp + 1 - nd) {
                out.push('0');
            }
            if add_dot_zero {
                out.push_str(".0");
            }
        } else {
            let (a, b) = digits.split_at((exp + 1) as usize);
            out.push_str(a);
            out.push('.');
            out.push_str(b);
        }
        out
    } else {
        let mut out = String::from(sign);
        out.push_str(&digits[..1]);
        if nd > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
        out
    }
}

const HASH_MODULUS: u64 = (1u64 << 61) - 1;
const HASH_BITS: i32 = 61;

/// `hash(float)`, equal to the hash of an equal int or fraction (CPython's scheme).
pub fn hash_f64(x: f64) -> i64 {
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let sign: i64 = if x < 0.0 { -1 } else { 1 };
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & HASH_MODULUS) | (h >> (HASH_BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= HASH_MODULUS {
            h -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % HASH_BITS
    } else {
        HASH_BITS - 1 - ((-1 - e) % HASH_BITS)
    };
    h = ((h << e) & HASH_MODULUS) | (h >> (HASH_BITS - e));
    let r = h as i64 * sign;
    if r == -1 { -2 } else { r }
}

/// frexp: x = m * 2**e with 0.5 <= m < 1 (x finite, non-negative).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// Correctly rounded n / d (d != 0); None on overflow. One rounding (half-even) straight to
/// the final precision, including subnormal results.
pub fn ratio_to_f64(n: &BigInt, d: &BigInt) -> Option<f64> {
    if d.is_zero() {
        return None;
    }
    let negative = n.is_negative() != d.is_negative();
    let sign = |x: f64| if negative { -x } else { x };
    if n.is_zero() {
        return Some(sign(0.0));
    }
    let (n, d) = (n.magnitude(), d.magnitude());
    // Scale so the integer quotient has at least 55 significant bits; the remainder becomes a
    // sticky bit so the rounding below sees whether anything was cut off.
    let shift: i64 = 55 - (n.bits() as i64 - d.bits() as i64);
    let (num, den) = if shift > 0 {
        (n << shift as usize, d.clone())
    } else {
        (n.clone(), d << (-shift) as usize)
    };
    let (q, r) = num_integer::Integer::div_rem(&num, &den);
    round_scaled(&q, !r.is_zero(), -shift).map(sign)
}

/// Rounds `q * 2**exp` (plus a sticky "something below" bit) to the nearest double, half to
/// even; None on overflow. `q` must be non-zero.
fn round_scaled(q: &num_bigint::BigUint, sticky: bool, exp: i64) -> Option<f64> {
    let bits = q.bits() as i64;
    // Exponent of the leading bit, and the weight of the last mantissa bit kept.
    let top = bits - 1 + exp;
    let lsb = (top - 52).max(-1074);
    let drop = lsb - exp;
    let mut m = if drop <= 0 {
        q.to_u64()? << (-drop) as u32
    } else {
        let kept = q >> drop as usize;
        let rest = q - (&kept << drop as usize);
        let half = num_bigint::BigUint::from(1u8) << (drop - 1) as usize;
        let mut m = kept.to_u64()?;
        let round_up = match rest.cmp(&half) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => sticky || m & 1 == 1,
        };
        if round_up {
            m += 1;
        }
        m
    };
    let mut lsb = lsb;
    if m == 1 << 53 {
        m >>= 1;
        lsb += 1;
    }
    make_f64(m, lsb)
}

/// The double `m * 2**e` for `m < 2**53` that is exactly representable (a normal number with
/// a 53-bit `m`, or a subnormal with `e == -1074`); None when it overflows.
fn make_f64(m: u64, e: i64) -> Option<f64> {
    if m == 0 {
        return Some(0.0);
    }
    if m < 1 << 52 {
        // Subnormal (or a normal number expressed with a short mantissa).
        if e == -1074 {
            return Some(f64::from_bits(m));
        }
        let shift = 52 - (63 - m.leading_zeros() as i64);
        return make_f64(m << shift, e - shift);
    }
    let biased = e + 52 + 1023;
    if biased >= 2047 {
        return None;
    }
    if biased <= 0 {
        return None; // not reachable for exactly representable inputs
    }
    Some(f64::from_bits(
        ((biased as u64) << 52) | (m & ((1 << 52) - 1)),
    ))
}

/// x * 2**e, handling exponents beyond powi's exact range by steps.
pub fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        // Stop above the subnormal range to round once at the end.
        if x.abs() < 2f64.powi(-900) {
            break;
        }
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    if e < -1000 {
        // Final scale in two halves to keep one rounding in the subnormal range.
        let half = e / 2;
        return x * 2f64.powi(half as i32) * 2f64.powi((e - half) as i32);
    }
    x * 2f64.powi(e as i32)
}

/// Exact float → int (truncating toward zero is done by the caller).
pub fn f64_to_bigint(f: f64) -> Option<BigInt> {
    if !f.is_finite() {
        return None;
    }
    let t = f.trunc();
    if t.abs() < 9.0e15 {
        return Some(BigInt::from(t as i64));
    }
    <BigInt as num_traits::FromPrimitive>::from_f64(t)
}

/// The exact value of a finite double as a fraction in lowest terms (`as_integer_ratio`).
pub fn f64_to_ratio(x: f64) -> (BigInt, BigInt) {
    let (m, e) = frexp(x);
    // m has at most 53 significant bits: scale it to an integer.
    let mut mant = m;
    let mut exp = e as i64;
    while mant != mant.floor() {
        mant *= 2.0;
        exp -= 1;
    }
    let n = BigInt::from(mant as i64);
    if exp >= 0 {
        (n << exp as usize, BigInt::from(1))
    } else {
        (n, BigInt::from(1) << (-exp) as usize)
    }
}

/// Parses what `float(str)` accepts (after `int::transform_numeric_str`): surrounding ASCII
/// whitespace, a sign, decimal digits with an optional point and exponent, single underscores
/// between digits, or `inf`/`infinity`/`nan` in any case. None when invalid.
pub fn parse_float_bytes(s: &[u8]) -> Option<f64> {
    let s = trim_ascii_space(s);
    if s.is_empty() {
        return None;
    }
    let text = std::str::from_utf8(s).ok()?;
    let clean = strip_underscores(text)?;
    let (negative, body) = match clean.as_bytes().first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, &clean[..]),
    };
    let lower = body.to_ascii_lowercase();
    let v = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            if !valid_decimal(body.as_bytes()) {
                return None;
            }
            body.parse::<f64>().ok()?
        }
    };
    Some(if negative { -v } else { v })
}

pub fn trim_ascii_space(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| !crate::types::int::ascii_space(*b))
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !crate::types::int::ascii_space(*b))
        .map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

/// Removes underscores that sit between two digits; None if any other underscore is present.
pub fn strip_underscores(s: &str) -> Option<String> {
    if !s.contains('_') {
        return Some(s.to_string());
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let before = i > 0 && b[i - 1].is_ascii_digit();
            let after = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(before && after) {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// `digits [. digits] [e [sign] digits]` or `. digits [...]` (at least one mantissa digit).
fn valid_decimal(s: &[u8]) -> bool {
    let mut i = 0;
    let int_digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_digits = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp_digits == 0 {
            return false;
        }
        i += exp_digits;
    }
    i == s.len()
}

/// `float.hex()`: `0x1.8000000000000p+1`, `-0x0.0p+0`, `inf`, `nan`.
pub fn to_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let frac = bits & ((1 << 52) - 1);
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{exp_sign}{}", exp.abs())
}

/// Why `float.fromhex` failed.
pub enum FromHexError {
    Invalid,
    Overflow,
}

/// `float.fromhex(s)`: `[sign] [0x] hexdigits [. hexdigits] [p [sign] decdigits]`, or
/// inf/infinity/nan, surrounded by whitespace; correctly rounded (half to even).
pub fn from_hex(s: &str) -> Result<f64, FromHexError> {
    let s = trim_ascii_space(s.as_bytes());
    let (negative, body) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let sign = |v: f64| if negative { -v } else { v };
    let lower = body.to_ascii_lowercase();
    if lower == b"inf" || lower == b"infinity" {
        return Ok(sign(f64::INFINITY));
    }
    if lower == b"nan" {
        return Ok(sign(f64::NAN));
    }
    let mut i = 0;
    if lower.starts_with(b"0x") {
        i = 2;
    }
    let mut mant = num_bigint::BigUint::zero();
    let mut ndigits = 0usize;
    let mut frac_digits: i64 = 0;
    let mut seen_point = false;
    while i < lower.len() {
        let c = lower[i];
        if c == b'.' && !seen_point {
            seen_point = true;
        } else if let Some(d) = (c as char).to_digit(16) {
            mant = (mant << 4u32) + d;
            ndigits += 1;
            if seen_point {
                frac_digits += 1;
            }
        } else {
            break;
        }
        i += 1;
    }
    if ndigits == 0 {
        return Err(FromHexError::Invalid);
    }
    let mut exp: i64 = 0;
    if lower.get(i) == Some(&b'p') {
        i += 1;
        let neg_exp = match lower.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        while let Some(c) = lower.get(i).filter(|c| c.is_ascii_digit()) {
            // Saturate: anything this large over- or underflows anyway.
            exp = (exp * 10 + (c - b'0') as i64).min(1 << 40);
            i += 1;
        }
        if i == start {
            return Err(FromHexError::Invalid);
        }
        if neg_exp {
            exp = -exp;
        }
    }
    if i != lower.len() {
        return Err(FromHexError::Invalid);
    }
    if mant.is_zero() {
        return Ok(sign(0.0));
    }
    let e2 = exp - 4 * frac_digits;
    let top = mant.bits() as i64 - 1 + e2;
    if top >= 1024 {
        return Err(FromHexError::Overflow);
    }
    if top < -1080 {
        return Ok(sign(0.0));
    }
    match round_scaled(&mant, false, e2) {
        Some(v) => Ok(sign(v)),
        None => Err(FromHexError::Overflow),
    }
}

/// `round(x, ndigits)` for a finite double, as CPython's correctly rounded `double_round`:
/// the exact value scaled by 10**ndigits, rounded half to even, scaled back with one rounding.
/// None when the result overflows.
pub fn round_to_ndigits(x: f64, ndigits: i64) -> Option<f64> {
    // Beyond these, rounding is the identity / gives zero (CPython's NDIGITS_MAX/MIN).
    if ndigits > 323 {
        return Some(x);
    }
    if ndigits < -308 {
        return Some(0.0f64.copysign(x));
    }
    if x == 0.0 || !x.is_finite() {
        return Some(x);
    }
    let (n, d) = f64_to_ratio(x);
    let ten = BigInt::from(10);
    let p = num_traits::pow::Pow::pow(&ten, ndigits.unsigned_abs() as u32);
    let (num, den) = if ndigits >= 0 {
        (n * &p, d)
    } else {
        (n, d * &p)
    };
    let q = round_half_even(&num, &den);
    let r = if q.is_zero() {
        0.0
    } else if ndigits >= 0 {
        ratio_to_f64(&q, &p)?
    } else {
        ratio_to_f64(&(q * &p), &BigInt::from(1))?
    };
    Some(if r == 0.0 { 0.0f64.copysign(x) } else { r })
}

/// n / d rounded to the nearest integer, ties to even (d > 0).
pub fn round_half_even(n: &BigInt, d: &BigInt) -> BigInt {
    use num_integer::Integer;
    let (q, r) = n.div_mod_floor(d);
    let twice: BigInt = r * 2;
    match twice.cmp(d) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Equal => {
            if q.is_odd() {
                q + 1
            } else {
                q
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        let cases = [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e300, "1.5e+300"),
            (-0.0, "-0.0"),
            (123.456, "123.456"),
            (2.5e-7, "2.5e-07"),
        ];
        for (f, s) in cases {
            assert_eq!(repr_f64(f), s, "{f}");
        }
    }

    #[test]
    fn hash_equals_int_hash() {
        assert_eq!(hash_f64(1.0), 1);
        assert_eq!(hash_f64(-1.0), -2);
        assert_eq!(hash_f64(2f64.powi(61)), 1);
        assert_eq!(hash_f64(0.5), 1 << 60);
    }

    #[test]
    fn ratio_rounding() {
        let n = BigInt::from(10).pow(30u32);
        let d = BigInt::from(3);
        assert_eq!(ratio_to_f64(&n, &d), Some(1e30 / 3.0));
    }
}
