//! Python-visible methods of `complex`: construction (from numbers, `__complex__`, strings),
//! arithmetic dunders (algorithms in `complex_ops.rs`), equality (ordering is unsupported),
//! hashing, repr, `abs`, `conjugate` and the `real`/`imag` attributes.

use crate::native::NativeDef;
use crate::ops;
use crate::types::bytes::{ByteArrayObj, BytesObj};
use crate::types::complex::{self, ComplexObj, new_complex};
use crate::types::complex_ops::{self, C};
use crate::types::float::{self, FloatObj, new_float};
use crate::types::float_methods::number_to_float;
use crate::types::int::{self, int_ref};
use crate::types::int_methods::check_new_type;
use crate::types::str::StrObj;
use crate::types::tuple::new_tuple;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use fp_bytecode::BinaryOp;

pub fn install(vm: &mut Vm) {
    typeobj::add_methods(vm, vm.types.complex, COMPLEX_METHODS);
    typeobj::add_getsets(vm, vm.types.complex, COMPLEX_GETSETS);
}

static COMPLEX_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, real=0, imag=0)", complex_new),
    native!("__add__", "($self, value, /)", complex_add),
    native!("__radd__", "($self, value, /)", complex_radd),
    native!("__sub__", "($self, value, /)", complex_sub),
    native!("__rsub__", "($self, value, /)", complex_rsub),
    native!("__mul__", "($self, value, /)", complex_mul),
    native!("__rmul__", "($self, value, /)", complex_rmul),
    native!("__truediv__", "($self, value, /)", complex_truediv),
    native!("__rtruediv__", "($self, value, /)", complex_rtruediv),
    native!("__pow__", "($self, value, mod=None, /)", complex_pow),
    native!("__rpow__", "($self, value, mod=None, /)", complex_rpow),
    native!("__neg__", "($self, /)", complex_neg),
    native!("__pos__", "($self, /)", complex_pos),
    native!("__abs__", "($self, /)", complex_abs),
    native!("__bool__", "($self, /)", complex_bool),
    native!("__eq__", "($self, value, /)", complex_eq),
    native!("__ne__", "($self, value, /)", complex_ne),
    native!("__lt__", "($self, value, /)", not_implemented),
    native!("__le__", "($self, value, /)", not_implemented),
    native!("__gt__", "($self, value, /)", not_implemented),
    native!("__ge__", "($self, value, /)", not_implemented),
    native!("__hash__", "($self, /)", complex_hash),
    native!("__repr__", "($self, /)", complex_repr),
    native!("__complex__", "($self, /)", complex_pos),
    native!("__getnewargs__", "($self, /)", complex_getnewargs),
    native!("conjugate", "($self, /)", complex_conjugate),
];

static COMPLEX_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("real", "($self, /)", complex_real), None),
    (native!("imag", "($self, /)", complex_imag), None),
];

// ----- helpers -----

/// The value of `self` (method descriptors have already checked the type).
fn me(v: Value) -> C {
    v.downcast::<ComplexObj>()
        .map(|c| (c.re, c.im))
        .unwrap_or((f64::NAN, f64::NAN))
}

/// A complex operand: complex, float or int (OverflowError when too large for a float);
/// None for other types.
fn operand(vm: &mut Vm, v: Value) -> PyResult<Option<C>> {
    if let Some(c) = v.downcast::<ComplexObj>() {
        return Ok(Some((c.re, c.im)));
    }
    if let Some(f) = v.downcast::<FloatObj>() {
        return Ok(Some((f.value, 0.0)));
    }
    match int_ref(v) {
        Some(i) => Ok(Some((int::to_f64(vm, i)?, 0.0))),
        None => Ok(None),
    }
}

