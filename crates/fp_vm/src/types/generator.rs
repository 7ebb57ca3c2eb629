//! Generators, coroutines and async generators: one payload holding a suspended frame.
//! `send`/`throw`/`close` resume the frame through `interp::eval::resume`; `yield from` /
//! `await` delegation of `throw`/`close` follows CPython (PEP 380), and PEP 479 turns a
//! StopIteration escaping a generator into RuntimeError.
//!
//! Async generators hand out awaitables (`asend`/`athrow`) that drive the generator until it
//! yields a value marked by ASYNC_GEN_WRAP, which then finishes the awaitable with
//! StopIteration(value).

use crate::heap::alloc;
use crate::interp::eval::{self, Exit};
use crate::interp::frame::{FrameData, Resume};
use crate::native;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use std::cell::Cell;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenState {
    Created,
    Suspended,
    Running,
    Closed,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

pub struct GeneratorObj {
    pub frame: Value,
    pub state: Cell<GenState>,
    pub kind: GenKind,
    pub name: Cell<Value>,
    pub qualname: Cell<Value>,
    /// The exception this generator was handling when it last suspended.
    pub exc_state: Cell<Value>,
    /// Async generators: whether `aclose`/athrow already ran to completion.
    pub hooks_done: Cell<bool>,
    /// Async generators: the `sys.set_asyncgen_hooks` finalizer captured at the first
    /// iteration (NULL before it).
    pub finalizer: Cell<Value>,
}

impl Trace for GeneratorObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [
            self.frame,
            self.name.get(),
            self.qualname.get(),
            self.exc_state.get(),
            self.finalizer.get(),
        ] {
            v.trace(visit)
        }
    }
}

impl Payload for GeneratorObj {
    const KIND: ObjKind = ObjKind::Generator;
}

pub fn new_generator(
    vm: &mut Vm,
    frame: Value,
    kind: GenKind,
    name: Value,
    qualname: Value,
) -> Value {
    let ty = match kind {
        GenKind::Generator => vm.types.generator,
        GenKind::Coroutine => vm.types.coroutine,
        GenKind::AsyncGenerator => vm.types.async_generator,
    };
    let g = alloc(
        ty,
        GeneratorObj {
            frame,
            state: Cell::new(GenState::Created),
            kind,
            name: Cell::new(name),
            qualname: Cell::new(qualname),
            exc_state: Cell::new(Value::NONE),
            hooks_done: Cell::new(false),
            finalizer: Cell::new(Value::NULL),
        },
    );
    crate::interp::frame::set_generator(frame, g);
    // Finalization matters for coroutines (the never-awaited warning), async generators (the
    // finalizer hook) and generators that can suspend inside try/with (their cleanup runs
    // on collection); other generators need none.
    if kind != GenKind::Generator || crate::interp::frame::code_has_handlers(frame) {
        crate::heap::register_finalizer(g);
    }
    g
}

/// The finalizer of a collected generator, coroutine or async generator (CPython's
/// `_PyGen_Finalize`): an async generator with a finalizer hook is handed to it; a coroutine
/// never started warns "coroutine ... was never awaited"; a suspended one is closed, an error
/// from that going to `sys.unraisablehook`.
pub fn finalize(vm: &mut Vm, gv: Value) {
    let Some(g) = gv.downcast::<GeneratorObj>() else {
        return;
    };
    let state = g.state.get();
    if state == GenState::Closed {
        return;
    }
    if g.kind == GenKind::AsyncGenerator {
        let hook = g.finalizer.get();
        if !hook.is_null() && !hook.is_none() {
            if let Err(e) = crate::ops::call::call(vm, hook, &[gv]) {
                crate::modules::sys_hooks::write_unraisable(vm, e.0, None, gv);
            }
            return;
        }
    }
    if g.kind == GenKind::Coroutine && state == GenState::Created {
        let q = crate::types::str::as_str(g.qualname.get())
            .unwrap_or("?")
            .to_string();
        let r = crate::modules::warnings::warn_unawaited_coroutine(vm, gv, &q);
        if let Err(e) = r {
            crate::modules::sys_hooks::write_unraisable(vm, e.0, None, gv);
        }
        g.state.set(GenState::Closed);
        return;
    }
    if state == GenState::Suspended
        && let Err(e) = close(vm, gv, g)
    {
        crate::modules::sys_hooks::write_unraisable(vm, e.0, None, gv);
    }
}

