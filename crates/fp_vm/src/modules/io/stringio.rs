//! `_io.StringIO`: an in-memory text stream over a code-point buffer, with CPython's newline
//! handling: `newline=None` translates `\r` and `\r\n` to `\n` on write (universal mode),
//! `''` keeps them but splits lines on any of them, `'\r'`/`'\r\n'` translate `\n` on write.

use super::newline::NewlineState;
use super::{io_type, new_io_type, size_arg};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

pub struct StringIOObj {
    pub buf: RefCell<Vec<char>>,
    pub pos: Cell<usize>,
    pub ok: Cell<bool>,
    pub closed: Cell<bool>,
    /// Universal-newline state (present for `newline=None` and `newline=''`).
    pub nl: RefCell<Option<NewlineState>>,
    pub readtranslate: Cell<bool>,
    /// The line terminator `readline` looks for when not universal.
    pub readnl: RefCell<String>,
    /// What `\n` becomes on write (`'\r'` or `'\r\n'`), if anything.
    pub writenl: RefCell<Option<String>>,
}

impl Trace for StringIOObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for StringIOObj {
    const KIND: ObjKind = ObjKind::IoString;
}

pub fn install(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let base = io_type(vm, "_TextIOBase");
    let t = new_io_type(vm, "StringIO", base, ObjKind::IoString, METHODS, GETSETS);
    // An in-memory stream's finalizer (close) only frees memory, which the collector does
    // anyway: instances are not registered for finalization (Python subclasses still are).
    crate::types::typeobj::clear_finalizer_flag(t);
    vec![("StringIO", t)]
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", sio_new),
    native!(
        "__init__",
        "($self, /, initial_value='', newline='\\n')",
        sio_init
    ),
    native!("getvalue", "($self, /)", sio_getvalue),
    native!("read", "($self, size=-1, /)", sio_read),
    native!("readline", "($self, size=-1, /)", sio_readline),
    native!("write", "($self, s, /)", sio_write),
    native!("seek", "($self, pos, whence=0, /)", sio_seek),
    native!("tell", "($self, /)", sio_tell),
    native!("truncate", "($self, pos=None, /)", sio_truncate),
    native!("readable", "($self, /)", sio_true),
    native!("writable", "($self, /)", sio_true),
    native!("seekable", "($self, /)", sio_true),
    native!("close", "($self, /)", sio_close),
    native!("__next__", "($self, /)", sio_next),
    native!("__iter__", "($self, /)", sio_iter),
    native!("__getstate__", "($self, /)", sio_getstate),
    native!("__setstate__", "($self, state, /)", sio_setstate),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("closed", "($self, /)", sio_closed), None),
    (
        native!("line_buffering", "($self, /)", sio_line_buffering),
        None,
    ),
    (native!("newlines", "($self, /)", sio_newlines), None),
];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static StringIOObj> {
    match v.downcast::<StringIOObj>() {
        Some(s) if s.ok.get() => Ok(s),
        Some(_) => Err(vm.value_error("I/O operation on uninitialized object")),
        None => Err(vm.type_error(format!(
            "descriptor requires a '_io.StringIO' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn live(vm: &mut Vm, v: Value) -> PyResult<&'static StringIOObj> {
    let s = this(vm, v)?;
    if s.closed.get() {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    Ok(s)
}

fn sio_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(
        a[0],
        StringIOObj {
            buf: RefCell::new(Vec::new()),
            pos: Cell::new(0),
            ok: Cell::new(false),
            closed: Cell::new(false),
            nl: RefCell::new(None),
            readtranslate: Cell::new(false),
            readnl: RefCell::new(String::new()),
            writenl: RefCell::new(None),
        },
    ))
}

/// Validates a `newline` argument: None or one of `''`, `'\n'`, `'\r'`, `'\r\n'`.
/// StringIO shows the bad value with repr(), TextIOWrapper and open() with str().
pub fn check_newline(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    check_newline_as(vm, v, true, "newline")
}

/// `what` names the argument in the TypeError (`"TextIOWrapper() argument 'newline'"`).
pub fn check_newline_as(
    vm: &mut Vm,
    v: Value,
    use_repr: bool,
    what: &str,
) -> PyResult<Option<String>> {
    if v.is_none() {
        return Ok(None);
    }
    let Some(s) = v.downcast::<StrObj>() else {
        return Err(vm.type_error(format!(
            "{what} must be str or None, not {}",
            vm.type_name(v)
        )));
    };
    if !use_repr && s.as_str().contains('\0') {
        return Err(vm.value_error("embedded null character"));
    }
    match s.as_str() {
        "" | "\n" | "\r" | "\r\n" => Ok(Some(s.as_str().to_string())),
        _ => {
            let r = if use_repr {
                ops::repr::repr_string(vm, v)?
            } else {
                s.as_str().to_string()
            };
            Err(vm.value_error(format!("illegal newline value: {r}")))
        }
    }
}

fn sio_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(s) = a[0].downcast::<StringIOObj>() else {
        return Err(vm.type_error("StringIO expected"));
    };
    let newline = if a[2].is_null() {
        Some("\n".to_string())
    } else {
        check_newline(vm, a[2])?
    };
    let init = a[1];
    let initial = if init.is_null() || init.is_none() {
        None
    } else if let Some(st) = init.downcast::<StrObj>() {
        Some(st.as_str())
    } else {
        return Err(vm.type_error(format!(
            "initial_value must be str or None, not {}",
            vm.type_name(init)
        )));
    };
    let universal = newline.as_deref().is_none_or(|n| n.is_empty());
    let translate = newline.is_none();
    *s.readnl.borrow_mut() = newline.clone().unwrap_or_default();
    s.readtranslate.set(translate);
    *s.writenl.borrow_mut() = newline.filter(|n| n.starts_with('\r'));
    *s.nl.borrow_mut() = if universal {
        Some(NewlineState::new(translate))
    } else {
        None
    };
    s.buf.borrow_mut().clear();
    s.pos.set(0);
    s.closed.set(false);
    s.ok.set(true);
    if let Some(text) = initial
        && !text.is_empty()
    {
        write_text(vm, s, text)?;
        s.pos.set(0);
    }
    Ok(Value::NONE)
}

/// Writes `text` at the position after newline translation; returns nothing (the caller
/// reports the original length).
fn write_text(vm: &mut Vm, s: &StringIOObj, text: &str) -> PyResult<()> {
    let mut t = match s.nl.borrow_mut().as_mut() {
        Some(st) => st.decode(text, true),
        None => text.to_string(),
    };
    if let Some(w) = s.writenl.borrow().as_deref() {
        t = t.replace('\n', w);
    }
    let chars: Vec<char> = t.chars().collect();
    if chars.is_empty() {
        return Ok(());
    }
    let mut buf = s.buf.borrow_mut();
    let pos = s.pos.get();
    let end = pos.saturating_add(chars.len());
    super::grow(vm, &mut buf, end, '\0')?;
    buf[pos..end].copy_from_slice(&chars);
    s.pos.set(end);
    Ok(())
}

fn sio_getvalue(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = live(vm, a[0])?;
    let t: String = s.buf.borrow().iter().collect();
    Ok(vm.new_string(t))
}

fn take(s: &StringIOObj, n: i64) -> String {
    let buf = s.buf.borrow();
    let pos = s.pos.get().min(buf.len());
    let avail = buf.len() - pos;
    let n = if n < 0 {
        avail
    } else {
        (n as usize).min(avail)
    };
    if n == 0 {
        return String::new();
    }
    s.pos.set(pos + n);
    buf[pos..pos + n].iter().collect()
}

fn sio_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = live(vm, a[0])?;
    let n = size_arg(vm, a[1])?;
    let t = take(s, n);
    Ok(vm.new_string(t))
}

/// The length of the next line (terminator included) starting at `pos`.
fn line_len(s: &StringIOObj, limit: i64) -> usize {
    let buf = s.buf.borrow();
    let pos = s.pos.get().min(buf.len());
    let rest = &buf[pos..];
    let universal = s.nl.borrow().is_some();
    let mut n = if s.readtranslate.get() || !universal && *s.readnl.borrow() == "\n" {
        rest.iter()
            .position(|&c| c == '\n')
            .map_or(rest.len(), |i| i + 1)
    } else if universal {
        match rest.iter().position(|&c| c == '\n' || c == '\r') {
            Some(i) if rest[i] == '\r' && rest.get(i + 1) == Some(&'\n') => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        }
    } else {
        let nl: Vec<char> = s.readnl.borrow().chars().collect();
        match rest
            .windows(nl.len().max(1))
            .position(|w| w == nl.as_slice())
        {
            Some(i) => i + nl.len(),
            None => rest.len(),
        }
    };
    if limit >= 0 {
        n = n.min(limit as usize);
    }
    n
}

fn sio_readline(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = live(vm, a[0])?;
    let limit = size_arg(vm, a[1])?;
    let n = line_len(s, limit);
    let t = take(s, n as i64);
    Ok(vm.new_string(t))
}

fn sio_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let line = if vm.type_of(a[0]) == io_type(vm, "StringIO") {
        let s = live(vm, a[0])?;
        let n = line_len(s, -1);
        let t = take(s, n as i64);
        vm.new_string(t)
    } else {
        let l = super::call_method(vm, a[0], "readline", &[])?;
        if !l.is::<StrObj>() {
            return Err(vm.new_exc(
                vm.exc.os_error,
                format!(
                    "readline() should have returned a str object, not '{}'",
                    vm.type_name(l)
                ),
            ));
        }
        l
    };
    if crate::types::str::as_str(line).is_some_and(str::is_empty) {
        return Err(vm.stop_iteration(Value::NULL));
    }
    Ok(line)
}

