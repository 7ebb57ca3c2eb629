//! `_io.BufferedReader`, `BufferedWriter`, `BufferedRandom` and `BufferedRWPair`: buffering
//! over a raw stream, which may be any object with the raw-stream methods (they are called
//! through Python attribute lookup, so Python subclasses of `RawIOBase` work).
//!
//! One payload serves the three single-stream classes: a read buffer (`rbuf[rpos..]` are bytes
//! read from the raw stream but not yet consumed) and a write buffer (bytes not yet written to
//! the raw stream). At most one of them is non-empty: a read first flushes pending writes, a
//! write first drops the read-ahead by seeking the raw stream back to the logical position.
//! `BufferedRWPair` holds a reader and a writer object and delegates to them.

use super::{call_method, io_type, new_io_type, size_arg, unsupported};
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::bytes::new_bytes;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BufKind {
    Reader,
    Writer,
    Random,
    Pair,
}

pub struct BufferedObj {
    pub kind: Cell<BufKind>,
    pub raw: Cell<Value>,
    /// BufferedRWPair: the BufferedReader and BufferedWriter it wraps.
    pub reader: Cell<Value>,
    pub writer: Cell<Value>,
    pub buffer_size: Cell<usize>,
    pub rbuf: RefCell<Vec<u8>>,
    pub rpos: Cell<usize>,
    pub wbuf: RefCell<Vec<u8>>,
    pub ok: Cell<bool>,
    pub detached: Cell<bool>,
}

impl Trace for BufferedObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.raw.trace(visit);
        self.reader.trace(visit);
        self.writer.trace(visit);
    }
}

impl Payload for BufferedObj {
    const KIND: ObjKind = ObjKind::IoBuffered;
}

impl BufferedObj {
    fn unread(&self) -> usize {
        self.rbuf.borrow().len().saturating_sub(self.rpos.get())
    }
    fn clear_read(&self) {
        self.rbuf.borrow_mut().clear();
        self.rpos.set(0);
    }
    /// Consumes up to `n` buffered bytes.
    fn take(&self, n: usize) -> Vec<u8> {
        let buf = self.rbuf.borrow();
        let pos = self.rpos.get().min(buf.len());
        let n = n.min(buf.len() - pos);
        self.rpos.set(pos + n);
        buf[pos..pos + n].to_vec()
    }
}

pub fn install(vm: &mut Vm) -> Vec<(&'static str, Value)> {
    let base = io_type(vm, "_BufferedIOBase");
    let r = new_io_type(
        vm,
        "BufferedReader",
        base,
        ObjKind::IoBuffered,
        READER_METHODS,
        GETSETS,
    );
    let w = new_io_type(
        vm,
        "BufferedWriter",
        base,
        ObjKind::IoBuffered,
        WRITER_METHODS,
        GETSETS,
    );
    let rw = new_io_type(
        vm,
        "BufferedRandom",
        base,
        ObjKind::IoBuffered,
        RANDOM_METHODS,
        GETSETS,
    );
    let p = new_io_type(
        vm,
        "BufferedRWPair",
        base,
        ObjKind::IoBuffered,
        PAIR_METHODS,
        PAIR_GETSETS,
    );
    vec![
        ("BufferedReader", r),
        ("BufferedWriter", w),
        ("BufferedRandom", rw),
        ("BufferedRWPair", p),
    ]
}

macro_rules! common_methods {
    ($($extra:expr),* $(,)?) => {
        &[
            native_staticmethod!("__new__", "($type, *args, **kwargs)", buf_new),
            native!("__init__", "($self, /, raw, buffer_size=8192)", buf_init),
            native!("detach", "($self, /)", buf_detach),
            native!("flush", "($self, /)", buf_flush),
            native!("close", "($self, /)", buf_close),
            native!("seek", "($self, target, whence=0, /)", buf_seek),
            native!("tell", "($self, /)", buf_tell),
            native!("truncate", "($self, pos=None, /)", buf_truncate),
            native!("seekable", "($self, /)", buf_seekable),
            native!("readable", "($self, /)", buf_readable),
            native!("writable", "($self, /)", buf_writable),
            native!("fileno", "($self, /)", buf_fileno),
            native!("isatty", "($self, /)", buf_isatty),
            native!("_dealloc_warn", "($self, source, /)", buf_noop),
            native!("__repr__", "($self, /)", buf_repr),
            native!("__getstate__", "($self, /)", buf_getstate),
            native!("__sizeof__", "($self, /)", buf_sizeof),
            $($extra,)*
        ]
    };
}

