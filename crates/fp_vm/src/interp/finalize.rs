//! Finalizers: running `__del__` (and the native finalizers exposed as `__del__`, such as a
//! file's close) for objects the collector found unreachable.
//!
//! An object is finalizable when its type's MRO defines `__del__` (`TypeFlags::HAS_FINALIZER`):
//! `heap::alloc` registers it. The collection that finds it unreachable resurrects it and hands
//! it back (`heap::collect`); it waits in `Vm::pending_finalizers` (a root) until the
//! collection is over, then its `__del__` runs here, once (PEP 442). If the finalizer stored
//! the object somewhere it lives on as an ordinary object; otherwise the next collection frees
//! it. Without reference counting, a finalizer runs at the first collection after the object
//! became unreachable, not at the moment of its last `del`; `gc.collect()` runs them at once.

use crate::types::typeobj;
use crate::value::Value;
use crate::vm::Vm;

/// Runs the finalizers the last collections queued, oldest first. Finalizers queued while one
/// runs (a collection inside `__del__`) are run by this same loop.
pub fn run_pending(vm: &mut Vm) {
    if vm.finalizing {
        return;
    }
    vm.finalizing = true;
    let mut next = 0;
    while next < vm.pending_finalizers.len() {
        let obj = vm.pending_finalizers[next];
        next += 1;
        finalize(vm, obj);
    }
    vm.pending_finalizers.clear();
    vm.finalizing = false;
}

/// Whether the unreachable registered `obj` still has finalization work (see `heap::collect`).
pub fn needs_finalizer(obj: Value) -> bool {
    if let Some(g) = obj.downcast::<crate::types::generator::GeneratorObj>() {
        return crate::types::generator::needs_finalizer(g);
    }
    if obj.kind() == Some(crate::object::ObjKind::ScandirIter) {
        return crate::modules::posix::scandir::iter_is_open(obj);
    }
    true
}

/// Calls `obj`'s `__del__`, reporting an exception as CPython does (`sys.unraisablehook`,
/// "Exception ignored in: <function C.__del__ ...>"). The exception being handled around the
/// collection point is left as it was.
fn finalize(vm: &mut Vm, obj: Value) {
    if obj.is::<crate::types::generator::GeneratorObj>() {
        let handled = vm.handled_exc;
        crate::types::generator::finalize(vm, obj);
        vm.handled_exc = handled;
        return;
    }
    let ty = vm.type_of(obj);
    let del = typeobj::lookup(vm, ty, vm.names.del);
    if del.is_null() {
        return;
    }
    let handled = vm.handled_exc;
    let r = crate::ops::call::call(vm, del, &[obj]);
    vm.handled_exc = handled;
    if let Err(e) = r {
        let is_py = del.is::<crate::types::function::FunctionObj>();
        crate::modules::sys_hooks::write_unraisable(vm, e.0, None, if is_py { del } else { obj });
    }
}

/// Interpreter shutdown, after the exit functions: runs the finalizers CPython's shutdown
/// runs. CPython drops `__main__` and collects: its globals, with the functions that reference
/// them, are then cyclic garbage, finalized with every global still bound. So here: a
/// collection for what is already unreachable, then every object still registered, outermost
/// first (a text file before its buffer before its raw file), oldest first otherwise, all
/// globals intact. Objects finalized here are not freed (the process is ending).
pub fn shutdown(vm: &mut Vm) {
    if !vm.gc_safe_here(0) {
        return;
    }
    // The collection only matters for finalizers and weakref callbacks: most short programs
    // have neither, and a full collection is a large part of their run.
    let work = crate::heap::finalizable().into_iter().any(needs_finalizer)
        || crate::types::weakref::any_callback(&vm.weakrefs);
    if !work {
        return;
    }
    vm.collect_garbage();
    // Finalizers may create finalizable objects: a few passes take those too.
    for _ in 0..3 {
        let order = crate::heap::take_exit_order();
        if order.is_empty() {
            break;
        }
        vm.pending_finalizers.extend(order);
        run_pending(vm);
    }
}