/// Whether [`finalize`] would do anything for `g` (it is suspended, or a coroutine never
/// started, or an async generator with a finalizer hook not yet closed).
pub fn needs_finalizer(g: &GeneratorObj) -> bool {
    match (g.kind, g.state.get()) {
        (_, GenState::Closed) => false,
        (_, GenState::Suspended) => true,
        (GenKind::Coroutine, GenState::Created) => true,
        (GenKind::AsyncGenerator, _) => {
            let hook = g.finalizer.get();
            !hook.is_null() && !hook.is_none()
        }
        _ => false,
    }
}

/// First iteration of an async generator: calls the `firstiter` hook and captures the
/// `finalizer` hook, as CPython's `async_gen_init_hooks`.
fn init_async_hooks(vm: &mut Vm, gv: Value, g: &GeneratorObj) -> PyResult<()> {
    if !g.finalizer.get().is_null() {
        return Ok(());
    }
    let fin = vm
        .state_get("sys.asyncgen_finalizer")
        .unwrap_or(Value::NONE);
    g.finalizer.set(fin);
    if let Some(first) = vm.state_get("sys.asyncgen_firstiter")
        && !first.is_none()
    {
        crate::ops::call::call(vm, first, &[gv])?;
    }
    Ok(())
}

fn kind_name(k: GenKind) -> &'static str {
    match k {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async generator",
    }
}

/// CPython's checks before a generator runs: Ok(true) to run its frame, Ok(false) when it
/// is closed and so returns None at once.
fn check_resumable(
    vm: &mut Vm,
    g: &GeneratorObj,
    value: Value,
    throw: Option<Exc>,
) -> PyResult<bool> {
    match g.state.get() {
        GenState::Running => {
            Err(vm.value_error(format!("{} already executing", kind_name(g.kind))))
        }
        GenState::Closed => {
            if let Some(e) = throw {
                return Err(e);
            }
            if g.kind == GenKind::Coroutine {
                return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
            }
            Ok(false)
        }
        GenState::Created => {
            if throw.is_none() && !value.is_none() {
                let what = kind_name(g.kind);
                return Err(vm.type_error(format!(
                    "can't send non-None value to a just-started {what}"
                )));
            }
            if let Some(e) = throw {
                g.state.set(GenState::Closed);
                return Err(e);
            }
            Ok(true)
        }
        GenState::Suspended => Ok(true),
    }
}

/// The resumer's handled-exception state (`Vm::handled_exc`, `Vm::handled_outer`), saved
/// while a generator runs.
type SavedExc = (Value, Value);

/// Marks `g` running with its own handled exception (CPython keeps one per generator); the
/// resumer's shows through while it has none. Returns the resumer's state.
fn enter_running(vm: &mut Vm, g: &GeneratorObj) -> SavedExc {
    let saved = (vm.handled_exc, vm.handled_outer);
    vm.handled_outer = vm.current_exc();
    vm.handled_exc = g.exc_state.get();
    g.state.set(GenState::Running);
    saved
}

/// `g` yielded: it keeps the exception it is handling for its next resumption.
fn after_yield(vm: &mut Vm, g: &GeneratorObj, saved: SavedExc) {
    let own = vm.handled_exc;
    g.exc_state
        .set(if own.is_null() { Value::NONE } else { own });
    (vm.handled_exc, vm.handled_outer) = saved;
    g.state.set(GenState::Suspended);
}

/// `g` returned.
fn after_return(vm: &mut Vm, g: &GeneratorObj, saved: SavedExc) {
    (vm.handled_exc, vm.handled_outer) = saved;
    g.state.set(GenState::Closed);
    g.exc_state.set(Value::NONE);
}