static READER_METHODS: &[NativeDef] = common_methods!(
    native!("read", "($self, size=-1, /)", buf_read),
    native!("read1", "($self, size=-1, /)", buf_read1),
    native!("peek", "($self, size=0, /)", buf_peek),
    native!("readinto", "($self, buffer, /)", buf_readinto),
    native!("readinto1", "($self, buffer, /)", buf_readinto1),
    native!("readline", "($self, size=-1, /)", buf_readline),
    native!("__next__", "($self, /)", buf_next),
);

static WRITER_METHODS: &[NativeDef] =
    common_methods!(native!("write", "($self, buffer, /)", buf_write));

static RANDOM_METHODS: &[NativeDef] = common_methods!(
    native!("read", "($self, size=-1, /)", buf_read),
    native!("read1", "($self, size=-1, /)", buf_read1),
    native!("peek", "($self, size=0, /)", buf_peek),
    native!("readinto", "($self, buffer, /)", buf_readinto),
    native!("readinto1", "($self, buffer, /)", buf_readinto1),
    native!("readline", "($self, size=-1, /)", buf_readline),
    native!("__next__", "($self, /)", buf_next),
    native!("write", "($self, buffer, /)", buf_write),
);

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("raw", "($self, /)", buf_raw), None),
    (native!("closed", "($self, /)", buf_closed), None),
    (native!("name", "($self, /)", buf_name), None),
    (native!("mode", "($self, /)", buf_mode), None),
];

static PAIR_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", buf_new),
    native!(
        "__init__",
        "($self, reader, writer, buffer_size=8192, /)",
        pair_init
    ),
    native!("read", "($self, size=-1, /)", pair_read),
    native!("peek", "($self, size=0, /)", pair_peek),
    native!("read1", "($self, size=-1, /)", pair_read1),
    native!("readinto", "($self, buffer, /)", pair_readinto),
    native!("readinto1", "($self, buffer, /)", pair_readinto1),
    native!("write", "($self, buffer, /)", pair_write),
    native!("flush", "($self, /)", pair_flush),
    native!("readable", "($self, /)", pair_readable),
    native!("writable", "($self, /)", pair_writable),
    native!("close", "($self, /)", pair_close),
    native!("isatty", "($self, /)", pair_isatty),
];

static PAIR_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("closed", "($self, /)", pair_closed), None)];

fn buf_noop(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn class_name(vm: &mut Vm, v: Value) -> String {
    let ty = vm.type_of(v);
    for n in [
        "BufferedReader",
        "BufferedWriter",
        "BufferedRandom",
        "BufferedRWPair",
    ] {
        if crate::types::typeobj::is_subtype(ty, io_type(vm, n)) {
            return n.to_string();
        }
    }
    "BufferedReader".to_string()
}

fn raw_of(vm: &mut Vm, v: Value) -> PyResult<&'static BufferedObj> {
    let Some(b) = v.downcast::<BufferedObj>() else {
        return Err(vm.type_error(format!(
            "descriptor requires a '_io.BufferedReader' object but received '{}'",
            vm.type_name(v)
        )));
    };
    if b.detached.get() {
        return Err(vm.value_error("raw stream has been detached"));
    }
    if !b.ok.get() {
        return Err(vm.value_error("I/O operation on uninitialized object"));
    }
    Ok(b)
}

fn is_closed(vm: &mut Vm, b: &BufferedObj) -> PyResult<bool> {
    let c = ops::attr::getattr_str(vm, b.raw.get(), "closed")?;
    ops::truth::is_true(vm, c)
}

