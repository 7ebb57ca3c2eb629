//! `int`: small ints live in the `Value` word; larger ones are heap `IntObj`s holding a
//! `num_bigint::BigInt`. This module has the representation, conversions, hashing and the
//! arithmetic core (with Python's floor semantics) that both the interpreter's fast paths and
//! the `int` methods (`int_methods.rs`) use. `bool` values (True/False) act as 1 and 0.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub struct IntObj {
    pub value: BigInt,
}

impl Trace for IntObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for IntObj {
    const KIND: ObjKind = ObjKind::Int;
}

/// A borrowed view of any int (small, big, or bool).
#[derive(Clone, Copy)]
pub enum IntRef {
    Small(i64),
    Big(&'static BigInt),
}

impl IntRef {
    pub fn to_bigint(self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        }
    }
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(i) => Some(i),
            IntRef::Big(b) => b.to_i64(),
        }
    }
    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }
    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(i) => i == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }
}

/// The int value of `v` if it is an int (or bool, or int subclass instance).
#[inline]
pub fn int_ref(v: Value) -> Option<IntRef> {
    if let Some(i) = v.as_small_int() {
        return Some(IntRef::Small(i));
    }
    if v == Value::TRUE {
        return Some(IntRef::Small(1));
    }
    if v == Value::FALSE {
        return Some(IntRef::Small(0));
    }
    v.downcast::<IntObj>().map(|o| match o.value.to_i64() {
        Some(i) if crate::value::Value::try_small_int(i).is_some() => IntRef::Small(i),
        _ => IntRef::Big(&o.value),
    })
}

pub fn is_int(v: Value) -> bool {
    v.is_small_int() || v.is_bool() || v.is::<IntObj>()
}

#[inline]
pub fn from_i64(vm: &mut Vm, i: i64) -> Value {
    match Value::try_small_int(i) {
        Some(v) => v,
        None => alloc(
            vm.types.int,
            IntObj {
                value: BigInt::from(i),
            },
        ),
    }
}

pub fn from_i128(vm: &mut Vm, i: i128) -> Value {
    match i64::try_from(i) {
        Ok(x) => from_i64(vm, x),
        Err(_) => alloc(
            vm.types.int,
            IntObj {
                value: BigInt::from(i),
            },
        ),
    }
}

pub fn from_u64(vm: &mut Vm, i: u64) -> Value {
    from_i128(vm, i as i128)
}

pub fn from_usize(vm: &mut Vm, i: usize) -> Value {
    from_i128(vm, i as i128)
}

/// Normalises: values that fit 63 bits become small ints.
pub fn from_bigint(vm: &mut Vm, b: BigInt) -> Value {
    if let Some(i) = b.to_i64()
        && let Some(v) = Value::try_small_int(i)
    {
        return v;
    }
    alloc(vm.types.int, IntObj { value: b })
}

/// An instance of an int subclass `ty` holding `b`.
pub fn new_int_of_type(vm: &mut Vm, ty: Value, b: BigInt) -> Value {
    if ty == vm.types.int {
        return from_bigint(vm, b);
    }
    alloc(ty, IntObj { value: b })
}

/// `hash(int)`: the value modulo 2**61 - 1, sign kept, -1 mapped to -2 (as CPython).
pub fn hash_int(i: IntRef) -> i64 {
    const MODULUS: u64 = (1u64 << 61) - 1;
    let h = match i {
        IntRef::Small(x) => {
            let m = (x.unsigned_abs() % MODULUS) as i64;
            if x < 0 { -m } else { m }
        }
        IntRef::Big(b) => {
            let m = (b.abs() % BigInt::from(MODULUS)).to_i64().unwrap_or(0);
            if b.is_negative() { -m } else { m }
        }
    };
    if h == -1 { -2 } else { h }
}

// ----- arithmetic core -----

pub fn add(vm: &mut Vm, a: IntRef, b: IntRef) -> Value {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        return from_i64(vm, x + y); // cannot overflow i64: both fit 63 bits
    }
    from_bigint(vm, a.to_bigint() + b.to_bigint())
}

pub fn sub(vm: &mut Vm, a: IntRef, b: IntRef) -> Value {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        return from_i64(vm, x - y);
    }
    from_bigint(vm, a.to_bigint() - b.to_bigint())
}

