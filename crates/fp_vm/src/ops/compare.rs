//! Rich comparison: fast paths for numbers, strings and sequences, then CPython's protocol
//! (reflected operand first when it is a proper subclass, identity fallback
//! for `==`/`!=`, TypeError otherwise).

use crate::types::float::FloatObj;
use crate::types::int::{self, int_ref};
use crate::types::str::StrObj;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::CompareOp;
use std::cmp::Ordering;

fn ord_result(o: Ordering, op: CompareOp) -> bool {
    match op {
        CompareOp::Lt => o == Ordering::Less,
        CompareOp::Le => o != Ordering::Greater,
        CompareOp::Eq => o == Ordering::Equal,
        CompareOp::Ne => o != Ordering::Equal,
        CompareOp::Gt => o == Ordering::Greater,
        CompareOp::Ge => o != Ordering::Less,
    }
}

fn float_cmp(a: f64, b: f64, op: CompareOp) -> bool {
    match op {
        CompareOp::Lt => a < b,
        CompareOp::Le => a <= b,
        CompareOp::Eq => a == b,
        CompareOp::Ne => a != b,
        CompareOp::Gt => a > b,
        CompareOp::Ge => a >= b,
    }
}

/// Compares an int with a float exactly (no rounding of big ints).
pub fn int_float_cmp(i: int::IntRef, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if let int::IntRef::Small(x) = i
        && x.unsigned_abs() < (1 << 53)
    {
        return (x as f64).partial_cmp(&f);
    }
    let fi = f.trunc();
    let big_f = crate::types::float::f64_to_bigint(fi)?;
    match i.to_bigint().cmp(&big_f) {
        Ordering::Equal => {
            let frac = f - fi;
            Some(if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            })
        }
        o => Some(o),
    }
}

/// Comparison decidable in Rust without calling Python code, for builtin value types.
pub fn fast_compare(vm: &Vm, a: Value, b: Value, op: CompareOp) -> Option<bool> {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let is_num = |t: Value| t == vm.types.int || t == vm.types.bool_;
    if is_num(ta) && is_num(tb) {
        return Some(ord_result(int::compare(int_ref(a)?, int_ref(b)?), op));
    }
    if ta == vm.types.float && tb == vm.types.float {
        return Some(float_cmp(
            a.downcast::<FloatObj>()?.value,
            b.downcast::<FloatObj>()?.value,
            op,
        ));
    }
    if ta == vm.types.float && is_num(tb) {
        let f = a.downcast::<FloatObj>()?.value;
        return Some(match int_float_cmp(int_ref(b)?, f) {
            Some(o) => ord_result(o.reverse(), op),
            None => op == CompareOp::Ne,
        });
    }
    if is_num(ta) && tb == vm.types.float {
        let f = b.downcast::<FloatObj>()?.value;
        return Some(match int_float_cmp(int_ref(a)?, f) {
            Some(o) => ord_result(o, op),
            None => op == CompareOp::Ne,
        });
    }
    if ta == vm.types.str_ && tb == vm.types.str_ {
        let (x, y) = (a.downcast::<StrObj>()?, b.downcast::<StrObj>()?);
        return Some(ord_result(crate::types::str::compare(x, y), op));
    }
    if a.is_none() && b.is_none() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Some(op == CompareOp::Eq);
    }
    None
}

/// `a op b` → any value (usually a bool).
pub fn rich_compare(vm: &mut Vm, a: Value, b: Value, op: CompareOp) -> PyResult {
    rich_compare_in(vm, a, b, op, false)
}

