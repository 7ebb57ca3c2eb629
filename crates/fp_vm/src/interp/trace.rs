//! `sys.settrace` / `sys.setprofile`: the per-thread trace and profile functions and the events
//! the eval loop reports to them, with CPython 3.11's rules.
//!
//! The eval loop tests one flag, `vm.trace.active` (a trace or a profile function is set, as
//! CPython's `use_tracing`), and calls into this file only when it is set:
//! - frame entry (a call, and every generator resume): `on_call` ('call' to the global trace
//!   function, whose result becomes the frame's `f_trace`; 'call' to the profiler);
//! - before each instruction: `on_instruction` ('line' when the instruction starts a new line
//!   or is the target of a backward jump, 'opcode' when `f_trace_opcodes`);
//! - return and yield: `on_return` ('return' with the value);
//! - an exception raised into a frame: `on_exception` ('exception' with `(type, value, tb)`),
//!   and a frame left by an exception: `on_unwind` ('return' with None);
//! - calls of builtin functions: `call_native` ('c_call', 'c_return', 'c_exception' to the
//!   profiler only).
//!
//! While a trace or profile function runs, no event is reported (`TraceState::depth`), except
//! under `sys.call_tracing`. A trace function that raises is removed (`sys.settrace(None)`) and
//! its exception propagates from the traced frame; the same for a profile function.

use crate::interp::frame::{FrameObj, code_of, fobj, mark_escaped};
use crate::object::Trace;
use crate::ops;
use crate::types::function::NativeFunction;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use fp_bytecode::Op;
use std::collections::HashMap;
use std::rc::Rc;

/// A thread's tracing state (swapped with the rest of the thread state by `gil.rs`).
pub struct TraceState {
    /// A trace or profile function is set: the eval loop's single test.
    pub active: bool,
    /// Nesting of running trace/profile calls: events are not reported while positive.
    pub depth: u32,
    /// The global trace function (`sys.gettrace()`), or NULL.
    pub tracefunc: Value,
    /// The profile function (`sys.getprofile()`), or NULL.
    pub profilefunc: Value,
    /// While a trace or profile function runs: the traced frame and the line its `f_lineno`
    /// answers (CPython sets `f_lineno` for the duration of the call).
    pub line_frame: Value,
    pub line: u32,
    /// The event being reported to `line_frame` (jumps are allowed from 'line' events only).
    event: Option<Event>,
    /// Per code object (by address): the line each instruction reports to line tracing
    /// (`traced_lines`). Emptied after a collection (`cache_epoch`), which may free code.
    lines_cache: HashMap<usize, Rc<[u32]>>,
    cache_epoch: u64,
}

impl Default for TraceState {
    fn default() -> Self {
        TraceState {
            active: false,
            depth: 0,
            tracefunc: Value::NULL,
            profilefunc: Value::NULL,
            line_frame: Value::NULL,
            line: 0,
            event: None,
            lines_cache: HashMap::new(),
            cache_epoch: 0,
        }
    }
}

impl TraceState {
    pub fn trace(&self, visit: &mut dyn FnMut(Value)) {
        for v in [self.tracefunc, self.profilefunc, self.line_frame] {
            v.trace(visit);
        }
    }

    fn refresh(&mut self) {
        self.active = !self.tracefunc.is_null() || !self.profilefunc.is_null();
    }
}

/// Per-frame flags (`FrameObj::trace_flags`): `f_trace_lines` off, `f_trace_opcodes` on.
/// The bits above `LINE_SHIFT` hold the line last reported ('line' event or not), which the
/// instructions without a line of their own report as theirs.
pub const NO_LINES: u32 = 1;
pub const OPCODES: u32 = 2;
const LINE_SHIFT: u32 = 8;

#[derive(Clone, Copy, PartialEq)]
enum Event {
    Call,
    Exception,
    Line,
    Return,
    CCall,
    CException,
    CReturn,
    Opcode,
}

impl Event {
    fn name(self) -> &'static str {
        match self {
            Event::Call => "call",
            Event::Exception => "exception",
            Event::Line => "line",
            Event::Return => "return",
            Event::CCall => "c_call",
            Event::CException => "c_exception",
            Event::CReturn => "c_return",
            Event::Opcode => "opcode",
        }
    }
}

