//! Python-visible methods of `int` and `bool`, and the numeric builtin functions `divmod`,
//! `pow`, `round`, `bin`, `oct` and `hex`.
//!
//! The arithmetic itself lives in `types/int.rs` (and `ops/number.rs` for mixed operands);
//! the dunders here only check operand types (NotImplemented for foreign ones, so reflected
//! operations work) and convert results to exact `int`s where CPython does.

use crate::native::NativeDef;
use crate::ops;
use crate::ops::number::int_binop;
use crate::types::bytes::{ByteArrayObj, BytesObj};
use crate::types::float::{self, FloatObj};
use crate::types::int::{self, IntParseError, IntRef, int_ref};
use crate::types::str::StrObj;
use crate::types::tuple::new_tuple;
use crate::types::typeobj::{self, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use fp_bytecode::{BinaryOp, CompareOp};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};
use std::cmp::Ordering;

pub fn install(vm: &mut Vm) {
    typeobj::add_methods(vm, vm.types.int, INT_METHODS);
    typeobj::add_getsets(vm, vm.types.int, INT_GETSETS);
    typeobj::add_methods(vm, vm.types.bool_, BOOL_METHODS);
}

/// Adds the numeric builtin functions to `builtins` (called from `modules::builtins::init`,
/// which runs after the type tables are installed).
pub fn install_builtins(vm: &mut Vm) {
    let b = vm.builtins;
    crate::modules::builtins::add_functions(vm, b, BUILTINS);
}

static INT_METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, x=0, base=10, /, *args, **kwargs)",
        int_new
    ),
    native!("__add__", "($self, value, /)", int_add),
    native!("__radd__", "($self, value, /)", int_radd),
    native!("__sub__", "($self, value, /)", int_sub),
    native!("__rsub__", "($self, value, /)", int_rsub),
    native!("__mul__", "($self, value, /)", int_mul),
    native!("__rmul__", "($self, value, /)", int_rmul),
    native!("__truediv__", "($self, value, /)", int_truediv),
    native!("__rtruediv__", "($self, value, /)", int_rtruediv),
    native!("__floordiv__", "($self, value, /)", int_floordiv),
    native!("__rfloordiv__", "($self, value, /)", int_rfloordiv),
    native!("__mod__", "($self, value, /)", int_mod),
    native!("__rmod__", "($self, value, /)", int_rmod),
    native!("__divmod__", "($self, value, /)", int_divmod),
    native!("__rdivmod__", "($self, value, /)", int_rdivmod),
    native!("__pow__", "($self, value, mod=None, /)", int_pow),
    native!("__rpow__", "($self, value, mod=None, /)", int_rpow),
    native!("__lshift__", "($self, value, /)", int_lshift),
    native!("__rlshift__", "($self, value, /)", int_rlshift),
    native!("__rshift__", "($self, value, /)", int_rshift),
    native!("__rrshift__", "($self, value, /)", int_rrshift),
    native!("__and__", "($self, value, /)", int_and),
    native!("__rand__", "($self, value, /)", int_rand),
    native!("__or__", "($self, value, /)", int_or),
    native!("__ror__", "($self, value, /)", int_ror),
    native!("__xor__", "($self, value, /)", int_xor),
    native!("__rxor__", "($self, value, /)", int_rxor),
    native!("__neg__", "($self, /)", int_neg),
    native!("__pos__", "($self, /)", int_exact),
    native!("__abs__", "($self, /)", int_abs),
    native!("__invert__", "($self, /)", int_invert),
    native!("__bool__", "($self, /)", int_bool),
    native!("__int__", "($self, /)", int_exact),
    native!("__float__", "($self, /)", int_float),
    native!("__index__", "($self, /)", int_exact),
    native!("__trunc__", "($self, /)", int_exact),
    native!("__floor__", "($self, /)", int_exact),
    native!("__ceil__", "($self, /)", int_exact),
    native!(
        "__round__",
        "($self, ndigits=<unrepresentable>, /)",
        int_round
    ),
    native!("__eq__", "($self, value, /)", int_eq),
    native!("__ne__", "($self, value, /)", int_ne),
    native!("__lt__", "($self, value, /)", int_lt),
    native!("__le__", "($self, value, /)", int_le),
    native!("__gt__", "($self, value, /)", int_gt),
    native!("__ge__", "($self, value, /)", int_ge),
    native!("__hash__", "($self, /)", int_hash),
    native!("__repr__", "($self, /)", int_repr),
    native!("__getnewargs__", "($self, /)", int_getnewargs),
    native!("__sizeof__", "($self, /)", int_sizeof),
    native!("bit_length", "($self, /)", int_bit_length),
    native!("bit_count", "($self, /)", int_bit_count),
    native!(
        "to_bytes",
        "($self, /, length=1, byteorder='big', *, signed=False)",
        int_to_bytes
    ),
    native_classmethod!(
        "from_bytes",
        "($type, /, bytes, byteorder='big', *, signed=False)",
        int_from_bytes
    ),
    native!("as_integer_ratio", "($self, /)", int_as_integer_ratio),
    native!("conjugate", "($self, /)", int_exact),
];

static INT_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("real", "($self, /)", int_exact), None),
    (native!("imag", "($self, /)", int_zero), None),
    (native!("numerator", "($self, /)", int_exact), None),
    (native!("denominator", "($self, /)", int_one), None),
];

static BOOL_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, x=False, /, *args, **kwargs)", bool_new),
    native!("__repr__", "($self, /)", bool_repr),
    native!("__and__", "($self, value, /)", bool_and),
    native!("__rand__", "($self, value, /)", bool_and),
    native!("__or__", "($self, value, /)", bool_or),
    native!("__ror__", "($self, value, /)", bool_or),
    native!("__xor__", "($self, value, /)", bool_xor),
    native!("__rxor__", "($self, value, /)", bool_xor),
];

