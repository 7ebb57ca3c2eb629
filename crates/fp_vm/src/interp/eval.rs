//! The eval loop. Python-to-Python calls push a frame and continue in the same loop (no Rust
//! recursion), so recursion depth is bounded by `sys.getrecursionlimit()`, not the native stack.
//! An error sets `pending` and the loop unwinds: handler blocks of the current frame first,
//! then caller frames, adding one traceback entry per frame passed through.

pub use crate::interp::except::make_exception;
use crate::interp::except::{eg_match, exception_matches, prep_reraise_star};
use crate::interp::finalize;
use crate::interp::frame::{Block, FrameData, Resume, code_of, fobj};
use crate::interp::inline_cache;
use crate::interp::patterns::{match_class, match_keys};
use crate::interp::suspend::{generator_returned, get_awaitable, send_to};
use crate::interp::traceback;
use crate::ops;
use crate::types::code::CodeObj;
use crate::types::dict::{self, DictObj};
use crate::types::exceptions::exc_obj;
use crate::types::float::FloatObj;
use crate::types::function::{BoundMethod, CellObj, FunctionObj};
use crate::types::generator::{self, GenKind, GeneratorObj};
use crate::types::iterators::{IterState, IteratorObj};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use fp_bytecode::{BinaryOp, CodeFlags, CompareOp, MakeFunctionFlags, Op};

pub enum Exit {
    Return(Value),
    Yield(Value),
}

const GEN_FLAGS: u32 = CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR;

// The eval loop's calls into Rust that may re-enter it. The loop is a clean position (all it
// holds is on the value stack; see `ops::call::call_kw_in`). Kept out of line, so that
// `execute`'s hot paths compile as they would without them.

#[inline(never)]
fn call_from_loop(vm: &mut Vm, callable: Value, args: &[Value], kw: &[Value]) -> PyResult {
    let clean = vm.is_clean();
    ops::call::call_kw_in(vm, callable, args, kw, clean)
}

#[inline(never)]
fn getattr_from_loop(vm: &mut Vm, obj: Value, name: Value) -> PyResult {
    let clean = vm.is_clean();
    ops::attr::getattr_in(vm, obj, name, clean)
}

#[inline(never)]
fn next_from_loop(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    let clean = vm.is_clean();
    ops::iter::next_in(vm, it, clean)
}

/// BINARY_OP's general case (not two builtin numbers). `a` and `b` go back on the frame's
/// value stack meanwhile, so special methods run from a clean position.
#[inline(never)]
fn binary_op_from_loop(
    vm: &mut Vm,
    f: &mut FrameData,
    a: Value,
    b: Value,
    op: BinaryOp,
    inplace: bool,
) -> PyResult {
    let clean = vm.is_clean();
    with_operands(f, [a, b], || {
        ops::number::binary_op_general_in(vm, a, b, op, inplace, clean)
    })
}

/// COMPARE_OP's general case (no `fast_compare`), as `binary_op_from_loop`.
#[inline(never)]
fn compare_from_loop(
    vm: &mut Vm,
    f: &mut FrameData,
    a: Value,
    b: Value,
    op: CompareOp,
) -> PyResult {
    let clean = vm.is_clean();
    with_operands(f, [a, b], || {
        ops::compare::rich_compare_in(vm, a, b, op, clean)
    })
}

/// Runs `op` with `operands` pushed back on the frame's value stack (where the instruction
/// popped them from, so there is room), which roots them.
fn with_operands(
    f: &mut FrameData,
    operands: [Value; 2],
    op: impl FnOnce() -> PyResult,
) -> PyResult {
    f.stack.extend(operands);
    let r = op();
    f.stack.truncate(f.stack.len().saturating_sub(2));
    r
}

/// LOAD_GLOBAL after the str probes missed: namespaces holding keys other than strs are
/// searched the general way (their keys' `__eq__` may match), then NameError.
#[cold]
#[inline(never)]
fn load_global_general(vm: &mut Vm, globals: Value, builtins: Value, name: Value) -> PyResult {
    for d in [globals, builtins] {
        if let Some(v) = dict::get_str_value_general(vm, d, name)? {
            return Ok(v);
        }
    }
    Err(name_not_defined(vm, name))
}

/// FORMAT_VALUE: `v` converted by `conversion` (1 str, 2 repr, 3 ascii), then formatted with
/// `spec` (NULL: none). Special methods run at a clean level when the loop's is.
#[inline(never)]
fn format_from_loop(vm: &mut Vm, v: Value, spec: Value, conversion: u32) -> PyResult {
    let clean = vm.is_clean();
    // `spec` is held across `__str__`/`__repr__`.
    ops::rooted(vm, &[spec], |vm| {
        let conv = match conversion {
            1 => ops::repr::str_in(vm, v, clean)?,
            2 => ops::repr::repr_in(vm, v, clean)?,
            3 => crate::modules::builtins::ascii_of(vm, v)?,
            _ => v,
        };
        if spec.is_null() && vm.type_of(conv) == vm.types.str_ {
            return Ok(conv);
        }
        let spec = if spec.is_null() { vm.names.empty } else { spec };
        crate::modules::builtins::format_value_in(vm, conv, spec, clean)
    })
}

/// Calls a Python function whose frame is built: generators become generator objects.
pub fn run_function_frame(vm: &mut Vm, func: Value, frame: Value) -> PyResult {
    run_function_frame_in(vm, func, frame, false)
}

/// `run_function_frame`, from a clean position when `clean` (see `ops::call::call_clean`).
pub fn run_function_frame_in(vm: &mut Vm, func: Value, frame: Value, clean: bool) -> PyResult {
    let code = code_of(fobj(frame).get());
    if code.flags() & GEN_FLAGS != 0 {
        return Ok(make_generator(vm, func, frame, code));
    }
    let entered_clean = vm.enter_native_if(clean)?;
    let r = execute(vm, frame, None);
    vm.leave_native_clean(entered_clean);
    match r? {
        Exit::Return(v) => {
            crate::interp::frame::release_frame(vm, frame);
            Ok(v)
        }
        Exit::Yield(_) => Err(vm.system_error("yield from a non-generator frame")),
    }
}

fn make_generator(vm: &mut Vm, func: Value, frame: Value, code: &CodeObj) -> Value {
    let kind = if code.has_flag(CodeFlags::COROUTINE) {
        GenKind::Coroutine
    } else if code.has_flag(CodeFlags::ASYNC_GENERATOR) {
        GenKind::AsyncGenerator
    } else {
        GenKind::Generator
    };
    let (name, qualname) = match func.downcast::<FunctionObj>() {
        Some(f) => (f.name.get(), f.qualname.get()),
        None => (code.name, code.qualname),
    };
    generator::new_generator(vm, frame, kind, name, qualname)
}

/// Runs module/class/exec code in a prepared frame.
pub fn run_frame(vm: &mut Vm, frame: Value) -> PyResult {
    match execute(vm, frame, None)? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(vm.system_error("yield outside a generator frame")),
    }
}

/// Resumes a generator frame: pushes `sent` (unless NULL: first start) or raises `throw`.
/// From a clean position when `clean` (see `ops::call::call_clean`).
pub fn resume(
    vm: &mut Vm,
    frame: Value,
    sent: Value,
    throw: Option<Exc>,
    clean: bool,
) -> PyResult<Exit> {
    if throw.is_none() && !sent.is_null() {
        fobj(frame).get_mut().stack.push(sent);
    }
    let entered_clean = vm.enter_native_if(clean)?;
    let r = execute(vm, frame, throw);
    vm.leave_native_clean(entered_clean);
    r
}