/// `sys.settrace(func)` for the running thread (None: off).
pub fn set_trace(vm: &mut Vm, func: Value) {
    vm.trace.tracefunc = if func.is_none() { Value::NULL } else { func };
    vm.trace.refresh();
}

/// `sys.setprofile(func)` for the running thread (None: off).
pub fn set_profile(vm: &mut Vm, func: Value) {
    vm.trace.profilefunc = if func.is_none() { Value::NULL } else { func };
    vm.trace.refresh();
}

fn or_none(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}

pub fn get_trace(vm: &Vm) -> Value {
    or_none(vm.trace.tracefunc)
}

pub fn get_profile(vm: &Vm) -> Value {
    or_none(vm.trace.profilefunc)
}

/// A frame's local trace function (`f_trace`, kept in the frame's attribute slot), or NULL.
pub fn frame_trace(frame: Value) -> Value {
    frame.header().map(|h| h.attrs.get()).unwrap_or(Value::NULL)
}

pub fn set_frame_trace(frame: Value, func: Value) {
    if let Some(h) = frame.header() {
        h.attrs.set(if func.is_none() { Value::NULL } else { func });
    }
}

/// The line `f_lineno` answers for `frame` while a trace function runs for it, if any.
pub fn lineno_override(vm: &Vm, frame: Value) -> Option<u32> {
    (vm.trace.depth > 0 && vm.trace.line_frame == frame).then_some(vm.trace.line)
}

/// The line a frame is at outside a 'line' event: its first line before it started (a 'call'
/// event, a generator not yet started), else the line of its last instruction.
/// An instruction without a line of its own (see `traced_lines`) is at the line last reported.
fn frame_line(vm: &mut Vm, frame: Value) -> u32 {
    let fo = fobj(frame);
    let d = fo.get();
    let c = code_of(d);
    if d.ip == 0 {
        return c.code.firstlineno;
    }
    let own = traced_lines(vm, c).get(d.lasti).copied().unwrap_or(0);
    let last = fo.trace_flags() >> LINE_SHIFT;
    if own == 0 && last != 0 {
        last
    } else {
        c.line_of(d.lasti)
    }
}

/// Calls `func(frame, event, arg)` with events off meanwhile; `line` is what `f_lineno` says.
fn call_hook(
    vm: &mut Vm,
    func: Value,
    frame: Value,
    event: Event,
    arg: Value,
    line: u32,
) -> PyResult<Value> {
    let frame = mark_escaped(frame);
    let name = vm.intern(event.name());
    let saved = (vm.trace.line_frame, vm.trace.line, vm.trace.event);
    vm.trace.depth += 1;
    vm.trace.active = false;
    vm.trace.line_frame = frame;
    vm.trace.line = line;
    vm.trace.event = Some(event);
    let r = ops::call::call(vm, func, &[frame, name, or_none(arg)]);
    vm.trace.depth -= 1;
    (vm.trace.line_frame, vm.trace.line, vm.trace.event) = saved;
    vm.trace.refresh();
    r
}

/// CPython's trace trampoline: 'call' goes to the global trace function, everything else to
/// the frame's `f_trace`; a result other than None becomes the frame's `f_trace`; an error
/// turns tracing off for the thread and clears the frame's `f_trace`.
fn trace_event(vm: &mut Vm, frame: Value, event: Event, arg: Value, line: u32) -> PyResult<()> {
    if vm.trace.depth > 0 || vm.trace.tracefunc.is_null() {
        return Ok(());
    }
    let callback = if event == Event::Call {
        vm.trace.tracefunc
    } else {
        frame_trace(frame)
    };
    if callback.is_null() || callback.is_none() {
        return Ok(());
    }
    match call_hook(vm, callback, frame, event, arg, line) {
        Ok(r) => {
            if !r.is_none() {
                set_frame_trace(frame, r);
            }
            Ok(())
        }
        Err(e) => {
            set_trace(vm, Value::NONE);
            set_frame_trace(frame, Value::NONE);
            Err(e)
        }
    }
}

/// CPython's profile trampoline: the result is ignored; an error turns profiling off.
fn profile_event(vm: &mut Vm, frame: Value, event: Event, arg: Value, line: u32) -> PyResult<()> {
    if vm.trace.depth > 0 || vm.trace.profilefunc.is_null() {
        return Ok(());
    }
    let func = vm.trace.profilefunc;
    match call_hook(vm, func, frame, event, arg, line) {
        Ok(_) => Ok(()),
        Err(e) => {
            set_profile(vm, Value::NONE);
            Err(e)
        }
    }
}

