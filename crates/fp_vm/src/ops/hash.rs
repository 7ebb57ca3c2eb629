//! `hash(x)`: fast paths for str/int/float/tuple, then `__hash__` (None means unhashable).

use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn hash(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(crate::types::int::hash_int(
            crate::types::int::IntRef::Small(i),
        ));
    }
    if v.is_bool() {
        return Ok((v == Value::TRUE) as i64);
    }
    let ty = vm.type_of(v);
    if ty == vm.types.int
        && let Some(i) = crate::types::int::int_ref(v)
    {
        return Ok(crate::types::int::hash_int(i));
    }
    if ty == vm.types.str_ {
        return Ok(v.downcast::<StrObj>().map(|s| s.hash()).unwrap_or(0));
    }
    if ty == vm.types.tuple {
        return tuple_hash(vm, v);
    }
    if ty == vm.types.float {
        let f = crate::types::float::as_f64(v).unwrap_or(0.0);
        // NaNs hash by identity (3.10+), so distinct NaN objects are distinct keys.
        return Ok(if f.is_nan() {
            identity_hash(v) >> 1
        } else {
            crate::types::float::hash_f64(f)
        });
    }
    if ty == vm.types.frozenset
        && let Some(s) = v.downcast::<crate::types::set::SetObj>()
    {
        return Ok(crate::types::set::frozenset_hash(s));
    }
    let h = crate::types::typeobj::lookup(vm, ty, vm.names.hash);
    if h.is_null() || h.is_none() {
        return Err(vm.type_error(format!("unhashable type: '{}'", vm.type_name(v))));
    }
    let r = super::call_special(vm, v, vm.names.hash, &[])?.unwrap_or(Value::NONE);
    match crate::types::int::int_ref(r) {
        Some(i) => {
            // Results outside the i64 range are reduced like int hashes, as CPython.
            let h = match i.to_i64() {
                Some(x) => x,
                None => crate::types::int::hash_int(i),
            };
            Ok(if h == -1 { -2 } else { h })
        }
        None => Err(vm.type_error("__hash__ method should return an integer")),
    }
}

/// CPython's tuple hash (xxHash-based, 3.8+).
pub fn tuple_hash(vm: &mut Vm, t: Value) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let items = crate::types::tuple::items(t).unwrap_or(&[]);
    let mut acc: u64 = P5;
    for &it in items {
        let lane = hash(vm, it)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

/// `object.__hash__`: identity-based.
pub fn identity_hash(v: Value) -> i64 {
    let b = v.bits();
    (b >> 4 | b << 60) as i64
}