static BUILTINS: &[NativeDef] = &[
    native!("divmod", "(x, y, /)", builtin_divmod),
    native!("pow", "(base, exp, mod=None)", builtin_pow),
    native!("round", "(number, ndigits=None)", builtin_round),
    native!("bin", "(number, /)", builtin_bin),
    native!("oct", "(number, /)", builtin_oct),
    native!("hex", "(number, /)", builtin_hex),
];

// ----- helpers -----

/// The int value of `self` (method descriptors have already checked the type).
fn me(vm: &mut Vm, v: Value) -> PyResult<IntRef> {
    int_ref(v).ok_or_else(|| vm.type_error(format!("expected int, got {}", vm.type_name(v))))
}

/// An exact `int` with the value of `v` (an int, bool or int-subclass instance).
pub fn exact_int(vm: &mut Vm, v: Value) -> PyResult {
    if v.is_small_int() {
        return Ok(v);
    }
    if vm.type_of(v) == vm.types.int {
        return Ok(v);
    }
    let i = me(vm, v)?;
    Ok(match i {
        IntRef::Small(x) => int::from_i64(vm, x),
        IntRef::Big(b) => int::from_bigint(vm, b.clone()),
    })
}

fn int_exact(vm: &mut Vm, a: &[Value]) -> PyResult {
    exact_int(vm, a[0])
}

fn int_zero(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(int::from_i64(vm, 0))
}

fn int_one(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(int::from_i64(vm, 1))
}

/// `x op y` when both are ints, NotImplemented otherwise.
fn arith(vm: &mut Vm, x: Value, y: Value, op: BinaryOp) -> PyResult {
    match (int_ref(x), int_ref(y)) {
        (Some(a), Some(b)) => int_binop(vm, a, b, op),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

macro_rules! int_binops {
    ($($fwd:ident, $rev:ident, $op:ident;)*) => {$(
        fn $fwd(vm: &mut Vm, a: &[Value]) -> PyResult {
            arith(vm, a[0], a[1], BinaryOp::$op)
        }
        fn $rev(vm: &mut Vm, a: &[Value]) -> PyResult {
            arith(vm, a[1], a[0], BinaryOp::$op)
        }
    )*};
}

int_binops! {
    int_add, int_radd, Add;
    int_sub, int_rsub, Sub;
    int_mul, int_rmul, Mul;
    int_truediv, int_rtruediv, TrueDiv;
    int_floordiv, int_rfloordiv, FloorDiv;
    int_mod, int_rmod, Mod;
    int_lshift, int_rlshift, LShift;
    int_rshift, int_rrshift, RShift;
    int_and, int_rand, And;
    int_or, int_ror, Or;
    int_xor, int_rxor, Xor;
}

fn divmod_values(vm: &mut Vm, x: Value, y: Value) -> PyResult {
    match (int_ref(x), int_ref(y)) {
        (Some(a), Some(b)) => {
            let (q, r) = int::divmod(vm, a, b)?;
            Ok(new_tuple(vm, vec![q, r]))
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn int_divmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    divmod_values(vm, a[0], a[1])
}

fn int_rdivmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    divmod_values(vm, a[1], a[0])
}

/// `x ** y [% m]` for ints; NotImplemented when an operand is not an int.
fn pow_values(vm: &mut Vm, x: Value, y: Value, m: Value) -> PyResult {
    let (Some(a), Some(b)) = (int_ref(x), int_ref(y)) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if m.is_null() || m.is_none() {
        return int::pow(vm, a, b, None);
    }
    match int_ref(m) {
        Some(mm) => int::pow(vm, a, b, Some(mm)),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn int_pow(vm: &mut Vm, a: &[Value]) -> PyResult {
    pow_values(vm, a[0], a[1], a[2])
}

fn int_rpow(vm: &mut Vm, a: &[Value]) -> PyResult {
    pow_values(vm, a[1], a[0], a[2])
}

fn int_neg(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = me(vm, a[0])?;
    Ok(int::neg(vm, i))
}

fn int_abs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = me(vm, a[0])?;
    Ok(int::abs(vm, i))
}

fn int_invert(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = me(vm, a[0])?;
    Ok(int::invert(vm, i))
}

fn int_bool(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = me(vm, a[0])?;
    Ok(Value::from_bool(!i.is_zero()))
}

fn int_float(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = me(vm, a[0])?;
    let f = int::to_f64(vm, i)?;
    Ok(float::new_float(vm, f))
}

/// `int.__round__(ndigits)`: the int itself for ndigits >= 0, else rounded to a multiple of
/// 10**-ndigits with ties to even.
fn int_round(vm: &mut Vm, a: &[Value]) -> PyResult {
    if a[1].is_null() {
        return exact_int(vm, a[0]);
    }
    let nd = ops::number::index(vm, a[1])?;
    let x = me(vm, a[0])?;
    let nd = int_ref(nd).ok_or_else(|| vm.system_error("bad index"))?;
    if !nd.is_negative() {
        return exact_int(vm, a[0]);
    }
    // 10**k with k = -ndigits; beyond the number of digits of x the result is 0.
    let value = x.to_bigint();
    let ndigits_x = value.magnitude().bits() as f64 * std::f64::consts::LOG10_2 + 1.0;
    let k = match nd.to_i64() {
        Some(n) if (n.unsigned_abs() as f64) <= ndigits_x + 1.0 => n.unsigned_abs() as u32,
        _ => return Ok(int::from_i64(vm, 0)),
    };
    let p = num_traits::pow::Pow::pow(BigInt::from(10), k);
    let q = float::round_half_even(&value, &p);
    Ok(int::from_bigint(vm, q * p))
}

/// Comparison with another int; NotImplemented otherwise (as CPython: `int.__eq__(1, 1.0)`
/// is NotImplemented, and float's reflected method compares exactly).
fn compare(vm: &mut Vm, a: &[Value], op: CompareOp) -> PyResult {
    let x = me(vm, a[0])?;
    let Some(y) = int_ref(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    Ok(Value::from_bool(cmp_result(Some(int::compare(x, y)), op)))
}

/// The outcome of `op` given an ordering (None: unordered, a NaN was involved).
pub fn cmp_result(ord: Option<Ordering>, op: CompareOp) -> bool {
    match ord {
        None => op == CompareOp::Ne,
        Some(o) => match op {
            CompareOp::Lt => o == Ordering::Less,
            CompareOp::Le => o != Ordering::Greater,
            CompareOp::Eq => o == Ordering::Equal,
            CompareOp::Ne => o != Ordering::Equal,
            CompareOp::Gt => o == Ordering::Greater,
            CompareOp::Ge => o != Ordering::Less,
        },
    }
}

fn int_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Eq)
}
fn int_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Ne)
}
fn int_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Lt)
}
fn int_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Le)
}
fn int_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Gt)
}
fn int_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    compare(vm, a, CompareOp::Ge)
}