/// A frame starts or a generator resumes: 'call' to the trace function, then the profiler.
#[cold]
#[inline(never)]
pub fn on_call(vm: &mut Vm, frame: Value) -> PyResult<()> {
    let line = frame_line(vm, frame);
    trace_event(vm, frame, Event::Call, Value::NONE, line)?;
    profile_event(vm, frame, Event::Call, Value::NONE, line)
}

/// A frame returns `v` (or a generator yields it): 'return' to its `f_trace`, then the
/// profiler.
#[cold]
#[inline(never)]
pub fn on_return(vm: &mut Vm, frame: Value, v: Value) -> PyResult<()> {
    let line = frame_line(vm, frame);
    trace_event(vm, frame, Event::Return, v, line)?;
    profile_event(vm, frame, Event::Return, v, line)
}

/// A frame is left by an exception: 'return' with None; errors of the hooks are dropped (the
/// frame is already unwinding).
#[cold]
#[inline(never)]
pub fn on_unwind(vm: &mut Vm, frame: Value) {
    let line = frame_line(vm, frame);
    if trace_event(vm, frame, Event::Return, Value::NONE, line).is_ok() {
        let _ = profile_event(vm, frame, Event::Return, Value::NONE, line);
    }
}

/// An exception is raised in (or propagates into) `frame`: 'exception' with
/// `(type, value, traceback)`. A trace function that raises replaces the exception.
#[cold]
#[inline(never)]
pub fn on_exception(vm: &mut Vm, frame: Value, exc: Exc) -> Exc {
    if vm.trace.depth > 0 || vm.trace.tracefunc.is_null() {
        return exc;
    }
    let cb = frame_trace(frame);
    if cb.is_null() || cb.is_none() {
        return exc;
    }
    let ty = vm.type_of(exc.0);
    let tb = crate::types::exceptions::exc_obj(exc.0)
        .map(|x| x.traceback.get())
        .filter(|t| !t.is_null())
        .unwrap_or(Value::NONE);
    let arg = crate::types::tuple::new_tuple(vm, vec![ty, exc.0, tb]);
    let line = frame_line(vm, frame);
    match trace_event(vm, frame, Event::Exception, arg, line) {
        Ok(()) => exc,
        Err(e) => e,
    }
}

/// Before an instruction of `frame` (its `ip`; `lasti` is the previous one executed): a 'line'
/// event when the instruction starts a different line than the previous one, is the frame's
/// first, or is reached by a backward jump (not the `SEND` of a `yield from` loop); an
/// 'opcode' event for every instruction when `f_trace_opcodes` is set. On an error the
/// instruction counts as executed (the exception is raised at it).
#[cold]
#[inline(never)]
pub fn on_instruction(vm: &mut Vm, frame: Value) -> PyResult<()> {
    if vm.trace.depth > 0 || vm.trace.tracefunc.is_null() {
        return Ok(());
    }
    let cb = frame_trace(frame);
    if cb.is_null() || cb.is_none() {
        return Ok(());
    }
    let Some(fo) = frame.downcast::<FrameObj>() else {
        return Ok(());
    };
    let d = fo.get_mut();
    let code = code_of(d);
    let (cur, prev) = (d.ip, d.lasti);
    let lines = traced_lines(vm, code);
    let line = lines.get(cur).copied().unwrap_or(0);
    let fresh = cur == 0 && prev == 0;
    let mut flags = fo.trace_flags();
    // The previous instruction's line; one without a line counts as the line last reported.
    let last_line = match lines.get(prev).copied().unwrap_or(0) {
        _ if fresh => 0,
        0 => flags >> LINE_SHIFT,
        l => l,
    };
    let backward = cur < prev && code.code.instrs.get(cur).is_some_and(|i| i.op != Op::SEND);
    if line != 0 {
        flags = (flags & ((1 << LINE_SHIFT) - 1)) | (line << LINE_SHIFT);
        fo.set_trace_flags(flags);
    }
    let d = fo.get_mut();
    // `f_lineno` and `f_lasti` describe the instruction about to run.
    d.lasti = cur;
    let mut r = Ok(());
    if line != 0 && flags & NO_LINES == 0 && (line != last_line || fresh || backward) {
        r = trace_event(vm, frame, Event::Line, Value::NONE, line);
    }
    if r.is_ok() && fo.trace_flags() & OPCODES != 0 {
        r = trace_event(vm, frame, Event::Opcode, Value::NONE, line);
    }
    if r.is_err() {
        let d = fo.get_mut();
        d.lasti = d.ip;
        d.ip += 1;
    }
    r
}

