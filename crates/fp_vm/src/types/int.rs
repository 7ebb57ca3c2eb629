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
        let (q, r) = (x.div_euclid(y), x.rem_euclid(y));
        // Euclidean → floor: adjust when the divisor is negative and the remainder non-zero.
        let (q, r) = if y < 0 && r != 0 {
            (q + 1, r + y)
        } else {
            (q, r)
        };
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
        return Err(vm.zero_division("integer division or modulo by zero"));
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
        let x = to_f64(vm, a)?;
        let y = to_f64(vm, b)?;
        if x == 0.0 {
            return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(crate::types::float::new_float(vm, x.powf(y)));
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
            // Quick bound: bits * log10(2) ≈ digits.
            let digits_est = (b.bits() as f64 * std::f64::consts::LOG10_2) as u64;
            if digits_est > 4300 {
                return Err(vm.value_error(
                    "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                ));
            }
            Ok(b.to_string())
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