fn arith(vm: &mut Vm, a: &[Value], op: BinaryOp, reflected: bool) -> PyResult {
    let x = me(a[0]);
    let Some(y) = operand(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (l, r) = if reflected { (y, x) } else { (x, y) };
    complex_ops::complex_binop(vm, l, r, op)
}

macro_rules! complex_binops {
    ($($fwd:ident, $rev:ident, $op:ident;)*) => {$(
        fn $fwd(vm: &mut Vm, a: &[Value]) -> PyResult {
            arith(vm, a, BinaryOp::$op, false)
        }
        fn $rev(vm: &mut Vm, a: &[Value]) -> PyResult {
            arith(vm, a, BinaryOp::$op, true)
        }
    )*};
}

complex_binops! {
    complex_add, complex_radd, Add;
    complex_sub, complex_rsub, Sub;
    complex_mul, complex_rmul, Mul;
    complex_truediv, complex_rtruediv, TrueDiv;
}

fn pow_impl(vm: &mut Vm, a: &[Value], reflected: bool) -> PyResult {
    let x = me(a[0]);
    let Some(y) = operand(vm, a[1])? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if !a[2].is_null() && !a[2].is_none() {
        return Err(vm.value_error("complex modulo"));
    }
    let (l, r) = if reflected { (y, x) } else { (x, y) };
    let p = complex_ops::complex_pow(vm, l, r)?;
    Ok(new_complex(vm, p.0, p.1))
}

fn complex_pow(vm: &mut Vm, a: &[Value]) -> PyResult {
    pow_impl(vm, a, false)
}

fn complex_rpow(vm: &mut Vm, a: &[Value]) -> PyResult {
    pow_impl(vm, a, true)
}

fn complex_neg(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (r, i) = me(a[0]);
    Ok(new_complex(vm, -r, -i))
}

/// The value as an exact complex (`__pos__`, `__complex__`).
fn complex_pos(vm: &mut Vm, a: &[Value]) -> PyResult {
    if vm.type_of(a[0]) == vm.types.complex {
        return Ok(a[0]);
    }
    let (r, i) = me(a[0]);
    Ok(new_complex(vm, r, i))
}

fn complex_conjugate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (r, i) = me(a[0]);
    Ok(new_complex(vm, r, -i))
}

fn complex_abs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = complex_ops::complex_abs(vm, me(a[0]))?;
    Ok(new_float(vm, r))
}

fn complex_bool(_vm: &mut Vm, a: &[Value]) -> PyResult {
    let (r, i) = me(a[0]);
    Ok(Value::from_bool(r != 0.0 || i != 0.0))
}

/// Equality with ints (exactly), floats and complexes; NotImplemented for other types.
fn equal(vm: &mut Vm, a: &[Value]) -> Option<bool> {
    let _ = vm;
    let (r, i) = me(a[0]);
    let other = a[1];
    if let Some(n) = int_ref(other) {
        return Some(
            i == 0.0 && ops::compare::int_float_cmp(n, r) == Some(std::cmp::Ordering::Equal),
        );
    }
    if let Some(f) = float::as_f64(other) {
        return Some(r == f && i == 0.0);
    }
    other
        .downcast::<ComplexObj>()
        .map(|c| r == c.re && i == c.im)
}

fn complex_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(equal(vm, a).map_or(Value::NOT_IMPLEMENTED, Value::from_bool))
}

fn complex_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(equal(vm, a).map_or(Value::NOT_IMPLEMENTED, |e| Value::from_bool(!e)))
}

fn not_implemented(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NOT_IMPLEMENTED)
}

fn complex_hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (r, i) = me(a[0]);
    Ok(int::from_i64(vm, complex::hash_complex(a[0], r, i)))
}

fn complex_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (r, i) = me(a[0]);
    Ok(vm.new_string(complex::repr_complex(r, i)))
}

fn complex_getnewargs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (r, i) = me(a[0]);
    let (r, i) = (new_float(vm, r), new_float(vm, i));
    Ok(new_tuple(vm, vec![r, i]))
}

fn complex_real(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(new_float(vm, me(a[0]).0))
}

fn complex_imag(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(new_float(vm, me(a[0]).1))
}

// ----- construction -----

