//! `aiter()` and `anext()`. `anext(it, default)` returns an `anext_awaitable`: it drives the
//! awaitable of `it.__anext__()` and turns its StopAsyncIteration into the default, as
//! CPython's does.

use crate::modules::stdobj::{self, StdData};
use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::typeobj::TypeFlags;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::Cell;

const TYPE_KEY: &str = "builtins.anext_awaitable";

pub fn aiter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(it) = ops::call_special(vm, a[0], vm.names.aiter, &[])? else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterable",
            vm.type_name(a[0])
        )));
    };
    if !ops::has_special(vm, it, vm.names.anext) {
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            vm.type_name(it)
        )));
    }
    Ok(it)
}

pub fn anext(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(awaitable) = ops::call_special(vm, a[0], vm.names.anext, &[])? else {
        return Err(vm.type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(a[0])
        )));
    };
    if a[1].is_null() {
        return Ok(awaitable);
    }
    let ty = match vm.state_get(TYPE_KEY) {
        Some(t) => t,
        None => stdobj::new_type(
            vm,
            "builtins",
            "anext_awaitable",
            TypeFlags(0),
            AWAITABLE_METHODS,
        ),
    };
    Ok(stdobj::new_obj(
        ty,
        AnextAwaitable {
            wrapped: awaitable,
            default: a[1],
            iter: Cell::new(Value::NULL),
        },
    ))
}

struct AnextAwaitable {
    /// What `__anext__()` returned.
    wrapped: Value,
    default: Value,
    /// The iterator `wrapped.__await__()` gave (NULL before the first step).
    iter: Cell<Value>,
}

impl StdData for AnextAwaitable {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.wrapped, self.default, self.iter.get()], visit);
    }
}

static AWAITABLE_METHODS: &[NativeDef] = &[
    native!("__await__", "($self, /)", aw_self),
    native!("__iter__", "($self, /)", aw_self),
    native!("__next__", "($self, /)", aw_next),
    native!("send", "($self, value, /)", aw_send),
    native!("throw", "($self, typ, val=None, tb=None, /)", aw_throw),
    native!("close", "($self, /)", aw_close),
];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static AnextAwaitable> {
    stdobj::expect::<AnextAwaitable>(vm, v, "anext_awaitable")
}

/// The iterator of the wrapped awaitable: itself when it is a coroutine or an async
/// generator's awaitable, else what its `__await__` returns.
fn iterator(vm: &mut Vm, aw: &AnextAwaitable) -> PyResult {
    let it = aw.iter.get();
    if !it.is_null() {
        return Ok(it);
    }
    let w = aw.wrapped;
    let it = if w
        .downcast::<crate::types::generator::GeneratorObj>()
        .is_some_and(|g| g.kind == crate::types::generator::GenKind::Coroutine)
        || w.is::<crate::types::generator::AsyncGenOp>()
    {
        w
    } else {
        match ops::call_special(vm, w, vm.names.await_, &[])? {
            Some(it) => it,
            None => {
                return Err(vm.type_error(format!(
                    "object {} can't be used in 'await' expression",
                    vm.type_name(w)
                )));
            }
        }
    };
    aw.iter.set(it);
    Ok(it)
}

/// StopAsyncIteration from the wrapped awaitable means the iterator is exhausted: finish
/// with the default instead.
fn exhausted_to_default(vm: &mut Vm, aw: &AnextAwaitable, r: PyResult) -> PyResult {
    match r {
        Err(e) if vm.exc_matches(e, vm.exc.stop_async_iteration) => {
            Err(vm.stop_iteration(aw.default))
        }
        r => r,
    }
}

fn aw_self(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn step(vm: &mut Vm, a0: Value, method: Value, args: &[Value]) -> PyResult {
    let aw = this(vm, a0)?;
    let it = iterator(vm, aw)?;
    let r = ops::call::call_method(vm, it, method, args);
    exhausted_to_default(vm, aw, r)
}

fn aw_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    // Coroutines have no `__next__`: stepping one is sending None.
    let aw = this(vm, a[0])?;
    let it = iterator(vm, aw)?;
    if ops::has_special(vm, it, vm.names.next) {
        step(vm, a[0], vm.names.next, &[])
    } else {
        step(vm, a[0], vm.names.send, &[Value::NONE])
    }
}

fn aw_send(vm: &mut Vm, a: &[Value]) -> PyResult {
    step(vm, a[0], vm.names.send, &[a[1]])
}

fn aw_throw(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args: Vec<Value> = a[1..].iter().copied().filter(|v| !v.is_null()).collect();
    step(vm, a[0], vm.names.throw, &args)
}

fn aw_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let aw = this(vm, a[0])?;
    let it = iterator(vm, aw)?;
    match crate::ops::attr::getattr_opt(vm, it, vm.names.close)? {
        Some(m) => crate::ops::call::call(vm, m, &[]),
        None => Ok(Value::NONE),
    }
}
