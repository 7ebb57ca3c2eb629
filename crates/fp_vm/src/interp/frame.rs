//! Frames: one per executing code block, holding fast locals, cells, the value stack and the
//! handler-block stack. A frame is a heap object so generators can keep theirs and tracebacks
//! and `sys._getframe` can refer to them (the JIT will make them virtual).

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops::call::bind;
use crate::types::code::CodeObj;
use crate::types::function::{CellObj, FunctionObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::{CodeFlags, Op};
use std::cell::{Cell, UnsafeCell};

/// How a generator frame the eval loop resumed inline hands its next yield or return to the
/// frame below it (see `interp/eval.rs`, "generators resumed inline"). `Rust` when nothing
/// is running it inline: it is suspended, or `generator::resume` drives it from Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    Rust,
    /// FOR_ITER: a yield pushes the value; a return pops the iterator and jumps to the target.
    ForIter(u32),
    /// SEND (`yield from`, `await`): a yield pushes the value; a return replaces the receiver
    /// with the return value and jumps to the target.
    Send(u32),
    /// `next(g)`, `next(g, default)`, `g.send(v)`, `g.__next__()`: a yield is the call's
    /// result; a return is the default when one was given (`resume_default`), else
    /// StopIteration.
    Call,
}

#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub handler: u32,
    pub level: u32,
}

pub struct FrameData {
    pub code: Value,
    pub globals: Value,
    pub builtins: Value,
    /// The locals mapping for module/class/exec code; NULL for functions.
    pub locals: Value,
    /// Fast locals, then cells (`cellvars ++ freevars`).
    pub fast: Vec<Value>,
    pub stack: Vec<Value>,
    pub blocks: Vec<Block>,
    /// Next instruction to execute.
    pub ip: usize,
    /// The instruction executing (or last executed): its line is the frame's line.
    pub lasti: usize,
    pub func: Value,
    /// The generator owning this frame, or NULL.
    pub generator: Value,
    pub back: Value,
    /// For the frame of an `__init__` the eval loop runs inline for a constructor call
    /// (`Cls(...)`): the new instance, which the call returns once `__init__` returned None.
    /// NULL otherwise.
    pub init_self: Value,
    /// A generator frame resumed inline: what its yield/return does in the caller.
    pub resume: Resume,
    /// While resumed inline: the resumer's `Vm::handled_exc` and `handled_outer` (restored
    /// when the generator suspends or finishes), and `next()`'s default (NULL if none).
    pub resume_saved_exc: (Value, Value),
    pub resume_default: Value,
    /// `heap::registrations()` when the frame started: if objects with finalizers were made
    /// since, its return looks through its locals for one it drops (`finalize::note_return`).
    pub fin_mark: u32,
}

pub struct FrameObj {
    data: UnsafeCell<FrameData>,
    /// Set once a reference to this frame may be held outside the VM's frame stack (a
    /// traceback entry, `sys._getframe`, `f_back`, a signal handler's argument, a generator):
    /// only frames never escaped are recycled when their call returns (`release_frame`).
    escaped: Cell<bool>,
    /// Tracing state (`interp::trace`): `f_trace_lines` off / `f_trace_opcodes` on, and the
    /// line last reported to line tracing.
    trace_flags: Cell<u32>,
}

impl Trace for FrameObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        let d = self.get();
        for v in [
            d.code,
            d.globals,
            d.builtins,
            d.locals,
            d.func,
            d.generator,
            d.back,
            d.init_self,
            d.resume_saved_exc.0,
            d.resume_saved_exc.1,
            d.resume_default,
        ] {
            v.trace(visit);
        }
        d.fast.trace(visit);
        d.stack.trace(visit);
    }
}

impl Payload for FrameObj {
    const KIND: ObjKind = ObjKind::Frame;
}