/// `rich_compare`, from a clean position when `clean` (see `ops::call::call_kw_in`; the
/// caller keeps `a` and `b` alive): the special methods then run at a clean level. The types
/// are not dereferenced after the first call (a method may reassign `__class__`).
pub fn rich_compare_in(vm: &mut Vm, a: Value, b: Value, op: CompareOp, clean: bool) -> PyResult {
    if let Some(r) = fast_compare(vm, a, b, op) {
        return Ok(Value::from_bool(r));
    }
    // Sequences of the same builtin type compare item by item.
    if let Some(r) = sequence_compare(vm, a, b, op)? {
        return Ok(Value::from_bool(r));
    }
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let name = vm.op_names.compare[op as usize];
    let rname = vm.op_names.compare[op.swapped() as usize];
    let mut tried_reflected = false;
    // Unlike the binary operators, CPython tries a proper subclass's reflected comparison
    // first even when the subclass inherits it unchanged (`[x] == ListSubclass([y])` runs
    // `y == x`).
    if ta != tb && typeobj::is_subtype(tb, ta) {
        let own = typeobj::lookup(vm, tb, rname);
        if !own.is_null() {
            tried_reflected = true;
            if let Some(r) = super::call_compare_special_in(vm, b, rname, &[a], clean)?
                && r != Value::NOT_IMPLEMENTED
            {
                return Ok(r);
            }
        }
    }
    let entered_clean = vm.enter_native_if(clean)?;
    let r = super::call_compare_special_in(vm, a, name, &[b], entered_clean);
    vm.leave_native_clean(entered_clean);
    if let Some(r) = r?
        && r != Value::NOT_IMPLEMENTED
    {
        return Ok(r);
    }
    if !tried_reflected
        && let Some(r) = super::call_compare_special_in(vm, b, rname, &[a], clean)?
        && r != Value::NOT_IMPLEMENTED
    {
        return Ok(r);
    }
    match op {
        CompareOp::Eq => Ok(Value::from_bool(a == b)),
        CompareOp::Ne => Ok(Value::from_bool(a != b)),
        _ => Err(vm.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            vm.type_name(a),
            vm.type_name(b)
        ))),
    }
}

/// Lexicographic comparison of two lists or two tuples (exact builtin types).
fn sequence_compare(vm: &mut Vm, a: Value, b: Value, op: CompareOp) -> PyResult<Option<bool>> {
    let ta = vm.type_of(a);
    if ta != vm.type_of(b) || (ta != vm.types.list && ta != vm.types.tuple) {
        // Not a level: a user `__eq__` recursing through `==` hits the limit in its own
        // calls, with CPython's plain message.
        return Ok(None);
    }
    vm.enter_recursive(" in comparison")?;
    let r = sequence_compare_inner(vm, a, b, op);
    vm.leave_native();
    r
}

/// Compares two lists or two tuples of the same exact type as they are at each step (a
/// comparison that changes a list is seen by the next step), as `list.__lt__` & co do.
fn sequence_compare_inner(
    vm: &mut Vm,
    a: Value,
    b: Value,
    op: CompareOp,
) -> PyResult<Option<bool>> {
    use crate::types::seq_methods::{live_item, live_len, seq_richcompare};
    let r = seq_richcompare(vm, a, b, op, live_item, live_len)?;
    if r.is_bool() {
        return Ok(Some(r == Value::TRUE));
    }
    Ok(Some(crate::ops::truth::is_true(vm, r)?))
}

/// `a == b` as a Rust bool (identity implies equality, as in containers).
pub fn eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    eq_in(vm, a, b, false)
}

/// `eq`, from a clean position when `clean` (see `rich_compare_in`).
pub fn eq_in(vm: &mut Vm, a: Value, b: Value, clean: bool) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    if let Some(r) = fast_compare(vm, a, b, CompareOp::Eq) {
        return Ok(r);
    }
    let r = rich_compare_in(vm, a, b, CompareOp::Eq, clean)?;
    if r.is_bool() {
        return Ok(r == Value::TRUE);
    }
    crate::ops::truth::is_true(vm, r)
}

/// `a < b` as a Rust bool (for sorting, min/max).
pub fn lt(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    lt_in(vm, a, b, false)
}

/// `lt`, from a clean position when `clean` (see `rich_compare_in`).
pub fn lt_in(vm: &mut Vm, a: Value, b: Value, clean: bool) -> PyResult<bool> {
    if let Some(r) = fast_compare(vm, a, b, CompareOp::Lt) {
        return Ok(r);
    }
    let r = rich_compare_in(vm, a, b, CompareOp::Lt, clean)?;
    crate::ops::truth::is_true(vm, r)
}
