//! `BaseExceptionGroup` / `ExceptionGroup`: construction rules, `message`, `exceptions`,
//! `split`, `subgroup`, `derive`, and the `str()` form "msg (N sub-exceptions)".

use crate::native::NativeDef;
use crate::types::exceptions::exc_obj;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};

pub fn init(vm: &mut Vm) {
    let t = vm.exc.base_exception_group;
    typeobj::add_methods(vm, t, METHODS);
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, message, exceptions, /)", eg_new),
    native!("__init__", "($self, /, *args)", eg_init),
    native!("__str__", "($self, /)", eg_str),
    native!("derive", "($self, excs, /)", eg_derive),
    native!("split", "($self, condition, /)", eg_split),
    native!("subgroup", "($self, condition, /)", eg_subgroup),
];

fn eg_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (mut cls, msg, excs) = (a[0], a[1], a[2]);
    if !msg.is::<crate::types::str::StrObj>() {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            vm.type_name(msg)
        )));
    }
    let items = crate::ops::iter::collect(vm, excs)
        .map_err(|_| vm.type_error("second argument (exceptions) must be a sequence"))?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exc = true;
    for (i, e) in items.iter().enumerate() {
        if exc_obj(*e).is_none() {
            return Err(vm.value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !typeobj::is_subtype(vm.type_of(*e), vm.exc.exception) {
            all_exc = false;
        }
    }
    if cls == vm.exc.base_exception_group {
        if all_exc {
            cls = vm.exc.exception_group;
        }
    } else if cls == vm.exc.exception_group && !all_exc {
        return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    } else if typeobj::is_subtype(cls, vm.exc.exception) && !all_exc {
        let n = typeobj::type_name(cls);
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{n}'")));
    }
    let t = crate::types::tuple::new_tuple(vm, vec![msg, excs]);
    let e = crate::types::exceptions::new_exception(vm, cls, vec![]);
    if let Some(x) = exc_obj(e) {
        x.args.set(t);
    }
    let tup = crate::types::tuple::new_tuple(vm, items);
    let k = vm.intern("message");
    crate::types::instance::set(vm, e, k, msg);
    let k = vm.intern("exceptions");
    crate::types::instance::set(vm, e, k, tup);
    Ok(e)
}

fn eg_init(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn field(vm: &mut Vm, e: Value, n: &str) -> Value {
    let k = vm.intern(n);
    crate::types::instance::get(e, k).unwrap_or(Value::NONE)
}

fn eg_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let msg = field(vm, a[0], "message");
    let n = crate::types::tuple::items(field(vm, a[0], "exceptions"))
        .map(|t| t.len())
        .unwrap_or(0);
    let m = crate::types::str::as_str(msg).unwrap_or("");
    let s = if n == 1 { "" } else { "s" };
    Ok(vm.new_string(format!("{m} ({n} sub-exception{s})")))
}

fn eg_derive(vm: &mut Vm, a: &[Value]) -> PyResult {
    let msg = field(vm, a[0], "message");
    let ty = vm.exc.base_exception_group;
    crate::ops::call::call(vm, ty, &[msg, a[1]])
}

/// Builds a matcher from a split/subgroup condition: a type, a tuple of types, or a callable.
fn matches(vm: &mut Vm, cond: Value, e: Value) -> PyResult<bool> {
    if cond.is::<typeobj::TypeObject>() {
        return Ok(typeobj::is_subtype(vm.type_of(e), cond));
    }
    if let Some(ts) = crate::types::tuple::items(cond) {
        let et = vm.type_of(e);
        return Ok(ts.iter().any(|t| typeobj::is_subtype(et, *t)));
    }
    let r = crate::ops::call::call(vm, cond, &[e])?;
    crate::ops::truth::is_true(vm, r)
}

/// Splits `eg` into (matching, rest), each an exception group or None, keeping structure,
/// and copying traceback/cause/context/notes onto derived groups as CPython.
pub fn split(vm: &mut Vm, eg: Value, cond: Value) -> PyResult<(Value, Value)> {
    if matches(vm, cond, eg)? {
        return Ok((eg, Value::NONE));
    }
    let excs = crate::types::tuple::items(field(vm, eg, "exceptions"))
        .unwrap_or(&[])
        .to_vec();
    let (mut yes, mut no) = (Vec::new(), Vec::new());
    for e in excs {
        if typeobj::is_subtype(vm.type_of(e), vm.exc.base_exception_group) {
            let (m, r) = split(vm, e, cond)?;
            if !m.is_none() {
                yes.push(m);
            }
            if !r.is_none() {
                no.push(r);
            }
        } else if matches(vm, cond, e)? {
            yes.push(e);
        } else {
            no.push(e);
        }
    }
    let mk = |vm: &mut Vm, v: Vec<Value>| -> PyResult {
        if v.is_empty() {
            return Ok(Value::NONE);
        }
        let l = crate::types::list::new_list(vm, v);
        let d = crate::ops::attr::getattr_str(vm, eg, "derive")?;
        let g = crate::ops::call::call(vm, d, &[l])?;
        copy_metadata(vm, eg, g)?;
        Ok(g)
    };
    let m = mk(vm, yes)?;
    let r = mk(vm, no)?;
    Ok((m, r))
}

fn copy_metadata(vm: &mut Vm, from: Value, to: Value) -> PyResult<()> {
    if let (Some(f), Some(t)) = (exc_obj(from), exc_obj(to)) {
        t.traceback.set(f.traceback.get());
        t.cause.set(f.cause.get());
        t.context.set(f.context.get());
    }
    let k = vm.intern("__notes__");
    if let Some(n) = crate::types::instance::get(from, k) {
        crate::types::instance::set(vm, to, k, n);
    }
    Ok(())
}

fn eg_split(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (m, r) = split(vm, a[0], a[1])?;
    Ok(crate::types::tuple::new_tuple(vm, vec![m, r]))
}

fn eg_subgroup(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(split(vm, a[0], a[1])?.0)
}