/// An exception escaped `g`'s frame: what its caller sees. PEP 479: StopIteration (and
/// StopAsyncIteration in async generators) becomes RuntimeError.
fn after_error(vm: &mut Vm, g: &GeneratorObj, saved: SavedExc, e: Exc) -> Exc {
    after_return(vm, g, saved);
    let stop = vm.exc_matches(e, vm.exc.stop_iteration);
    if !stop
        && !(g.kind == GenKind::AsyncGenerator && vm.exc_matches(e, vm.exc.stop_async_iteration))
    {
        return e;
    }
    let what = if stop {
        "StopIteration"
    } else {
        "StopAsyncIteration"
    };
    let re = vm.runtime_error(format!("{} raised {what}", kind_name(g.kind)));
    if let Some(x) = crate::types::exceptions::exc_obj(re.0) {
        x.cause.set(e.0);
        x.context.set(e.0);
        x.suppress_context.set(true);
    }
    re
}

/// Resumes `g` with `value` sent in, or `throw` raised at the suspension point, running its
/// frame in a nested eval loop (the eval loop itself resumes generators inline: see
/// `begin_inline`). Returns Ok(Exit::Yield(v)) when it yielded, Ok(Exit::Return(v)) when it
/// returned.
pub fn resume(
    vm: &mut Vm,
    gv: Value,
    g: &GeneratorObj,
    value: Value,
    throw: Option<Exc>,
) -> PyResult<Exit> {
    resume_in(vm, gv, g, value, throw, false)
}

/// `resume`, from a clean position when `clean` (see `ops::call::call_clean`); the caller
/// roots `gv`.
pub fn resume_in(
    vm: &mut Vm,
    _gv: Value,
    g: &GeneratorObj,
    value: Value,
    throw: Option<Exc>,
    clean: bool,
) -> PyResult<Exit> {
    let first = g.state.get() == GenState::Created;
    if !check_resumable(vm, g, value, throw)? {
        return Ok(Exit::Return(Value::NONE));
    }
    let mark = vm.roots_mark();
    let outer = enter_running(vm, g);
    if clean {
        // The resumer's handled exceptions wait in this Rust frame.
        vm.root(outer.0);
        vm.root(outer.1);
        vm.root(value);
    }
    if let Some(e) = throw {
        // As CPython's gen_send_ex: an exception thrown in is chained to the one the
        // generator is handling (or its resumer's).
        eval::set_context(vm, e);
    }
    let sent = if first { Value::NULL } else { value };
    let r = eval::resume(vm, g.frame, sent, throw, clean);
    vm.truncate_roots(mark);
    match r {
        Ok(Exit::Yield(v)) => {
            after_yield(vm, g, outer);
            Ok(Exit::Yield(v))
        }
        Ok(Exit::Return(v)) => {
            after_return(vm, g, outer);
            Ok(Exit::Return(v))
        }
        Err(e) => Err(after_error(vm, g, outer, e)),
    }
}

/// Starts resuming `g` inline in the eval loop, `value` sent in: Ok(None) when it is closed
/// (it returns None at once), else its frame, which the loop pushes and runs (after setting
/// its `resume`). Its yield, return or error then ends in `yielded_inline`, `returned_inline`
/// or `raised_inline`.
pub fn begin_inline(vm: &mut Vm, g: &GeneratorObj, value: Value) -> PyResult<Option<Value>> {
    let first = g.state.get() == GenState::Created;
    if !check_resumable(vm, g, value, None)? {
        return Ok(None);
    }
    let outer = enter_running(vm, g);
    let fd = crate::interp::frame::fobj(g.frame).get_mut();
    if !first {
        fd.stack.push(value);
    }
    fd.resume_saved_exc = outer;
    Ok(Some(g.frame))
}

/// Clears the inline-resumption state of a generator frame leaving the frame stack; returns
/// its generator and the caller's handled exception.
fn end_inline(fd: &mut FrameData) -> (Option<&'static GeneratorObj>, SavedExc) {
    let outer = fd.resume_saved_exc;
    fd.resume = Resume::Rust;
    fd.resume_saved_exc = (Value::NULL, Value::NULL);
    fd.resume_default = Value::NULL;
    (fd.generator.downcast::<GeneratorObj>(), outer)
}

/// A generator resumed inline yielded (its frame is `fd`, already off the frame stack).
pub fn yielded_inline(vm: &mut Vm, fd: &mut FrameData) {
    if let (Some(g), outer) = end_inline(fd) {
        after_yield(vm, g, outer);
    }
}

/// A generator resumed inline returned.
pub fn returned_inline(vm: &mut Vm, fd: &mut FrameData) {
    if let (Some(g), outer) = end_inline(fd) {
        after_return(vm, g, outer);
    }
}

