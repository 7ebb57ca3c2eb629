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

/// Correctly rounded n / d (d != 0); None on overflow.
pub fn ratio_to_f64(n: &BigInt, d: &BigInt) -> Option<f64> {
    if n.is_zero() {
        return Some(if n.is_negative() != d.is_negative() {
            -0.0
        } else {
            0.0
        });
    }
    let negative = n.is_negative() != d.is_negative();
    let (n, d) = (n.abs(), d.abs());
    // Scale so the integer quotient has at least 55 significant bits, then fold the remainder
    // into a sticky bit so the final rounding to 53 bits is correct.
    let shift: i64 = 55 - (n.bits() as i64 - d.bits() as i64);
    let (num, den) = if shift > 0 {
        (n << shift as usize, d)
    } else {
        (n, d << (-shift) as usize)
    };
    let (q, r) = num_integer::Integer::div_rem(&num, &den);
    let q = if r.is_zero() { q } else { q | BigInt::from(1) };
    let qf = q.to_f64()?;
    let result = ldexp(qf, -shift);
    if result.is_infinite() {
        return None;
    }
    Some(if negative { -result } else { result })
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