impl FrameObj {
    /// Shared view of the frame's state.
    pub fn get(&self) -> &FrameData {
        // SAFETY: the VM is single-threaded; the eval loop is the only writer and never holds its
        // mutable view across a point where this reader runs with the same frame borrowed.
        unsafe { &*self.data.get() }
    }
    /// The tracing flags (`interp::trace`); only a frame handed to Python code has any set.
    pub fn trace_flags(&self) -> u32 {
        self.trace_flags.get()
    }
    pub fn set_trace_flags(&self, flags: u32) {
        self.trace_flags.set(flags);
    }
    /// Mutable view for the eval loop.
    #[allow(clippy::mut_from_ref)]
    pub fn get_mut(&self) -> &mut FrameData {
        // SAFETY: as above: only the loop executing this frame (or generator resumption, which
        // is the same loop) mutates it, one at a time.
        unsafe { &mut *self.data.get() }
    }
}

#[inline]
pub fn fobj(f: Value) -> &'static FrameObj {
    match f.downcast::<FrameObj>() {
        Some(x) => x,
        None => not_a_frame(),
    }
}

#[cold]
#[inline(never)]
fn not_a_frame() -> ! {
    panic!("internal error: not a frame")
}

#[inline]
pub fn code_of(f: &FrameData) -> &'static CodeObj {
    match f.code.downcast::<CodeObj>() {
        Some(c) => c,
        None => frame_without_code(),
    }
}

#[cold]
#[inline(never)]
fn frame_without_code() -> ! {
    panic!("internal error: frame without code")
}

/// Whether the code frame `f` runs has exception handlers (try or with blocks).
pub fn code_has_handlers(f: Value) -> bool {
    frame_code(f)
        .downcast::<CodeObj>()
        .is_some_and(|c| c.has_handlers)
}

pub fn frame_code(f: Value) -> Value {
    f.downcast::<FrameObj>()
        .map(|x| x.get().code)
        .unwrap_or(Value::NONE)
}

pub fn set_generator(f: Value, g: Value) {
    if let Some(x) = f.downcast::<FrameObj>() {
        x.escaped.set(true);
        x.get_mut().generator = g;
    }
}

/// Records that a reference to frame `f` is being handed out beyond the VM's frame stack (see
/// `FrameObj::escaped`). Every place that gives Python code or a heap object a frame taken from
/// `Vm::frames` must call this, or the frame could be reused while still referenced.
#[inline]
pub fn mark_escaped(f: Value) -> Value {
    if let Some(x) = f.downcast::<FrameObj>() {
        x.escaped.set(true);
    }
    f
}

/// A frame that has left the frame stack (returned or unwound) and may still be referenced:
/// `f_back` keeps answering its caller, as CPython's frame objects do once their call is over.
/// Call with the caller on top of `Vm::frames`.
pub fn frame_exited(vm: &mut Vm, frame: Value) {
    if let Some(fo) = frame.downcast::<FrameObj>()
        && fo.escaped.get()
    {
        keep_back(vm, fo);
    }
}

fn keep_back(vm: &mut Vm, fo: &FrameObj) {
    let d = fo.get_mut();
    if d.back.is_null()
        && d.generator.is_null()
        && let Some(caller) = vm.frames.last()
    {
        d.back = mark_escaped(*caller);
    }
}

/// Frames kept for reuse at most (deep recursion returning should not pin much memory).
const POOL_MAX: usize = 64;

/// Gives back the frame of a Python call that has returned (it is off the frame stack). A frame
/// nothing else can reference (never escaped, not a generator's) is cleared and kept in
/// `Vm::frame_pool`, so the next call reuses the object and its vectors' buffers instead of
/// allocating them: no malloc/free per call and less garbage for the collector.
#[inline(always)]
pub fn release_frame(vm: &mut Vm, frame: Value) {
    let Some(fo) = frame.downcast::<FrameObj>() else {
        return;
    };
    if fo.escaped.get() {
        keep_back(vm, fo);
        return;
    }
    if vm.frame_pool.len() >= POOL_MAX {
        return;
    }
    let d = fo.get_mut();
    if !d.generator.is_null() || frame.header().is_some_and(|h| !h.attrs.get().is_null()) {
        return;
    }
    d.fast.clear();
    d.stack.clear();
    d.blocks.clear();
    d.code = Value::NULL;
    d.globals = Value::NULL;
    d.builtins = Value::NULL;
    d.locals = Value::NULL;
    d.func = Value::NULL;
    d.back = Value::NULL;
    d.init_self = Value::NULL;
    vm.frame_pool.push(frame);
}