/// An exception escaped a generator resumed inline: what its caller sees.
pub fn raised_inline(vm: &mut Vm, fd: &mut FrameData, e: Exc) -> Exc {
    match end_inline(fd) {
        (Some(g), outer) => after_error(vm, g, outer, e),
        (None, _) => e,
    }
}

/// For the eval loop's CALL: when calling `callable` with `args` just resumes a generator
/// (`next(g)`, `next(g, default)`, `g.__next__()`, `g.send(v)`), the generator, the value
/// sent and the default (NULL if none), so the loop can run it inline.
pub fn resumed_by_call(
    callable: Value,
    args: &[Value],
) -> Option<(&'static GeneratorObj, Value, Value)> {
    let n = callable.downcast::<crate::types::function::NativeFunction>()?;
    let f = n.def.func as usize;
    let (next_fn, next_m, send_m): (native::NativeFn, native::NativeFn, native::NativeFn) =
        (crate::modules::builtins::next, m_next, m_send);
    // The builtin `next` may be bound to its module; the methods to their generator.
    let (this, rest) = if f == next_fn as usize || n.bound.is_null() {
        (*args.first()?, &args[1..])
    } else {
        (n.bound, args)
    };
    let g = this.downcast::<GeneratorObj>()?;
    let (sent, default) = if f == next_fn as usize {
        match rest {
            [] => (Value::NONE, Value::NULL),
            [d] => (Value::NONE, *d),
            _ => return None,
        }
    } else if f == next_m as usize && rest.is_empty() {
        (Value::NONE, Value::NULL)
    } else if f == send_m as usize && rest.len() == 1 {
        (rest[0], Value::NULL)
    } else {
        return None;
    };
    // `next()` and `__next__` take generators only; `send` also coroutines.
    match g.kind {
        GenKind::Generator => Some((g, sent, default)),
        GenKind::Coroutine if f == send_m as usize => Some((g, sent, default)),
        _ => None,
    }
}

/// The generator's return value `v` as the exception `next()`/`send()` raise.
pub fn stop_iteration_for(vm: &mut Vm, g: &GeneratorObj, v: Value) -> Exc {
    stop_with(vm, g.kind, v)
}

fn gen_of(vm: &mut Vm, v: Value) -> PyResult<&'static GeneratorObj> {
    match v.downcast::<GeneratorObj>() {
        Some(g) => Ok(g),
        None => Err(vm.type_error(format!("expected a generator, got '{}'", vm.type_name(v)))),
    }
}

/// `agen.send(v)`: the yielded value, or StopIteration(return value).
pub fn send(vm: &mut Vm, gv: Value, value: Value) -> PyResult {
    let g = gen_of(vm, gv)?;
    match resume(vm, gv, g, value, None)? {
        Exit::Yield(v) => Ok(v),
        Exit::Return(v) => Err(stop_with(vm, g.kind, v)),
    }
}

fn stop_with(vm: &mut Vm, kind: GenKind, v: Value) -> Exc {
    if kind == GenKind::AsyncGenerator {
        return vm.new_exc_args(vm.exc.stop_async_iteration, vec![]);
    }
    let args = if v.is_none() { Value::NULL } else { v };
    vm.stop_iteration(args)
}

/// `next()` on a generator for for-loops: Ok(None) when it finished.
pub fn next_for_iteration(vm: &mut Vm, gv: Value, g: &GeneratorObj) -> PyResult<Option<Value>> {
    next_for_iteration_in(vm, gv, g, false)
}

/// `next_for_iteration`, from a clean position when `clean` (the caller roots `gv`).
pub fn next_for_iteration_in(
    vm: &mut Vm,
    gv: Value,
    g: &GeneratorObj,
    clean: bool,
) -> PyResult<Option<Value>> {
    if g.kind != GenKind::Generator {
        return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(gv))));
    }
    match resume_in(vm, gv, g, Value::NONE, None, clean)? {
        Exit::Yield(v) => Ok(Some(v)),
        Exit::Return(_) => Ok(None),
    }
}