/// The frame of a call the eval loop can run inline besides plain Python functions and their
/// bound methods: a constructor with a Python `__init__` (the frame returns the instance), an
/// instance whose type defines `__call__` in Python, and the builtin `exec` (the frame's None
/// result is the call's). None: call through the object protocol.
fn other_inline_frame(
    vm: &mut Vm,
    callable: Value,
    args: &[Value],
    kw: &[Value],
) -> PyResult<Option<Value>> {
    if callable.is::<crate::types::typeobj::TypeObject>() {
        let Some((obj, init)) = crate::types::object::inline_init(vm, callable, args, kw)? else {
            return Ok(None);
        };
        let nf = crate::interp::frame::frame_for_call_self(vm, init, obj, args, kw)?;
        fobj(nf).get_mut().init_self = obj;
        return Ok(Some(nf));
    }
    if callable.is::<crate::types::function::NativeFunction>() {
        if !kw.is_empty() {
            return Ok(None);
        }
        let nf = crate::modules::builtins::code::exec_inline_frame(vm, callable, args)?;
        if let Some(nf) = nf {
            fobj(nf).get_mut().init_self = Value::NONE;
        }
        return Ok(nf);
    }
    if callable.is::<FunctionObj>() || callable.is::<BoundMethod>() {
        return Ok(None);
    }
    let ty = vm.type_of(callable);
    if !typeobj::type_flags(ty).contains(crate::types::typeobj::TypeFlags::HEAPTYPE) {
        return Ok(None);
    }
    let call = typeobj::lookup(vm, ty, vm.names.call);
    if inline_target(call).is_none() {
        return Ok(None);
    }
    crate::interp::frame::frame_for_call_self(vm, call, callable, args, kw).map(Some)
}

/// Whether `f` is a Python function we can run inline (a plain call, not a generator).
#[inline]
fn inline_target(f: Value) -> Option<&'static FunctionObj> {
    let func = f.downcast::<FunctionObj>()?;
    let code = func.code.get().downcast::<CodeObj>()?;
    if code.flags() & GEN_FLAGS != 0 {
        None
    } else {
        Some(func)
    }
}

macro_rules! pop {
    ($f:expr) => {
        match $f.stack.pop() {
            Some(v) => v,
            None => Value::NULL,
        }
    };
}

macro_rules! top {
    ($f:expr) => {
        match $f.stack.last() {
            Some(v) => *v,
            None => Value::NULL,
        }
    };
}

