//! `atexit`: functions run when the interpreter ends (after the main program, also after an
//! uncaught exception or `sys.exit`), last registered first.

use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("register", "(func, /, *args, **kwargs)", register),
    native!("unregister", "(func, /)", unregister),
    native!("_run_exitfuncs", "()", run_exitfuncs_native),
    native!("_clear", "()", clear),
    native!("_ncallbacks", "()", ncallbacks),
];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(vm, "atexit", FUNCS))
}

/// The registered (func, args, kwargs) triples, as a list of tuples kept in the VM state.
fn callbacks(vm: &mut Vm) -> Value {
    if let Some(l) = vm.state_get("atexit.callbacks") {
        return l;
    }
    let l = crate::types::list::new_list(vm, vec![]);
    vm.state_set("atexit.callbacks", l);
    l
}

fn entries(vm: &mut Vm) -> Vec<Value> {
    let l = callbacks(vm);
    l.downcast::<crate::types::list::ListObj>()
        .map(|l| l.items.borrow().clone())
        .unwrap_or_default()
}

fn register(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !crate::ops::call::is_callable(vm, a[0]) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let kw = if a[2].is_null() { Value::NONE } else { a[2] };
    let entry = crate::types::tuple::new_tuple(vm, vec![a[0], a[1], kw]);
    let l = callbacks(vm);
    if let Some(l) = l.downcast::<crate::types::list::ListObj>() {
        l.items.borrow_mut().push(entry);
    }
    Ok(a[0])
}

fn unregister(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut keep = Vec::new();
    for e in entries(vm) {
        let f = crate::types::tuple::items(e)
            .map(|t| t[0])
            .unwrap_or(Value::NONE);
        if !crate::ops::compare::eq(vm, f, a[0])? {
            keep.push(e);
        }
    }
    let l = callbacks(vm);
    if let Some(l) = l.downcast::<crate::types::list::ListObj>() {
        *l.items.borrow_mut() = keep;
    }
    Ok(Value::NONE)
}

fn clear(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let l = callbacks(vm);
    if let Some(l) = l.downcast::<crate::types::list::ListObj>() {
        l.items.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

fn ncallbacks(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let n = entries(vm).len();
    Ok(crate::types::int::from_usize(vm, n))
}

fn run_exitfuncs_native(vm: &mut Vm, _a: &[Value]) -> PyResult {
    run_exitfuncs(vm);
    Ok(Value::NONE)
}

/// Runs and forgets the registered functions, newest first; an exception in one is reported
/// ("Exception ignored in atexit callback") and the others still run.
pub fn run_exitfuncs(vm: &mut Vm) {
    if vm.state_get("atexit.callbacks").is_none() {
        return;
    }
    let all = entries(vm);
    let _ = clear(vm, &[]);
    for e in all.into_iter().rev() {
        let Some(t) = crate::types::tuple::items(e) else {
            continue;
        };
        let (f, args, kw) = (t[0], t[1], t[2]);
        let args: Vec<Value> = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
        let kw = if kw.is_none() { Value::NULL } else { kw };
        if let Err(exc) = crate::ops::call::call_ex(vm, f, &args, kw) {
            if vm.exc_matches(exc, vm.exc.system_exit) {
                continue;
            }
            crate::modules::sys_hooks::write_unraisable(
                vm,
                exc.0,
                Some("Exception ignored in atexit callback"),
                f,
            );
        }
    }
}