/// The line each instruction of `code` reports to line tracing, 0 for none (cached).
///
/// CPython 3.11 leaves its structural instructions without a line of their own (they count as
/// the line last executed); ferropy's compiler gives every instruction the location last set,
/// so its structural instructions can carry the line of a statement compiled earlier (the
/// `try` header, the last statement of a branch not taken). Those report no line here:
/// - always: an exception handler's prologue (`SETUP_FINALLY; PUSH_EXC_INFO`), re-raising
///   cleanup (`SWAP; POP_EXCEPT; RERAISE`, `RERAISE`), a loop's closing jump to its header
///   (the backward jump reports the header anyway);
/// - an `except ... as name` clause's clean-up (`name = None; del name`), `POP_BLOCK`, and
///   the implicit `return None` at the end (whose location is the last statement compiled);
/// - when another instruction carries the same line: `POP_EXCEPT`, forward `JUMP`s,
///   `RETURN_VALUE` and the constant it returns (so a `break` or a `return` alone on its line
///   is still reported, and a `return` through a `finally` is not reported twice).
fn traced_lines(vm: &mut Vm, code: &crate::types::code::CodeObj) -> Rc<[u32]> {
    let key = code as *const _ as usize;
    if vm.trace.cache_epoch != vm.gc_epoch {
        vm.trace.lines_cache.clear();
        vm.trace.cache_epoch = vm.gc_epoch;
    }
    if let Some(t) = vm.trace.lines_cache.get(&key) {
        return t.clone();
    }
    let t: Rc<[u32]> = compute_traced_lines(code).into();
    vm.trace.lines_cache.insert(key, t.clone());
    t
}

fn compute_traced_lines(code: &crate::types::code::CodeObj) -> Vec<u32> {
    let instrs = &code.code.instrs;
    let n = instrs.len();
    let op_at = |k: usize| instrs.get(k).map(|i| i.op);
    // 0: has its line; 1: never a line; 2: a line only if no instruction of kind 0 or 3 has
    // it; 3: a line only if no instruction of kind 0 has it.
    let kind = |i: usize| -> u8 {
        let ins = &instrs[i];
        match ins.op {
            Op::LOAD_CONST | Op::RETURN_VALUE if i + 2 >= n && implicit_return(code) => {
                if explicit_return_line(code, i) {
                    3
                } else {
                    1
                }
            }
            Op::PUSH_EXC_INFO | Op::RERAISE | Op::POP_BLOCK => 1,
            Op::SETUP_FINALLY if op_at(i + 1) == Some(Op::PUSH_EXC_INFO) => 1,
            Op::SWAP
                if op_at(i + 1) == Some(Op::POP_EXCEPT) && op_at(i + 2) == Some(Op::RERAISE) =>
            {
                1
            }
            Op::POP_EXCEPT if op_at(i + 1) == Some(Op::RERAISE) => 1,
            Op::JUMP_BACKWARD if code.line_of(ins.arg as usize) == code.line_of(i) => 1,
            Op::POP_EXCEPT | Op::JUMP => 2,
            Op::RETURN_VALUE => 3,
            Op::LOAD_CONST if op_at(i + 1) == Some(Op::RETURN_VALUE) => 3,
            // `except E as name` clean-up: `name = None; del name`.
            Op::LOAD_CONST if is_name_cleanup(code, i) => 1,
            Op::STORE_FAST | Op::STORE_NAME | Op::STORE_DEREF | Op::STORE_GLOBAL
                if i > 0 && is_name_cleanup(code, i - 1) =>
            {
                1
            }
            Op::DELETE_FAST | Op::DELETE_NAME | Op::DELETE_DEREF | Op::DELETE_GLOBAL
                if i > 1 && is_name_cleanup(code, i - 2) =>
            {
                1
            }
            _ => 0,
        }
    };
    let kinds: Vec<u8> = (0..n).map(kind).collect();
    let owned: std::collections::HashSet<u32> = (0..n)
        .filter(|&i| kinds[i] == 0)
        .map(|i| code.line_of(i))
        .collect();
    let owned_by_returns: std::collections::HashSet<u32> = (0..n)
        .filter(|&i| kinds[i] == 3)
        .map(|i| code.line_of(i))
        .collect();
    (0..n)
        .map(|i| {
            let line = code.line_of(i);
            match kinds[i] {
                1 => 0,
                2 if owned.contains(&line) || owned_by_returns.contains(&line) => 0,
                3 if owned.contains(&line) => 0,
                _ => line,
            }
        })
        .collect()
}