/// Builds the exception for `throw(typ[, val[, tb]])`, as CPython's gen_throw.
pub fn make_throw_exc(vm: &mut Vm, typ: Value, val: Value, tb: Value) -> PyResult<Exc> {
    let val = if val.is_null() { Value::NONE } else { val };
    let tb = if tb.is_null() { Value::NONE } else { tb };
    if !tb.is_none() && !tb.is::<crate::interp::traceback::TracebackObj>() {
        return Err(vm.type_error("throw() third argument must be a traceback object"));
    }
    let exc = if typ.is::<crate::types::typeobj::TypeObject>()
        && crate::types::typeobj::is_subtype(typ, vm.exc.base_exception)
    {
        if crate::types::exceptions::exc_obj(val).is_some()
            && crate::types::typeobj::is_subtype(vm.type_of(val), typ)
        {
            val
        } else {
            let args: Vec<Value> = if val.is_none() {
                vec![]
            } else if let Some(t) = crate::types::tuple::items(val) {
                t.to_vec()
            } else {
                vec![val]
            };
            // As CPython's gen_throw, an error instantiating the exception is what gets
            // thrown into the generator.
            let e = match crate::ops::call::call(vm, typ, &args) {
                Ok(e) => e,
                Err(err) => return Ok(err),
            };
            if crate::types::exceptions::exc_obj(e).is_none() {
                let r = crate::ops::repr::repr_string(vm, typ)?;
                return Ok(vm.type_error(format!(
                    "calling {r} should have returned an instance of BaseException, not {}",
                    vm.type_name(e)
                )));
            }
            e
        }
    } else if crate::types::exceptions::exc_obj(typ).is_some() {
        if !val.is_none() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ
    } else {
        return Err(vm.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            vm.type_name(typ)
        )));
    };
    if !tb.is_none()
        && let Some(x) = crate::types::exceptions::exc_obj(exc)
    {
        x.traceback.set(tb);
    }
    Ok(Exc(exc))
}

/// `agen.throw(...)` with yield-from delegation.
pub fn throw(vm: &mut Vm, gv: Value, exc: Exc) -> PyResult {
    let g = gen_of(vm, gv)?;
    match throw_exit(vm, gv, g, exc)? {
        Exit::Yield(v) => Ok(v),
        Exit::Return(v) => Err(stop_with(vm, g.kind, v)),
    }
}

fn throw_exit(vm: &mut Vm, gv: Value, g: &GeneratorObj, exc: Exc) -> PyResult<Exit> {
    if g.state.get() == GenState::Suspended
        && let Some(receiver) = crate::interp::frame::delegate_of(g.frame)
    {
        // Delegate to the sub-iterator first.
        if vm.exc_matches(exc, vm.exc.generator_exit) {
            g.state.set(GenState::Running);
            let r = close_delegate(vm, receiver);
            g.state.set(GenState::Suspended);
            if let Err(e) = r {
                return resume(vm, gv, g, Value::NONE, Some(e));
            }
            return resume(vm, gv, g, Value::NONE, Some(exc));
        }
        g.state.set(GenState::Running);
        let r = if let Some(sub) = receiver.downcast::<GeneratorObj>() {
            throw_exit(vm, receiver, sub, exc).map(|x| match x {
                Exit::Yield(v) => Ok(v),
                Exit::Return(v) => Err(v),
            })
        } else {
            match crate::ops::attr::getattr_opt(vm, receiver, vm.names.throw) {
                Ok(Some(m)) => {
                    let r = crate::ops::call::call(vm, m, &[exc.0]);
                    delegate_result(vm, r)
                }
                Ok(None) => {
                    g.state.set(GenState::Suspended);
                    return resume(vm, gv, g, Value::NONE, Some(exc));
                }
                Err(e) => Err(e),
            }
        };
        g.state.set(GenState::Suspended);
        return match r {
            Ok(Ok(v)) => Ok(Exit::Yield(v)),
            Ok(Err(retval)) => {
                // The delegate finished: continue after the yield-from with its value.
                crate::interp::frame::finish_delegation(g.frame, retval);
                resume(vm, gv, g, retval, None)
            }
            Err(e) => resume(vm, gv, g, Value::NONE, Some(e)),
        };
    }
    resume(vm, gv, g, Value::NONE, Some(exc))
}