fn execute(vm: &mut Vm, entry: Value, throw: Option<Exc>) -> PyResult<Exit> {
    if vm.frames.len() >= vm.recursion_limit {
        return Err(vm.recursion_error("maximum recursion depth exceeded"));
    }
    vm.frames.push(entry);
    let mut frame = entry;
    let mut f: &mut FrameData = fobj(frame).get_mut();
    let mut code: &'static CodeObj = code_of(f);
    let mut pending: Option<(Exc, bool)> = throw.map(|e| (e, false));
    if vm.trace.active
        && let Err(e) = crate::interp::trace::on_call(vm, entry)
    {
        f = fobj(frame).get_mut();
        pending = Some((e, false));
    }

    macro_rules! tri {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(e) => {
                    pending = Some((e, false));
                    continue;
                }
            }
        };
    }

    // A store or delete just dropped a reference to `$old`: when that was a finalizable
    // object the collector may now find unreachable (`finalize::note_dropped`), this is a safe
    // point, so its `__del__` runs here, before the next instruction, as under CPython's
    // reference counting.
    macro_rules! note_drop {
        ($old:expr) => {{
            let old = $old;
            if finalize::drops_finalizable(old)
                && finalize::note_dropped(old, crate::heap::EarlyBudget::Store)
            {
                let r = vm.safe_point();
                f = fobj(frame).get_mut();
                tri!(r);
            }
        }};
    }

    // Makes `$new_frame` (pushed on no stack yet) the running frame: a safe point, then the
    // 'call' trace event, then its first instruction.
    macro_rules! push_frame {
        ($new_frame:expr) => {{
            vm.frames.push($new_frame);
            frame = $new_frame;
            let r = if Vm::attention() {
                vm.safe_point()
            } else {
                Ok(())
            };
            f = fobj(frame).get_mut();
            code = code_of(f);
            tri!(r);
            if vm.trace.active {
                let r = crate::interp::trace::on_call(vm, frame);
                f = fobj(frame).get_mut();
                tri!(r);
            }
            continue;
        }};
    }

    // Enters an inline call's frame: the caller's call operands (from `base` up) leave its
    // value stack, the recursion limit is checked, and the new frame becomes current.
    macro_rules! enter_inline {
        ($new_frame:expr, $base:expr) => {{
            f = fobj(frame).get_mut();
            f.stack.truncate($base);
            if vm.frames.len() >= vm.recursion_limit {
                pending = Some((
                    vm.recursion_error("maximum recursion depth exceeded"),
                    false,
                ));
                continue;
            }
            push_frame!($new_frame);
        }};
    }

    // Resumes generator `$g` inline (FOR_ITER, SEND, `next()`): its frame becomes current and
    // its yield or return comes back to this frame as `$kind` says (`Resume`); the caller's
    // value stack is cut to `$base` first. A closed generator returns None at once.
    macro_rules! resume_inline {
        ($g:expr, $sent:expr, $kind:expr, $default:expr, $base:expr) => {{
            if vm.frames.len() >= vm.recursion_limit {
                pending = Some((
                    vm.recursion_error("maximum recursion depth exceeded"),
                    false,
                ));
                continue;
            }
            let g: &'static GeneratorObj = $g;
            let started = generator::begin_inline(vm, g, $sent);
            f = fobj(frame).get_mut();
            f.stack.truncate($base);
            match tri!(started) {
                None => {
                    if let Some(e) = generator_returned(vm, f, $kind, $default, g, Value::NONE) {
                        pending = Some((e, false));
                    }
                    continue;
                }
                Some(gframe) => {
                    let gf = fobj(gframe).get_mut();
                    gf.resume = $kind;
                    gf.resume_default = $default;
                    push_frame!(gframe);
                }
            }
        }};
    }

    loop {
        // ----- exception unwinding -----
        if let Some((exc, reraise)) = pending {
            pending = None;
            if !reraise {
                // A fresh error (no traceback yet) is raised here: chain the exception being
                // handled. One that already has a traceback propagated out of a nested frame
                // (a generator's throw(), a callback) and was chained where it was raised
                // (CPython chains at raise time); RAISE_VARARGS chains explicitly.
                if exc_obj(exc.0).is_none_or(|x| {
                    let t = x.traceback.get();
                    t.is_null() || t.is_none()
                }) {
                    set_context(vm, exc);
                }
                traceback::add_entry(vm, exc, frame, f.lasti, code.line_of(f.lasti));
            }
            let mut exc = exc;
            if vm.trace.active && !reraise {
                exc = crate::interp::trace::on_exception(vm, frame, exc);
                f = fobj(frame).get_mut();
            }
            loop {
                if let Some(b) = f.blocks.pop() {
                    f.stack.truncate(b.level as usize);
                    f.stack.push(exc.0);
                    f.ip = b.handler as usize;
                    break;
                }
                if vm.trace.active {
                    crate::interp::trace::on_unwind(vm, frame);
                }
                vm.frames.pop();
                crate::interp::frame::frame_exited(vm, frame);
                if frame == entry {
                    return Err(exc);
                }
                if f.resume != Resume::Rust {
                    exc = generator::raised_inline(vm, f, exc);
                }
                frame = match vm.frames.last() {
                    Some(v) => *v,
                    None => return Err(exc),
                };
                f = fobj(frame).get_mut();
                code = code_of(f);
                traceback::add_entry(vm, exc, frame, f.lasti, code.line_of(f.lasti));
                exc = Exc(exc.0);
                if vm.trace.active {
                    exc = crate::interp::trace::on_exception(vm, frame, exc);
                    f = fobj(frame).get_mut();
                }
            }
            continue;
        }

        if vm.trace.active {
            let r = crate::interp::trace::on_instruction(vm, frame);
            f = fobj(frame).get_mut();
            tri!(r);
        }
        let Some(&ins) = code.code.instrs.get(f.ip) else {
            pending = Some((vm.system_error("ran off the end of the bytecode"), false));
            continue;
        };
        f.lasti = f.ip;
        f.ip += 1;
        let arg = ins.arg;
        match ins.op {
            Op::NOP => {}
            Op::POP_TOP => {
                f.stack.pop();
            }
            Op::COPY => {
                let n = f.stack.len();
                let v = f.stack[n - arg as usize];
                f.stack.push(v);
            }
            Op::SWAP => {
                let n = f.stack.len();
                f.stack.swap(n - 1, n - arg as usize);
            }
            Op::LOAD_CONST => f.stack.push(code.consts[arg as usize]),
            Op::PUSH_NULL => f.stack.push(Value::NULL),
            Op::LOAD_FAST => {
                let v = f.fast[arg as usize];
                if v.is_null() {
                    let n = crate::types::str::as_str(code.varnames[arg as usize])
                        .unwrap_or("?")
                        .to_string();
                    pending = Some((unbound_local(vm, &n), false));
                    continue;
                }
                f.stack.push(v);
            }
            Op::STORE_FAST => {
                let old = std::mem::replace(&mut f.fast[arg as usize], pop!(f));
                note_drop!(old);
            }
            Op::DELETE_FAST => {
                if f.fast[arg as usize].is_null() {
                    let n = crate::types::str::as_str(code.varnames[arg as usize])
                        .unwrap_or("?")
                        .to_string();
                    pending = Some((unbound_local(vm, &n), false));
                    continue;
                }
                let old = std::mem::replace(&mut f.fast[arg as usize], Value::NULL);
                note_drop!(old);
            }
            Op::LOAD_DEREF | Op::LOAD_CLASSDEREF => {
                let idx = code.nlocals + arg as usize;
                if ins.op == Op::LOAD_CLASSDEREF && !f.locals.is_null() {
                    let name = code.cellnames[arg as usize];
                    if let Some(v) = tri!(mapping_get(vm, f.locals, name)) {
                        f.stack.push(v);
                        continue;
                    }
                }
                let v = f.fast[idx]
                    .downcast::<CellObj>()
                    .map(|c| c.get())
                    .unwrap_or(Value::NULL);
                if v.is_null() {
                    let n = crate::types::str::as_str(code.cellnames[arg as usize])
                        .unwrap_or("?")
                        .to_string();
                    let e = if (arg as usize) < code.ncells {
                        unbound_local(vm, &n)
                    } else {
                        vm.name_error(format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"))
                    };
                    pending = Some((e, false));
                    continue;
                }
                f.stack.push(v);
            }
            Op::STORE_DEREF => {
                let v = pop!(f);
                if let Some(c) = f.fast[code.nlocals + arg as usize].downcast::<CellObj>() {
                    c.set(v);
                }
            }
            Op::DELETE_DEREF => {
                if let Some(c) = f.fast[code.nlocals + arg as usize].downcast::<CellObj>() {
                    if c.get().is_null() {
                        let n = crate::types::str::as_str(code.cellnames[arg as usize])
                            .unwrap_or("?")
                            .to_string();
                        pending = Some((unbound_local(vm, &n), false));
                        continue;
                    }
                    c.set(Value::NULL);
                }
            }
            Op::LOAD_CLOSURE => f.stack.push(f.fast[code.nlocals + arg as usize]),
            Op::LOAD_NAME => {
                let name = code.names[arg as usize];
                let mut found = None;
                if !f.locals.is_null() {
                    found = tri!(mapping_get(vm, f.locals, name));
                }
                if found.is_none() {
                    found = dict::get_str_value(f.globals, name)
                        .or_else(|| dict::get_str_value(f.builtins, name));
                }
                match found {
                    Some(v) => f.stack.push(v),
                    None => {
                        pending = Some((name_not_defined(vm, name), false));
                        continue;
                    }
                }
            }
            Op::STORE_NAME => {
                let name = code.names[arg as usize];
                let v = pop!(f);
                let target = if f.locals.is_null() {
                    f.globals
                } else {
                    f.locals
                };
                let old = tri!(mapping_set(vm, target, name, v));
                note_drop!(old);
            }
            Op::DELETE_NAME => {
                let name = code.names[arg as usize];
                let target = if f.locals.is_null() {
                    f.globals
                } else {
                    f.locals
                };
                let ok = if target.is::<DictObj>() {
                    let old = tri!(dict::del_item(vm, target, name));
                    if let Some(old) = old {
                        note_drop!(old);
                    }
                    old.is_some()
                } else {
                    tri!(
                        ops::item::delitem(vm, target, name)
                            .map(|_| true)
                            .or_else(|e| {
                                if vm.exc_matches(e, vm.exc.key_error) {
                                    Ok(false)
                                } else {
                                    Err(e)
                                }
                            })
                    )
                };
                if !ok {
                    pending = Some((name_not_defined(vm, name), false));
                    continue;
                }
            }
            Op::LOAD_GLOBAL => {
                let e = &code.caches[arg as usize];
                if let Some(v) = inline_cache::load_global(vm, e, f.globals, f.builtins) {
                    f.stack.push(v);
                    continue;
                }
                let name = code.names[arg as usize];
                match dict::get_str_value(f.globals, name)
                    .or_else(|| dict::get_str_value(f.builtins, name))
                {
                    Some(v) => {
                        inline_cache::fill_global(vm, e, f.globals, f.builtins, v);
                        f.stack.push(v)
                    }
                    None => {
                        let v = tri!(load_global_general(vm, f.globals, f.builtins, name));
                        f.stack.push(v);
                    }
                }
            }
            Op::STORE_GLOBAL => {
                let v = pop!(f);
                let old = dict::replace_item_str(vm, f.globals, code.names[arg as usize], v);
                note_drop!(old);
            }
            Op::DELETE_GLOBAL => {
                let name = code.names[arg as usize];
                match dict::del_item(vm, f.globals, name) {
                    Ok(Some(old)) => note_drop!(old),
                    _ => {
                        pending = Some((name_not_defined(vm, name), false));
                        continue;
                    }
                }
            }
            Op::LOAD_ATTR => {
                let obj = pop!(f);
                let e = &code.caches[arg as usize];
                if let Some(v) = inline_cache::load_attr(vm, e, obj) {
                    f.stack.push(v);
                    continue;
                }
                let name = code.names[arg as usize];
                // `obj` stays on the stack meanwhile: a clean position.
                f.stack.push(obj);
                let r = getattr_from_loop(vm, obj, name);
                f = fobj(frame).get_mut();
                f.stack.pop();
                let v = tri!(r);
                inline_cache::fill_attr(vm, e, obj, name);
                f.stack.push(v);
            }
            Op::STORE_ATTR => {
                let obj = pop!(f);
                let v = pop!(f);
                let e = &code.caches[arg as usize];
                if inline_cache::store_attr(vm, e, obj, v) {
                    continue;
                }
                let name = code.names[arg as usize];
                tri!(ops::attr::setattr_in(vm, obj, name, v, vm.is_clean()));
                inline_cache::fill_attr(vm, e, obj, name);
            }
            Op::DELETE_ATTR => {
                let obj = pop!(f);
                tri!(ops::attr::delattr(vm, obj, code.names[arg as usize]));
            }
            Op::LOAD_METHOD => {
                let obj = pop!(f);
                let e = &code.caches[arg as usize];
                if let Some(m) = inline_cache::load_method(vm, e, obj) {
                    f.stack.push(m);
                    f.stack.push(obj);
                    continue;
                }
                let name = code.names[arg as usize];
                let (m, s) = tri!(ops::attr::load_method(vm, obj, name));
                if !m.is_null() {
                    inline_cache::fill_method(vm, e, obj, name, m);
                }
                f.stack.push(m);
                f.stack.push(s);
            }
            Op::BINARY_SUBSCR => {
                let k = pop!(f);
                let c = pop!(f);
                let v = tri!(ops::item::getitem_in(vm, c, k, vm.is_clean()));
                f.stack.push(v);
            }
            Op::STORE_SUBSCR => {
                let k = pop!(f);
                let c = pop!(f);
                let v = pop!(f);
                tri!(ops::item::setitem_in(vm, c, k, v, vm.is_clean()));
            }
            Op::DELETE_SUBSCR => {
                let k = pop!(f);
                let c = pop!(f);
                tri!(ops::item::delitem_in(vm, c, k, vm.is_clean()));
            }
            Op::BUILD_SLICE => {
                let step = if arg == 3 { pop!(f) } else { Value::NONE };
                let stop = pop!(f);
                let start = pop!(f);
                let s = crate::types::range::new_slice(vm, start, stop, step);
                f.stack.push(s);
            }
            Op::BINARY_OP => {
                let b = pop!(f);
                let a = pop!(f);
                let Some((op, inplace)) = BinaryOp::decode(arg) else {
                    pending = Some((vm.system_error("bad BINARY_OP argument"), false));
                    continue;
                };
                // Small-int fast paths without any call.
                if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
                    let r = match op {
                        BinaryOp::Add => Some(x + y),
                        BinaryOp::Sub => Some(x - y),
                        BinaryOp::Mul => x.checked_mul(y),
                        _ => None,
                    };
                    if let Some(r) = r {
                        let v = match Value::try_small_int(r) {
                            Some(v) => v,
                            None => crate::types::int::from_i64(vm, r),
                        };
                        f.stack.push(v);
                        continue;
                    }
                }
                // Exact floats (or a float and a small int): + - * and / by non-zero, the
                // results `float.__add__` & co compute, without the generic dispatch.
                if let Some((x, y)) = float_operands(vm, a, b) {
                    let r = match op {
                        BinaryOp::Add => Some(x + y),
                        BinaryOp::Sub => Some(x - y),
                        BinaryOp::Mul => Some(x * y),
                        BinaryOp::TrueDiv if y != 0.0 => Some(x / y),
                        _ => None,
                    };
                    if let Some(r) = r {
                        let v = crate::types::float::new_float(vm, r);
                        f.stack.push(v);
                        continue;
                    }
                }
                if let Some(r) = ops::number::binary_op_numbers(vm, a, b, op) {
                    f.stack.push(tri!(r));
                    continue;
                }
                let v = tri!(binary_op_from_loop(vm, f, a, b, op, inplace));
                f.stack.push(v);
            }
            Op::UNARY_NEGATIVE | Op::UNARY_POSITIVE | Op::UNARY_INVERT => {
                let a = pop!(f);
                let op = match ins.op {
                    Op::UNARY_NEGATIVE => ops::number::Unary::Neg,
                    Op::UNARY_POSITIVE => ops::number::Unary::Pos,
                    _ => ops::number::Unary::Invert,
                };
                let v = tri!(ops::number::unary_op_in(vm, a, op, vm.is_clean()));
                f.stack.push(v);
            }
            Op::UNARY_NOT => {
                let a = pop!(f);
                let b = tri!(ops::truth::is_true_in(vm, a, vm.is_clean()));
                f.stack.push(Value::from_bool(!b));
            }
            Op::COMPARE_OP => {
                let b = pop!(f);
                let a = pop!(f);
                let Some(op) = CompareOp::from_arg(arg) else {
                    pending = Some((vm.system_error("bad COMPARE_OP argument"), false));
                    continue;
                };
                if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
                    let r = match op {
                        CompareOp::Lt => x < y,
                        CompareOp::Le => x <= y,
                        CompareOp::Eq => x == y,
                        CompareOp::Ne => x != y,
                        CompareOp::Gt => x > y,
                        CompareOp::Ge => x >= y,
                    };
                    f.stack.push(Value::from_bool(r));
                    continue;
                }
                if let Some(r) = ops::compare::fast_compare(vm, a, b, op) {
                    f.stack.push(Value::from_bool(r));
                    continue;
                }
                let v = tri!(compare_from_loop(vm, f, a, b, op));
                f.stack.push(v);
            }
            Op::IS_OP => {
                let b = pop!(f);
                let a = pop!(f);
                f.stack.push(Value::from_bool((a == b) != (arg == 1)));
            }
            Op::CONTAINS_OP => {
                let b = pop!(f);
                let a = pop!(f);
                let r = tri!(ops::item::contains_in(vm, b, a, vm.is_clean()));
                f.stack.push(Value::from_bool(r != (arg == 1)));
            }
            Op::BUILD_TUPLE => {
                let n = f.stack.len() - arg as usize;
                let items = f.stack.split_off(n);
                let t = crate::types::tuple::new_tuple(vm, items);
                f.stack.push(t);
            }
            Op::BUILD_LIST => {
                let n = f.stack.len() - arg as usize;
                let items = f.stack.split_off(n);
                let l = crate::types::list::new_list(vm, items);
                f.stack.push(l);
            }
            Op::BUILD_SET => {
                let n = f.stack.len() - arg as usize;
                let items = f.stack.split_off(n);
                let s = crate::types::set::new_set(vm);
                for it in items {
                    tri!(crate::types::set::add(vm, s, it));
                }
                f.stack.push(s);
            }
            Op::BUILD_MAP => {
                let n = f.stack.len() - 2 * arg as usize;
                let items = f.stack.split_off(n);
                let d = dict::new_dict(vm);
                for kv in items.chunks(2) {
                    tri!(dict::set_item(vm, d, kv[0], kv[1]));
                }
                f.stack.push(d);
            }
            Op::BUILD_CONST_KEY_MAP => {
                let keys = pop!(f);
                let n = f.stack.len() - arg as usize;
                let vals = f.stack.split_off(n);
                let d = dict::new_dict(vm);
                let ks = crate::types::tuple::items(keys).unwrap_or(&[]);
                for (k, v) in ks.iter().zip(vals) {
                    tri!(dict::set_item(vm, d, *k, v));
                }
                f.stack.push(d);
            }
            Op::BUILD_STRING => {
                let n = f.stack.len() - arg as usize;
                let parts = f.stack.split_off(n);
                let mut s = String::new();
                for p in parts {
                    s.push_str(crate::types::str::as_str(p).unwrap_or(""));
                }
                let v = vm.new_string(s);
                f.stack.push(v);
            }
            Op::LIST_APPEND => {
                let v = pop!(f);
                let l = f.stack[f.stack.len() - arg as usize];
                if let Some(l) = l.downcast::<crate::types::list::ListObj>() {
                    l.push(v);
                }
            }
            Op::SET_ADD => {
                let v = pop!(f);
                let s = f.stack[f.stack.len() - arg as usize];
                tri!(crate::types::set::add(vm, s, v));
            }
            Op::MAP_ADD => {
                let v = pop!(f);
                let k = pop!(f);
                let d = f.stack[f.stack.len() - arg as usize];
                tri!(dict::set_item(vm, d, k, v));
            }
            Op::LIST_EXTEND => {
                let it = pop!(f);
                let l = f.stack[f.stack.len() - arg as usize];
                // A clean position: the list is on the stack, `collect_in` roots `it`.
                let items = match ops::iter::collect_in(vm, it, vm.is_clean()) {
                    Ok(v) => v,
                    Err(e) => {
                        let e = if vm.exc_matches(e, vm.exc.type_error)
                            && !ops::has_special(vm, it, vm.names.iter)
                            && !ops::has_special(vm, it, vm.names.getitem)
                        {
                            vm.type_error(format!(
                                "Value after * must be an iterable, not {}",
                                vm.type_name(it)
                            ))
                        } else {
                            e
                        };
                        pending = Some((e, false));
                        continue;
                    }
                };
                if let Some(l) = l.downcast::<crate::types::list::ListObj>() {
                    l.items.borrow_mut().extend(items);
                }
            }
            Op::SET_UPDATE => {
                let it = pop!(f);
                let s = f.stack[f.stack.len() - arg as usize];
                tri!(crate::types::set::update(vm, s, it));
            }
            Op::DICT_UPDATE | Op::DICT_MERGE => {
                let m = pop!(f);
                let d = f.stack[f.stack.len() - arg as usize];
                let merge = ins.op == Op::DICT_MERGE;
                let callable = if merge {
                    f.stack[f.stack.len() - arg as usize - 2]
                } else {
                    Value::NULL
                };
                tri!(dict_update(vm, d, m, merge, callable));
            }
            Op::LIST_TO_TUPLE => {
                let l = pop!(f);
                let items = l
                    .downcast::<crate::types::list::ListObj>()
                    .map(|l| l.snapshot())
                    .unwrap_or_default();
                let t = crate::types::tuple::new_tuple(vm, items);
                f.stack.push(t);
            }
            Op::UNPACK_SEQUENCE => {
                let seq = pop!(f);
                let items = tri!(unpack(vm, seq, arg as usize, None));
                f.stack.extend(items.into_iter().rev());
            }
            Op::UNPACK_EX => {
                let seq = pop!(f);
                let before = (arg & 0xff) as usize;
                let after = (arg >> 8) as usize;
                let items = tri!(unpack(vm, seq, before, Some(after)));
                // items: before..., list, after...
                f.stack.extend(items.into_iter().rev());
            }
            Op::FORMAT_VALUE => {
                let spec = if arg & 4 != 0 { pop!(f) } else { Value::NULL };
                let v = pop!(f);
                let r = tri!(format_from_loop(vm, v, spec, arg & 3));
                f.stack.push(r);
            }
            Op::JUMP => f.ip = arg as usize,
            Op::JUMP_BACKWARD => {
                f.ip = arg as usize;
                if Vm::attention() {
                    let r = vm.safe_point();
                    f = fobj(frame).get_mut();
                    tri!(r);
                }
            }
            Op::POP_JUMP_IF_FALSE | Op::POP_JUMP_IF_TRUE => {
                let v = pop!(f);
                let t = if v == Value::TRUE {
                    true
                } else if v == Value::FALSE {
                    false
                } else {
                    tri!(ops::truth::is_true_in(vm, v, vm.is_clean()))
                };
                if t == (ins.op == Op::POP_JUMP_IF_TRUE) {
                    f.ip = arg as usize;
                }
            }
            Op::POP_JUMP_IF_NONE => {
                if pop!(f).is_none() {
                    f.ip = arg as usize;
                }
            }
            Op::POP_JUMP_IF_NOT_NONE => {
                if !pop!(f).is_none() {
                    f.ip = arg as usize;
                }
            }
            Op::JUMP_IF_FALSE_OR_POP | Op::JUMP_IF_TRUE_OR_POP => {
                let v = top!(f);
                let t = tri!(ops::truth::is_true_in(vm, v, vm.is_clean()));
                if t == (ins.op == Op::JUMP_IF_TRUE_OR_POP) {
                    f.ip = arg as usize;
                } else {
                    f.stack.pop();
                }
            }
            Op::GET_ITER => {
                let v = pop!(f);
                let it = tri!(ops::iter::get_iter_in(vm, v, vm.is_clean()));
                f.stack.push(it);
            }
            Op::FOR_ITER => {
                let it = top!(f);
                // `for i in range(...)`: the next small int without a call.
                if let Some(o) = it.downcast::<IteratorObj>()
                    && let Ok(mut st) = o.state.try_borrow_mut()
                    && let IterState::Range {
                        cur,
                        step,
                        remaining,
                        ..
                    } = &mut *st
                    && *remaining > 0
                    && let Some(v) = Value::try_small_int(*cur)
                {
                    *remaining -= 1;
                    *cur = cur.wrapping_add(*step);
                    drop(st);
                    f.stack.push(v);
                    continue;
                }
                if let Some(g) = it.downcast::<GeneratorObj>()
                    && g.kind == GenKind::Generator
                {
                    let base = f.stack.len();
                    resume_inline!(g, Value::NONE, Resume::ForIter(arg), Value::NULL, base);
                }
                match tri!(next_from_loop(vm, it)) {
                    Some(v) => f.stack.push(v),
                    None => {
                        f.stack.pop();
                        f.ip = arg as usize;
                    }
                }
            }
            Op::RETURN_VALUE => {
                let v = pop!(f);
                let dropped = f.fin_mark != crate::heap::registrations()
                    && finalize::note_return(&f.fast, code.nlocals, v);
                if vm.trace.active {
                    let r = crate::interp::trace::on_return(vm, frame, v);
                    f = fobj(frame).get_mut();
                    tri!(r);
                }
                let init_self = f.init_self;
                vm.frames.pop();
                if frame == entry {
                    return Ok(Exit::Return(v));
                }
                let done = frame;
                frame = match vm.frames.last() {
                    Some(x) => *x,
                    None => return Ok(Exit::Return(v)),
                };
                if f.resume != Resume::Rust {
                    // A generator resumed inline finished.
                    let (kind, default) = (f.resume, f.resume_default);
                    generator::returned_inline(vm, f);
                    let g = f.generator.downcast::<GeneratorObj>();
                    f = fobj(frame).get_mut();
                    code = code_of(f);
                    if let Some(g) = g
                        && let Some(e) = generator_returned(vm, f, kind, default, g, v)
                    {
                        pending = Some((e, false));
                    }
                    continue;
                }
                // An inlined call's frame.
                crate::interp::frame::release_frame(vm, done);
                f = fobj(frame).get_mut();
                code = code_of(f);
                if init_self.is_null() {
                    f.stack.push(v);
                } else if v.is_none() {
                    f.stack.push(init_self);
                } else {
                    pending = Some((
                        vm.type_error(format!(
                            "__init__() should return None, not '{}'",
                            vm.type_name(v)
                        )),
                        false,
                    ));
                }
                // The caller resumes with the frame gone: finalizers its locals' last
                // references were waiting for run now, as when CPython's frame dies.
                if dropped {
                    let r = vm.safe_point();
                    f = fobj(frame).get_mut();
                    tri!(r);
                }
            }
            Op::CALL | Op::CALL_KW | Op::CALL_METHOD | Op::CALL_METHOD_KW => {
                let kwnames = if matches!(ins.op, Op::CALL_KW | Op::CALL_METHOD_KW) {
                    pop!(f)
                } else {
                    Value::NULL
                };
                let n = arg as usize;
                let method = matches!(ins.op, Op::CALL_METHOD | Op::CALL_METHOD_KW);
                let args_start = f.stack.len() - n;
                let (callable, first) = if method {
                    let m = f.stack[args_start - 2];
                    if m.is_null() {
                        (f.stack[args_start - 1], args_start)
                    } else {
                        (m, args_start - 1)
                    }
                } else {
                    (f.stack[args_start - 1], args_start)
                };
                let base = if method {
                    args_start - 2
                } else {
                    args_start - 1
                };
                let kw: &[Value] = if kwnames.is_null() {
                    &[]
                } else {
                    crate::types::tuple::items(kwnames).unwrap_or(&[])
                };
                // Inline Python-to-Python calls (also through bound methods).
                let (target, self_arg) = if let Some(bm) = callable.downcast::<BoundMethod>() {
                    (bm.func, bm.self_)
                } else {
                    (callable, Value::NULL)
                };
                if let Some(func) = target.downcast::<FunctionObj>()
                    && let codev = func.code.get()
                    && let Some(c) = codev.downcast::<CodeObj>()
                    && c.flags() & GEN_FLAGS == 0
                {
                    let args = &f.stack[first..];
                    let new_frame = if c.simple_args
                        && kw.is_empty()
                        && args.len() + (!self_arg.is_null()) as usize == c.code.argcount as usize
                    {
                        crate::interp::frame::simple_frame(
                            vm, func, target, codev, c, self_arg, args,
                        )
                    } else {
                        tri!(crate::interp::frame::frame_for_call_self(
                            vm, target, self_arg, args, kw
                        ))
                    };
                    enter_inline!(new_frame, base);
                }
                // Short argument lists are copied into a stack array rather than a heap
                // vector. The originals stay on the value stack during the call: a native
                // function that releases the GIL may see a collection run in another thread,
                // and the stack is what keeps the arguments (and the callable) alive.
                let nargs = f.stack.len() - first;
                let mut small = [Value::NULL; 8];
                let heap_args: Vec<Value>;
                let args: &[Value] = if nargs <= small.len() {
                    small[..nargs].copy_from_slice(&f.stack[first..]);
                    &small[..nargs]
                } else {
                    heap_args = f.stack[first..].to_vec();
                    &heap_args
                };
                // `next(g)`, `g.send(v)`: the generator runs inline.
                if let Some((g, sent, default)) = generator::resumed_by_call(callable, args) {
                    resume_inline!(g, sent, Resume::Call, default, base);
                }
                // Constructors with a Python `__init__`, Python `__call__`, `exec`: inline too.
                if self_arg.is_null()
                    && let Some(new_frame) = tri!(other_inline_frame(vm, callable, args, kw))
                {
                    enter_inline!(new_frame, base);
                }
                let r = if vm.trace.active {
                    crate::interp::trace::call_native(vm, callable, args, kw)
                } else {
                    call_from_loop(vm, callable, args, kw)
                };
                f = fobj(frame).get_mut();
                f.stack.truncate(base);
                f.stack.push(tri!(r));
                // As CPython after a native call: a signal that arrived during it (a write a
                // signal cut short) has its handler run before the next instruction.
                if Vm::attention() {
                    let r = vm.safe_point();
                    f = fobj(frame).get_mut();
                    tri!(r);
                }
            }
            Op::CALL_FUNCTION_EX => {
                // Operands stay on the stack during the call (see CALL).
                let n = if arg & 1 != 0 { 3 } else { 2 };
                let base = f.stack.len().saturating_sub(n);
                let kwargs = if arg & 1 != 0 { top!(f) } else { Value::NULL };
                let args = f.stack.get(base + 1).copied().unwrap_or(Value::NULL);
                let callable = f.stack.get(base).copied().unwrap_or(Value::NULL);
                let a = if vm.type_of(args) == vm.types.tuple {
                    crate::types::tuple::items(args).unwrap_or(&[]).to_vec()
                } else {
                    // `f(*x)` passes `x` itself: CPython's check_args_iterable.
                    let r = if ops::has_special(vm, args, vm.names.iter)
                        || ops::has_special(vm, args, vm.names.getitem)
                    {
                        ops::iter::collect(vm, args)
                    } else {
                        let fname = callable_name(vm, callable);
                        let t = vm.type_name(args);
                        Err(vm.type_error(format!(
                            "{fname} argument after * must be an iterable, not {t}"
                        )))
                    };
                    match r {
                        Ok(a) => a,
                        Err(e) => {
                            f = fobj(frame).get_mut();
                            f.stack.truncate(base);
                            pending = Some((e, false));
                            continue;
                        }
                    }
                };
                // A Python function runs inline, as for CALL (no Rust recursion).
                let (target, self_arg) = if let Some(bm) = callable.downcast::<BoundMethod>() {
                    (bm.func, bm.self_)
                } else {
                    (callable, Value::NULL)
                };
                let kw_items = if kwargs.is_null() {
                    Some(Vec::new())
                } else if vm.type_of(kwargs) == vm.types.dict {
                    let items = crate::types::dict::items(kwargs);
                    let all_str = items.iter().all(|(k, _)| vm.type_of(*k) == vm.types.str_);
                    all_str.then_some(items)
                } else {
                    None
                };
                let inline = target
                    .downcast::<FunctionObj>()
                    .and_then(|func| func.code.get().downcast::<CodeObj>())
                    .is_some_and(|c| c.flags() & GEN_FLAGS == 0);
                // Also constructors with a Python `__init__`, Python `__call__` and `exec`.
                let mut inline_frame = None;
                if let Some(items) = kw_items {
                    let mut all = a.clone();
                    let mut names = Vec::with_capacity(items.len());
                    for (k, v) in items {
                        names.push(vm.intern_value(k));
                        all.push(v);
                    }
                    inline_frame = if inline {
                        Some(tri!(crate::interp::frame::frame_for_call_self(
                            vm, target, self_arg, &all, &names
                        )))
                    } else {
                        tri!(other_inline_frame(vm, callable, &all, &names))
                    };
                }
                if let Some(new_frame) = inline_frame {
                    enter_inline!(new_frame, base);
                }
                let r = if vm.trace.active {
                    crate::interp::trace::call_native_ex(vm, callable, &a, kwargs)
                } else {
                    ops::call::call_ex(vm, callable, &a, kwargs)
                };
                f = fobj(frame).get_mut();
                f.stack.truncate(base);
                f.stack.push(tri!(r));
                if Vm::attention() {
                    let r = vm.safe_point();
                    f = fobj(frame).get_mut();
                    tri!(r);
                }
            }
            Op::MAKE_FUNCTION => {
                let codev = pop!(f);
                let closure = if arg & MakeFunctionFlags::CLOSURE != 0 {
                    pop!(f)
                } else {
                    Value::NULL
                };
                let annotations = if arg & MakeFunctionFlags::ANNOTATIONS != 0 {
                    pop!(f)
                } else {
                    Value::NULL
                };
                let kwdefaults = if arg & MakeFunctionFlags::KWDEFAULTS != 0 {
                    pop!(f)
                } else {
                    Value::NULL
                };
                let defaults = if arg & MakeFunctionFlags::DEFAULTS != 0 {
                    pop!(f)
                } else {
                    Value::NULL
                };
                let func = make_function(vm, f, codev, defaults, kwdefaults, annotations, closure);
                f.stack.push(func);
            }
            Op::LOAD_BUILD_CLASS => {
                let v = match dict::get_str(f.builtins, "__build_class__") {
                    Some(v) => v,
                    None => {
                        pending = Some((vm.name_error("__build_class__ not found"), false));
                        continue;
                    }
                };
                f.stack.push(v);
            }
            Op::IMPORT_NAME => {
                let fromlist = pop!(f);
                let level = pop!(f);
                let name = code.names[arg as usize];
                let locals = if f.locals.is_null() {
                    Value::NONE
                } else {
                    f.locals
                };
                let m = tri!(crate::modules::import_name(
                    vm, name, f.globals, locals, fromlist, level
                ));
                f.stack.push(m);
            }
            Op::IMPORT_FROM => {
                let m = top!(f);
                let v = tri!(crate::modules::import_from(vm, m, code.names[arg as usize]));
                f.stack.push(v);
            }
            Op::IMPORT_STAR => {
                let m = pop!(f);
                let target = if f.locals.is_null() {
                    f.globals
                } else {
                    f.locals
                };
                tri!(crate::modules::import_star(vm, m, target));
            }
            Op::SETUP_FINALLY => {
                f.blocks.push(Block {
                    handler: arg,
                    level: f.stack.len() as u32,
                });
            }
            Op::POP_BLOCK => {
                f.blocks.pop();
            }
            Op::RAISE_VARARGS => {
                let e = match arg {
                    0 => {
                        let h = vm.current_exc();
                        if h.is_none() || h.is_null() {
                            vm.runtime_error("No active exception to reraise")
                        } else {
                            pending = Some((Exc(h), true));
                            continue;
                        }
                    }
                    1 => {
                        let v = pop!(f);
                        tri!(make_exception(vm, v))
                    }
                    _ => {
                        let cause = pop!(f);
                        let v = pop!(f);
                        let e = tri!(make_exception(vm, v));
                        let c = if cause.is_none() {
                            Value::NONE
                        } else {
                            tri!(make_exception(vm, cause).map(|c| c.0).map_err(|_| {
                                vm.type_error("exception causes must derive from BaseException")
                            }))
                        };
                        if let Some(x) = exc_obj(e.0) {
                            x.cause.set(c);
                            x.suppress_context.set(true);
                        }
                        e
                    }
                };
                set_context(vm, e);
                pending = Some((e, false));
                continue;
            }
            Op::RERAISE => {
                let e = pop!(f);
                pending = Some((Exc(e), true));
                continue;
            }
            Op::PUSH_EXC_INFO => {
                let e = pop!(f);
                f.stack.push(vm.handled_exc);
                f.stack.push(e);
                vm.handled_exc = e;
            }
            Op::POP_EXCEPT => {
                vm.handled_exc = pop!(f);
            }
            Op::CHECK_EXC_MATCH => {
                let ty = pop!(f);
                let e = top!(f);
                let m = tri!(exception_matches(vm, e, ty));
                f.stack.push(Value::from_bool(m));
            }
            Op::CHECK_EG_MATCH => {
                let ty = pop!(f);
                let e = pop!(f);
                let (m, rest) = tri!(eg_match(vm, e, ty));
                f.stack.push(rest);
                f.stack.push(m);
            }
            Op::PREP_RERAISE_STAR => {
                let raised = pop!(f);
                let orig = pop!(f);
                let r = tri!(prep_reraise_star(vm, orig, raised));
                f.stack.push(r);
            }
            Op::LOAD_ASSERTION_ERROR => f.stack.push(vm.exc.assertion_error),
            Op::BEFORE_WITH => {
                let mgr = top!(f);
                let (exit, enter) = tri!(before_with(vm, mgr, false));
                f = fobj(frame).get_mut();
                f.stack.pop();
                f.stack.push(exit);
                // A Python `__enter__` runs inline; its return value lands on the stack.
                if inline_target(enter).is_some() {
                    let nf = tri!(crate::interp::frame::frame_for_call_self(
                        vm,
                        enter,
                        mgr,
                        &[],
                        &[]
                    ));
                    let base = fobj(frame).get().stack.len();
                    enter_inline!(nf, base);
                }
                // Any other `__enter__` is called from a clean position (the bound method on the
                // stack meanwhile), so a blocking `lock.__enter__` lets other threads collect.
                let enter_b = tri!(ops::attr::bind_descriptor(vm, enter, mgr, vm.type_of(mgr)));
                fobj(frame).get_mut().stack.push(enter_b);
                let r = call_from_loop(vm, enter_b, &[], &[]);
                f = fobj(frame).get_mut();
                f.stack.pop();
                f.stack.push(tri!(r));
            }
            Op::BEFORE_ASYNC_WITH => {
                let mgr = top!(f);
                let (exit, enter) = tri!(before_with(vm, mgr, true));
                let enter_b = tri!(ops::attr::bind_descriptor(vm, enter, mgr, vm.type_of(mgr)));
                let res = tri!(ops::call::call(vm, enter_b, &[]));
                f = fobj(frame).get_mut();
                f.stack.pop();
                f.stack.push(exit);
                let aw = tri!(get_awaitable(vm, res, 1));
                f.stack.push(aw);
            }
            Op::WITH_EXCEPT_START => {
                let n = f.stack.len();
                let exc = f.stack[n - 1];
                let exit = f.stack[n - 3];
                let ty = vm.type_of(exc);
                let tb = exc_obj(exc)
                    .map(|x| x.traceback.get())
                    .unwrap_or(Value::NONE);
                // A Python `__exit__` runs inline (as a `with`'s normal exit does).
                if let Some(bm) = exit.downcast::<BoundMethod>()
                    && inline_target(bm.func).is_some()
                {
                    let nf = tri!(crate::interp::frame::frame_for_call_self(
                        vm,
                        bm.func,
                        bm.self_,
                        &[ty, exc, tb],
                        &[]
                    ));
                    enter_inline!(nf, n);
                }
                let r = tri!(ops::call::call(vm, exit, &[ty, exc, tb]));
                f = fobj(frame).get_mut();
                f.stack.push(r);
            }
            Op::YIELD_VALUE => {
                let v = pop!(f);
                if vm.trace.active {
                    let r = crate::interp::trace::on_return(vm, frame, v);
                    f = fobj(frame).get_mut();
                    tri!(r);
                }
                vm.frames.pop();
                if frame == entry {
                    return Ok(Exit::Yield(v));
                }
                if f.resume == Resume::Rust {
                    // A generator frame is either resumed inline or the entry frame.
                    return Err(vm.system_error("yield in an inlined frame"));
                }
                // A generator resumed inline yielded: the value goes to its resumer, which
                // continues (FOR_ITER's body, SEND's YIELD_VALUE, the call's result).
                generator::yielded_inline(vm, f);
                frame = match vm.frames.last() {
                    Some(x) => *x,
                    None => return Err(vm.system_error("yield without a resumer")),
                };
                f = fobj(frame).get_mut();
                code = code_of(f);
                f.stack.push(v);
            }
            Op::SEND => {
                let v = pop!(f);
                let recv = top!(f);
                if let Some(g) = recv.downcast::<GeneratorObj>()
                    && g.kind != GenKind::AsyncGenerator
                {
                    let base = f.stack.len();
                    resume_inline!(g, v, Resume::Send(arg), Value::NULL, base);
                }
                match tri!(send_to(vm, recv, v)) {
                    Ok(y) => f.stack.push(y),
                    Err(ret) => {
                        f.stack.pop();
                        f.stack.push(ret);
                        f.ip = arg as usize;
                    }
                }
            }
            Op::GET_YIELD_FROM_ITER => {
                let v = pop!(f);
                let it = if let Some(g) = v.downcast::<GeneratorObj>() {
                    if g.kind == GenKind::Coroutine
                        && !code.has_flag(CodeFlags::COROUTINE | CodeFlags::ITERABLE_COROUTINE)
                    {
                        pending = Some((vm.type_error("cannot 'yield from' a coroutine object in a non-coroutine generator"), false));
                        continue;
                    }
                    v
                } else {
                    tri!(ops::iter::get_iter(vm, v))
                };
                f.stack.push(it);
            }
            Op::GET_AWAITABLE => {
                let v = pop!(f);
                let aw = tri!(get_awaitable(vm, v, arg));
                f.stack.push(aw);
            }
            Op::GET_AITER => {
                let v = pop!(f);
                let r = match tri!(ops::call_special(vm, v, vm.names.aiter, &[])) {
                    Some(r) => r,
                    None => {
                        pending = Some((
                            vm.type_error(format!(
                                "'async for' requires an object with __aiter__ method, got {}",
                                vm.type_name(v)
                            )),
                            false,
                        ));
                        continue;
                    }
                };
                f.stack.push(r);
            }
            Op::GET_ANEXT => {
                let it = top!(f);
                let r = match tri!(ops::call_special(vm, it, vm.names.anext, &[])) {
                    Some(r) => r,
                    None => {
                        pending = Some((
                            vm.type_error(format!(
                                "'async for' requires an iterator with __anext__ method, got {}",
                                vm.type_name(it)
                            )),
                            false,
                        ));
                        continue;
                    }
                };
                let aw = tri!(get_awaitable(vm, r, 0));
                f.stack.push(aw);
            }
            Op::END_ASYNC_FOR => {
                let e = pop!(f);
                if typeobj::is_subtype(vm.type_of(e), vm.exc.stop_async_iteration) {
                    f.stack.pop();
                    // The loop ended normally: the StopAsyncIteration is no longer "handled".
                } else {
                    pending = Some((Exc(e), true));
                    continue;
                }
            }
            Op::ASYNC_GEN_WRAP => {
                let v = pop!(f);
                let w = generator::wrap_async_value(vm, v);
                f.stack.push(w);
            }
            Op::GET_LEN => {
                let v = top!(f);
                let n = tri!(ops::item::len(vm, v));
                let nv = crate::types::int::from_usize(vm, n);
                f.stack.push(nv);
            }
            Op::MATCH_MAPPING => {
                let v = top!(f);
                let t = vm.type_of(v);
                f.stack.push(Value::from_bool(
                    typeobj::type_flags(t).contains(typeobj::TypeFlags::MAPPING),
                ));
            }
            Op::MATCH_SEQUENCE => {
                let v = top!(f);
                let t = vm.type_of(v);
                f.stack.push(Value::from_bool(
                    typeobj::type_flags(t).contains(typeobj::TypeFlags::SEQUENCE),
                ));
            }
            Op::MATCH_KEYS => {
                let n = f.stack.len();
                let (subject, keys) = (f.stack[n - 2], f.stack[n - 1]);
                let r = tri!(match_keys(vm, subject, keys));
                f.stack.push(r);
            }
            Op::MATCH_CLASS => {
                let names = pop!(f);
                let cls = pop!(f);
                let subject = pop!(f);
                let r = tri!(match_class(vm, subject, cls, arg as usize, names));
                f.stack.push(r);
            }
            Op::SETUP_ANNOTATIONS => {
                let target = if f.locals.is_null() {
                    f.globals
                } else {
                    f.locals
                };
                let name = vm.names.annotations;
                if tri!(mapping_get(vm, target, name)).is_none() {
                    let d = dict::new_dict(vm);
                    tri!(mapping_set(vm, target, name, d));
                }
            }
            Op::PRINT_EXPR => {
                let v = pop!(f);
                tri!(crate::modules::sys::displayhook(vm, v));
            }
        }
    }
}

