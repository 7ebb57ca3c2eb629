//! `_io.BytesIO`: an in-memory binary stream over a growable byte buffer with a position;
//! writing past the end pads with zero bytes, as CPython.

use super::{bytes_like, io_type, new_io_type, size_arg};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::bytes::new_bytes;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

pub struct BytesIOObj {
    pub buf: RefCell<Vec<u8>>,
    pub pos: Cell<usize>,
    pub closed: Cell<bool>,
}

impl Trace for BytesIOObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for BytesIOObj {
    const KIND: ObjKind = ObjKind::IoBytes;
}

pub fn install(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let base = io_type(vm, "_BufferedIOBase");
    let t = new_io_type(vm, "BytesIO", base, ObjKind::IoBytes, METHODS, GETSETS);
    // An in-memory stream's finalizer (close) only frees memory, which the collector does
    // anyway: instances are not registered for finalization (Python subclasses still are).
    crate::types::typeobj::clear_finalizer_flag(t);
    vec![("BytesIO", t)]
}

static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", bio_new),
    native!("__init__", "($self, /, initial_bytes=b'')", bio_init),
    native!("getvalue", "($self, /)", bio_getvalue),
    native!("getbuffer", "($self, /)", bio_getbuffer),
    native!("read", "($self, size=-1, /)", bio_read),
    native!("read1", "($self, size=-1, /)", bio_read),
    native!("readline", "($self, size=-1, /)", bio_readline),
    native!("readlines", "($self, size=None, /)", bio_readlines),
    native!("readinto", "($self, buffer, /)", bio_readinto),
    native!("write", "($self, b, /)", bio_write),
    native!("writelines", "($self, lines, /)", bio_writelines),
    native!("seek", "($self, pos, whence=0, /)", bio_seek),
    native!("tell", "($self, /)", bio_tell),
    native!("truncate", "($self, size=None, /)", bio_truncate),
    native!("readable", "($self, /)", bio_true),
    native!("writable", "($self, /)", bio_true),
    native!("seekable", "($self, /)", bio_true),
    native!("isatty", "($self, /)", bio_isatty),
    native!("flush", "($self, /)", bio_flush),
    native!("close", "($self, /)", bio_close),
    native!("__next__", "($self, /)", bio_next),
    native!("__iter__", "($self, /)", bio_iter),
    native!("__getstate__", "($self, /)", bio_getstate),
    native!("__setstate__", "($self, state, /)", bio_setstate),
    native!("__sizeof__", "($self, /)", bio_sizeof),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("closed", "($self, /)", bio_closed), None)];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static BytesIOObj> {
    match v.downcast::<BytesIOObj>() {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!(
            "descriptor requires a '_io.BytesIO' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn live(vm: &mut Vm, v: Value) -> PyResult<&'static BytesIOObj> {
    let b = this(vm, v)?;
    if b.closed.get() {
        return Err(super::check_closed_value_error(vm));
    }
    Ok(b)
}

fn bio_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(
        a[0],
        BytesIOObj {
            buf: RefCell::new(Vec::new()),
            pos: Cell::new(0),
            closed: Cell::new(false),
        },
    ))
}

fn bio_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = this(vm, a[0])?;
    let data = if a[1].is_null() || a[1].is_none() {
        Vec::new()
    } else {
        bytes_like(vm, a[1])?
    };
    *b.buf.borrow_mut() = data;
    b.pos.set(0);
    Ok(Value::NONE)
}

fn bio_getvalue(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let d = b.buf.borrow().clone();
    Ok(new_bytes(vm, d))
}

/// A memoryview of a copy of the contents (CPython shares the buffer; ours does not see
/// later writes).
fn bio_getbuffer(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let d = b.buf.borrow().clone();
    let ba = crate::types::bytes::new_bytearray(vm, d);
    let mv = vm.types.memoryview;
    ops::call::call(vm, mv, &[ba])
}

/// Takes up to `n` bytes (all for a negative `n`) from the position.
fn take(b: &BytesIOObj, n: i64) -> Vec<u8> {
    let buf = b.buf.borrow();
    let pos = b.pos.get().min(buf.len());
    let avail = buf.len() - pos;
    let n = if n < 0 {
        avail
    } else {
        (n as usize).min(avail)
    };
    if n == 0 {
        // Past the end the position stays where it was put.
        return Vec::new();
    }
    b.pos.set(pos + n);
    buf[pos..pos + n].to_vec()
}

fn bio_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let n = size_arg(vm, a[1])?;
    let d = take(b, n);
    Ok(new_bytes(vm, d))
}

/// One line (through `\n`), at most `limit` bytes when `limit >= 0`.
fn line(b: &BytesIOObj, limit: i64) -> Vec<u8> {
    let n = {
        let buf = b.buf.borrow();
        let pos = b.pos.get().min(buf.len());
        let rest = &buf[pos..];
        let mut n = match rest.iter().position(|&c| c == b'\n') {
            Some(i) => i + 1,
            None => rest.len(),
        };
        if limit >= 0 {
            n = n.min(limit as usize);
        }
        n
    };
    take(b, n as i64)
}

fn bio_readline(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let n = size_arg(vm, a[1])?;
    let d = line(b, n);
    Ok(new_bytes(vm, d))
}

fn bio_readlines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let hint = size_arg(vm, a[1])?;
    let mut out = Vec::new();
    let mut total = 0usize;
    loop {
        let l = line(b, -1);
        if l.is_empty() {
            break;
        }
        total += l.len();
        out.push(new_bytes(vm, l));
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(crate::types::list::new_list(vm, out))
}