/// What a delegate's `send`/`throw`/`__next__` call means to `yield from`: Ok(Ok(yielded)),
/// or Ok(Err(return value)) when it raised StopIteration.
pub fn delegate_result(vm: &mut Vm, r: PyResult) -> PyResult<Result<Value, Value>> {
    match r {
        Ok(y) => Ok(Ok(y)),
        Err(e) if vm.exc_matches(e, vm.exc.stop_iteration) => {
            let k = vm.intern("value");
            Ok(Err(
                crate::types::instance::get(e.0, k).unwrap_or(Value::NONE)
            ))
        }
        Err(e) => Err(e),
    }
}

fn close_delegate(vm: &mut Vm, receiver: Value) -> PyResult<()> {
    if let Some(sub) = receiver.downcast::<GeneratorObj>() {
        return close(vm, receiver, sub).map(|_| ());
    }
    if let Some(m) = crate::ops::attr::getattr_opt(vm, receiver, vm.names.close)? {
        crate::ops::call::call(vm, m, &[])?;
    }
    Ok(())
}

/// `agen.close()`.
pub fn close(vm: &mut Vm, gv: Value, g: &GeneratorObj) -> PyResult {
    match g.state.get() {
        GenState::Created => {
            g.state.set(GenState::Closed);
            return Ok(Value::NONE);
        }
        GenState::Closed => return Ok(Value::NONE),
        _ => {}
    }
    let exc = vm.new_exc_args(vm.exc.generator_exit, vec![]);
    match throw_exit(vm, gv, g, exc) {
        Ok(Exit::Yield(_)) => {
            let what = kind_name(g.kind);
            Err(vm.runtime_error(format!("{what} ignored GeneratorExit")))
        }
        Ok(Exit::Return(_)) => Ok(Value::NONE),
        Err(e)
            if vm.exc_matches(e, vm.exc.generator_exit)
                || vm.exc_matches(e, vm.exc.stop_iteration) =>
        {
            Ok(Value::NONE)
        }
        Err(e) => Err(e),
    }
}

// ----- Python-visible methods -----

pub fn install(vm: &mut Vm) {
    let (g, c, a) = (
        vm.types.generator,
        vm.types.coroutine,
        vm.types.async_generator,
    );
    crate::types::typeobj::add_methods(vm, g, GEN_METHODS);
    crate::types::typeobj::add_methods(vm, c, CORO_METHODS);
    crate::types::typeobj::add_methods(vm, a, ASYNC_GEN_METHODS);
    for t in [g, c, a] {
        crate::types::typeobj::add_methods(vm, t, COMMON_METHODS);
        crate::types::typeobj::add_getsets(vm, t, GEN_GETSETS);
    }
    let (s, t) = (vm.types.async_gen_asend, vm.types.async_gen_athrow);
    for ty in [s, t] {
        crate::types::typeobj::add_methods(vm, ty, AWAITABLE_METHODS);
    }
}

static COMMON_METHODS: &[NativeDef] = &[
    native!("throw", "($self, typ, val=None, tb=None, /)", m_throw),
    native!("close", "($self, /)", m_close),
    native!("__repr__", "($self, /)", m_repr),
];
static GEN_METHODS: &[NativeDef] = &[
    native!("__iter__", "($self, /)", m_self),
    native!("__next__", "($self, /)", m_next),
    native!("send", "($self, value, /)", m_send),
];
static CORO_METHODS: &[NativeDef] = &[
    native!("send", "($self, value, /)", m_send),
    native!("__await__", "($self, /)", m_self),
];
static ASYNC_GEN_METHODS: &[NativeDef] = &[
    native!("__aiter__", "($self, /)", m_self),
    native!("__anext__", "($self, /)", m_anext),
    native!("asend", "($self, value, /)", m_asend),
    native!("athrow", "($self, typ, val=None, tb=None, /)", m_athrow),
    native!("aclose", "($self, /)", m_aclose),
];
static GEN_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (
        native!("__name__", "($self, /)", g_name),
        Some(native!("__name__", "($self, value, /)", g_set_name)),
    ),
    (
        native!("__qualname__", "($self, /)", g_qualname),
        Some(native!("__qualname__", "($self, value, /)", g_set_qualname)),
    ),
    (native!("gi_running", "($self, /)", g_running), None),
    (native!("cr_running", "($self, /)", g_running), None),
    (native!("ag_running", "($self, /)", g_running), None),
    (native!("gi_frame", "($self, /)", g_frame), None),
    (native!("cr_frame", "($self, /)", g_frame), None),
    (native!("ag_frame", "($self, /)", g_frame), None),
    (native!("gi_code", "($self, /)", g_code), None),
    (native!("cr_code", "($self, /)", g_code), None),
    (native!("ag_code", "($self, /)", g_code), None),
    (native!("gi_suspended", "($self, /)", g_suspended), None),
    (native!("cr_suspended", "($self, /)", g_suspended), None),
    (native!("gi_yieldfrom", "($self, /)", g_yieldfrom), None),
    (native!("cr_await", "($self, /)", g_yieldfrom), None),
    (native!("cr_origin", "($self, /)", g_origin), None),
];