/// A frame for a function call: a pooled one reinitialised, else a new one. `fast` comes back
/// with `nfast` NULL slots and the value stack empty with room for `max_stack` values.
#[inline(always)]
fn obtain_frame(
    vm: &mut Vm,
    code: Value,
    globals: Value,
    builtins: Value,
    func: Value,
    nfast: usize,
    max_stack: usize,
) -> Value {
    if let Some(fr) = vm.frame_pool.pop() {
        let d = fobj(fr).get_mut();
        d.code = code;
        d.globals = globals;
        d.builtins = builtins;
        d.func = func;
        d.fast.resize(nfast, Value::NULL);
        d.stack.reserve(max_stack);
        d.ip = 0;
        d.lasti = 0;
        d.fin_mark = crate::heap::registrations();
        return fr;
    }
    new_call_frame(vm, code, globals, builtins, func, nfast, max_stack)
}

#[cold]
#[inline(never)]
fn new_call_frame(
    vm: &mut Vm,
    code: Value,
    globals: Value,
    builtins: Value,
    func: Value,
    nfast: usize,
    max_stack: usize,
) -> Value {
    alloc(
        vm.types.frame,
        FrameObj {
            data: UnsafeCell::new(FrameData {
                code,
                globals,
                builtins,
                locals: Value::NULL,
                fast: vec![Value::NULL; nfast],
                stack: Vec::with_capacity(max_stack),
                blocks: Vec::new(),
                ip: 0,
                lasti: 0,
                func,
                generator: Value::NULL,
                back: Value::NULL,
                init_self: Value::NULL,
                resume: Resume::Rust,
                resume_saved_exc: (Value::NULL, Value::NULL),
                resume_default: Value::NULL,
                fin_mark: crate::heap::registrations(),
            }),
            escaped: Cell::new(false),
            trace_flags: Cell::new(0),
        },
    )
}

/// A frame for module, class-body or exec code with an explicit locals mapping.
pub fn new_frame(vm: &mut Vm, code: Value, globals: Value, locals: Value) -> Value {
    let c = code.downcast::<CodeObj>();
    let nfast = c.map(|c| c.nlocals + c.ncells + c.nfree).unwrap_or(0);
    let builtins = builtins_for(vm, globals);
    let mut fast = vec![Value::NULL; nfast];
    if let Some(c) = c {
        for i in 0..c.ncells {
            fast[c.nlocals + i] = crate::types::function::new_cell(vm, Value::NULL);
        }
    }
    alloc(
        vm.types.frame,
        FrameObj {
            data: UnsafeCell::new(FrameData {
                code,
                globals,
                builtins,
                locals,
                fast,
                stack: Vec::with_capacity(c.map(|c| c.code.max_stack as usize).unwrap_or(8)),
                blocks: Vec::new(),
                ip: 0,
                lasti: 0,
                func: Value::NULL,
                generator: Value::NULL,
                back: Value::NULL,
                init_self: Value::NULL,
                resume: Resume::Rust,
                resume_saved_exc: (Value::NULL, Value::NULL),
                resume_default: Value::NULL,
                fin_mark: crate::heap::registrations(),
            }),
            escaped: Cell::new(false),
            trace_flags: Cell::new(0),
        },
    )
}

/// The builtins dict a frame with these globals uses (`__builtins__`, else the VM's).
fn builtins_for(vm: &mut Vm, globals: Value) -> Value {
    if let Some(b) = crate::types::dict::get_str(globals, "__builtins__") {
        if b.is::<crate::types::dict::DictObj>() {
            return b;
        }
        if b.is::<crate::types::module::ModuleObj>() {
            return crate::types::module::module_dict(b);
        }
    }
    vm.builtins_dict
}

/// Builds the frame for calling Python function `func` with vectorcall-style arguments.
pub fn frame_for_call(
    vm: &mut Vm,
    func: Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    frame_for_call_self(vm, func, Value::NULL, args, kwnames)
}