pub fn mul(vm: &mut Vm, a: IntRef, b: IntRef) -> Value {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b)
        && let Some(r) = x.checked_mul(y)
    {
        return from_i64(vm, r);
    }
    from_bigint(vm, a.to_bigint() * b.to_bigint())
}

/// Floor division and modulo with Python's signs.
pub fn divmod(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<(Value, Value)> {
    if b.is_zero() {
        return Err(vm.zero_division("integer division or modulo by zero"));
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        let (q, r) = Integer::div_mod_floor(&x, &y);
        return Ok((from_i64(vm, q), from_i64(vm, r)));
    }
    let (q, r) = a.to_bigint().div_mod_floor(&b.to_bigint());
    Ok((from_bigint(vm, q), from_bigint(vm, r)))
}

pub fn floordiv(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<Value> {
    if b.is_zero() {
        return Err(vm.zero_division("integer division or modulo by zero"));
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        return Ok(from_i64(vm, Integer::div_floor(&x, &y)));
    }
    Ok(from_bigint(vm, a.to_bigint().div_floor(&b.to_bigint())))
}

pub fn modulo(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<Value> {
    if b.is_zero() {
        return Err(vm.zero_division("integer modulo by zero"));
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        return Ok(from_i64(vm, x.mod_floor(&y)));
    }
    Ok(from_bigint(vm, a.to_bigint().mod_floor(&b.to_bigint())))
}

/// True division, correctly rounded like CPython (exact for ints up to 2**53, then via
/// big-int scaling).
pub fn truediv(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<f64> {
    if b.is_zero() {
        return Err(vm.zero_division("division by zero"));
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b)
        && x.unsigned_abs() < (1 << 53)
        && y.unsigned_abs() < (1 << 53)
    {
        return Ok(x as f64 / y as f64);
    }
    let (n, d) = (a.to_bigint(), b.to_bigint());
    match crate::types::float::ratio_to_f64(&n, &d) {
        Some(f) => Ok(f),
        None => Err(vm.overflow_error("integer division result too large for a float")),
    }
}

pub fn neg(vm: &mut Vm, a: IntRef) -> Value {
    match a {
        IntRef::Small(x) => from_i64(vm, -x),
        IntRef::Big(b) => from_bigint(vm, -b.clone()),
    }
}

pub fn invert(vm: &mut Vm, a: IntRef) -> Value {
    match a {
        IntRef::Small(x) => from_i64(vm, !x),
        IntRef::Big(b) => from_bigint(vm, -(b.clone()) - 1),
    }
}

pub fn abs(vm: &mut Vm, a: IntRef) -> Value {
    match a {
        IntRef::Small(x) => from_i64(vm, x.abs()),
        IntRef::Big(b) => from_bigint(vm, b.abs()),
    }
}

pub fn bitop(vm: &mut Vm, a: IntRef, b: IntRef, op: char) -> Value {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        let r = match op {
            '&' => x & y,
            '|' => x | y,
            _ => x ^ y,
        };
        return from_i64(vm, r);
    }
    let (x, y) = (a.to_bigint(), b.to_bigint());
    let r = match op {
        '&' => x & y,
        '|' => x | y,
        _ => x ^ y,
    };
    from_bigint(vm, r)
}

pub fn lshift(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<Value> {
    if b.is_negative() {
        return Err(vm.value_error("negative shift count"));
    }
    if a.is_zero() {
        return Ok(Value::try_small_int(0).unwrap_or(Value::NULL));
    }
    let Some(n) = b.to_i64().filter(|n| *n <= (1 << 40)) else {
        return Err(vm.overflow_error("too many digits in integer"));
    };
    if let IntRef::Small(x) = a
        && n < 62
        && let Some(r) = x.checked_mul(1i64 << n)
    {
        return Ok(from_i64(vm, r));
    }
    Ok(from_bigint(vm, a.to_bigint() << (n as usize)))
}

pub fn rshift(vm: &mut Vm, a: IntRef, b: IntRef) -> PyResult<Value> {
    if b.is_negative() {
        return Err(vm.value_error("negative shift count"));
    }
    let n = b.to_i64().unwrap_or(i64::MAX);
    if let IntRef::Small(x) = a {
        return Ok(from_i64(
            vm,
            if n >= 63 {
                if x < 0 { -1 } else { 0 }
            } else {
                x >> n
            },
        ));
    }
    let big = a.to_bigint();
    if n as u64 > big.bits() {
        return Ok(from_i64(vm, if big.is_negative() { -1 } else { 0 }));
    }
    // BigInt's >> on negatives rounds toward -inf, as Python requires.
    Ok(from_bigint(vm, big >> (n as usize)))
}

/// `a ** b` for ints (b >= 0 gives an int; b < 0 a float), with optional modulus.
pub fn pow(vm: &mut Vm, a: IntRef, b: IntRef, m: Option<IntRef>) -> PyResult<Value> {
    if let Some(m) = m {
        if m.is_zero() {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let mb = m.to_bigint();
        let mut base = a.to_bigint();
        let mut exp = b.to_bigint();
        if exp.is_negative() {
            // Modular inverse.
            let inv = mod_inverse(&base.mod_floor(&mb.abs()), &mb.abs());
            let Some(inv) = inv else {
                return Err(vm.value_error("base is not invertible for the given modulus"));
            };
            base = inv;
            exp = -exp;
        }
        let mut r = base.modpow(&exp, &mb.abs());
        // Python: result has the sign of the modulus.
        if mb.is_negative() && !r.is_zero() {
            r += &mb;
        }
        return Ok(from_bigint(vm, r));
    }
    if b.is_negative() {
        // A negative exponent makes it float arithmetic (CPython delegates to float_pow).
        let x = to_f64(vm, a)?;
        let y = to_f64(vm, b)?;
        return crate::ops::number::float_pow(vm, x, y);
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b)
        && y < 64
        && let Some(r) = x.checked_pow(y as u32)
    {
        return Ok(from_i64(vm, r));
    }
    let base = a.to_bigint();
    if base.is_zero() || base.is_one() {
        return Ok(from_bigint(vm, base));
    }
    if base == BigInt::from(-1) {
        let even = match b {
            IntRef::Small(y) => y % 2 == 0,
            IntRef::Big(y) => y.is_even(),
        };
        return Ok(from_i64(vm, if even { 1 } else { -1 }));
    }
    let Some(e) = b.to_i64().and_then(|e| u32::try_from(e).ok()) else {
        return Err(vm.memory_error());
    };
    Ok(from_bigint(vm, num_traits::pow::Pow::pow(base, e)))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let g = a.extended_gcd(m);
    if !g.gcd.is_one() {
        return None;
    }
    Some(g.x.mod_floor(m))
}

/// int → float with correct rounding; OverflowError when too large.
pub fn to_f64(vm: &mut Vm, a: IntRef) -> PyResult<f64> {
    match a {
        IntRef::Small(x) => Ok(x as f64),
        IntRef::Big(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(vm.overflow_error("int too large to convert to float")),
        },
    }
}

pub fn compare(a: IntRef, b: IntRef) -> std::cmp::Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
        _ => a.to_bigint().cmp(&b.to_bigint()),
    }
}

/// Decimal text of an int, with CPython's limit on huge conversions (4300 digits).
pub fn to_decimal_string(vm: &mut Vm, a: IntRef) -> PyResult<String> {
    match a {
        IntRef::Small(x) => Ok(x.to_string()),
        IntRef::Big(b) => {
            // Cheap bound first (bits * log10(2) digits, within one), then the exact count.
            let limit = vm.int_max_str_digits;
            let digits_est = b.bits() as f64 * std::f64::consts::LOG10_2;
            if limit == 0 || digits_est <= limit as f64 + 2.0 {
                let s = b.magnitude().to_string();
                if limit == 0 || s.len() <= limit {
                    return Ok(if b.is_negative() { format!("-{s}") } else { s });
                }
            }
            Err(vm.value_error(format!(
                "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
            )))
        }
    }
}

pub fn sign(a: IntRef) -> Sign {
    match a {
        IntRef::Small(x) if x < 0 => Sign::Minus,
        IntRef::Small(0) => Sign::NoSign,
        IntRef::Small(_) => Sign::Plus,
        IntRef::Big(b) => b.sign(),
    }
}

// ----- text conversions (int() / float() / complex() parsing) -----

/// CPython's limit on decimal digits in int <-> str conversions (`sys.int_info`'s default).
pub const MAX_STR_DIGITS: usize = 4300;

/// First code points of every run of Unicode decimal digits (category Nd, Unicode 14.0 as
/// CPython 3.11): each run holds the digits 0..9 in order.
const DECIMAL_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a Unicode decimal digit (`unicodedata.decimal`), None for other characters.
pub fn unicode_decimal(c: char) -> Option<u32> {
    let cp = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
    let zero = *DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    (cp - zero < 10).then_some(cp - zero)
}

/// `str.isspace()` for one character: Unicode White_Space plus the ASCII separators
/// U+001C..U+001F, which Python also counts.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII stays as is, non-ASCII
/// whitespace becomes ' ', non-ASCII decimal digits their ASCII digit, anything else '?'
/// (which then fails to parse). Used by `int()`, `float()` and `complex()` on str.
pub fn transform_numeric_str(s: &str) -> Vec<u8> {
    if s.is_ascii() {
        return s.as_bytes().to_vec();
    }
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if py_isspace(c) {
                b' '
            } else if let Some(d) = unicode_decimal(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// C's `isspace` in the "C" locale (what the number parsers skip around the literal).
pub fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Why a string is not an int literal.
#[derive(Debug, PartialEq, Eq)]
pub enum IntParseError {
    Invalid,
    /// More decimal digits than [`MAX_STR_DIGITS`] (for bases that are not powers of two).
    TooManyDigits(usize),
}

/// Parses an int literal as `int(s, base)` does (`base` is 0 or 2..=36): surrounding
/// whitespace, a sign, the `0x`/`0o`/`0b` prefix matching the base (any of them for base 0,
/// where other leading zeros must all be zero), single underscores between digits and after
/// the prefix.
/// `limit` is `sys.get_int_max_str_digits()` (0: no limit).
pub fn parse_int_bytes(s: &[u8], base: u32, limit: usize) -> Result<BigInt, IntParseError> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while ascii_space(at(i)) {
        i += 1;
    }
    let negative = match at(i) {
        b'-' => {
            i += 1;
            true
        }
        b'+' => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut base = base;
    let mut zeros_only = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    // A C-style octal literal: only zero is allowed.
                    zeros_only = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1).to_ascii_lowercase();
        if (base == 16 && p == b'x') || (base == 8 && p == b'o') || (base == 2 && p == b'b') {
            i += 2;
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    if at(i) == b'_' {
        return Err(IntParseError::Invalid);
    }
    let mut digits: Vec<u8> = Vec::new();
    let mut prev = 0u8;
    while i < s.len() {
        let c = s[i];
        if c == b'_' {
            if prev == b'_' {
                return Err(IntParseError::Invalid);
            }
        } else {
            match (c as char).to_digit(36) {
                Some(d) if d < base => digits.push(c),
                _ => break,
            }
        }
        prev = c;
        i += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return Err(IntParseError::Invalid);
    }
    if !base.is_power_of_two() && limit != 0 && digits.len() > limit {
        return Err(IntParseError::TooManyDigits(digits.len()));
    }
    while ascii_space(at(i)) {
        i += 1;
    }
    if i != s.len() {
        return Err(IntParseError::Invalid);
    }
    let value = BigInt::parse_bytes(&digits, base).ok_or(IntParseError::Invalid)?;
    if zeros_only && !value.is_zero() {
        return Err(IntParseError::Invalid);
    }
    Ok(if negative { -value } else { value })
}

/// `bin`/`oct`/`hex` text: sign, prefix, digits in `radix`.
pub fn to_radix_string(a: IntRef, radix: u32, prefix: &str) -> String {
    let (neg, digits) = match a {
        IntRef::Small(x) => (
            x < 0,
            match radix {
                2 => format!("{:b}", x.unsigned_abs()),
                8 => format!("{:o}", x.unsigned_abs()),
                16 => format!("{:x}", x.unsigned_abs()),
                _ => x.unsigned_abs().to_string(),
            },
        ),
        IntRef::Big(b) => (b.is_negative(), b.magnitude().to_str_radix(radix)),
    };
    format!("{}{prefix}{digits}", if neg { "-" } else { "" })
}