fn sio_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(text) = a[1].downcast::<StrObj>() else {
        this(vm, a[0])?;
        return Err(vm.type_error(format!(
            "string argument expected, got '{}'",
            vm.type_name(a[1])
        )));
    };
    let s = live(vm, a[0])?;
    let n = text.char_len();
    write_text(vm, s, text.as_str())?;
    Ok(crate::types::int::from_usize(vm, n))
}

fn sio_seek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = live(vm, a[0])?;
    let pos = ops::number::index_i64(vm, a[1])?;
    let whence = if a[2].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[2])?
    };
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(vm.new_exc(vm.exc.os_error, "Can't do nonzero cur-relative seeks"));
    }
    let new = match whence {
        0 => pos as usize,
        1 => s.pos.get(),
        _ => s.buf.borrow().len(),
    };
    s.pos.set(new);
    Ok(crate::types::int::from_usize(vm, new))
}

fn sio_tell(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = live(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, s.pos.get()))
}

fn sio_truncate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = live(vm, a[0])?;
    let size = if a[1].is_null() || a[1].is_none() {
        s.pos.get() as i64
    } else {
        ops::number::index_i64(vm, a[1])?
    };
    if size < 0 {
        return Err(vm.value_error(format!("Negative size value {size}")));
    }
    let mut buf = s.buf.borrow_mut();
    if (size as usize) < buf.len() {
        buf.truncate(size as usize);
    }
    drop(buf);
    Ok(crate::types::int::from_i64(vm, size))
}