/// Both operands as f64 when both are exact floats, or one is and the other a small int (whose
/// conversion rounds to nearest, as CPython's int-to-float).
#[inline(always)]
fn float_operands(vm: &Vm, a: Value, b: Value) -> Option<(f64, f64)> {
    let fl = |v: Value| -> Option<f64> {
        let h = v.header()?;
        if h.ty() != vm.types.float {
            return None;
        }
        v.downcast::<FloatObj>().map(|x| x.value)
    };
    match (a.as_small_int(), b.as_small_int()) {
        (None, None) => Some((fl(a)?, fl(b)?)),
        (Some(x), None) => Some((x as f64, fl(b)?)),
        (None, Some(y)) => Some((fl(a)?, y as f64)),
        (Some(_), Some(_)) => None,
    }
}

fn unbound_local(vm: &mut Vm, name: &str) -> Exc {
    vm.new_exc(
        vm.exc.unbound_local_error,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn name_not_defined(vm: &mut Vm, name: Value) -> Exc {
    let n = crate::types::str::as_str(name).unwrap_or("?").to_string();
    let e = vm.name_error(format!("name '{n}' is not defined"));
    let k = vm.intern("name");
    crate::types::instance::set(vm, e.0, k, name);
    e
}

/// Chains the exception being handled as `__context__` of a newly raised one.
pub(crate) fn set_context(vm: &mut Vm, exc: Exc) {
    let h = vm.current_exc();
    if h.is_none() || h.is_null() || h == exc.0 {
        return;
    }
    let Some(x) = exc_obj(exc.0) else { return };
    if !x.context.get().is_none() {
        return;
    }
    // Avoid cycles: cut the chain where it would reach `exc` again.
    let mut o = h;
    let mut steps = 0;
    while let Some(ox) = exc_obj(o) {
        let c = ox.context.get();
        if c == exc.0 {
            ox.context.set(Value::NONE);
            break;
        }
        o = c;
        steps += 1;
        if steps > 1000 {
            break;
        }
    }
    x.context.set(h);
}

fn mapping_get(vm: &mut Vm, m: Value, name: Value) -> PyResult<Option<Value>> {
    if vm.type_of(m) == vm.types.dict {
        return Ok(dict::get_str_value(m, name));
    }
    match ops::item::getitem(vm, m, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.exc_matches(e, vm.exc.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Stores `name` in a namespace mapping; returns the value it replaced when the mapping is a
/// plain dict (NULL otherwise, or when the name was new).
fn mapping_set(vm: &mut Vm, m: Value, name: Value, v: Value) -> PyResult<Value> {
    if vm.type_of(m) == vm.types.dict {
        return Ok(dict::replace_item_str(vm, m, name, v));
    }
    ops::item::setitem(vm, m, name, v).map(|_| Value::NULL)
}

fn dict_update(vm: &mut Vm, d: Value, m: Value, merge: bool, callable: Value) -> PyResult<()> {
    let pairs: Vec<(Value, Value)> = if m.is::<DictObj>() {
        dict::items(m)
    } else {
        let Some(keys_fn) = ops::attr::getattr_opt(vm, m, vm.names.keys)? else {
            let msg = if merge {
                let fname = callable_name(vm, callable);
                format!(
                    "{fname} argument after ** must be a mapping, not {}",
                    vm.type_name(m)
                )
            } else {
                format!("'{}' object is not a mapping", vm.type_name(m))
            };
            return Err(vm.type_error(msg));
        };
        let ks = ops::call::call(vm, keys_fn, &[])?;
        let mut out = Vec::new();
        for k in ops::iter::collect(vm, ks)? {
            let v = ops::item::getitem(vm, m, k)?;
            out.push((k, v));
        }
        out
    };
    for (k, v) in pairs {
        if merge {
            if !k.is::<crate::types::str::StrObj>() {
                return Err(vm.type_error("keywords must be strings"));
            }
            if dict::get_item(vm, d, k)?.is_some() {
                let fname = callable_name(vm, callable);
                let ks = crate::types::str::as_str(k).unwrap_or("?");
                return Err(vm.type_error(format!(
                    "{fname} got multiple values for keyword argument '{ks}'"
                )));
            }
        }
        dict::set_item(vm, d, k, v)?;
    }
    Ok(())
}

fn callable_name(vm: &mut Vm, c: Value) -> String {
    if let Some(f) = c.downcast::<FunctionObj>() {
        let q = crate::types::str::as_str(f.qualname.get()).unwrap_or("?");
        return match crate::types::str::as_str(f.module.get()) {
            Some(m) if m != "builtins" => format!("{m}.{q}()"),
            _ => format!("{q}()"),
        };
    }
    if let Some(n) = c.downcast::<crate::types::function::NativeFunction>() {
        return format!("{}()", ops::call::native_display_name(n));
    }
    if let Some(t) = c.downcast::<typeobj::TypeObject>() {
        return format!("{}()", t.name.borrow());
    }
    format!("{} object", vm.type_name(c))
}

/// Unpacks `seq` into exactly `n` items, or (with `after`) into `n` items, a list, `after` items.
fn unpack(vm: &mut Vm, seq: Value, before: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
    let ty = vm.type_of(seq);
    let items = if ty == vm.types.tuple || ty == vm.types.list {
        ops::iter::collect(vm, seq)?
    } else {
        let it = match ops::iter::get_iter(vm, seq) {
            Ok(it) => it,
            Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
                return Err(vm.type_error(format!(
                    "cannot unpack non-iterable {} object",
                    vm.type_name(seq)
                )));
            }
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        while let Some(x) = ops::iter::next(vm, it)? {
            out.push(x);
            if after.is_none() && out.len() > before {
                return Err(
                    vm.value_error(format!("too many values to unpack (expected {before})"))
                );
            }
        }
        out
    };
    match after {
        None => {
            if items.len() < before {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected {before}, got {})",
                    items.len()
                )));
            }
            if items.len() > before {
                return Err(
                    vm.value_error(format!("too many values to unpack (expected {before})"))
                );
            }
            Ok(items)
        }
        Some(after) => {
            if items.len() < before + after {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                )));
            }
            let mut out = items[..before].to_vec();
            let mid = items[before..items.len() - after].to_vec();
            out.push(crate::types::list::new_list(vm, mid));
            out.extend_from_slice(&items[items.len() - after..]);
            Ok(out)
        }
    }
}