/// The frame of a call whose arguments bind by copying (`CodeObj::simple_args`, no keywords,
/// `self_arg` (unless NULL) plus `args` exactly the positional parameters): the fast path.
#[inline]
pub fn simple_frame(
    vm: &mut Vm,
    f: &FunctionObj,
    func: Value,
    codev: Value,
    c: &CodeObj,
    self_arg: Value,
    args: &[Value],
) -> Value {
    let frame = obtain_frame(
        vm,
        codev,
        f.globals,
        f.builtins,
        func,
        c.nlocals,
        c.code.max_stack as usize,
    );
    let fast = &mut fobj(frame).get_mut().fast;
    let nself = (!self_arg.is_null()) as usize;
    if nself == 1 {
        fast[0] = self_arg;
    }
    fast[nself..nself + args.len()].copy_from_slice(args);
    frame
}

/// Like `frame_for_call`, with `self_arg` (unless NULL) as the first positional argument: the
/// call of a bound method, without building a combined argument vector on the fast path.
pub fn frame_for_call_self(
    vm: &mut Vm,
    func: Value,
    self_arg: Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    if kwnames.is_empty()
        && let Some(f) = func.downcast::<FunctionObj>()
    {
        let codev = f.code.get();
        if let Some(c) = codev.downcast::<CodeObj>()
            && c.simple_args
            && args.len() + (!self_arg.is_null()) as usize == c.code.argcount as usize
        {
            return Ok(simple_frame(vm, f, func, codev, c, self_arg, args));
        }
    }
    let Some(f) = func.downcast::<FunctionObj>() else {
        return Err(vm.system_error("frame_for_call on a non-function"));
    };
    let codev = f.code.get();
    let Some(c) = codev.downcast::<CodeObj>() else {
        return Err(vm.system_error("function without code"));
    };
    let nlocals = c.nlocals;
    let co = &c.code;
    let frame = obtain_frame(
        vm,
        codev,
        f.globals,
        f.builtins,
        func,
        nlocals + c.ncells + c.nfree,
        co.max_stack as usize,
    );
    let fast = &mut fobj(frame).get_mut().fast;
    let argcount = co.argcount as usize;
    let has_varargs = co.flags & CodeFlags::VARARGS != 0;
    let has_varkw = co.flags & CodeFlags::VARKEYWORDS != 0;
    let defaults = crate::types::tuple::items(f.defaults.get()).unwrap_or(&[]);
    let nself = (!self_arg.is_null()) as usize;
    // Fast path: exact positional call, no defaults needed, no */** parameters.
    if kwnames.is_empty()
        && args.len() + nself == argcount
        && !has_varargs
        && !has_varkw
        && co.kwonlyargcount == 0
    {
        if nself == 1 {
            fast[0] = self_arg;
        }
        fast[nself..argcount].copy_from_slice(args);
    } else {
        let combined: Vec<Value>;
        let args: &[Value] = if nself == 1 {
            combined = std::iter::once(self_arg)
                .chain(args.iter().copied())
                .collect();
            &combined
        } else {
            args
        };
        let sig = c
            .call_sig
            .get_or_init(|| std::rc::Rc::new(signature_of(c)))
            .clone();
        let nslots = sig.nslots();
        let mut out = vec![Value::NULL; nslots];
        let qualname = f.qualname.get();
        let fname_of = || {
            crate::types::str::as_str(qualname)
                .unwrap_or("?")
                .to_string()
        };
        let fname = crate::ops::call::LazyName(&fname_of);
        let ndef = defaults.len();
        let kwdefaults = f.kwdefaults.get();
        let required = |i: usize| -> Option<bool> {
            if i < argcount {
                Some(i + ndef < argcount)
            } else {
                let name = &sig.params[i].name;
                let has = !kwdefaults.is_null()
                    && crate::types::dict::get_str(kwdefaults, name).is_some();
                Some(!has)
            }
        };
        if let Err(e) = bind(vm, &sig, 0, args, kwnames, &mut out, &fname, required) {
            release_frame(vm, frame);
            return Err(e);
        }
        // Defaults, then move the bound slots into fast-local order (positional, keyword-only,
        // `*args`, `**kwargs`).
        for i in 0..argcount {
            if out[i].is_null() && i + ndef >= argcount {
                out[i] = defaults[i + ndef - argcount];
            }
        }
        let nparams = sig.params.len();
        for i in argcount..nparams {
            let slot = sig.slot_of(i);
            if out[slot].is_null()
                && !kwdefaults.is_null()
                && let Some(d) = crate::types::dict::get_str(kwdefaults, &sig.params[i].name)
            {
                out[slot] = d;
            }
        }
        for i in 0..nparams {
            fast[i] = out[sig.slot_of(i)];
        }
        if has_varargs {
            fast[nparams] = out[sig.varargs_slot()];
        }
        if has_varkw {
            let k = out[sig.varkw_slot()];
            let d = if k.is_null() {
                crate::types::dict::new_dict(vm)
            } else {
                k
            };
            fast[nparams + has_varargs as usize] = d;
        }
    }
    // Cells: fresh ones for cellvars (arguments moved in), the closure's for freevars.
    for i in 0..c.ncells {
        fast[nlocals + i] = crate::types::function::new_cell(vm, Value::NULL);
    }
    for &(cell, arg) in &co.cell2arg {
        if let Some(cv) = fast[nlocals + cell as usize].downcast::<CellObj>() {
            cv.set(fast[arg as usize]);
        }
    }
    if let Some(cl) = crate::types::tuple::items(f.closure) {
        for (i, cell) in cl.iter().enumerate().take(c.nfree) {
            fast[nlocals + c.ncells + i] = *cell;
        }
    }
    Ok(frame)
}