fn check_closed(vm: &mut Vm, b: &BufferedObj, msg: &str) -> PyResult<()> {
    if is_closed(vm, b)? {
        return Err(vm.value_error(msg));
    }
    Ok(())
}

fn buf_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(
        a[0],
        BufferedObj {
            kind: Cell::new(BufKind::Reader),
            raw: Cell::new(Value::NONE),
            reader: Cell::new(Value::NONE),
            writer: Cell::new(Value::NONE),
            buffer_size: Cell::new(super::DEFAULT_BUFFER_SIZE),
            rbuf: RefCell::new(Vec::new()),
            rpos: Cell::new(0),
            wbuf: RefCell::new(Vec::new()),
            ok: Cell::new(false),
            detached: Cell::new(false),
        },
    ))
}

fn buffer_size_arg(vm: &mut Vm, v: Value) -> PyResult<usize> {
    if v.is_null() {
        return Ok(super::DEFAULT_BUFFER_SIZE);
    }
    let n = ops::number::index_i64(vm, v)?;
    if n <= 0 {
        return Err(vm.value_error("buffer size must be strictly positive"));
    }
    Ok(n as usize)
}

fn buf_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(b) = a[0].downcast::<BufferedObj>() else {
        return Err(vm.type_error("buffered object expected"));
    };
    let name = class_name(vm, a[0]);
    let kind = match name.as_str() {
        "BufferedWriter" => BufKind::Writer,
        "BufferedRandom" => BufKind::Random,
        _ => BufKind::Reader,
    };
    b.ok.set(false);
    let raw = a[1];
    if kind == BufKind::Random {
        super::iobase::check_seekable(vm, raw)?;
    }
    if kind != BufKind::Writer {
        super::iobase::check_readable(vm, raw)?;
    }
    if kind != BufKind::Reader {
        super::iobase::check_writable(vm, raw)?;
    }
    let size = buffer_size_arg(vm, a[2])?;
    b.kind.set(kind);
    b.raw.set(raw);
    b.buffer_size.set(size);
    b.clear_read();
    b.wbuf.borrow_mut().clear();
    b.detached.set(false);
    b.ok.set(true);
    if kind != BufKind::Reader {
        super::register_for_exit_flush(vm, a[0])?;
    }
    Ok(Value::NONE)
}

/// Writes the whole write buffer to the raw stream.
fn flush_writes(vm: &mut Vm, b: &BufferedObj) -> PyResult<()> {
    loop {
        let data = b.wbuf.borrow().clone();
        if data.is_empty() {
            return Ok(());
        }
        let bv = new_bytes(vm, data.clone());
        let r = call_method(vm, b.raw.get(), "write", &[bv])?;
        if r.is_none() {
            return Err(vm.new_exc(
                vm.exc.blocking_io_error,
                "write could not complete without blocking",
            ));
        }
        let n = ops::number::index_i64(vm, r)?;
        if n < 0 || n as usize > data.len() {
            return Err(vm.new_exc(
                vm.exc.os_error,
                format!(
                    "raw write() returned invalid length {n} (should have been between 0 and {})",
                    data.len()
                ),
            ));
        }
        b.wbuf.borrow_mut().drain(..n as usize);
    }
}

/// Gives the read-ahead back: seeks the raw stream to the logical position.
fn rewind_reads(vm: &mut Vm, b: &BufferedObj) -> PyResult<()> {
    let unread = b.unread();
    b.clear_read();
    if unread > 0 {
        let off = crate::types::int::from_i64(vm, -(unread as i64));
        let one = crate::types::int::from_i64(vm, 1);
        call_method(vm, b.raw.get(), "seek", &[off, one])?;
    }
    Ok(())
}

/// One raw read of up to `n` bytes: `None` when the raw stream had nothing (non-blocking).
fn raw_read(vm: &mut Vm, b: &BufferedObj, n: usize) -> PyResult<Option<Vec<u8>>> {
    let nv = crate::types::int::from_usize(vm, n);
    let r = call_method(vm, b.raw.get(), "read", &[nv])?;
    if r.is_none() {
        return Ok(None);
    }
    match crate::types::bytes::bytes_data(r) {
        Some(d) => {
            if d.len() > n {
                return Err(vm.new_exc(
                    vm.exc.os_error,
                    format!("raw readinto() returned invalid length {} (should have been between 0 and {n})", d.len()),
                ));
            }
            Ok(Some(d))
        }
        None => Err(vm.type_error(format!(
            "read() should return bytes, not '{}'",
            vm.type_name(r)
        ))),
    }
}

