//! Python-visible methods of `float`: construction from numbers and strings, arithmetic and
//! comparison dunders (exact against ints of any size), conversions to int, `round`, and
//! `is_integer`, `as_integer_ratio`, `hex`, `fromhex`, `__getformat__`.

use crate::native::NativeDef;
use crate::ops;
use crate::ops::number::{float_binop, float_divmod, float_pow};
use crate::types::bytes::{ByteArrayObj, BytesObj};
use crate::types::float::{self, new_float};
use crate::types::int::{self, int_ref};
use crate::types::int_methods::{check_new_type, cmp_result, shown_value};
use crate::types::str::StrObj;
use crate::types::tuple::new_tuple;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use fp_bytecode::{BinaryOp, CompareOp};

pub fn install(vm: &mut Vm) {
    typeobj::add_methods(vm, vm.types.float, FLOAT_METHODS);
    typeobj::add_getsets(vm, vm.types.float, FLOAT_GETSETS);
}

static FLOAT_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, x=0, /, *args, **kwargs)", float_new),
    native!("__add__", "($self, value, /)", float_add),
    native!("__radd__", "($self, value, /)", float_radd),
    native!("__sub__", "($self, value, /)", float_sub),
    native!("__rsub__", "($self, value, /)", float_rsub),
    native!("__mul__", "($self, value, /)", float_mul),
    native!("__rmul__", "($self, value, /)", float_rmul),
    native!("__truediv__", "($self, value, /)", float_truediv),
    native!("__rtruediv__", "($self, value, /)", float_rtruediv),
    native!("__floordiv__", "($self, value, /)", float_floordiv),
    native!("__rfloordiv__", "($self, value, /)", float_rfloordiv),
    native!("__mod__", "($self, value, /)", float_mod),
    native!("__rmod__", "($self, value, /)", float_rmod),
    native!("__divmod__", "($self, value, /)", float_divmod_m),
    native!("__rdivmod__", "($self, value, /)", float_rdivmod),
    native!("__pow__", "($self, value, mod=None, /)", float_pow_m),
    native!("__rpow__", "($self, value, mod=None, /)", float_rpow),
    native!("__neg__", "($self, /)", float_neg),
    native!("__pos__", "($self, /)", float_pos),
    native!("__abs__", "($self, /)", float_abs),
    native!("__bool__", "($self, /)", float_bool),
    native!("__int__", "($self, /)", float_int),
    native!("__float__", "($self, /)", float_pos),
    native!("__trunc__", "($self, /)", float_int),
    native!("__floor__", "($self, /)", float_floor),
    native!("__ceil__", "($self, /)", float_ceil),
    native!("__round__", "($self, ndigits=None, /)", float_round),
    native!("__eq__", "($self, value, /)", float_eq),
    native!("__ne__", "($self, value, /)", float_ne),
    native!("__lt__", "($self, value, /)", float_lt),
    native!("__le__", "($self, value, /)", float_le),
    native!("__gt__", "($self, value, /)", float_gt),
    native!("__ge__", "($self, value, /)", float_ge),
    native!("__hash__", "($self, /)", float_hash),
    native!("__repr__", "($self, /)", float_repr),
    native!("__getnewargs__", "($self, /)", float_getnewargs),
    native!("is_integer", "($self, /)", float_is_integer),
    native!("as_integer_ratio", "($self, /)", float_as_integer_ratio),
    native!("hex", "($self, /)", float_hex),
    native_classmethod!("fromhex", "($type, string, /)", float_fromhex),
    native!("conjugate", "($self, /)", float_pos),
    native_classmethod!("__getformat__", "($type, typestr, /)", float_getformat),
];

static FLOAT_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("real", "($self, /)", float_pos), None),
    (native!("imag", "($self, /)", float_imag), None),
];

// ----- helpers -----

/// The value of `self` (method descriptors have already checked the type).
fn me(v: Value) -> f64 {
    float::as_f64(v).unwrap_or(f64::NAN)
}