fn make_function(
    vm: &mut Vm,
    f: &FrameData,
    codev: Value,
    defaults: Value,
    kwdefaults: Value,
    annotations: Value,
    closure: Value,
) -> Value {
    let code = codev.downcast::<CodeObj>();
    let name = code.map(|c| c.name).unwrap_or(Value::NONE);
    let qualname = code.map(|c| c.qualname).unwrap_or(Value::NONE);
    let doc = match code {
        Some(c) if c.code.flags & 0x1000_0000 != 0 => {
            c.consts.first().copied().unwrap_or(Value::NONE)
        }
        _ => Value::NONE,
    };
    let module = dict::get_str(f.globals, "__name__").unwrap_or(Value::NONE);
    let ann = if annotations.is_null() {
        Value::NULL
    } else {
        let d = dict::new_dict(vm);
        if let Some(items) = crate::types::tuple::items(annotations) {
            for kv in items.chunks(2) {
                if kv.len() == 2 {
                    dict::set_item_str(vm, d, kv[0], kv[1]);
                }
            }
        }
        d
    };
    crate::heap::alloc(
        vm.types.function,
        FunctionObj {
            code: std::cell::Cell::new(codev),
            globals: f.globals,
            builtins: f.builtins,
            name: std::cell::Cell::new(name),
            qualname: std::cell::Cell::new(qualname),
            defaults: std::cell::Cell::new(defaults),
            kwdefaults: std::cell::Cell::new(kwdefaults),
            closure,
            doc: std::cell::Cell::new(doc),
            module: std::cell::Cell::new(module),
            annotations: std::cell::Cell::new(ann),
        },
    )
}