/// Refills the (empty) read buffer with one raw read; returns how many bytes arrived.
fn fill(vm: &mut Vm, b: &BufferedObj) -> PyResult<Option<usize>> {
    let size = b.buffer_size.get();
    let d = raw_read(vm, b, size)?;
    let mut buf = b.rbuf.borrow_mut();
    let pos = b.rpos.get().min(buf.len());
    buf.drain(..pos);
    b.rpos.set(0);
    match d {
        Some(d) => {
            let n = d.len();
            buf.extend_from_slice(&d);
            Ok(Some(n))
        }
        None => Ok(None),
    }
}

fn prepare_read(vm: &mut Vm, b: &BufferedObj, msg: &str) -> PyResult<()> {
    if b.unread() == 0 {
        check_closed(vm, b, msg)?;
    }
    if !b.wbuf.borrow().is_empty() {
        flush_writes(vm, b)?;
    }
    Ok(())
}

fn buf_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let n = size_arg(vm, a[1])?;
    if n < -1 {
        return Err(vm.value_error("read length must be non-negative or -1"));
    }
    prepare_read(vm, b, "read of closed file")?;
    let mut out = b.take(b.unread());
    if n == -1 {
        // Read to EOF: raw.readall() when the raw stream has it.
        let readall = vm.intern("readall");
        let r = if ops::attr::getattr_opt(vm, b.raw.get(), readall)?.is_some() {
            call_method(vm, b.raw.get(), "readall", &[])?
        } else {
            let mut acc: Vec<u8> = Vec::new();
            let mut got_none = true;
            loop {
                match raw_read(vm, b, b.buffer_size.get())? {
                    None => break,
                    Some(d) if d.is_empty() => {
                        got_none = false;
                        break;
                    }
                    Some(d) => {
                        got_none = false;
                        acc.extend_from_slice(&d)
                    }
                }
            }
            if got_none && acc.is_empty() {
                Value::NONE
            } else {
                new_bytes(vm, acc)
            }
        };
        if r.is_none() {
            if out.is_empty() {
                return Ok(Value::NONE);
            }
        } else if let Some(d) = crate::types::bytes::bytes_data(r) {
            out.extend_from_slice(&d);
        } else {
            return Err(vm.type_error("readall() should return bytes"));
        }
        return Ok(new_bytes(vm, out));
    }
    let n = n as usize;
    // Put back what we took beyond n.
    if out.len() > n {
        let extra = out.len() - n;
        b.rpos.set(b.rpos.get() - extra);
        out.truncate(n);
        return Ok(new_bytes(vm, out));
    }
    while out.len() < n {
        let want = n - out.len();
        if want >= b.buffer_size.get() {
            match raw_read(vm, b, want)? {
                None => {
                    if out.is_empty() {
                        return Ok(Value::NONE);
                    }
                    break;
                }
                Some(d) if d.is_empty() => break,
                Some(d) => out.extend_from_slice(&d),
            }
            continue;
        }
        match fill(vm, b)? {
            None => {
                if out.is_empty() {
                    return Ok(Value::NONE);
                }
                break;
            }
            Some(0) => break,
            Some(_) => {
                let d = b.take(want);
                out.extend_from_slice(&d);
            }
        }
    }
    Ok(new_bytes(vm, out))
}

fn buf_read1(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let mut n = size_arg(vm, a[1])?;
    if n < 0 {
        n = b.buffer_size.get() as i64;
    }
    prepare_read(vm, b, "read of closed file")?;
    if n == 0 {
        return Ok(new_bytes(vm, Vec::new()));
    }
    if b.unread() == 0 {
        b.clear_read();
        if n as usize > b.buffer_size.get() {
            let d = raw_read(vm, b, n as usize)?.unwrap_or_default();
            return Ok(new_bytes(vm, d));
        }
        fill(vm, b)?;
    }
    let d = b.take(n as usize);
    Ok(new_bytes(vm, d))
}