/// A float operand: a float, or an int converted (OverflowError when too large); None for
/// other types (the dunder then returns NotImplemented).
fn operand(vm: &mut Vm, v: Value) -> PyResult<Option<f64>> {
    if let Some(f) = float::as_f64(v) {
        return Ok(Some(f));
    }
    match int_ref(v) {
        Some(i) => int::to_f64(vm, i).map(Some),
        None => Ok(None),
    }
}

/// `x op y` with `self` on the left (`reflected`: on the right).
fn arith(vm: &mut Vm, a: &[Value], op: BinaryOp, reflected: bool) -> PyResult {
    let x = me(a[0]);
    let Some(y) = operand(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if reflected {
        float_binop(vm, y, x, op)
    } else {
        float_binop(vm, x, y, op)
    }
}

macro_rules! float_binops {
    ($($fwd:ident, $rev:ident, $op:ident;)*) => {$(
        fn $fwd(vm: &mut Vm, a: &[Value]) -> PyResult {
            arith(vm, a, BinaryOp::$op, false)
        }
        fn $rev(vm: &mut Vm, a: &[Value]) -> PyResult {
            arith(vm, a, BinaryOp::$op, true)
        }
    )*};
}

float_binops! {
    float_add, float_radd, Add;
    float_sub, float_rsub, Sub;
    float_mul, float_rmul, Mul;
    float_truediv, float_rtruediv, TrueDiv;
    float_floordiv, float_rfloordiv, FloorDiv;
    float_mod, float_rmod, Mod;
}

/// `divmod(x, y)` for floats as a tuple of two floats.
pub fn float_divmod_tuple(vm: &mut Vm, x: f64, y: f64) -> PyResult {
    let (q, r) = float_divmod(vm, x, y)?;
    let (q, r) = (new_float(vm, q), new_float(vm, r));
    Ok(new_tuple(vm, vec![q, r]))
}

fn divmod_impl(vm: &mut Vm, a: &[Value], reflected: bool) -> PyResult {
    let x = me(a[0]);
    let Some(y) = operand(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if reflected {
        float_divmod_tuple(vm, y, x)
    } else {
        float_divmod_tuple(vm, x, y)
    }
}

fn float_divmod_m(vm: &mut Vm, a: &[Value]) -> PyResult {
    divmod_impl(vm, a, false)
}

fn float_rdivmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    divmod_impl(vm, a, true)
}

fn pow_impl(vm: &mut Vm, a: &[Value], reflected: bool) -> PyResult {
    let x = me(a[0]);
    let Some(y) = operand(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if !a[2].is_null() && !a[2].is_none() {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    if reflected {
        float_pow(vm, y, x)
    } else {
        float_pow(vm, x, y)
    }
}

fn float_pow_m(vm: &mut Vm, a: &[Value]) -> PyResult {
    pow_impl(vm, a, false)
}

fn float_rpow(vm: &mut Vm, a: &[Value]) -> PyResult {
    pow_impl(vm, a, true)
}

fn float_neg(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(new_float(vm, -me(a[0])))
}

/// The value as an exact float (`__pos__`, `__float__`, `real`, `conjugate`).
fn float_pos(vm: &mut Vm, a: &[Value]) -> PyResult {
    if vm.type_of(a[0]) == vm.types.float {
        return Ok(a[0]);
    }
    Ok(new_float(vm, me(a[0])))
}

fn float_abs(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(new_float(vm, me(a[0]).abs()))
}

fn float_bool(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(me(a[0]) != 0.0))
}

fn float_imag(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(new_float(vm, 0.0))
}

/// The int with the value of an integral double (OverflowError / ValueError for inf / nan).
pub fn integral_to_int(vm: &mut Vm, f: f64) -> PyResult {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    if f.abs() < 4.0e18 {
        return Ok(int::from_i64(vm, f as i64));
    }
    match float::f64_to_bigint(f) {
        Some(b) => Ok(int::from_bigint(vm, b)),
        None => Err(vm.overflow_error("cannot convert float infinity to integer")),
    }
}

fn float_int(vm: &mut Vm, a: &[Value]) -> PyResult {
    integral_to_int(vm, me(a[0]).trunc())
}

fn float_floor(vm: &mut Vm, a: &[Value]) -> PyResult {
    integral_to_int(vm, me(a[0]).floor())
}

fn float_ceil(vm: &mut Vm, a: &[Value]) -> PyResult {
    integral_to_int(vm, me(a[0]).ceil())
}

/// `round(x)`: the nearest int, ties to even.
pub fn round_to_int(vm: &mut Vm, f: f64) -> PyResult {
    integral_to_int(vm, f.round_ties_even())
}

fn float_round(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = me(a[0]);
    if a[1].is_null() || a[1].is_none() {
        return round_to_int(vm, x);
    }
    let nd = ops::number::index(vm, a[1])?;
    // Huge ndigits behave like the extremes (identity / zero).
    let nd = match int_ref(nd) {
        Some(i) => i
            .to_i64()
            .unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX }),
        None => 0,
    };
    match float::round_to_ndigits(x, nd) {
        Some(r) => Ok(new_float(vm, r)),
        None => Err(vm.overflow_error("rounded value too large to represent")),
    }
}