/// Whether the source line of instruction `i` is a `return` statement (so the final
/// `return None` is the program's, not the implicit one, whose location is whatever statement
/// was compiled last, possibly one removed as unreachable). Without the source: maybe.
fn explicit_return_line(code: &crate::types::code::CodeObj, i: usize) -> bool {
    let Some(file) = crate::types::str::as_str(code.filename.get()) else {
        return true;
    };
    match crate::interp::traceback::raw_source_line(file, code.line_of(i)) {
        Some(text) => {
            let t = text.trim_start();
            t.starts_with("return")
                && !t[6..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        }
        None => true,
    }
}

/// Instruction `i` starts `LOAD_CONST None; STORE_x name; DELETE_x name`, the clean-up of an
/// `except ... as name` clause.
fn is_name_cleanup(code: &crate::types::code::CodeObj, i: usize) -> bool {
    let instrs = &code.code.instrs;
    let (Some(a), Some(b), Some(c)) = (instrs.get(i), instrs.get(i + 1), instrs.get(i + 2)) else {
        return false;
    };
    a.op == Op::LOAD_CONST
        && code.consts.get(a.arg as usize).is_some_and(|v| v.is_none())
        && b.arg == c.arg
        && matches!(
            (b.op, c.op),
            (Op::STORE_FAST, Op::DELETE_FAST)
                | (Op::STORE_NAME, Op::DELETE_NAME)
                | (Op::STORE_DEREF, Op::DELETE_DEREF)
                | (Op::STORE_GLOBAL, Op::DELETE_GLOBAL)
        )
}

/// The code ends with `LOAD_CONST None; RETURN_VALUE`.
fn implicit_return(code: &crate::types::code::CodeObj) -> bool {
    let instrs = &code.code.instrs;
    let n = instrs.len();
    n >= 2
        && instrs[n - 1].op == Op::RETURN_VALUE
        && instrs[n - 2].op == Op::LOAD_CONST
        && code
            .consts
            .get(instrs[n - 2].arg as usize)
            .is_some_and(|c| c.is_none())
}

/// What the profiler is told a call of `callable` with `args` is, when it is a builtin
/// function (CPython reports only those: `builtin_function_or_method`, and a method
/// descriptor called with its object first, as the bound method), and the arguments the call
/// then takes.
fn c_function<'a>(vm: &mut Vm, callable: Value, args: &'a [Value]) -> Option<(Value, &'a [Value])> {
    let ty = vm.type_of(callable);
    if ty == vm.types.builtin_function {
        return Some((callable, args));
    }
    if ty == vm.types.method_descriptor
        && let Some((first, rest)) = args.split_first()
        && let Some(nf) = callable.downcast::<NativeFunction>()
    {
        let bound = crate::types::function::bind_native(vm, nf, *first);
        return Some((bound, rest));
    }
    None
}

/// A call from the eval loop to something that is not run inline, while tracing is on:
/// 'c_call' / 'c_return' / 'c_exception' to the profiler around builtin functions.
#[cold]
#[inline(never)]
pub fn call_native(vm: &mut Vm, callable: Value, args: &[Value], kw: &[Value]) -> PyResult {
    if vm.trace.depth > 0 || vm.trace.profilefunc.is_null() {
        return ops::call::call_kw(vm, callable, args, kw);
    }
    let Some((func, args)) = c_function(vm, callable, args) else {
        return ops::call::call_kw(vm, callable, args, kw);
    };
    c_traced(vm, func, |vm| ops::call::call_kw(vm, func, args, kw))
}