fn sio_true(vm: &mut Vm, a: &[Value]) -> PyResult {
    live(vm, a[0])?;
    Ok(Value::TRUE)
}

fn sio_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(s) = a[0].downcast::<StringIOObj>() else {
        return Err(vm.type_error("StringIO expected"));
    };
    s.closed.set(true);
    s.buf.borrow_mut().clear();
    Ok(Value::NONE)
}

fn sio_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(Value::from_bool(s.closed.get()))
}

fn sio_line_buffering(vm: &mut Vm, a: &[Value]) -> PyResult {
    live(vm, a[0])?;
    Ok(Value::FALSE)
}

fn sio_newlines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = live(vm, a[0])?;
    let st = *s.nl.borrow();
    Ok(match st {
        Some(st) => st.newlines(vm),
        None => Value::NONE,
    })
}

fn sio_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = sio_getvalue(vm, a)?;
    let s = this(vm, a[0])?;
    let nl = if s.readtranslate.get() {
        Value::NONE
    } else {
        let r = s.readnl.borrow().clone();
        vm.new_string(r)
    };
    let pos = crate::types::int::from_usize(vm, s.pos.get());
    let d = if crate::types::instance::has_dict_storage(a[0]) {
        crate::types::instance::to_dict(vm, a[0])
    } else {
        Value::NONE
    };
    Ok(crate::types::tuple::new_tuple(vm, vec![v, nl, pos, d]))
}

fn sio_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    // Only a closed stream is refused: unpickling calls this on an object `__new__` made,
    // which the `sio_init` below initializes.
    match a[0].downcast::<StringIOObj>() {
        Some(s) if s.closed.get() => {
            return Err(vm.value_error("I/O operation on closed file"));
        }
        Some(_) => {}
        None => {
            this(vm, a[0])?;
        }
    }
    let items = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if items.len() < 4 {
        let tn = super::repr_type_name(vm, a[0], "StringIO");
        let got = vm.type_name(a[1]);
        return Err(vm.type_error(format!(
            "{tn}.__setstate__ argument should be 4-tuple, got {got}"
        )));
    }
    // Validates the value and the newline argument as the constructor does.
    sio_init(vm, &[a[0], items[0], items[1]])?;
    let s = this(vm, a[0])?;
    if let Some(t) = items[0].downcast::<StrObj>() {
        *s.buf.borrow_mut() = t.as_str().chars().collect();
    }
    let p = items[2];
    if !crate::types::int::is_int(p) {
        return Err(vm.type_error(format!(
            "third item of state must be an integer, got {}",
            vm.type_name(p)
        )));
    }
    let pos = ops::number::index_i64(vm, p)?;
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    let d = items[3];
    if !d.is_none() && !d.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!(
            "fourth item of state should be a dict, got a {}",
            vm.type_name(d)
        )));
    }
    s.pos.set(pos as usize);
    super::bytesio::set_state_dict(vm, a[0], d)?;
    Ok(Value::NONE)
}

/// `iter(stream)` is the stream itself, without the closed check of `_IOBase.__iter__`.
fn sio_iter(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}
