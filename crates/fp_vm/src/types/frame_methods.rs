//! Python-visible attributes of frame and traceback objects (`f_code`, `f_back`, `f_lineno`,
//! `tb_frame`, `tb_next`, ...), as `types`, `traceback`, `inspect` and `unittest` read them.

use crate::interp::frame::{FrameObj, code_of, fobj};
use crate::interp::traceback::TracebackObj;
use crate::native;
use crate::native::NativeDef;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn install(vm: &mut Vm) {
    let t = vm.types.frame;
    typeobj::add_getsets(vm, t, FRAME_GETSETS);
    typeobj::add_methods(vm, t, FRAME_METHODS);
    // `del frame.f_trace` (bdb's `set_continue`) is setting None.
    if let Some(p) = crate::types::dict::get_str(typeobj::tobj(t).dict.get(), "f_trace")
        .and_then(|p| p.downcast::<crate::types::descriptors::PropertyObj>())
    {
        let del = crate::types::function::new_native(vm, &DEL_F_TRACE, Value::NULL, t);
        p.fdel.set(del);
    }
    let t = vm.types.traceback;
    typeobj::add_getsets(vm, t, TB_GETSETS);
}

static FRAME_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("f_code", "($self, /)", f_code), None),
    (native!("f_globals", "($self, /)", f_globals), None),
    (native!("f_builtins", "($self, /)", f_builtins), None),
    (native!("f_locals", "($self, /)", f_locals), None),
    (native!("f_back", "($self, /)", f_back), None),
    (
        native!("f_lineno", "($self, /)", f_lineno),
        Some(native!("f_lineno", "($self, value, /)", set_f_lineno)),
    ),
    (native!("f_lasti", "($self, /)", f_lasti), None),
    (
        native!("f_trace", "($self, /)", f_trace),
        Some(native!("f_trace", "($self, value, /)", set_f_trace)),
    ),
    (
        native!("f_trace_lines", "($self, /)", f_trace_lines),
        Some(native!(
            "f_trace_lines",
            "($self, value, /)",
            set_f_trace_lines
        )),
    ),
    (
        native!("f_trace_opcodes", "($self, /)", f_trace_opcodes),
        Some(native!(
            "f_trace_opcodes",
            "($self, value, /)",
            set_f_trace_opcodes
        )),
    ),
];

static DEL_F_TRACE: NativeDef = native!("f_trace", "($self, /)", del_f_trace);

static FRAME_METHODS: &[NativeDef] = &[
    native!("clear", "($self, /)", frame_clear),
    native!("__repr__", "($self, /)", frame_repr),
];

static TB_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("tb_frame", "($self, /)", tb_frame), None),
    (
        native!("tb_next", "($self, /)", tb_next),
        Some(native!("tb_next", "($self, value, /)", set_tb_next)),
    ),
    (native!("tb_lineno", "($self, /)", tb_lineno), None),
    (native!("tb_lasti", "($self, /)", tb_lasti), None),
];

fn frame(vm: &mut Vm, v: Value) -> PyResult<&'static FrameObj> {
    v.downcast::<FrameObj>()
        .ok_or_else(|| vm.type_error("a frame object is required"))
}

fn f_code(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(frame(vm, a[0])?.get().code)
}

fn f_globals(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(frame(vm, a[0])?.get().globals)
}

fn f_builtins(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(frame(vm, a[0])?.get().builtins)
}

fn f_locals(vm: &mut Vm, a: &[Value]) -> PyResult {
    frame(vm, a[0])?;
    crate::modules::builtins::frame_locals(vm, a[0])
}

/// The calling frame: the one below on the VM's frame stack while this frame runs.
fn f_back(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = frame(vm, a[0])?.get();
    if !f.back.is_null() {
        return Ok(f.back);
    }
    match vm.frames.iter().rposition(|x| *x == a[0]) {
        Some(i) if i > 0 => Ok(crate::interp::frame::mark_escaped(vm.frames[i - 1])),
        _ => Ok(Value::NONE),
    }
}

/// The line of the instruction running (or last run); a frame not started yet is at its
/// code's first line; while a trace function runs for the frame, the line of its event.
fn f_lineno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = frame(vm, a[0])?.get();
    let line = match crate::interp::trace::lineno_override(vm, a[0]) {
        Some(l) => l,
        None if f.ip == 0 => code_of(f).code.firstlineno,
        None => code_of(f).line_of(f.lasti),
    };
    Ok(crate::types::int::from_u64(vm, line as u64))
}

