//! Suspension support for the eval loop: the awaitable behind `await`, SEND to a delegate
//! the loop cannot resume inline, and the resumer's side of a generator resumed inline
//! finishing (see `eval.rs`, `resume_inline!`).

use crate::interp::eval::Exit;
use crate::interp::frame::{FrameData, Resume, code_of};
use crate::ops;
use crate::types::generator::{self, GenKind, GeneratorObj};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use fp_bytecode::CodeFlags;

/// `await v`: the iterator to drive (coroutines themselves; `__await__()` results otherwise).
pub(super) fn get_awaitable(vm: &mut Vm, v: Value, ctx: u32) -> PyResult {
    if let Some(g) = v.downcast::<GeneratorObj>() {
        if g.kind == GenKind::Coroutine {
            return Ok(v);
        }
        if g.kind == GenKind::Generator
            && g.frame
                .downcast::<crate::interp::frame::FrameObj>()
                .is_some_and(|f| code_of(f.get()).has_flag(CodeFlags::ITERABLE_COROUTINE))
        {
            return Ok(v);
        }
    }
    if v.is::<generator::AsyncGenOp>() {
        return Ok(v);
    }
    match ops::call_special(vm, v, vm.names.await_, &[])? {
        Some(it) => {
            if let Some(g) = it.downcast::<GeneratorObj>()
                && g.kind == GenKind::Coroutine
            {
                return Err(vm.type_error("__await__() returned a coroutine"));
            }
            if !ops::has_special(vm, it, vm.names.next) {
                return Err(vm.type_error(format!(
                    "__await__() returned non-iterator of type '{}'",
                    vm.type_name(it)
                )));
            }
            Ok(it)
        }
        None => {
            let msg = match ctx {
                1 => format!(
                    "'async with' received an object from __aenter__ that does not implement __await__: {}",
                    vm.type_name(v)
                ),
                2 => format!(
                    "'async with' received an object from __aexit__ that does not implement __await__: {}",
                    vm.type_name(v)
                ),
                _ => format!(
                    "object {} can't be used in 'await' expression",
                    vm.type_name(v)
                ),
            };
            Err(vm.type_error(msg))
        }
    }
}

/// A generator resumed inline by `kind` returned `v` (or was found closed): its resumer's
/// frame `f` goes on as the resumption asks. Returns the exception to raise there, if any.
pub(super) fn generator_returned(
    vm: &mut Vm,
    f: &mut FrameData,
    kind: Resume,
    default: Value,
    g: &GeneratorObj,
    v: Value,
) -> Option<Exc> {
    match kind {
        Resume::ForIter(target) => {
            f.stack.pop();
            f.ip = target as usize;
        }
        Resume::Send(target) => {
            f.stack.pop();
            f.stack.push(v);
            f.ip = target as usize;
        }
        Resume::Call if !default.is_null() => f.stack.push(default),
        Resume::Call => return Some(generator::stop_iteration_for(vm, g, v)),
        Resume::Rust => return Some(vm.system_error("generator returned to no resumer")),
    }
    None
}

/// SEND: Ok(Ok(yielded)) or Ok(Err(return value)).
pub(super) fn send_to(vm: &mut Vm, recv: Value, v: Value) -> PyResult<Result<Value, Value>> {
    if let Some(g) = recv.downcast::<GeneratorObj>() {
        return match generator::resume(vm, recv, g, v, None)? {
            Exit::Yield(y) => Ok(Ok(y)),
            Exit::Return(r) => Ok(Err(r)),
        };
    }
    let r = if v.is_none() {
        match ops::call_special(vm, recv, vm.names.next, &[]) {
            Ok(Some(y)) => Ok(y),
            Ok(None) => {
                return Err(vm.type_error(format!(
                    "'{}' object is not an iterator",
                    vm.type_name(recv)
                )));
            }
            Err(e) => Err(e),
        }
    } else {
        let m = ops::attr::getattr(vm, recv, vm.names.send)?;
        ops::call::call(vm, m, &[v])
    };
    generator::delegate_result(vm, r)
}
