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
    let sign = if im.is_sign_negative() || im.is_nan() && im.is_sign_negative() {
        "-"
    } else {
        "+"
    };
    format!("({}{}{}j)", fmt(re), sign, fmt(im.abs()))
}