fn buf_peek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    prepare_read(vm, b, "peek of closed file")?;
    if b.unread() == 0 {
        fill(vm, b)?;
    }
    let d = {
        let buf = b.rbuf.borrow();
        buf[b.rpos.get().min(buf.len())..].to_vec()
    };
    Ok(new_bytes(vm, d))
}

fn readinto_via(vm: &mut Vm, a: &[Value], one: bool) -> PyResult {
    let what = if one { "readinto1" } else { "readinto" };
    let len = super::writable_buffer_len(vm, a[1], what)?;
    let nv = crate::types::int::from_usize(vm, len);
    let r = if one {
        buf_read1(vm, &[a[0], nv])?
    } else {
        buf_read(vm, &[a[0], nv])?
    };
    if r.is_none() {
        return Ok(Value::NONE);
    }
    let d = crate::types::bytes::bytes_data(r).unwrap_or_default();
    super::fill_buffer(a[1], &d);
    Ok(crate::types::int::from_usize(vm, d.len()))
}

fn buf_readinto(vm: &mut Vm, a: &[Value]) -> PyResult {
    readinto_via(vm, a, false)
}

fn buf_readinto1(vm: &mut Vm, a: &[Value]) -> PyResult {
    readinto_via(vm, a, true)
}

fn read_line(vm: &mut Vm, b: &BufferedObj, limit: i64) -> PyResult<Vec<u8>> {
    prepare_read(vm, b, "readline of closed file")?;
    let mut out: Vec<u8> = Vec::new();
    loop {
        {
            let buf = b.rbuf.borrow();
            let pos = b.rpos.get().min(buf.len());
            let rest = &buf[pos..];
            let room = if limit >= 0 {
                (limit as usize).saturating_sub(out.len())
            } else {
                usize::MAX
            };
            let window = &rest[..rest.len().min(room)];
            if let Some(i) = window.iter().position(|&c| c == b'\n') {
                out.extend_from_slice(&window[..=i]);
                b.rpos.set(pos + i + 1);
                return Ok(out);
            }
            out.extend_from_slice(window);
            b.rpos.set(pos + window.len());
            if limit >= 0 && out.len() >= limit as usize {
                return Ok(out);
            }
        }
        match fill(vm, b)? {
            None | Some(0) => return Ok(out),
            Some(_) => {}
        }
    }
}

fn buf_readline(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let limit = size_arg(vm, a[1])?;
    let d = read_line(vm, b, limit)?;
    Ok(new_bytes(vm, d))
}

fn buf_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let d = read_line(vm, b, -1)?;
    if d.is_empty() {
        return Err(vm.stop_iteration(Value::NULL));
    }
    Ok(new_bytes(vm, d))
}

fn buf_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let data = super::bytes_like(vm, a[1])?;
    if is_closed(vm, b)? {
        return Err(vm.value_error("write to closed file"));
    }
    if b.unread() > 0 {
        rewind_reads(vm, b)?;
    } else {
        b.clear_read();
    }
    let size = b.buffer_size.get();
    if b.wbuf.borrow().len() + data.len() > size {
        flush_writes(vm, b)?;
    }
    b.wbuf.borrow_mut().extend_from_slice(&data);
    if b.wbuf.borrow().len() >= size {
        flush_writes(vm, b)?;
    }
    Ok(crate::types::int::from_usize(vm, data.len()))
}

fn buf_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    if b.kind.get() == BufKind::Reader {
        // BufferedReader.flush is _BufferedIOBase's: only the closed check.
        check_closed(vm, b, "flush of closed file")?;
        return Ok(Value::NONE);
    }
    check_closed(vm, b, "flush of closed file")?;
    flush_writes(vm, b)?;
    if b.unread() > 0 {
        rewind_reads(vm, b)?;
    }
    Ok(Value::NONE)
}