fn compare(_vm: &mut Vm, a: &[Value], op: CompareOp) -> PyResult {
    let x = me(a[0]);
    let ord = if let Some(y) = float::as_f64(a[1]) {
        x.partial_cmp(&y)
    } else if let Some(i) = int_ref(a[1]) {
        ops::compare::int_float_cmp(i, x).map(std::cmp::Ordering::reverse)
    } else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    Ok(Value::from_bool(cmp_result(ord, op)))
}

fn float_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Eq)
}
fn float_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Ne)
}
fn float_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Lt)
}
fn float_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Le)
}
fn float_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Gt)
}
fn float_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Ge)
}

/// `hash(x)`: numeric hash; a NaN hashes by identity (CPython 3.10+).
pub fn hash_of(v: Value, x: f64) -> i64 {
    if x.is_nan() {
        return ops::hash::identity_hash(v) >> 1;
    }
    float::hash_f64(x)
}

fn float_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = hash_of(a[0], me(a[0]));
    Ok(int::from_i64(vm, h))
}

fn float_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = float::repr_f64(me(a[0]));
    Ok(vm.new_string(s))
}

fn float_getnewargs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = new_float(vm, me(a[0]));
    Ok(new_tuple(vm, vec![f]))
}

fn float_is_integer(_vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = me(a[0]);
    Ok(Value::from_bool(x.is_finite() && x == x.floor()))
}

fn float_as_integer_ratio(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = me(a[0]);
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let (n, d) = float::f64_to_ratio(x);
    let n = int::from_bigint(vm, n);
    let d = int::from_bigint(vm, d);
    Ok(new_tuple(vm, vec![n, d]))
}

fn float_hex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = float::to_hex(me(a[0]));
    Ok(vm.new_string(s))
}

/// `float.fromhex(string)`: for a subclass, `cls(value)`.
fn float_fromhex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = a[0];
    let Some(s) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error("bad argument type for built-in operation"));
    };
    let f = match float::from_hex(s) {
        Ok(f) => f,
        Err(float::FromHexError::Invalid) => {
            return Err(vm.value_error("invalid hexadecimal floating-point string"));
        }
        Err(float::FromHexError::Overflow) => {
            return Err(vm.overflow_error("hexadecimal value too large to represent as a float"));
        }
    };
    let v = new_float(vm, f);
    if cls == vm.types.float {
        return Ok(v);
    }
    ops::call::call(vm, cls, &[v])
}

