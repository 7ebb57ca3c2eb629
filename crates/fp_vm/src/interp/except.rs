//! Raising and catching for the eval loop: `raise X` (`make_exception`), the checks and
//! matching of `except T`, and `except*` over exception groups (splitting a group by type,
//! and recombining what the clauses raised and re-raised, as CPython's
//! `_PyExc_PrepReraiseStar`).

use crate::ops;
use crate::types::exceptions::exc_obj;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// `raise X`: X is an exception instance or class (instantiated with no arguments).
pub fn make_exception(vm: &mut Vm, v: Value) -> PyResult<Exc> {
    if exc_obj(v).is_some() {
        return Ok(Exc(v));
    }
    if v.is::<typeobj::TypeObject>() && typeobj::is_subtype(v, vm.exc.base_exception) {
        let e = ops::call::call(vm, v, &[])?;
        if exc_obj(e).is_none() {
            let r = crate::ops::repr::repr_string(vm, v)?;
            let t = vm.type_of(e);
            let tr = crate::ops::repr::repr_string(vm, t)?;
            let msg =
                format!("calling {r} should have returned an instance of BaseException, not {tr}");
            return Err(vm.type_error(msg));
        }
        return Ok(Exc(e));
    }
    Err(vm.type_error("exceptions must derive from BaseException"))
}

pub(super) fn check_except_type(vm: &mut Vm, ty: Value) -> PyResult<()> {
    let ok =
        |t: Value| t.is::<typeobj::TypeObject>() && typeobj::is_subtype(t, vm.exc.base_exception);
    if let Some(ts) = crate::types::tuple::items(ty) {
        if ts.iter().all(|t| ok(*t)) {
            return Ok(());
        }
    } else if ok(ty) {
        return Ok(());
    }
    Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed"))
}

pub(super) fn exception_matches(vm: &mut Vm, e: Value, ty: Value) -> PyResult<bool> {
    check_except_type(vm, ty)?;
    let et = vm.type_of(e);
    if let Some(ts) = crate::types::tuple::items(ty) {
        return Ok(ts.iter().any(|t| typeobj::is_subtype(et, *t)));
    }
    Ok(typeobj::is_subtype(et, ty))
}