fn buf_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    if is_closed(vm, b)? {
        return Ok(Value::NONE);
    }
    let r = if b.kind.get() == BufKind::Reader {
        Ok(Value::NONE)
    } else {
        call_method(vm, a[0], "flush", &[])
    };
    b.clear_read();
    let c = call_method(vm, b.raw.get(), "close", &[]);
    match (r, c) {
        (Err(e), Ok(_)) => Err(e),
        (Err(e1), Err(e2)) => {
            if let Some(x) = crate::types::exceptions::exc_obj(e2.0) {
                x.context.set(e1.0);
            }
            Err(e2)
        }
        (Ok(_), Err(e)) => Err(e),
        (Ok(_), Ok(_)) => Ok(Value::NONE),
    }
}

fn buf_detach(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    call_method(vm, a[0], "flush", &[])?;
    let raw = b.raw.get();
    b.detached.set(true);
    b.raw.set(Value::NONE);
    Ok(raw)
}

fn buf_seek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let whence = if a[2].is_null() {
        0
    } else {
        ops::number::index_i64(vm, a[2])?
    };
    // 3 and 4 are SEEK_DATA/SEEK_HOLE, passed through as CPython does where the OS has them.
    if !(0..=4).contains(&whence) {
        return Err(vm.value_error(format!("whence value {whence} unsupported")));
    }
    check_closed(vm, b, "seek of closed file")?;
    super::iobase::check_seekable(vm, b.raw.get())?;
    let target = ops::number::index(vm, a[1])?;
    flush_writes(vm, b)?;
    let target = if whence == 1 {
        let unread = b.unread() as i64;
        let t = ops::number::index_i64(vm, target)?;
        crate::types::int::from_i64(vm, t - unread)
    } else {
        target
    };
    b.clear_read();
    let w = crate::types::int::from_i64(vm, whence);
    let r = call_method(vm, b.raw.get(), "seek", &[target, w])?;
    let n = ops::number::index_i64(vm, r)?;
    if n < 0 {
        return Err(vm.new_exc(
            vm.exc.os_error,
            format!("Raw stream returned invalid position {n}"),
        ));
    }
    Ok(r)
}

fn logical_pos(vm: &mut Vm, b: &BufferedObj) -> PyResult<i64> {
    let r = call_method(vm, b.raw.get(), "tell", &[])?;
    let n = ops::number::index_i64(vm, r)?;
    if n < 0 {
        return Err(vm.new_exc(
            vm.exc.os_error,
            format!("Raw stream returned invalid position {n}"),
        ));
    }
    let pos = n - b.unread() as i64 + b.wbuf.borrow().len() as i64;
    Ok(pos.max(0))
}

fn buf_tell(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let p = logical_pos(vm, b)?;
    Ok(crate::types::int::from_i64(vm, p))
}

fn buf_truncate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    check_closed(vm, b, "truncate of closed file")?;
    if b.kind.get() == BufKind::Reader {
        return Err(unsupported(vm, "truncate"));
    }
    let pos = if a[1].is_null() || a[1].is_none() {
        let p = logical_pos(vm, b)?;
        crate::types::int::from_i64(vm, p)
    } else {
        a[1]
    };
    flush_writes(vm, b)?;
    rewind_reads(vm, b)?;
    call_method(vm, b.raw.get(), "truncate", &[pos])
}

fn delegate(vm: &mut Vm, a: &[Value], name: &str) -> PyResult {
    let b = raw_of(vm, a[0])?;
    call_method(vm, b.raw.get(), name, &[])
}

fn buf_seekable(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "seekable")
}

fn buf_readable(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "readable")
}

fn buf_writable(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "writable")
}

fn buf_fileno(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "fileno")
}

fn buf_isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    delegate(vm, a, "isatty")
}

/// A plain member in CPython: None once detached, no checks.
fn buf_raw(vm: &mut Vm, a: &[Value]) -> PyResult {
    match a[0].downcast::<BufferedObj>() {
        Some(b) => Ok(b.raw.get()),
        None => Err(vm.type_error("buffered object expected")),
    }
}