fn m_self(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}
fn m_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    send(vm, a[0], Value::NONE)
}
fn m_send(vm: &mut Vm, a: &[Value]) -> PyResult {
    send(vm, a[0], a[1])
}
fn m_throw(vm: &mut Vm, a: &[Value]) -> PyResult {
    let exc = make_throw_exc(vm, a[1], a[2], a[3])?;
    throw(vm, a[0], exc)
}
fn m_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    close(vm, a[0], g)
}
fn m_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    let q = crate::types::str::as_str(g.qualname.get())
        .unwrap_or("?")
        .to_string();
    let k = match g.kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async_generator",
    };
    Ok(vm.new_string(format!("<{k} object {q} at {:#x}>", a[0].bits())))
}
fn g_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(gen_of(vm, a[0])?.name.get())
}
fn g_set_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    if crate::types::str::as_str(a[1]).is_some() {
        g.name.set(a[1]);
        return Ok(Value::NONE);
    }
    Err(vm.type_error("__name__ must be set to a string object"))
}
fn g_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(gen_of(vm, a[0])?.qualname.get())
}
fn g_set_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    if crate::types::str::as_str(a[1]).is_some() {
        g.qualname.set(a[1]);
        return Ok(Value::NONE);
    }
    Err(vm.type_error("__qualname__ must be set to a string object"))
}
fn g_running(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(
        gen_of(vm, a[0])?.state.get() == GenState::Running,
    ))
}
fn g_suspended(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(
        gen_of(vm, a[0])?.state.get() == GenState::Suspended,
    ))
}
fn g_frame(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    Ok(if g.state.get() == GenState::Closed {
        Value::NONE
    } else {
        g.frame
    })
}
/// Where the coroutine was created: None, as origin tracking is off (ferropy's
/// `sys.get_coroutine_origin_tracking_depth()` is always 0).
fn g_origin(vm: &mut Vm, a: &[Value]) -> PyResult {
    gen_of(vm, a[0])?;
    Ok(Value::NONE)
}
fn g_code(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    Ok(crate::interp::frame::frame_code(g.frame))
}
fn g_yieldfrom(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    if g.state.get() != GenState::Suspended {
        return Ok(Value::NONE);
    }
    Ok(crate::interp::frame::delegate_of(g.frame).unwrap_or(Value::NONE))
}

// ----- async generators -----

/// An `asend`/`athrow` awaitable: drives the async generator one step.
pub struct AsyncGenOp {
    pub agen: Value,
    /// The value to send, or the exception to throw (when `is_throw`).
    pub value: Value,
    pub is_throw: bool,
    /// `aclose()`: a yield in response is an error, GeneratorExit/StopAsyncIteration finish it.
    pub is_close: bool,
    pub started: Cell<bool>,
    pub done: Cell<bool>,
}

impl Trace for AsyncGenOp {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.agen.trace(visit);
        self.value.trace(visit);
    }
}

impl Payload for AsyncGenOp {
    const KIND: ObjKind = ObjKind::AsyncGenOp;
}

/// Marks values yielded by `yield` in an async generator (ASYNC_GEN_WRAP).
pub struct AsyncGenWrapped {
    pub value: Value,
}

impl Trace for AsyncGenWrapped {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.value.trace(visit)
    }
}

impl Payload for AsyncGenWrapped {
    const KIND: ObjKind = ObjKind::AsyncGenWrapped;
}

pub fn wrap_async_value(vm: &mut Vm, v: Value) -> Value {
    alloc(vm.types.async_gen_wrapped, AsyncGenWrapped { value: v })
}