/// `except* T`: (match, rest).
pub(super) fn eg_match(vm: &mut Vm, e: Value, ty: Value) -> PyResult<(Value, Value)> {
    check_except_type(vm, ty)?;
    let is_group = |t: Value| {
        t.is::<typeobj::TypeObject>() && typeobj::is_subtype(t, vm.exc.base_exception_group)
    };
    if is_group(ty)
        || crate::types::tuple::items(ty).is_some_and(|ts| ts.iter().any(|t| is_group(*t)))
    {
        return Err(vm.type_error(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    let et = vm.type_of(e);
    let matches = |t: Value| -> bool {
        if let Some(ts) = crate::types::tuple::items(t) {
            ts.iter().any(|x| typeobj::is_subtype(et, *x))
        } else {
            typeobj::is_subtype(et, t)
        }
    };
    if matches(ty) {
        // A naked exception matching: wrap it in an ExceptionGroup("", [e]).
        if !typeobj::is_subtype(et, vm.exc.base_exception_group) {
            let msg = vm.names.empty;
            let l = crate::types::tuple::new_tuple(vm, vec![e]);
            let g = ops::call::call(vm, vm.exc.base_exception_group, &[msg, l])?;
            if let (Some(gx), Some(ex)) = (exc_obj(g), exc_obj(e)) {
                gx.traceback.set(ex.traceback.get());
            }
            return Ok((g, Value::NONE));
        }
        return Ok((e, Value::NONE));
    }
    if typeobj::is_subtype(et, vm.exc.base_exception_group) {
        let (m, r) = crate::types::exception_group::split(vm, e, ty)?;
        return Ok((m, r));
    }
    Ok((Value::NONE, e))
}

/// Combines the exceptions raised/re-raised by except* clauses into the group to re-raise.
pub(super) fn prep_reraise_star(vm: &mut Vm, orig: Value, raised: Value) -> PyResult {
    let items: Vec<Value> = raised
        .downcast::<crate::types::list::ListObj>()
        .map(|l| l.snapshot())
        .unwrap_or_default()
        .into_iter()
        .filter(|v| !v.is_none())
        .collect();
    if items.is_empty() {
        return Ok(Value::NONE);
    }
    if !typeobj::is_subtype(vm.type_of(orig), vm.exc.base_exception_group) {
        return Ok(items[0]);
    }
    // Re-raised exceptions are leaves of the original group; new ones are raised alongside.
    let leaves = collect_leaves(orig);
    let (mut reraised, mut new) = (Vec::new(), Vec::new());
    for e in items {
        let is_reraise = if typeobj::is_subtype(vm.type_of(e), vm.exc.base_exception_group) {
            let ls = collect_leaves(e);
            !ls.is_empty() && ls.iter().all(|l| leaves.contains(l))
        } else {
            leaves.contains(&e)
        };
        if is_reraise {
            reraised.push(e)
        } else {
            new.push(e)
        }
    }
    let kept = if reraised.is_empty() {
        Value::NONE
    } else {
        let mut keep_leaves = Vec::new();
        for e in &reraised {
            keep_leaves.extend(collect_leaves(*e));
        }
        project(vm, orig, &keep_leaves)?
    };
    if new.is_empty() {
        return Ok(kept);
    }
    let mut all = new;
    if !kept.is_none() {
        all.push(kept);
    }
    // A single exception to raise is raised as itself, not wrapped (as CPython 3.11).
    if all.len() == 1 {
        return Ok(all[0]);
    }
    let msg = vm.names.empty;
    let l = crate::types::list::new_list(vm, all);
    ops::call::call(vm, vm.exc.base_exception_group, &[msg, l])
}

pub(super) fn collect_leaves(e: Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut todo = vec![e];
    while let Some(x) = todo.pop() {
        let excs = x.header().and_then(|_| {
            crate::types::instance::items(x)
                .into_iter()
                .find(|(k, _)| crate::types::str::as_str(*k) == Some("exceptions"))
                .map(|(_, v)| v)
        });
        match excs.and_then(crate::types::tuple::items) {
            Some(items) => todo.extend(items.iter().rev().copied()),
            None => out.push(x),
        }
    }
    out
}

/// The sub-group of `eg` keeping only `keep` leaves (structure preserved).
pub(super) fn project(vm: &mut Vm, eg: Value, keep: &[Value]) -> PyResult {
    let leaves: Vec<Value> = keep.to_vec();
    let cond = crate::types::tuple::new_tuple(vm, vec![]);
    let _ = cond;
    let (m, _) = split_by_identity(vm, eg, &leaves)?;
    Ok(m)
}

pub(super) fn split_by_identity(
    vm: &mut Vm,
    eg: Value,
    keep: &[Value],
) -> PyResult<(Value, Value)> {
    let k = vm.intern("exceptions");
    let Some(excs) = crate::types::instance::get(eg, k).and_then(crate::types::tuple::items) else {
        return Ok(if keep.contains(&eg) {
            (eg, Value::NONE)
        } else {
            (Value::NONE, eg)
        });
    };
    let mut yes = Vec::new();
    for e in excs.to_vec() {
        let (m, _) = split_by_identity(vm, e, keep)?;
        if !m.is_none() {
            yes.push(m);
        }
    }
    if yes.is_empty() {
        return Ok((Value::NONE, eg));
    }
    let l = crate::types::list::new_list(vm, yes);
    let d = ops::attr::getattr_str(vm, eg, "derive")?;
    let g = ops::call::call(vm, d, &[l])?;
    if let (Some(t), Some(s)) = (exc_obj(g), exc_obj(eg)) {
        t.traceback.set(s.traceback.get());
        t.cause.set(s.cause.get());
        t.context.set(s.context.get());
    }
    Ok((g, Value::NONE))
}