/// `call_native` for `f(*args, **kwargs)`.
#[cold]
#[inline(never)]
pub fn call_native_ex(vm: &mut Vm, callable: Value, args: &[Value], kwargs: Value) -> PyResult {
    if vm.trace.depth > 0 || vm.trace.profilefunc.is_null() {
        return ops::call::call_ex(vm, callable, args, kwargs);
    }
    let Some((func, args)) = c_function(vm, callable, args) else {
        return ops::call::call_ex(vm, callable, args, kwargs);
    };
    c_traced(vm, func, |vm| ops::call::call_ex(vm, func, args, kwargs))
}

fn c_traced(vm: &mut Vm, func: Value, call: impl FnOnce(&mut Vm) -> PyResult) -> PyResult {
    let Some(&frame) = vm.frames.last() else {
        return call(vm);
    };
    let line = frame_line(vm, frame);
    profile_event(vm, frame, Event::CCall, func, line)?;
    let r = call(vm);
    if vm.trace.profilefunc.is_null() {
        return r;
    }
    let line = frame_line(vm, frame);
    match r {
        Ok(v) => {
            profile_event(vm, frame, Event::CReturn, func, line)?;
            Ok(v)
        }
        Err(e) => {
            let _ = profile_event(vm, frame, Event::CException, func, line);
            Err(e)
        }
    }
}

/// `sys.call_tracing(func, args)`: calls `func(*args)` with events reported even from inside
/// a trace function (a debugger tracing code it runs).
pub fn call_tracing(vm: &mut Vm, func: Value, args: &[Value]) -> PyResult {
    let saved = vm.trace.depth;
    vm.trace.depth = 0;
    vm.trace.refresh();
    let r = ops::call::call(vm, func, args);
    vm.trace.depth = saved;
    if saved > 0 {
        vm.trace.active = false;
    } else {
        vm.trace.refresh();
    }
    r
}