/// `complex(real=0, imag=0)` and `complex.__new__(subclass, ...)`.
fn complex_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = a[0];
    check_new_type(vm, ty, vm.types.complex, "complex")?;
    // An exact complex passed alone to complex() is returned as is.
    if a[2].is_null() && ty == vm.types.complex && vm.type_of(a[1]) == vm.types.complex {
        return Ok(a[1]);
    }
    let (re, im) = complex_value_of(vm, a[1], a[2])?;
    if ty == vm.types.complex {
        return Ok(new_complex(vm, re, im));
    }
    Ok(complex::new_complex_of_type(ty, re, im))
}

/// The (real, imag) parts `complex(r, i)` builds (NULL arguments are absent).
pub fn complex_value_of(vm: &mut Vm, r: Value, i: Value) -> PyResult<C> {
    if r.is_null() && i.is_null() {
        return Ok((0.0, 0.0));
    }
    let r = if r.is_null() { int::from_i64(vm, 0) } else { r };
    if r.is::<StrObj>() {
        if !i.is_null() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        return parse_complex_text(vm, r);
    }
    if !i.is_null() && i.is::<StrObj>() {
        return Err(vm.type_error("complex() second arg can't be a string"));
    }
    // `__complex__` first (complex itself has one).
    let mut r = r;
    if let Some(c) = ops::call_special(vm, r, vm.names.complex, &[])? {
        if !c.is::<ComplexObj>() {
            return Err(vm.type_error(format!(
                "__complex__ returned non-complex (type {})",
                vm.type_name(c)
            )));
        }
        r = c;
    }
    let is_number = |vm: &mut Vm, v: Value| {
        v.is::<ComplexObj>()
            || ops::has_special(vm, v, vm.names.float_)
            || ops::has_special(vm, v, vm.names.index)
    };
    if !is_number(vm, r) {
        return Err(vm.type_error(format!(
            "complex() first argument must be a string or a number, not '{}'",
            vm.type_name(r)
        )));
    }
    if !i.is_null() && !is_number(vm, i) {
        return Err(vm.type_error(format!(
            "complex() second argument must be a number, not '{}'",
            vm.type_name(i)
        )));
    }
    // The result is r + i*1j, with either part possibly complex itself.
    let (cr, cr_is_complex) = match r.downcast::<ComplexObj>() {
        Some(c) => ((c.re, c.im), true),
        None => ((number_to_float(vm, r)?, 0.0), false),
    };
    let (mut ci, ci_is_complex) = if i.is_null() {
        ((cr.1, 0.0), false)
    } else {
        match i.downcast::<ComplexObj>() {
            Some(c) => ((c.re, c.im), true),
            None => ((number_to_float(vm, i)?, 0.0), false),
        }
    };
    let mut re = cr.0;
    if ci_is_complex {
        re -= ci.1;
    }
    if cr_is_complex && !i.is_null() {
        ci.0 += cr.1;
    }
    Ok((re, ci.0))
}

/// `complex(text)`: str only (bytes are not accepted by complex()).
fn parse_complex_text(vm: &mut Vm, x: Value) -> PyResult<(f64, f64)> {
    let bytes = if let Some(s) = x.downcast::<StrObj>() {
        crate::types::int::transform_numeric_str(s.as_str())
    } else if let Some(b) = x.downcast::<BytesObj>() {
        b.data.to_vec()
    } else if let Some(b) = x.downcast::<ByteArrayObj>() {
        b.data.borrow().clone()
    } else {
        return Err(vm.type_error("complex() argument must be a string or a number"));
    };
    // Misplaced underscores get their own message (CPython's underscore pre-pass).
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if crate::types::float::strip_underscores(&text).is_none() {
        let r = ops::repr::repr_string(vm, x)?;
        return Err(vm.value_error(format!("could not convert string to complex: {r}")));
    }
    complex::parse_complex_bytes(&bytes)
        .ok_or_else(|| vm.value_error("complex() arg is a malformed string"))
}