fn int_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = me(vm, a[0])?;
    Ok(int::from_i64(vm, int::hash_int(i)))
}

fn int_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let i = me(vm, a[0])?;
    let s = int::to_decimal_string(vm, i)?;
    Ok(vm.new_string(s))
}

fn int_getnewargs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = exact_int(vm, a[0])?;
    Ok(new_tuple(vm, vec![v]))
}

/// CPython's size: a 24-byte header plus one 4-byte digit per 30 bits of magnitude (at least
/// one digit).
fn int_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let bits = magnitude_bits(me(vm, a[0])?);
    Ok(int::from_u64(vm, 24 + 4 * bits.div_ceil(30).max(1)))
}

fn magnitude_bits(i: IntRef) -> u64 {
    match i {
        IntRef::Small(x) => 64 - x.unsigned_abs().leading_zeros() as u64,
        IntRef::Big(b) => b.magnitude().bits(),
    }
}

fn int_bit_length(vm: &mut Vm, a: &[Value]) -> PyResult {
    let bits = magnitude_bits(me(vm, a[0])?);
    Ok(int::from_u64(vm, bits))
}

fn int_bit_count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = match me(vm, a[0])? {
        IntRef::Small(x) => x.unsigned_abs().count_ones() as u64,
        IntRef::Big(b) => b.magnitude().count_ones(),
    };
    Ok(int::from_u64(vm, n))
}

fn int_as_integer_ratio(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = exact_int(vm, a[0])?;
    let one = int::from_i64(vm, 1);
    Ok(new_tuple(vm, vec![v, one]))
}