/// The binding signature of a code object (built per call for now; cached later).
fn signature_of(c: &CodeObj) -> crate::native::Signature {
    let co = &c.code;
    let argcount = co.argcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let mut sig = crate::native::Signature {
        params: Vec::with_capacity(argcount + kwonly),
        posonly: co.posonlyargcount as usize,
        npos: argcount,
        nkwonly: kwonly,
        varargs: None,
        varkw: None,
        has_self: false,
    };
    for i in 0..argcount + kwonly {
        sig.params.push(crate::native::Param {
            name: co.varnames[i].clone(),
            required: true,
        });
    }
    let mut next = argcount + kwonly;
    if co.flags & CodeFlags::VARARGS != 0 {
        sig.varargs = Some(co.varnames[next].clone());
        next += 1;
    }
    if co.flags & CodeFlags::VARKEYWORDS != 0 {
        sig.varkw = Some(co.varnames[next].clone());
    }
    sig
}

/// The globals of the innermost running Python frame.
pub fn current_globals(vm: &Vm) -> Option<Value> {
    vm.frames
        .last()
        .and_then(|f| f.downcast::<FrameObj>())
        .map(|f| f.get().globals)
}

/// The object a suspended generator frame is delegating to (`yield from`/`await`), if any.
pub fn delegate_of(f: Value) -> Option<Value> {
    let fr = f.downcast::<FrameObj>()?.get();
    let c = code_of(fr);
    let prev = fr.ip.checked_sub(1)?;
    let ins = c.code.instrs.get(prev)?;
    if ins.op == Op::YIELD_VALUE && ins.arg == 1 {
        return fr.stack.last().copied();
    }
    None
}

/// After a delegate finished through throw(): leave the frame as if SEND had completed, so that
/// resuming with the return value continues after the delegation loop.
pub fn finish_delegation(f: Value, _retval: Value) {
    let Some(fo) = f.downcast::<FrameObj>() else {
        return;
    };
    let fr = fo.get_mut();
    let c = code_of(fr);
    // ip is just after YIELD_VALUE 1; the SEND is right before it.
    let send_ip = fr.ip.saturating_sub(2);
    if let Some(ins) = c.code.instrs.get(send_ip)
        && ins.op == Op::SEND
    {
        fr.stack.pop();
        // resume() then pushes the return value: the SEND exit state `[return_value]`.
        fr.ip = ins.arg as usize;
    }
}