fn float_getformat(vm: &mut Vm, a: &[Value]) -> PyResult {
    match crate::types::str::as_str(a[1]) {
        Some("double") | Some("float") => Ok(vm.new_str("IEEE, little-endian")),
        Some(_) => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
        None => Err(vm.type_error(format!(
            "__getformat__() argument must be str, not {}",
            vm.type_name(a[1])
        ))),
    }
}

// ----- construction -----

/// `float(x=0, /)` and `float.__new__(subclass, x)`.
fn float_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    check_new_type(vm, ty, vm.types.float, "float")?;
    // A subclass with its own `__init__` may take keywords (they go to its `__init__`).
    let kwargs = if ty == vm.types.float
        || typeobj::lookup_str(vm, ty, "__init__")
            == typeobj::lookup_str(vm, vm.types.float, "__init__")
    {
        a[3]
    } else {
        Value::NULL
    };
    crate::types::int_methods::check_one_arg(vm, "float", a[2], kwargs)?;
    let f = if a[1].is_null() {
        0.0
    } else {
        if ty == vm.types.float && vm.type_of(a[1]) == vm.types.float {
            return Ok(a[1]);
        }
        number_to_float(vm, a[1])?
    };
    if ty == vm.types.float {
        return Ok(new_float(vm, f));
    }
    Ok(float::new_float_of_type(ty, f))
}

/// CPython's `PyNumber_Float`: `__float__`, then `__index__`, then str/bytes parsing.
pub fn number_to_float(vm: &mut Vm, x: Value) -> PyResult<f64> {
    if vm.type_of(x) == vm.types.float {
        return Ok(me(x));
    }
    if let Some(r) = ops::call_special(vm, x, vm.names.float_, &[])? {
        return match float::as_f64(r) {
            Some(f) => Ok(f),
            None => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(x),
                vm.type_name(r)
            ))),
        };
    }
    if ops::has_special(vm, x, vm.names.index) {
        let i = ops::number::index(vm, x)?;
        let r = int_ref(i).ok_or_else(|| vm.system_error("__index__ returned non-int"))?;
        return int::to_f64(vm, r);
    }
    if let Some(f) = parse_float_text(vm, x)? {
        return Ok(f);
    }
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// `float(text)` for str, bytes and bytearray; Ok(None) for other types.
pub fn parse_float_text(vm: &mut Vm, x: Value) -> PyResult<Option<f64>> {
    let (bytes, shown) = if let Some(s) = x.downcast::<StrObj>() {
        (int::transform_numeric_str(s.as_str()), Some(x))
    } else if let Some(b) = x.downcast::<BytesObj>() {
        (b.data.to_vec(), None)
    } else if let Some(b) = x.downcast::<ByteArrayObj>() {
        (b.data.borrow().clone(), None)
    } else {
        return Ok(None);
    };
    match float::parse_float_bytes(&bytes) {
        Some(f) => Ok(Some(f)),
        None => {
            let r = shown_value(vm, shown, &bytes, usize::MAX)?;
            Err(vm.value_error(format!("could not convert string to float: {r}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::types::int_methods::testing::check_vectors;

    /// float and complex behaviour against vectors generated under CPython 3.11.
    #[test]
    fn float_and_complex_vectors() {
        check_vectors(include!("testdata/float_vectors.rs"));
    }

    #[test]
    fn ratio_rounding_is_single() {
        use crate::types::float::ratio_to_f64;
        use num_bigint::BigInt;
        // Halfway cases in the subnormal range round to even once.
        let one = BigInt::from(1);
        let d = BigInt::from(1) << 1075usize;
        assert_eq!(ratio_to_f64(&one, &d), Some(0.0));
        let three = BigInt::from(3);
        assert_eq!(ratio_to_f64(&three, &d), Some(2.0 * 5e-324));
        let n = BigInt::from(10).pow(30u32);
        assert_eq!(ratio_to_f64(&n, &three), Some(1e30 / 3.0));
    }
}
