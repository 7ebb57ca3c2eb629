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
//!
//! To come closer to CPython's timing where programs most often count on it, rebinding or
//! deleting a variable that held a finalizable object (`p = None`, `del f`) asks for an early
//! collection (`note_dropped`) and the store becomes a safe point; a function returning
//! after such objects were made looks through its locals the same way (`note_return`), the
//! collection running once its caller resumes. The heap keeps budgets for both
//! (`heap::EarlyBudget`). If that was the last reference, `__del__` runs as under CPython's
//! reference counting.

use crate::object::ObjKind;
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

/// Whether overwriting or deleting a reference to `old` may have left a finalizable object
/// unreachable (the cheap test, inlined where locals are stored).
#[inline(always)]
pub fn drops_finalizable(old: Value) -> bool {
    // Small ints and immediates first: one test (a pointer's low three bits are clear).
    if old.bits() & 0b111 != 0 {
        return false;
    }
    let Some(ty) = old.header().and_then(|h| h.ty().header()) else {
        return false;
    };
    debug_assert!(ty.kind() == ObjKind::Type);
    // SAFETY: an object's type, once set, is a type object: `heap::alloc`'s callers pass
    // types, `__class__` assignment accepts only types, and the bootstrap gives the first
    // types (allocated with a NULL type, which `header()` rejected) theirs before any code
    // runs. The kind check `downcast` would make costs two more loads on every store of a
    // local (this is the hot path of STORE_FAST).
    let t = unsafe { ty.payload::<typeobj::TypeObject>() };
    t.flags.get().0 & typeobj::TypeFlags::HAS_FINALIZER.0 != 0
}

/// A local's reference to `old`, an object whose type has a finalizer, was just dropped:
/// asks for an early collection (see the module doc) unless `old` has nothing left to do.
/// Returns whether it asked (the caller then makes its position a safe point).
#[cold]
#[inline(never)]
pub fn note_dropped(old: Value, budget: crate::heap::EarlyBudget) -> bool {
    let io_kind = matches!(
        old.kind(),
        Some(ObjKind::IoFile | ObjKind::IoBuffered | ObjKind::IoText)
    );
    if io_kind && !crate::modules::io::iobase::may_hold_open_file(old) {
        return false;
    }
    // A suspended generator counts even when it has no cleanup of its own: its frame may
    // hold what does (a `for` over another generator, an open file).
    if let Some(g) = old.downcast::<crate::types::generator::GeneratorObj>() {
        return crate::types::generator::needs_finalizer(g)
            && crate::heap::request_early_collection(budget);
    }
    // The budget first: the registration test is a scan of the registered objects.
    crate::heap::early_collection_allowed(budget)
        && crate::heap::is_registered_finalizer(old)
        && needs_finalizer(old)
        && crate::heap::request_early_collection(budget)
}

/// A function returns while objects with finalizers were made during its run
/// (`FrameData::fin_mark`): a local holding one, or a suspended generator with cleanup to do
/// (`for x in walk: break` on a local generator), may have been its last reference, as when
/// CPython's frame dies. Asks for an early collection at the next safe point (the return
/// itself is not one: the frame still holds its locals; the caller's next instruction is,
/// when the eval loop returns into it). The returned value is not dropped. Returns whether it
/// asked.
#[cold]
#[inline(never)]
pub fn note_return(fast: &[Value], nlocals: usize, returned: Value) -> bool {
    for &v in fast.iter().take(nlocals) {
        if v == returned || v.is_null() {
            continue;
        }
        let candidate = drops_finalizable(v) || v.is::<crate::types::generator::GeneratorObj>();
        if candidate && note_dropped(v, crate::heap::EarlyBudget::Return) {
            return true;
        }
    }
    false
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