fn new_op(vm: &mut Vm, agen: Value, value: Value, is_throw: bool, is_close: bool) -> Value {
    let ty = if is_throw {
        vm.types.async_gen_athrow
    } else {
        vm.types.async_gen_asend
    };
    alloc(
        ty,
        AsyncGenOp {
            agen,
            value,
            is_throw,
            is_close,
            started: Cell::new(false),
            done: Cell::new(false),
        },
    )
}

fn m_anext(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    init_async_hooks(vm, a[0], g)?;
    Ok(new_op(vm, a[0], Value::NONE, false, false))
}
fn m_asend(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    init_async_hooks(vm, a[0], g)?;
    Ok(new_op(vm, a[0], a[1], false, false))
}
fn m_athrow(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    init_async_hooks(vm, a[0], g)?;
    let e = make_throw_exc(vm, a[1], a[2], a[3])?;
    Ok(new_op(vm, a[0], e.0, true, false))
}
fn m_aclose(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = gen_of(vm, a[0])?;
    init_async_hooks(vm, a[0], g)?;
    let e = vm.new_exc_args(vm.exc.generator_exit, vec![]);
    Ok(new_op(vm, a[0], e.0, true, true))
}

static AWAITABLE_METHODS: &[NativeDef] = &[
    native!("__await__", "($self, /)", m_self),
    native!("__iter__", "($self, /)", m_self),
    native!("__next__", "($self, /)", op_next),
    native!("send", "($self, value, /)", op_send),
    native!("throw", "($self, typ, val=None, tb=None, /)", op_throw),
    native!("close", "($self, /)", op_close),
];

fn op_of(vm: &mut Vm, v: Value) -> PyResult<&'static AsyncGenOp> {
    match v.downcast::<AsyncGenOp>() {
        Some(o) => Ok(o),
        None => Err(vm.type_error("expected an async generator awaitable")),
    }
}

/// One step of an asend/athrow awaitable.
fn op_step(vm: &mut Vm, ov: Value, sent: Value, throw: Option<Exc>) -> PyResult {
    let op = op_of(vm, ov)?;
    if op.done.get() {
        return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
    }
    let g = gen_of(vm, op.agen)?;
    let first = !op.started.get();
    op.started.set(true);
    let r = if let Some(e) = throw {
        throw_exit(vm, op.agen, g, e)
    } else if first {
        if op.is_throw {
            if op.is_close && matches!(g.state.get(), GenState::Created | GenState::Closed) {
                g.state.set(GenState::Closed);
                op.done.set(true);
                return Err(vm.stop_iteration(Value::NULL));
            }
            throw_exit(vm, op.agen, g, Exc(op.value))
        } else {
            resume(vm, op.agen, g, op.value, None)
        }
    } else {
        resume(vm, op.agen, g, sent, None)
    };
    match r {
        Ok(Exit::Yield(v)) => {
            if let Some(w) = v.downcast::<AsyncGenWrapped>() {
                op.done.set(true);
                if op.is_close {
                    return Err(vm.runtime_error("async generator ignored GeneratorExit"));
                }
                return Err(vm.stop_iteration(w.value));
            }
            Ok(v)
        }
        Ok(Exit::Return(_)) => {
            op.done.set(true);
            if op.is_close {
                return Err(vm.stop_iteration(Value::NULL));
            }
            Err(vm.new_exc_args(vm.exc.stop_async_iteration, vec![]))
        }
        Err(e) => {
            op.done.set(true);
            if op.is_close
                && (vm.exc_matches(e, vm.exc.generator_exit)
                    || vm.exc_matches(e, vm.exc.stop_async_iteration))
            {
                return Err(vm.stop_iteration(Value::NULL));
            }
            Err(e)
        }
    }
}

fn op_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    op_step(vm, a[0], Value::NONE, None)
}
fn op_send(vm: &mut Vm, a: &[Value]) -> PyResult {
    op_step(vm, a[0], a[1], None)
}
fn op_throw(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = make_throw_exc(vm, a[1], a[2], a[3])?;
    op_step(vm, a[0], Value::NONE, Some(e))
}
fn op_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    op_of(vm, a[0])?.done.set(true);
    Ok(Value::NONE)
}