fn bio_readinto(vm: &mut Vm, a: &[Value]) -> PyResult {
    let len = super::writable_buffer_len(vm, a[1], "readinto")?;
    let b = live(vm, a[0])?;
    let d = take(b, len as i64);
    super::fill_buffer(a[1], &d);
    Ok(crate::types::int::from_usize(vm, d.len()))
}

fn write_bytes(vm: &mut Vm, b: &BytesIOObj, data: &[u8]) -> PyResult<()> {
    let mut buf = b.buf.borrow_mut();
    let pos = b.pos.get();
    let end = pos.saturating_add(data.len());
    super::grow(vm, &mut buf, end, 0)?;
    buf[pos..end].copy_from_slice(data);
    b.pos.set(end);
    Ok(())
}

fn bio_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let data = bytes_like(vm, a[1])?;
    if !data.is_empty() {
        write_bytes(vm, b, &data)?;
    }
    Ok(crate::types::int::from_usize(vm, data.len()))
}

fn bio_writelines(vm: &mut Vm, a: &[Value]) -> PyResult {
    live(vm, a[0])?;
    let it = ops::iter::get_iter(vm, a[1])?;
    while let Some(l) = ops::iter::next(vm, it)? {
        bio_write(vm, &[a[0], l])?;
    }
    Ok(Value::NONE)
}

fn bio_seek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let pos = ops::number::index_i64(vm, a[1])?;
    let whence = if a[2].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[2])?
    };
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(vm.value_error(format!("negative seek value {pos}")));
    }
    let base = match whence {
        1 => b.pos.get() as i64,
        2 => b.buf.borrow().len() as i64,
        _ => 0,
    };
    let new = base.saturating_add(pos).max(0);
    b.pos.set(new as usize);
    Ok(crate::types::int::from_i64(vm, new))
}

fn bio_tell(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, b.pos.get()))
}

fn bio_truncate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let size = if a[1].is_null() || a[1].is_none() {
        b.pos.get() as i64
    } else {
        size_arg(vm, a[1])?
    };
    if size < 0 {
        return Err(vm.value_error(format!("negative size value {size}")));
    }
    let mut buf = b.buf.borrow_mut();
    if (size as usize) < buf.len() {
        buf.truncate(size as usize);
    }
    drop(buf);
    Ok(crate::types::int::from_i64(vm, size))
}

fn bio_true(vm: &mut Vm, a: &[Value]) -> PyResult {
    live(vm, a[0])?;
    Ok(Value::TRUE)
}

fn bio_isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    live(vm, a[0])?;
    Ok(Value::FALSE)
}

fn bio_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    live(vm, a[0])?;
    Ok(Value::NONE)
}

fn bio_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = this(vm, a[0])?;
    b.closed.set(true);
    b.buf.borrow_mut().clear();
    Ok(Value::NONE)
}

fn bio_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = this(vm, a[0])?;
    Ok(Value::from_bool(b.closed.get()))
}

fn bio_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let l = line(b, -1);
    if l.is_empty() {
        return Err(vm.stop_iteration(Value::NULL));
    }
    Ok(new_bytes(vm, l))
}

fn bio_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = bio_getvalue(vm, a)?;
    let b = this(vm, a[0])?;
    let pos = crate::types::int::from_usize(vm, b.pos.get());
    let d = if crate::types::instance::has_dict_storage(a[0]) {
        crate::types::instance::to_dict(vm, a[0])
    } else {
        Value::NONE
    };
    Ok(crate::types::tuple::new_tuple(vm, vec![v, pos, d]))
}

fn bio_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = live(vm, a[0])?;
    let items = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    if items.len() < 3 {
        let tn = super::repr_type_name(vm, a[0], "BytesIO");
        let got = vm.type_name(a[1]);
        return Err(vm.type_error(format!(
            "{tn}.__setstate__ argument should be 3-tuple, got {got}"
        )));
    }
    let (v, p, d) = (items[0], items[1], items[2]);
    let data = bytes_like(vm, v)?;
    if !crate::types::int::is_int(p) {
        return Err(vm.type_error(format!(
            "second item of state must be an integer, not {}",
            vm.type_name(p)
        )));
    }
    let pos = ops::number::index_i64(vm, p)?;
    if pos < 0 {
        return Err(vm.value_error("position value cannot be negative"));
    }
    if !d.is_none() && !d.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!(
            "third item of state should be a dict, got a {}",
            vm.type_name(d)
        )));
    }
    *b.buf.borrow_mut() = data;
    b.pos.set(pos as usize);
    set_state_dict(vm, a[0], d)?;
    Ok(Value::NONE)
}

/// Copies a pickled instance dict onto the object.
pub(crate) fn set_state_dict(vm: &mut Vm, obj: Value, d: Value) -> PyResult<()> {
    if d.is::<crate::types::dict::DictObj>() {
        for (k, val) in crate::types::dict::items(d) {
            ops::attr::setattr(vm, obj, k, val)?;
        }
    }
    Ok(())
}

fn bio_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = this(vm, a[0])?;
    let n = 88 + b.buf.borrow().capacity() + 1;
    Ok(crate::types::int::from_usize(vm, n))
}

/// `iter(stream)` is the stream itself, without the closed check of `_IOBase.__iter__`.
fn bio_iter(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}