/// Reads a `byteorder` argument: true for little-endian.
fn byteorder_arg(vm: &mut Vm, v: Value, fname: &str) -> PyResult<bool> {
    if v.is_null() {
        return Ok(false);
    }
    match crate::types::str::as_str(v) {
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        None => Err(vm.type_error(format!(
            "{fname}() argument 'byteorder' must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn flag_arg(vm: &mut Vm, v: Value) -> PyResult<bool> {
    if v.is_null() {
        return Ok(false);
    }
    ops::truth::is_true(vm, v)
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = me(vm, a[0])?;
    let length = if a[1].is_null() {
        1
    } else {
        ops::number::index_i64(vm, a[1])?
    };
    let little = byteorder_arg(vm, a[2], "to_bytes")?;
    let signed = flag_arg(vm, a[3])?;
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let length = length as usize;
    let value = x.to_bigint();
    let mut bytes = if value.is_zero() {
        Vec::new()
    } else if signed {
        value.to_signed_bytes_be()
    } else {
        if value.is_negative() {
            return Err(vm.overflow_error("can't convert negative int to unsigned"));
        }
        value.magnitude().to_bytes_be()
    };
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if value.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; length - bytes.len()];
    out.append(&mut bytes);
    if little {
        out.reverse();
    }
    Ok(crate::types::bytes::new_bytes(vm, out))
}

/// The bytes of a bytes-like argument, or of `bytes(obj)` for anything else.
fn bytes_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = v.downcast::<BytesObj>() {
        return Ok(b.data.to_vec());
    }
    if let Some(b) = v.downcast::<ByteArrayObj>() {
        return Ok(b.data.borrow().clone());
    }
    if v.is::<StrObj>() {
        return Err(vm.type_error("cannot convert 'str' object to bytes"));
    }
    if let Some(items) = crate::types::tuple::items(v)
        .map(<[Value]>::to_vec)
        .or_else(|| {
            v.downcast::<crate::types::list::ListObj>()
                .map(|l| l.snapshot())
        })
    {
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            let n = ops::number::index(vm, it)?;
            match int_ref(n).and_then(|i| i.to_i64()) {
                Some(b @ 0..=255) => out.push(b as u8),
                _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
            }
        }
        return Ok(out);
    }
    let b = ops::call::call(vm, vm.types.bytes, &[v])?;
    crate::types::bytes::bytes_data(b).ok_or_else(|| vm.type_error("bytes() returned non-bytes"))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`: for a subclass, `cls(value)`.
fn int_from_bytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = a[0];
    let data = bytes_arg(vm, a[1])?;
    let little = byteorder_arg(vm, a[2], "from_bytes")?;
    let signed = flag_arg(vm, a[3])?;
    let value = match (little, signed) {
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (true, true) => BigInt::from_signed_bytes_le(&data),
    };
    let v = int::from_bigint(vm, value);
    if cls == vm.types.int {
        return Ok(v);
    }
    ops::call::call(vm, cls, &[v])
}

// ----- construction -----

/// Checks the `$type` argument of a `__new__` against the builtin `base` (`what` is its name).
pub fn check_new_type(vm: &mut Vm, ty: Value, base: Value, what: &str) -> PyResult<()> {
    if !ty.is::<TypeObject>() {
        return Err(vm.type_error(format!(
            "{what}.__new__(X): X is not a type object ({})",
            vm.type_name(ty)
        )));
    }
    if !typeobj::is_subtype(ty, base) {
        let n = typeobj::type_name(ty);
        return Err(vm.type_error(format!(
            "{what}.__new__({n}): {n} is not a subtype of {what}"
        )));
    }
    Ok(())
}

/// CPython's checks of a constructor taking at most one positional argument and no keywords
/// (`extra`: the positional arguments after the first, as a tuple; `kwargs`: a dict or NULL).
pub(crate) fn check_one_arg(vm: &mut Vm, name: &str, extra: Value, kwargs: Value) -> PyResult<()> {
    if !kwargs.is_null() && crate::types::dict::len(kwargs) > 0 {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = crate::types::tuple::items(extra).map_or(0, |t| t.len());
    if n > 0 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {}", n + 1)));
    }
    Ok(())
}

/// `int(x=0, /, base=10)` and `int.__new__(subclass, ...)`.
fn int_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    check_new_type(vm, ty, vm.types.int, "int")?;
    if ty == vm.types.bool_ {
        return Err(vm.type_error("int.__new__(bool) is not safe, use bool.__new__()"));
    }
    // The signature binds `x` and `base` positionally; the rest is checked here for CPython's
    // messages (`base` may also come by keyword).
    let mut base = a[2];
    let extra = crate::types::tuple::items(a[3]).map_or(0, |t| t.len());
    let kw = if a[4].is_null() {
        Vec::new()
    } else {
        crate::types::dict::items(a[4])
    };
    let given = [a[1], a[2]].iter().filter(|v| !v.is_null()).count() + extra + kw.len();
    if given > 2 {
        return Err(vm.type_error(format!("int() takes at most 2 arguments ({given} given)")));
    }
    for (k, v) in kw {
        match crate::types::str::as_str(k) {
            Some("base") => base = v,
            Some(name) => {
                return Err(
                    vm.type_error(format!("'{name}' is an invalid keyword argument for int()"))
                );
            }
            None => return Err(vm.type_error("keywords must be strings")),
        }
    }
    let v = int_value_of(vm, a[1], base)?;
    if ty == vm.types.int {
        return Ok(v);
    }
    let b = int_ref(v).map(IntRef::to_bigint).unwrap_or_default();
    Ok(int::new_int_of_type(vm, ty, b))
}

/// The exact int `int(x)` / `int(x, base)` gives (NULL arguments are absent).
pub fn int_value_of(vm: &mut Vm, x: Value, base: Value) -> PyResult {
    if base.is_null() {
        if x.is_null() {
            return Ok(int::from_i64(vm, 0));
        }
        return number_to_int(vm, x);
    }
    if x.is_null() {
        return Err(vm.type_error("int() missing string argument"));
    }
    let b = ops::number::index(vm, base)?;
    let b = match int_ref(b).and_then(|i| i.to_i64()) {
        Some(b) if b == 0 || (2..=36).contains(&b) => b as u32,
        _ => return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0")),
    };
    match parse_text(vm, x, b)? {
        Some(v) => Ok(v),
        None => Err(vm.type_error("int() can't convert non-string with explicit base")),
    }
}

/// CPython's `PyNumber_Long`: `__int__`, then `__index__`, then `__trunc__`, then str/bytes
/// parsing in base 10. Always an exact int.
pub fn number_to_int(vm: &mut Vm, x: Value) -> PyResult {
    if x.is_small_int() || vm.type_of(x) == vm.types.int {
        return Ok(x);
    }
    if let Some(r) = ops::call_special(vm, x, vm.names.int_, &[])? {
        if int::is_int(r) {
            return exact_int(vm, r);
        }
        return Err(vm.type_error(format!(
            "__int__ returned non-int (type {})",
            vm.type_name(r)
        )));
    }
    if ops::has_special(vm, x, vm.names.index) {
        let r = ops::number::index(vm, x)?;
        return exact_int(vm, r);
    }
    // `__trunc__` delegation (deprecated in 3.11; the warning is not shown).
    if let Some(r) = ops::call_special(vm, x, vm.names.trunc, &[])? {
        if int::is_int(r) {
            return exact_int(vm, r);
        }
        if !ops::has_special(vm, r, vm.names.index) {
            return Err(vm.type_error(format!(
                "__trunc__ returned non-Integral (type {})",
                vm.type_name(r)
            )));
        }
        let i = ops::number::index(vm, r)?;
        return exact_int(vm, i);
    }
    if let Some(v) = parse_text(vm, x, 10)? {
        return Ok(v);
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// `int(text, base)` for str, bytes and bytearray; Ok(None) for other types.
fn parse_text(vm: &mut Vm, x: Value, base: u32) -> PyResult<Option<Value>> {
    let (bytes, shown) = if let Some(s) = x.downcast::<StrObj>() {
        (int::transform_numeric_str(s.as_str()), Some(x))
    } else if let Some(b) = x.downcast::<BytesObj>() {
        (b.data.to_vec(), None)
    } else if let Some(b) = x.downcast::<ByteArrayObj>() {
        (b.data.borrow().clone(), None)
    } else {
        return Ok(None);
    };
    let limit = vm.int_max_str_digits;
    match int::parse_int_bytes(&bytes, base, limit) {
        Ok(b) => Ok(Some(int::from_bigint(vm, b))),
        Err(IntParseError::TooManyDigits(n)) => Err(vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
        ))),
        Err(IntParseError::Invalid) => {
            let r = shown_value(vm, shown, &bytes, 200)?;
            Err(vm.value_error(format!(
                "invalid literal for int() with base {base}: {r}"
            )))
        }
    }
}

/// How a number parser's error message shows its input: the str's repr, or for bytes and
/// bytearray the bytes repr (`b'...'`), cut to `limit` characters (int() uses 200).
pub fn shown_value(vm: &mut Vm, s: Option<Value>, bytes: &[u8], limit: usize) -> PyResult<String> {
    match s {
        Some(v) => repr_truncated(vm, v, limit),
        None => {
            let r = crate::types::bytes::repr_bytes("b", bytes);
            Ok(r.chars().take(limit).collect())
        }
    }
}

/// `%.<n>R`: the repr cut to `n` characters, as CPython's error messages show values.
pub fn repr_truncated(vm: &mut Vm, v: Value, n: usize) -> PyResult<String> {
    let r = ops::repr::repr_string(vm, v)?;
    Ok(match r.char_indices().nth(n) {
        Some((i, _)) => r[..i].to_string(),
        None => r,
    })
}

// ----- bool -----

fn bool_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_new_type(vm, a[0], vm.types.bool_, "bool")?;
    check_one_arg(vm, "bool", a[2], a[3])?;
    if a[1].is_null() {
        return Ok(Value::FALSE);
    }
    Ok(Value::from_bool(ops::truth::is_true(vm, a[1])?))
}

fn bool_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = if a[0] == Value::TRUE { "True" } else { "False" };
    Ok(vm.new_str(s))
}

/// `&`, `|`, `^` on two bools give a bool; otherwise int behaviour.
fn bool_bitop(vm: &mut Vm, a: &[Value], op: BinaryOp) -> PyResult {
    if a[0].is_bool() && a[1].is_bool() {
        let (x, y) = (a[0] == Value::TRUE, a[1] == Value::TRUE);
        return Ok(Value::from_bool(match op {
            BinaryOp::And => x & y,
            BinaryOp::Or => x | y,
            _ => x ^ y,
        }));
    }
    // All three are symmetric, so the reflected form is the same computation.
    arith(vm, a[0], a[1], op)
}

fn bool_and(vm: &mut Vm, a: &[Value]) -> PyResult {
    bool_bitop(vm, a, BinaryOp::And)
}
fn bool_or(vm: &mut Vm, a: &[Value]) -> PyResult {
    bool_bitop(vm, a, BinaryOp::Or)
}
fn bool_xor(vm: &mut Vm, a: &[Value]) -> PyResult {
    bool_bitop(vm, a, BinaryOp::Xor)
}

// ----- builtins -----

/// `divmod(x, y)`.
fn builtin_divmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (x, y) = (a[0], a[1]);
    let exact = |vm: &Vm, v: Value| {
        let t = vm.type_of(v);
        t == vm.types.int || t == vm.types.bool_ || t == vm.types.float
    };
    if exact(vm, x) && exact(vm, y) {
        if let (Some(i), Some(j)) = (int_ref(x), int_ref(y)) {
            let (q, r) = int::divmod(vm, i, j)?;
            return Ok(new_tuple(vm, vec![q, r]));
        }
        let fx = ops::number::to_f64(vm, x)?;
        let fy = ops::number::to_f64(vm, y)?;
        return crate::types::float_methods::float_divmod_tuple(vm, fx, fy);
    }
    let name = vm.intern("__divmod__");
    let rname = vm.intern("__rdivmod__");
    match ops::number::binary_dispatch_named(vm, x, y, name, rname)? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            vm.type_name(x),
            vm.type_name(y)
        ))),
    }
}

/// `pow(base, exp, mod=None)`.
fn builtin_pow(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (x, y, m) = (a[0], a[1], a[2]);
    if m.is_null() || m.is_none() {
        return ops::number::binary_op(vm, x, y, BinaryOp::Pow, false);
    }
    ternary_pow(vm, x, y, m)
}

/// Which `nb_power` slot a type has, as CPython's ternary protocol sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PowSlot {
    Absent,
    Int,
    Float,
    Complex,
    /// A class defining `__pow__`/`__rpow__` in Python (`slot_nb_power`).
    Python,
}

fn pow_slot(vm: &mut Vm, t: Value) -> PowSlot {
    let names = [vm.intern("__pow__"), vm.intern("__rpow__")];
    for n in names {
        let f = typeobj::lookup(vm, t, n);
        if !f.is_null() && !f.is::<crate::types::function::NativeFunction>() {
            return PowSlot::Python;
        }
    }
    if typeobj::is_subtype(t, vm.types.int) {
        PowSlot::Int
    } else if typeobj::is_subtype(t, vm.types.float) {
        PowSlot::Float
    } else if typeobj::is_subtype(t, vm.types.complex) {
        PowSlot::Complex
    } else {
        PowSlot::Absent
    }
}

/// Calls a `nb_power` slot as `slot(x, y, m)` with a modulus present.
fn call_pow_slot(vm: &mut Vm, slot: PowSlot, x: Value, y: Value, m: Value) -> PyResult {
    let real = |v: Value| int_ref(v).is_some() || v.is::<FloatObj>();
    let cplx = |v: Value| real(v) || v.is::<crate::types::complex::ComplexObj>();
    match slot {
        PowSlot::Absent => Ok(Value::NOT_IMPLEMENTED),
        PowSlot::Int => pow_values(vm, x, y, m),
        PowSlot::Float if real(x) && real(y) => {
            Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"))
        }
        PowSlot::Complex if cplx(x) && cplx(y) => Err(vm.value_error("complex modulo")),
        PowSlot::Float | PowSlot::Complex => Ok(Value::NOT_IMPLEMENTED),
        PowSlot::Python => {
            // Three-argument power never uses __rpow__: only the base's own __pow__.
            let tx = vm.type_of(x);
            if pow_slot(vm, tx) != PowSlot::Python {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            let name = vm.intern("__pow__");
            Ok(ops::call_special(vm, x, name, &[y, m])?.unwrap_or(Value::NOT_IMPLEMENTED))
        }
    }
}

/// Three-argument `pow`: CPython's ternary protocol over the slots of the three operand
/// types (the exponent's first when it is a subclass of the base's type).
pub fn ternary_pow(vm: &mut Vm, x: Value, y: Value, m: Value) -> PyResult {
    if let (Some(i), Some(j), Some(k)) = (int_ref(x), int_ref(y), int_ref(m)) {
        return int::pow(vm, i, j, Some(k));
    }
    let (tx, ty, tz) = (vm.type_of(x), vm.type_of(y), vm.type_of(m));
    let sv = pow_slot(vm, tx);
    let mut sw = if ty != tx {
        pow_slot(vm, ty)
    } else {
        PowSlot::Absent
    };
    if sw == sv {
        sw = PowSlot::Absent;
    }
    if sv != PowSlot::Absent {
        if sw != PowSlot::Absent && typeobj::is_subtype(ty, tx) {
            let r = call_pow_slot(vm, sw, x, y, m)?;
            if r != Value::NOT_IMPLEMENTED {
                return Ok(r);
            }
            sw = PowSlot::Absent;
        }
        let r = call_pow_slot(vm, sv, x, y, m)?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    if sw != PowSlot::Absent {
        let r = call_pow_slot(vm, sw, x, y, m)?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    let sz = pow_slot(vm, tz);
    if sz != PowSlot::Absent && sz != sv && sz != sw {
        let r = call_pow_slot(vm, sz, x, y, m)?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(x),
        vm.type_name(y),
        vm.type_name(m)
    )))
}

/// `round(number, ndigits=None)` through `__round__`.
fn builtin_round(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (x, nd) = (a[0], a[1]);
    let no_digits = nd.is_null() || nd.is_none();
    if no_digits && vm.type_of(x) == vm.types.float {
        let f = float::as_f64(x).unwrap_or(0.0);
        return crate::types::float_methods::round_to_int(vm, f);
    }
    let name = vm.intern("__round__");
    let ty = vm.type_of(x);
    let f = typeobj::lookup(vm, ty, name);
    if f.is_null() || f.is_none() {
        return Err(vm.type_error(format!(
            "type {} doesn't define __round__ method",
            vm.type_name(x)
        )));
    }
    let args: &[Value] = if no_digits { &[] } else { &[nd] };
    let r = ops::call_special(vm, x, name, args)?;
    Ok(r.unwrap_or(Value::NONE))
}

fn radix_builtin(vm: &mut Vm, v: Value, radix: u32, prefix: &str) -> PyResult {
    let i = ops::number::index(vm, v)?;
    let r = int_ref(i).ok_or_else(|| vm.system_error("__index__ returned non-int"))?;
    let s = int::to_radix_string(r, radix, prefix);
    Ok(vm.new_string(s))
}

fn builtin_bin(vm: &mut Vm, a: &[Value]) -> PyResult {
    radix_builtin(vm, a[0], 2, "0b")
}

fn builtin_oct(vm: &mut Vm, a: &[Value]) -> PyResult {
    radix_builtin(vm, a[0], 8, "0o")
}

fn builtin_hex(vm: &mut Vm, a: &[Value]) -> PyResult {
    radix_builtin(vm, a[0], 16, "0x")
}

/// Test support shared by the number types' unit tests: builds argument values from short
/// encodings and shows results (`repr <type>`) or errors (`Type: message`) the way the
/// generated vectors in `testdata/` (from `gen_vectors.py` under CPython 3.11) expect.
#[cfg(test)]
pub(crate) mod testing {
    use crate::value::Value;
    use crate::vm::{PyResult, Vm};
    use num_bigint::BigInt;

    pub fn new_vm() -> Box<Vm> {
        Vm::new(Default::default())
    }

    fn hex_bytes(s: &str) -> Vec<u8> {
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap_or(0))
            .collect()
    }

    /// Decodes `N`, `T`, `F`, `i:<int>`, `f:<float>`, `c:<re>,<im>`, `s:<str>`, `y:<hex>`
    /// (bytes), `a:<hex>` (bytearray), `t:a|b` (tuple), `l:a|b` (list).
    pub fn value(vm: &mut Vm, enc: &str) -> Value {
        match enc {
            "N" => return Value::NONE,
            "T" => return Value::TRUE,
            "F" => return Value::FALSE,
            _ => {}
        }
        let (tag, body) = enc.split_at(2);
        let items = |vm: &mut Vm| -> Vec<Value> {
            if body.is_empty() {
                return Vec::new();
            }
            body.split('|').map(|e| value(vm, e)).collect()
        };
        match tag {
            "i:" => {
                let b: BigInt = body.parse().expect("int literal");
                crate::types::int::from_bigint(vm, b)
            }
            "f:" => crate::types::float::new_float(vm, body.parse().expect("float literal")),
            "c:" => {
                let (r, i) = body.split_once(',').expect("complex literal");
                crate::types::complex::new_complex(vm, r.parse().unwrap(), i.parse().unwrap())
            }
            "s:" => vm.new_str(body),
            "y:" => crate::types::bytes::new_bytes(vm, hex_bytes(body)),
            "a:" => crate::types::bytes::new_bytearray(vm, hex_bytes(body)),
            "t:" => {
                let v = items(vm);
                crate::types::tuple::new_tuple(vm, v)
            }
            "l:" => {
                let v = items(vm);
                crate::types::list::new_list(vm, v)
            }
            _ => panic!("bad encoding {enc}"),
        }
    }

    pub fn show(vm: &mut Vm, r: PyResult) -> String {
        match r {
            Ok(v) => {
                let s = crate::ops::repr::repr_string(vm, v)
                    .unwrap_or_else(|e| format!("<repr failed: {}>", show(vm, Err(e))));
                format!("{s} <{}>", vm.type_name(v))
            }
            Err(e) => {
                let msg = crate::ops::repr::str_string(vm, e.0).unwrap_or_default();
                format!("{}: {msg}", vm.type_name(e.0))
            }
        }
    }

    /// The callable named `name`: a builtin (`pow`) or a type's attribute (`int.__add__`).
    pub fn callable(vm: &mut Vm, name: &str) -> Value {
        let (first, rest) = match name.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (name, None),
        };
        let b = vm.builtins;
        let f = crate::ops::attr::getattr_str(vm, b, first).expect("builtin");
        match rest {
            Some(attr) => crate::ops::attr::getattr_str(vm, f, attr).expect("attribute"),
            None => f,
        }
    }

    /// Runs every (callable, encoded args, expected) vector; panics listing the mismatches.
    pub fn check_vectors(vectors: &[(&str, &[&str], &str)]) {
        let mut vm = new_vm();
        let mut failures = Vec::new();
        for (name, args, expected) in vectors {
            let f = callable(&mut vm, name);
            let argv: Vec<Value> = args.iter().map(|a| value(&mut vm, a)).collect();
            let r = crate::ops::call::call(&mut vm, f, &argv);
            let got = show(&mut vm, r);
            if got != *expected {
                failures.push(format!(
                    "{name}{args:?}\n   expected {expected}\n   got      {got}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} vectors failed:\n{}",
            failures.len(),
            vectors.len(),
            failures.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;

    #[test]
    fn int_vectors() {
        check_vectors(include!("testdata/int_vectors.rs"));
    }

    /// Calls `obj.name(*args, **kw)` and returns the result's bytes as hex (or the error).
    fn bytes_hex(
        vm: &mut crate::vm::Vm,
        obj: &str,
        name: &str,
        args: &[&str],
        kw: &[(&str, &str)],
    ) -> String {
        let o = value(vm, obj);
        let f = crate::ops::attr::getattr_str(vm, o, name).expect("method");
        let mut argv: Vec<crate::value::Value> = args.iter().map(|a| value(vm, a)).collect();
        let mut names = Vec::new();
        for (k, v) in kw {
            argv.push(value(vm, v));
            names.push(vm.intern(k));
        }
        match crate::ops::call::call_kw(vm, f, &argv, &names) {
            Ok(b) => match crate::types::bytes::bytes_data(b) {
                Some(d) => d.iter().map(|x| format!("{x:02x}")).collect(),
                None => show(vm, Ok(b)),
            },
            Err(e) => show(vm, Err(e)),
        }
    }

    #[test]
    fn to_bytes() {
        let mut vm = new_vm();
        let vm = &mut vm;
        let cases: &[(&str, &[&str], &[(&str, &str)], &str)] = &[
            ("i:256", &["i:10", "s:big"], &[], "00000000000000000100"),
            ("i:256", &["i:10", "s:little"], &[], "00010000000000000000"),
            (
                "i:18446744073709551616",
                &["i:10"],
                &[],
                "00010000000000000000",
            ),
            ("i:1024", &["i:2"], &[("byteorder", "s:big")], "0400"),
            ("i:-1", &["i:2", "s:big"], &[("signed", "T")], "ffff"),
            ("i:-129", &["i:2", "s:little"], &[("signed", "T")], "7fff"),
            ("i:5", &[], &[], "05"),
            ("i:0", &["i:0", "s:big"], &[], ""),
            ("i:-128", &["i:1", "s:big"], &[("signed", "T")], "80"),
            ("i:127", &["i:1", "s:big"], &[("signed", "T")], "7f"),
            (
                "i:128",
                &["i:1", "s:big"],
                &[("signed", "T")],
                "OverflowError: int too big to convert",
            ),
            (
                "i:-1",
                &["i:2", "s:big"],
                &[],
                "OverflowError: can't convert negative int to unsigned",
            ),
            (
                "i:1",
                &["i:2", "s:middle"],
                &[],
                "ValueError: byteorder must be either 'little' or 'big'",
            ),
        ];
        for (obj, args, kw, expected) in cases {
            assert_eq!(&bytes_hex(vm, obj, "to_bytes", args, kw), expected, "{obj}");
        }
    }

    #[test]
    fn from_bytes() {
        let mut vm = new_vm();
        let vm = &mut vm;
        let f = callable(vm, "int.from_bytes");
        let cases: &[(&[&str], bool, &str)] = &[
            (&["y:0100", "s:big"], false, "256 <int>"),
            (&["y:0100", "s:little"], false, "1 <int>"),
            (&["y:ffff", "s:big"], true, "-1 <int>"),
            (&["y:", "s:big"], false, "0 <int>"),
            (&["l:i:1|i:2|i:3", "s:big"], false, "66051 <int>"),
            (&["y:80"], false, "128 <int>"),
            (&["y:80"], true, "-128 <int>"),
            (&["y:0080", "s:little"], true, "-32768 <int>"),
            (
                &["s:ab", "s:big"],
                false,
                "TypeError: cannot convert 'str' object to bytes",
            ),
            (
                &["l:i:256", "s:big"],
                false,
                "ValueError: bytes must be in range(0, 256)",
            ),
        ];
        for (args, signed, expected) in cases {
            let mut argv: Vec<crate::value::Value> = args.iter().map(|a| value(vm, a)).collect();
            let mut names = Vec::new();
            if *signed {
                argv.push(crate::value::Value::TRUE);
                names.push(vm.intern("signed"));
            }
            let r = crate::ops::call::call_kw(vm, f, &argv, &names);
            assert_eq!(&show(vm, r), expected, "{args:?}");
        }
        let bool_from = callable(vm, "bool.from_bytes");
        let arg = value(vm, "y:01");
        let r = crate::ops::call::call(vm, bool_from, &[arg]);
        assert_eq!(show(vm, r), "True <bool>");
    }

    /// `type(name, (base,), {})`.
    fn subclass(vm: &mut crate::vm::Vm, name: &str, base: &str) -> crate::value::Value {
        let n = vm.new_str(name);
        let b = callable(vm, base);
        let bases = crate::types::tuple::new_tuple(vm, vec![b]);
        let d = crate::types::dict::new_dict(vm);
        let t = vm.types.type_;
        crate::ops::call::call(vm, t, &[n, bases, d]).expect("class creation")
    }

    #[test]
    fn subclass_construction() {
        let mut vm = new_vm();
        let vm = &mut vm;
        let my_int = subclass(vm, "MyInt", "int");
        let my_float = subclass(vm, "F", "float");
        let my_complex = subclass(vm, "C", "complex");
        let cases: &[(crate::value::Value, &[&str], &str)] = &[
            (my_int, &["i:42"], "42 <MyInt>"),
            (my_int, &["s:101", "i:2"], "5 <MyInt>"),
            (
                my_int,
                &["i:1267650600228229401496703205376"],
                "1267650600228229401496703205376 <MyInt>",
            ),
            (my_int, &[], "0 <MyInt>"),
            (my_float, &["f:2.5"], "2.5 <F>"),
            (my_float, &["s:1e3"], "1000.0 <F>"),
            (my_complex, &["i:1", "i:2"], "(1+2j) <C>"),
            (my_complex, &["s:3j"], "3j <C>"),
        ];
        for (ty, args, expected) in cases {
            let argv: Vec<crate::value::Value> = args.iter().map(|a| value(vm, a)).collect();
            let r = crate::ops::call::call(vm, *ty, &argv);
            assert_eq!(&show(vm, r), expected, "{args:?}");
        }
        // Arithmetic on subclass instances gives exact base-type results.
        let v42 = value(vm, "i:42");
        let m = crate::ops::call::call(vm, my_int, &[v42]).unwrap();
        let one = value(vm, "i:1");
        let r = crate::ops::number::binary_op(vm, m, one, fp_bytecode::BinaryOp::Add, false);
        assert_eq!(show(vm, r), "43 <int>");
        let r = crate::ops::number::binary_op(vm, one, m, fp_bytecode::BinaryOp::Sub, false);
        assert_eq!(show(vm, r), "-41 <int>");
        let int_t = callable(vm, "int");
        let r = crate::ops::call::call(vm, int_t, &[m]);
        assert_eq!(show(vm, r), "42 <int>");
        let v25 = value(vm, "f:2.5");
        let f = crate::ops::call::call(vm, my_float, &[v25]).unwrap();
        let r = crate::ops::number::binary_op(vm, f, one, fp_bytecode::BinaryOp::Add, false);
        assert_eq!(show(vm, r), "3.5 <float>");
        let from_hex = crate::ops::attr::getattr_str(vm, my_float, "fromhex").unwrap();
        let arg = value(vm, "s:0x1p1");
        let r = crate::ops::call::call(vm, from_hex, &[arg]);
        assert_eq!(show(vm, r), "2.0 <F>");
        let from_bytes = crate::ops::attr::getattr_str(vm, my_int, "from_bytes").unwrap();
        let arg = value(vm, "y:0102");
        let r = crate::ops::call::call(vm, from_bytes, &[arg]);
        assert_eq!(show(vm, r), "258 <MyInt>");
    }

    #[test]
    fn bool_bit_operators_keep_bool() {
        use crate::value::Value;
        use fp_bytecode::BinaryOp;
        let mut vm = new_vm();
        let vm = &mut vm;
        let one = value(vm, "i:1");
        let cases = [
            (Value::TRUE, Value::TRUE, BinaryOp::And, "True <bool>"),
            (Value::TRUE, Value::FALSE, BinaryOp::Or, "True <bool>"),
            (Value::TRUE, Value::TRUE, BinaryOp::Xor, "False <bool>"),
            (Value::TRUE, one, BinaryOp::And, "1 <int>"),
            (Value::TRUE, Value::TRUE, BinaryOp::Add, "2 <int>"),
        ];
        for (a, b, op, expected) in cases {
            let r = crate::ops::number::binary_op(vm, a, b, op, false);
            assert_eq!(show(vm, r), expected);
        }
    }

    /// The small-int fast path of `binary_op` agrees with big-int arithmetic at the edges.
    #[test]
    fn small_int_fast_path_matches_bigints() {
        use fp_bytecode::BinaryOp;
        use num_bigint::BigInt;
        use num_integer::Integer;
        let mut vm = new_vm();
        let vm = &mut vm;
        let small_max = (1i64 << 62) - 1;
        let vals = [
            0,
            1,
            -1,
            2,
            -3,
            7,
            -7,
            62,
            63,
            64,
            1 << 31,
            -(1 << 31) - 1,
            small_max,
            -small_max - 1,
        ];
        let ops = [
            BinaryOp::Add,
            BinaryOp::Sub,
            BinaryOp::Mul,
            BinaryOp::FloorDiv,
            BinaryOp::Mod,
            BinaryOp::And,
            BinaryOp::Or,
            BinaryOp::Xor,
            BinaryOp::LShift,
            BinaryOp::RShift,
        ];
        for &x in &vals {
            for &y in &vals {
                for op in ops {
                    let (bx, by) = (BigInt::from(x), BigInt::from(y));
                    let expected = match op {
                        BinaryOp::Add => Some(&bx + &by),
                        BinaryOp::Sub => Some(&bx - &by),
                        BinaryOp::Mul => Some(&bx * &by),
                        BinaryOp::FloorDiv if y != 0 => Some(bx.div_floor(&by)),
                        BinaryOp::Mod if y != 0 => Some(bx.mod_floor(&by)),
                        BinaryOp::And => Some(&bx & &by),
                        BinaryOp::Or => Some(&bx | &by),
                        BinaryOp::Xor => Some(&bx ^ &by),
                        BinaryOp::LShift if (0..200).contains(&y) => Some(&bx << y as usize),
                        BinaryOp::RShift if y >= 0 => Some(&bx >> y.min(100) as usize),
                        _ => None,
                    };
                    let Some(expected) = expected else { continue };
                    let (a, b) = (
                        crate::types::int::from_i64(vm, x),
                        crate::types::int::from_i64(vm, y),
                    );
                    let r = crate::ops::number::binary_op(vm, a, b, op, false);
                    assert_eq!(show(vm, r), format!("{expected} <int>"), "{x} {op:?} {y}");
                }
            }
        }
    }

    #[test]
    fn constructors_check_their_type() {
        let mut vm = new_vm();
        let vm = &mut vm;
        let cases: &[(&str, &str, &str)] = &[
            (
                "int.__new__",
                "bool",
                "TypeError: int.__new__(bool) is not safe, use bool.__new__()",
            ),
            (
                "int.__new__",
                "str",
                "TypeError: int.__new__(str): str is not a subtype of int",
            ),
            (
                "bool.__new__",
                "int",
                "TypeError: bool.__new__(int): int is not a subtype of bool",
            ),
            (
                "float.__new__",
                "int",
                "TypeError: float.__new__(int): int is not a subtype of float",
            ),
        ];
        for (f, ty, expected) in cases {
            let f = callable(vm, f);
            let t = callable(vm, ty);
            let five = value(vm, "i:5");
            let r = crate::ops::call::call(vm, f, &[t, five]);
            assert_eq!(&show(vm, r), expected);
        }
    }
}