/// `frame.f_lineno = value`: the debugger's jump, allowed from a trace function's 'line' (or
/// 'opcode') event for that frame, to the first line at or after `value` that starts code and
/// whose instructions expect a value stack and handler blocks the current ones can be cut down
/// to (values and blocks above are dropped). CPython's checks and messages.
pub fn set_lineno(vm: &mut Vm, frame: Value, value: Value) -> PyResult<()> {
    if value.is_null() {
        return Err(vm.new_exc(vm.exc.attribute_error, "cannot delete attribute"));
    }
    if vm.type_of(value) != vm.types.int {
        return Err(vm.value_error("lineno must be an integer"));
    }
    let Some(fo) = frame.downcast::<FrameObj>() else {
        return Err(vm.type_error("a frame object is required"));
    };
    let tracing_here = vm.trace.depth > 0 && vm.trace.line_frame == frame;
    let at_yield = {
        let d = fo.get();
        code_of(d)
            .code
            .instrs
            .get(d.lasti)
            .is_some_and(|i| i.op == Op::YIELD_VALUE)
            && d.ip > d.lasti
    };
    match vm.trace.event {
        Some(Event::Call) if tracing_here && fo.get().ip == 0 => {
            return Err(vm.value_error("can't jump from the 'call' trace event of a new frame"));
        }
        // A resumed generator's 'call' event: it is suspended at a line.
        Some(Event::Line | Event::Opcode | Event::Call) if tracing_here => {}
        // The 'return' event of a yield: the generator is suspended there.
        Some(Event::Return) if tracing_here && at_yield => {}
        // CPython 3.11 does not mark a running frame as started until it is traced.
        _ if !tracing_here && vm.frames.contains(&frame) => {
            return Err(vm.value_error("can't jump from the 'call' trace event of a new frame"));
        }
        _ if frame_trace(frame).is_null() => {
            return Err(vm.value_error("f_lineno can only be set by a trace function"));
        }
        _ => return Err(vm.value_error("can only jump from a 'line' trace event")),
    }
    let Some(new_line) = ops::number::index_i64(vm, value)
        .ok()
        .filter(|l| i32::try_from(*l).is_ok())
    else {
        return Err(vm.value_error("lineno out of range"));
    };
    let d = fo.get_mut();
    let code = code_of(d);
    if new_line < code.code.firstlineno as i64 {
        return Err(vm.value_error(format!(
            "line {new_line} comes before the current code block"
        )));
    }
    // Line starts: the first instruction of each run of one traced line.
    let lines = traced_lines(vm, code);
    let mut starts = vec![0u32; lines.len()];
    let mut last = 0;
    for (i, &l) in lines.iter().enumerate() {
        if l != 0 && l != last {
            starts[i] = l;
            last = l;
        }
    }
    let Some(target_line) = starts
        .iter()
        .copied()
        .filter(|&l| l != 0 && l as i64 >= new_line)
        .min()
    else {
        return Err(vm.value_error(format!(
            "line {new_line} comes after the current code block"
        )));
    };
    let Some(states) = fp_compiler::stack_states(&code.code.instrs) else {
        return Err(vm.value_error("cannot find bytecode for specified line"));
    };
    let Some(Some((mut start_depth, start_blocks))) = states.get(d.lasti).cloned() else {
        return Err(vm.value_error("can't jump from unreachable code"));
    };
    if at_yield {
        // The yielded value has left the stack.
        start_depth -= 1;
    }
    let mut best: Option<(usize, i64, usize)> = None;
    // Blocks in common with the target stay; the current frame's others are dropped; the
    // target's others (a `try` body jumped into) are set up, if no value they keep is lost.
    let mut msg = "cannot find bytecode for specified line";
    for (i, &l) in starts.iter().enumerate() {
        if l != target_line {
            continue;
        }
        let Some((depth, blocks)) = states[i].as_ref() else {
            msg = "can't jump into an exception handler, or code may be unreachable";
            continue;
        };
        let floor = blocks.last().copied().unwrap_or(0);
        let common = blocks
            .iter()
            .zip(start_blocks.iter())
            .take_while(|(a, b)| a == b)
            .count();
        let kept = start_blocks.get(common).copied().unwrap_or(start_depth);
        let reachable = blocks.len() == common || *depth <= kept;
        if reachable && *depth >= floor && *depth <= start_depth {
            if best.is_none_or(|(_, bd, _)| *depth > bd) {
                best = Some((i, *depth, blocks.len()));
            }
        } else if best.is_none() {
            msg = incompatible(code, i);
        }
    }
    let Some((addr, depth, _)) = best else {
        return Err(vm.value_error(msg));
    };
    let Some((_, target_blocks)) = states[addr].clone() else {
        return Err(vm.value_error(msg));
    };
    let common = target_blocks
        .iter()
        .zip(start_blocks.iter())
        .take_while(|(a, b)| a == b)
        .count();
    // The handlers of the blocks to set up: the SETUP_FINALLY nearest before the target that
    // pushes each.
    let mut extra = Vec::new();
    for j in common..target_blocks.len() {
        let setup = (0..addr).rev().find(|&p| {
            code.code.instrs[p].op == Op::SETUP_FINALLY
                && states[p]
                    .as_ref()
                    .is_some_and(|(_, b)| b[..] == target_blocks[..j])
                && states
                    .get(p + 1)
                    .and_then(|s| s.as_ref())
                    .is_some_and(|(_, b)| b[..] == target_blocks[..=j])
        });
        let Some(p) = setup else {
            return Err(vm.value_error("incompatible stacks"));
        };
        extra.push(crate::interp::frame::Block {
            handler: code.code.instrs[p].arg,
            level: target_blocks[j] as u32,
        });
    }
    let d = fo.get_mut();
    d.blocks.truncate(common);
    d.blocks.extend(extra);
    d.stack.truncate(depth.max(0) as usize);
    d.ip = addr;
    vm.trace.line = target_line;
    Ok(())
}

/// Why the value stack at instruction `i` cannot be reached by cutting the current one: what
/// the innermost construct around `i` keeps on the stack (CPython's messages).
fn incompatible(code: &crate::types::code::CodeObj, i: usize) -> &'static str {
    // The nearest enclosing construct: a `for` loop's FOR_ITER whose exit lies past `i`, or an
    // exception handler (PUSH_EXC_INFO) before `i`.
    let instrs = &code.code.instrs;
    for k in (0..i).rev() {
        match instrs[k].op {
            Op::FOR_ITER if instrs[k].arg as usize > i => {
                return "can't jump into the body of a for loop";
            }
            Op::PUSH_EXC_INFO => {
                return "can't jump into an 'except' block as there's no exception";
            }
            _ => {}
        }
    }
    "incompatible stacks"
}