/// The debugger's jump (`interp::trace::set_lineno`).
fn set_f_lineno(vm: &mut Vm, a: &[Value]) -> PyResult {
    frame(vm, a[0])?;
    crate::interp::trace::set_lineno(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn f_lasti(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = frame(vm, a[0])?.get();
    Ok(crate::types::int::from_usize(vm, f.lasti * 2))
}

/// `f_trace` lives in the frame's attribute slot (frames have no other attributes).
fn f_trace(_vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = crate::interp::trace::frame_trace(a[0]);
    Ok(if v.is_null() { Value::NONE } else { v })
}

fn set_f_trace(vm: &mut Vm, a: &[Value]) -> PyResult {
    frame(vm, a[0])?;
    // Deleting it (a NULL value) is setting None, as CPython.
    let v = if a[1].is_null() { Value::NONE } else { a[1] };
    crate::interp::trace::set_frame_trace(a[0], v);
    Ok(Value::NONE)
}

fn del_f_trace(vm: &mut Vm, a: &[Value]) -> PyResult {
    frame(vm, a[0])?;
    crate::interp::trace::set_frame_trace(a[0], Value::NONE);
    Ok(Value::NONE)
}

fn f_trace_lines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fo = frame(vm, a[0])?;
    Ok(Value::from_bool(
        fo.trace_flags() & crate::interp::trace::NO_LINES == 0,
    ))
}

fn f_trace_opcodes(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fo = frame(vm, a[0])?;
    Ok(Value::from_bool(
        fo.trace_flags() & crate::interp::trace::OPCODES != 0,
    ))
}

/// Sets (or clears) one tracing flag of the frame from a bool, with CPython's errors.
fn set_flag(vm: &mut Vm, a: &[Value], flag: u32, on_when_true: bool) -> PyResult {
    let fo = frame(vm, a[0])?;
    if a[1].is_null() {
        return Err(vm.type_error("can't delete numeric/char attribute"));
    }
    if a[1] != Value::TRUE && a[1] != Value::FALSE {
        return Err(vm.type_error("attribute value type must be bool"));
    }
    let set = (a[1] == Value::TRUE) == on_when_true;
    let flags = fo.trace_flags();
    fo.set_trace_flags(if set { flags | flag } else { flags & !flag });
    Ok(Value::NONE)
}

fn set_f_trace_lines(vm: &mut Vm, a: &[Value]) -> PyResult {
    set_flag(vm, a, crate::interp::trace::NO_LINES, false)
}

fn set_f_trace_opcodes(vm: &mut Vm, a: &[Value]) -> PyResult {
    set_flag(vm, a, crate::interp::trace::OPCODES, true)
}

fn frame_clear(vm: &mut Vm, a: &[Value]) -> PyResult {
    frame(vm, a[0])?;
    if vm.frames.contains(&a[0]) {
        return Err(vm.new_exc(vm.exc.runtime_error, "cannot clear an executing frame"));
    }
    Ok(Value::NONE)
}

fn frame_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = frame(vm, a[0])?.get();
    let c = code_of(f);
    let file = crate::types::str::as_str(c.filename.get()).unwrap_or("?");
    let name = crate::types::str::as_str(c.name).unwrap_or("?");
    let s = format!(
        "<frame at {:#x}, file '{file}', line {}, code {name}>",
        a[0].bits(),
        c.line_of(f.lasti)
    );
    let _ = fobj(a[0]);
    Ok(vm.new_string(s))
}

fn tb(vm: &mut Vm, v: Value) -> PyResult<&'static TracebackObj> {
    v.downcast::<TracebackObj>()
        .ok_or_else(|| vm.type_error("a traceback object is required"))
}

fn tb_frame(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(tb(vm, a[0])?.frame)
}

fn tb_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = tb(vm, a[0])?.next.get();
    Ok(if n.is_null() { Value::NONE } else { n })
}

/// `tb.tb_next = other_tb or None` (loops are refused, as CPython does).
fn set_tb_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = tb(vm, a[0])?;
    let new = a[1];
    if new.is_null() {
        return Err(vm.type_error("can't delete tb_next attribute"));
    }
    if !new.is_none() && !new.is::<TracebackObj>() {
        return Err(vm.type_error(format!(
            "expected traceback object, got '{}'",
            vm.type_name(new)
        )));
    }
    let mut cur = new;
    while let Some(c) = cur.downcast::<TracebackObj>() {
        if cur == a[0] {
            return Err(vm.value_error("traceback loop detected"));
        }
        cur = c.next.get();
    }
    t.next.set(new);
    Ok(Value::NONE)
}

fn tb_lineno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = tb(vm, a[0])?.lineno;
    Ok(crate::types::int::from_u64(vm, l as u64))
}

fn tb_lasti(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = tb(vm, a[0])?.lasti;
    Ok(crate::types::int::from_u64(vm, l as u64 * 2))
}