fn buf_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    ops::attr::getattr_str(vm, b.raw.get(), "closed")
}

fn buf_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    ops::attr::getattr_str(vm, b.raw.get(), "name")
}

fn buf_mode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    ops::attr::getattr_str(vm, b.raw.get(), "mode")
}

fn buf_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = class_name(vm, a[0]);
    let tn = super::repr_type_name(vm, a[0], &cls);
    let k = vm.intern("name");
    let name = match ops::attr::getattr_opt(vm, a[0], k) {
        Ok(v) => v,
        Err(e) if vm.exc_matches(e, vm.exc.value_error) => None,
        Err(e) => return Err(e),
    };
    let s = match name {
        None => format!("<{tn}>"),
        Some(n) => {
            vm.enter_recursive(" while getting the repr of an object")?;
            let r = ops::repr::repr_string(vm, n);
            vm.leave_native();
            format!("<{tn} name={}>", r?)
        }
    };
    Ok(vm.new_string(s))
}

fn buf_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = class_name(vm, a[0]);
    let tn = super::repr_type_name(vm, a[0], &cls);
    Err(vm.type_error(format!("cannot pickle '{tn}' object")))
}

fn buf_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    Ok(crate::types::int::from_usize(vm, 184 + b.buffer_size.get()))
}

// ----- BufferedRWPair -----

fn pair_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(b) = a[0].downcast::<BufferedObj>() else {
        return Err(vm.type_error("BufferedRWPair expected"));
    };
    super::iobase::check_readable(vm, a[1])?;
    super::iobase::check_writable(vm, a[2])?;
    let size = if a[3].is_null() {
        crate::types::int::from_usize(vm, super::DEFAULT_BUFFER_SIZE)
    } else {
        a[3]
    };
    let rt = io_type(vm, "BufferedReader");
    let wt = io_type(vm, "BufferedWriter");
    let r = ops::call::call(vm, rt, &[a[1], size])?;
    let w = ops::call::call(vm, wt, &[a[2], size])?;
    b.kind.set(BufKind::Pair);
    b.reader.set(r);
    b.writer.set(w);
    b.ok.set(true);
    Ok(Value::NONE)
}

fn pair(vm: &mut Vm, v: Value) -> PyResult<&'static BufferedObj> {
    match v.downcast::<BufferedObj>() {
        Some(b) if b.ok.get() && !b.reader.get().is_none() => Ok(b),
        _ => Err(vm.value_error("I/O operation on uninitialized object")),
    }
}

fn pair_call(vm: &mut Vm, a: &[Value], reader: bool, name: &str) -> PyResult {
    let p = pair(vm, a[0])?;
    let target = if reader {
        p.reader.get()
    } else {
        p.writer.get()
    };
    let args: Vec<Value> = a[1..].iter().copied().filter(|v| !v.is_null()).collect();
    call_method(vm, target, name, &args)
}

fn pair_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, true, "read")
}

fn pair_peek(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, true, "peek")
}

fn pair_read1(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, true, "read1")
}

fn pair_readinto(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, true, "readinto")
}

fn pair_readinto1(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, true, "readinto1")
}

fn pair_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, false, "write")
}

fn pair_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, false, "flush")
}

fn pair_readable(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, true, "readable")
}

fn pair_writable(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_call(vm, a, false, "writable")
}

fn pair_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pair(vm, a[0])?;
    let r1 = call_method(vm, p.writer.get(), "close", &[]);
    let r2 = call_method(vm, p.reader.get(), "close", &[]);
    match (r1, r2) {
        (Err(e), _) => Err(e),
        (_, Err(e)) => Err(e),
        _ => Ok(Value::NONE),
    }
}

fn pair_isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pair(vm, a[0])?;
    let w = call_method(vm, p.writer.get(), "isatty", &[])?;
    if w == Value::TRUE {
        return Ok(w);
    }
    call_method(vm, p.reader.get(), "isatty", &[])
}

fn pair_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = pair(vm, a[0])?;
    ops::attr::getattr_str(vm, p.writer.get(), "closed")
}