/// BEFORE_WITH's lookups: `__exit__` bound to `mgr`, and `__enter__` as found on its type
/// (unbound, so the loop can run a Python one inline).
fn before_with(vm: &mut Vm, mgr: Value, is_async: bool) -> PyResult<(Value, Value)> {
    let ty = vm.type_of(mgr);
    let (en, ex) = if is_async {
        (vm.names.aenter, vm.names.aexit)
    } else {
        (vm.names.enter, vm.names.exit)
    };
    let enter = typeobj::lookup(vm, ty, en);
    let exit = typeobj::lookup(vm, ty, ex);
    if enter.is_null() || exit.is_null() {
        let what = if is_async {
            "asynchronous context manager"
        } else {
            "context manager"
        };
        let extra = if !is_async && !typeobj::lookup(vm, ty, vm.names.aenter).is_null() {
            " but it supports the asynchronous context manager protocol. Did you mean to use 'async with'?"
        } else {
            ""
        };
        let _ = extra;
        let missed = match (enter.is_null(), is_async) {
            (false, false) => " (missed __exit__ method)",
            (false, true) => " (missed __aexit__ method)",
            _ => "",
        };
        return Err(vm.type_error(format!(
            "'{}' object does not support the {what} protocol{missed}",
            vm.type_name(mgr)
        )));
    }
    let exit_b = ops::attr::bind_descriptor(vm, exit, mgr, ty)?;
    Ok((exit_b, enter))
}
