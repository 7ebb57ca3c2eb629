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
    /// The raw stream's position as last seen (-1: unknown), kept up to date across raw
    /// reads, writes and seeks as CPython's `abs_pos`, so seeks inside the buffer need no call.
    pub abs_pos: Cell<i64>,
    /// The thread inside a method that uses the raw stream (0: none): other threads wait,
    /// the same thread re-entering gets CPython's "reentrant call" RuntimeError.
    pub owner: Cell<u64>,
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
            native!("flush", "($self, /)", buf_flush_serialized),
            native!("close", "($self, /)", buf_close),
            native!("seek", "($self, target, whence=0, /)", buf_seek_serialized),
            native!("tell", "($self, /)", buf_tell_serialized),
            native!("truncate", "($self, pos=None, /)", buf_truncate_serialized),
            native!("seekable", "($self, /)", buf_seekable),
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
    native!("readable", "($self, /)", buf_readable),
    native!("read", "($self, size=-1, /)", buf_read_serialized),
    native!("read1", "($self, size=-1, /)", buf_read1_serialized),
    native!("peek", "($self, size=0, /)", buf_peek_serialized),
    native!("readinto", "($self, buffer, /)", buf_readinto_serialized),
    native!("readinto1", "($self, buffer, /)", buf_readinto1_serialized),
    native!("readline", "($self, size=-1, /)", buf_readline_serialized),
    native!("__next__", "($self, /)", buf_next_serialized),
);

static WRITER_METHODS: &[NativeDef] = common_methods!(
    native!("writable", "($self, /)", buf_writable),
    native!("write", "($self, buffer, /)", buf_write_serialized),
);

static RANDOM_METHODS: &[NativeDef] = common_methods!(
    native!("readable", "($self, /)", buf_readable),
    native!("writable", "($self, /)", buf_writable),
    native!("read", "($self, size=-1, /)", buf_read_serialized),
    native!("read1", "($self, size=-1, /)", buf_read1_serialized),
    native!("peek", "($self, size=0, /)", buf_peek_serialized),
    native!("readinto", "($self, buffer, /)", buf_readinto_serialized),
    native!("readinto1", "($self, buffer, /)", buf_readinto1_serialized),
    native!("readline", "($self, size=-1, /)", buf_readline_serialized),
    native!("__next__", "($self, /)", buf_next_serialized),
    native!("write", "($self, buffer, /)", buf_write_serialized),
);

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("raw", "($self, /)", buf_raw), None),
    (native!("closed", "($self, /)", buf_closed), None),
    (native!("name", "($self, /)", buf_name), None),
    (native!("mode", "($self, /)", buf_mode), None),
    (native!("_finalizing", "($self, /)", buf_false), None),
];

fn buf_false(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::FALSE)
}

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
    if let Some(c) = super::fast_closed(vm, b.raw.get()) {
        return Ok(c);
    }
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
            abs_pos: Cell::new(-1),
            owner: Cell::new(0),
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
    if n > (1 << 40) {
        // CPython allocates the buffer here and fails with MemoryError.
        return Err(vm.memory_error());
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
    // CPython primes its raw-position cache here; a failing tell() is ignored.
    let p = call_method(vm, raw, "tell", &[]).and_then(|p| ops::number::index_i64(vm, p));
    b.abs_pos.set(p.unwrap_or(-1));
    b.kind.set(kind);
    b.raw.set(raw);
    b.buffer_size.set(size);
    b.clear_read();
    b.wbuf.borrow_mut().clear();
    b.detached.set(false);
    b.ok.set(true);
    Ok(Value::NONE)
}

/// `raw.write(memoryview)` of `data`: the count written, or None when the raw stream would
/// block.
fn raw_write(vm: &mut Vm, b: &BufferedObj, data: &[u8]) -> PyResult<Option<usize>> {
    let raw = b.raw.get();
    if let Some(r) = super::fileio::fast_write(vm, raw, data) {
        if let Ok(Some(n)) = r {
            advance(b, n);
        }
        return r;
    }
    let bytes = new_bytes(vm, data.to_vec());
    let mv = vm.types.memoryview;
    let view = ops::call::call(vm, mv, &[bytes])?;
    let r = call_method(vm, raw, "write", &[view])?;
    if r.is_none() {
        return Ok(None);
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
    advance(b, n as usize);
    Ok(Some(n as usize))
}

/// Moves the cached raw position after `n` bytes were read or written.
fn advance(b: &BufferedObj, n: usize) {
    if b.abs_pos.get() >= 0 {
        b.abs_pos.set(b.abs_pos.get() + n as i64);
    }
}

/// Records the raw position a seek returned.
fn set_abs(vm: &mut Vm, b: &BufferedObj, r: Value) {
    b.abs_pos.set(ops::number::index_i64(vm, r).unwrap_or(-1));
}

/// Writes the whole write buffer to the raw stream.
fn flush_writes(vm: &mut Vm, b: &BufferedObj) -> PyResult<()> {
    loop {
        let data = b.wbuf.borrow().clone();
        if data.is_empty() {
            return Ok(());
        }
        match raw_write(vm, b, &data)? {
            None => return Err(blocking_error(vm, b, 0)),
            Some(n) => {
                b.wbuf.borrow_mut().drain(..n);
            }
        }
        // A write a signal interrupted returns short: run the handlers before blocking again.
        crate::modules::signals::check(vm)?;
    }
}

/// CPython's BlockingIOError(errno, "write could not complete without blocking", written):
/// errno EAGAIN from a FileIO's descriptor, 0 from a Python raw stream that returned None.
fn blocking_error(vm: &mut Vm, b: &BufferedObj, written: usize) -> crate::vm::Exc {
    let errno = if super::fileio::exact_open(vm, b.raw.get()).is_some() {
        libc::EAGAIN as i64
    } else {
        0
    };
    let e = crate::types::int::from_i64(vm, errno);
    let msg = vm.new_str("write could not complete without blocking");
    let w = crate::types::int::from_usize(vm, written);
    let ty = vm.exc.blocking_io_error;
    match ops::call::call(vm, ty, &[e, msg, w]) {
        Ok(x) => crate::vm::Exc(x),
        Err(x) => x,
    }
}

/// Gives the read-ahead back: seeks the raw stream to the logical position.
fn rewind_reads(vm: &mut Vm, b: &BufferedObj) -> PyResult<()> {
    let unread = b.unread();
    b.clear_read();
    if unread > 0 {
        let off = crate::types::int::from_i64(vm, -(unread as i64));
        let one = crate::types::int::from_i64(vm, 1);
        let r = call_method(vm, b.raw.get(), "seek", &[off, one])?;
        set_abs(vm, b, r);
    }
    Ok(())
}

/// `raw.readinto(memoryview)` of up to `n` bytes: the bytes read (empty at EOF), or None when
/// the raw stream would block.
fn raw_read(vm: &mut Vm, b: &BufferedObj, n: usize) -> PyResult<Option<Vec<u8>>> {
    let raw = b.raw.get();
    if let Some(r) = super::fileio::fast_read(vm, raw, n) {
        if let Ok(Some(d)) = &r {
            advance(b, d.len());
        }
        return r;
    }
    let zeros = super::zeroed(vm, n)?;
    let ba = crate::types::bytes::new_bytearray(vm, zeros);
    let mv = vm.types.memoryview;
    let view = ops::call::call(vm, mv, &[ba])?;
    let r = call_method(vm, raw, "readinto", &[view])?;
    if r.is_none() {
        return Ok(None);
    }
    let got = match ops::number::index_i64(vm, r) {
        Ok(g) => g,
        Err(e) => {
            // CPython: OSError("raw readinto() failed") from the conversion error.
            let oe = vm.new_exc(vm.exc.os_error, "raw readinto() failed");
            if let Some(x) = crate::types::exceptions::exc_obj(oe.0) {
                x.cause.set(e.0);
                x.context.set(e.0);
                x.suppress_context.set(true);
            }
            return Err(oe);
        }
    };
    if got < 0 || got as usize > n {
        return Err(vm.new_exc(
            vm.exc.os_error,
            format!(
                "raw readinto() returned invalid length {got} (should have been between 0 and {n})"
            ),
        ));
    }
    let mut d = crate::types::bytes::bytes_data(ba).unwrap_or_default();
    d.truncate(got as usize);
    advance(b, d.len());
    Ok(Some(d))
}

/// Reads into the free space at the end of the read buffer (CPython's fill_buffer); returns
/// the count read, None when the raw stream would block.
fn fill(vm: &mut Vm, b: &BufferedObj) -> PyResult<Option<usize>> {
    let start = b.rbuf.borrow().len();
    let len = b.buffer_size.get().saturating_sub(start);
    let d = raw_read(vm, b, len)?;
    match d {
        Some(d) => {
            b.rbuf.borrow_mut().extend_from_slice(&d);
            Ok(Some(d.len()))
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

/// `read()` to EOF: the buffered rest plus `raw.readall()` (or repeated `raw.read()`).
fn read_all(vm: &mut Vm, b: &BufferedObj) -> PyResult {
    let have = b.take(b.unread());
    if b.kind.get() == BufKind::Random {
        flush_writes(vm, b)?;
    }
    b.clear_read();
    let raw = b.raw.get();
    let readall = vm.intern("readall");
    if let Some(f) = ops::attr::getattr_opt(vm, raw, readall)? {
        let tmp = ops::call::call(vm, f, &[])?;
        if !tmp.is_none() && !tmp.is::<crate::types::bytes::BytesObj>() {
            return Err(vm.type_error("readall() should return bytes"));
        }
        if have.is_empty() {
            return Ok(tmp);
        }
        let mut out = have;
        if let Some(d) = crate::types::bytes::bytes_data(tmp) {
            out.extend_from_slice(&d);
        }
        return Ok(new_bytes(vm, out));
    }
    let mut out = have;
    let mut any = !out.is_empty();
    loop {
        let d = call_method(vm, raw, "read", &[])?;
        if !d.is_none() && !d.is::<crate::types::bytes::BytesObj>() {
            return Err(vm.type_error("read() should return bytes"));
        }
        let chunk = crate::types::bytes::bytes_data(d).unwrap_or_default();
        if chunk.is_empty() {
            if !any {
                return Ok(d);
            }
            return Ok(new_bytes(vm, out));
        }
        any = true;
        out.extend_from_slice(&chunk);
    }
}

/// `read(n)` for n >= 0, as CPython: buffered bytes, then whole blocks straight from the raw
/// stream, then the tail through the buffer.
fn read_n(vm: &mut Vm, b: &BufferedObj, n: usize) -> PyResult {
    if n <= b.unread() {
        let d = b.take(n);
        return Ok(new_bytes(vm, d));
    }
    let mut out = b.take(n);
    let mut remaining = n - out.len();
    b.clear_read();
    let size = b.buffer_size.get();
    while remaining > 0 {
        let r = remaining - remaining % size;
        if r == 0 {
            break;
        }
        match raw_read(vm, b, r)? {
            Some(d) if !d.is_empty() => {
                remaining -= d.len();
                out.extend_from_slice(&d);
            }
            other => {
                if other.is_some() || !out.is_empty() {
                    return Ok(new_bytes(vm, out));
                }
                return Ok(Value::NONE);
            }
        }
    }
    b.clear_read();
    while remaining > 0 && b.rbuf.borrow().len() < size {
        match fill(vm, b)? {
            Some(r) if r > 0 => {
                let d = b.take(remaining.min(r));
                remaining -= d.len();
                out.extend_from_slice(&d);
            }
            other => {
                if other.is_some() || !out.is_empty() {
                    return Ok(new_bytes(vm, out));
                }
                return Ok(Value::NONE);
            }
        }
    }
    Ok(new_bytes(vm, out))
}

fn buf_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let n = size_arg(vm, a[1])?;
    if n < -1 {
        return Err(vm.value_error("read length must be non-negative or -1"));
    }
    prepare_read(vm, b, "read of closed file")?;
    if n == -1 {
        return read_all(vm, b);
    }
    read_n(vm, b, n as usize)
}

fn buf_read1(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let mut n = size_arg(vm, a[1])?;
    if n < 0 {
        n = b.buffer_size.get() as i64;
    }
    check_closed(vm, b, "read of closed file")?;
    if n == 0 {
        return Ok(new_bytes(vm, Vec::new()));
    }
    // Buffered bytes only when there are some, else one raw read.
    let have = b.unread();
    if have > 0 {
        let d = b.take(have.min(n as usize));
        return Ok(new_bytes(vm, d));
    }
    if !b.wbuf.borrow().is_empty() {
        flush_writes(vm, b)?;
    }
    b.clear_read();
    let d = raw_read(vm, b, n as usize)?.unwrap_or_default();
    Ok(new_bytes(vm, d))
}

fn buf_peek(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    check_closed(vm, b, "peek of closed file")?;
    if b.kind.get() == BufKind::Random {
        // CPython flushes and rewinds first: a BufferedRandom peek refills from the logical
        // position.
        flush_writes(vm, b)?;
        rewind_reads(vm, b)?;
    }
    if b.unread() == 0 {
        if !b.wbuf.borrow().is_empty() {
            flush_writes(vm, b)?;
        }
        b.clear_read();
        fill(vm, b)?;
    }
    let d = {
        let buf = b.rbuf.borrow();
        buf[b.rpos.get().min(buf.len())..].to_vec()
    };
    Ok(new_bytes(vm, d))
}

/// `readinto[1](buffer)` as CPython: buffered bytes first, then whole reads straight into the
/// caller's buffer when it is larger than ours, else through our buffer; `readinto1` makes at
/// most one raw read and none once it has data.
fn readinto_via(vm: &mut Vm, a: &[Value], one: bool) -> PyResult {
    let what = if one { "readinto1" } else { "readinto" };
    let len = super::writable_buffer_len(vm, a[1], what)?;
    let b = raw_of(vm, a[0])?;
    prepare_read(vm, b, "readinto of closed file")?;
    let mut out: Vec<u8> = Vec::with_capacity(len.min(1 << 20));
    let have = b.unread();
    if have > 0 {
        if have >= len {
            let d = b.take(len);
            super::fill_buffer(a[1], &d);
            return Ok(crate::types::int::from_usize(vm, d.len()));
        }
        out = b.take(have);
    }
    b.clear_read();
    let size = b.buffer_size.get();
    let mut none = false;
    while out.len() < len {
        let remaining = len - out.len();
        let got = if remaining > size {
            match raw_read(vm, b, remaining)? {
                Some(d) => {
                    let n = d.len();
                    out.extend_from_slice(&d);
                    Some(n)
                }
                None => None,
            }
        } else if !(one && !out.is_empty()) {
            match fill(vm, b)? {
                Some(n) if n > 0 => {
                    let d = b.take(remaining.min(n));
                    out.extend_from_slice(&d);
                    continue;
                }
                other => other,
            }
        } else {
            Some(0)
        };
        match got {
            Some(0) => break,
            None => {
                none = out.is_empty();
                break;
            }
            Some(_) => {
                if one {
                    break;
                }
            }
        }
    }
    if none {
        return Ok(Value::NONE);
    }
    super::fill_buffer(a[1], &out);
    Ok(crate::types::int::from_usize(vm, out.len()))
}

fn buf_readinto(vm: &mut Vm, a: &[Value]) -> PyResult {
    readinto_via(vm, a, false)
}

fn buf_readinto1(vm: &mut Vm, a: &[Value]) -> PyResult {
    readinto_via(vm, a, true)
}

/// `readline(limit)`: the line from the buffer, else refill the whole buffer until a newline,
/// the limit or EOF.
fn read_line(vm: &mut Vm, b: &BufferedObj, mut limit: i64) -> PyResult<Vec<u8>> {
    if b.unread() == 0 {
        check_closed(vm, b, "readline of closed file")?;
    }
    let mut out: Vec<u8> = Vec::new();
    {
        let buf = b.rbuf.borrow();
        let pos = b.rpos.get().min(buf.len());
        let mut n = buf.len() - pos;
        if limit >= 0 && n as i64 > limit {
            n = limit as usize;
        }
        let window = &buf[pos..pos + n];
        if let Some(i) = window.iter().position(|&c| c == b'\n') {
            let line = window[..=i].to_vec();
            b.rpos.set(pos + i + 1);
            return Ok(line);
        }
        out.extend_from_slice(window);
        b.rpos.set(pos + n);
        if limit >= 0 && n as i64 == limit {
            return Ok(out);
        }
        if limit >= 0 {
            limit -= n as i64;
        }
    }
    if !b.wbuf.borrow().is_empty() {
        flush_writes(vm, b)?;
    }
    loop {
        b.clear_read();
        let n = match fill(vm, b)? {
            Some(n) if n > 0 => n,
            _ => return Ok(out),
        };
        let n = if limit >= 0 && n as i64 > limit {
            limit as usize
        } else {
            n
        };
        let buf = b.rbuf.borrow();
        if let Some(i) = buf[..n].iter().position(|&c| c == b'\n') {
            out.extend_from_slice(&buf[..=i]);
            b.rpos.set(i + 1);
            return Ok(out);
        }
        out.extend_from_slice(&buf[..n]);
        b.rpos.set(n);
        if limit >= 0 && n as i64 == limit {
            return Ok(out);
        }
        if limit >= 0 {
            limit -= n as i64;
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

/// `write(b)`: buffered when it fits; otherwise flush, write whole blocks straight to the raw
/// stream and buffer the rest (CPython's algorithm, so raw writes happen at the same points).
fn buf_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    let data = super::bytes_like(vm, a[1])?;
    if is_closed(vm, b)? {
        return Err(vm.value_error("write to closed file"));
    }
    let size = b.buffer_size.get();
    if b.unread() == 0 {
        b.clear_read();
    }
    if b.unread() == 0 && b.wbuf.borrow().len() + data.len() <= size {
        b.wbuf.borrow_mut().extend_from_slice(&data);
        return Ok(crate::types::int::from_usize(vm, data.len()));
    }
    if let Err(e) = flush_writes(vm, b) {
        // A raw stream that would block: buffer what fits (CPython's algorithm), raising
        // BlockingIOError with the count taken when not everything does.
        if !vm.exc_matches(e, vm.exc.blocking_io_error) {
            return Err(e);
        }
        b.clear_read();
        let avail = size.saturating_sub(b.wbuf.borrow().len());
        if data.len() <= avail {
            b.wbuf.borrow_mut().extend_from_slice(&data);
            return Ok(crate::types::int::from_usize(vm, data.len()));
        }
        b.wbuf.borrow_mut().extend_from_slice(&data[..avail]);
        return Err(blocking_error(vm, b, avail));
    }
    if b.unread() > 0 {
        rewind_reads(vm, b)?;
    }
    let mut written = 0usize;
    while data.len() - written > size {
        match raw_write(vm, b, &data[written..])? {
            Some(n) => written += n,
            None => {
                // Buffer as much as possible; the rest is lost to the caller, who learns
                // how much was taken from `characters_written`.
                b.clear_read();
                b.wbuf
                    .borrow_mut()
                    .extend_from_slice(&data[written..written + size]);
                return Err(blocking_error(vm, b, written + size));
            }
        }
        crate::modules::signals::check(vm)?;
    }
    b.clear_read();
    b.wbuf.borrow_mut().extend_from_slice(&data[written..]);
    Ok(crate::types::int::from_usize(vm, data.len()))
}

fn buf_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    if b.kind.get() == BufKind::Reader {
        // BufferedReader.flush just forwards to the raw stream.
        return call_method(vm, b.raw.get(), "flush", &[]);
    }
    check_closed(vm, b, "flush of closed file")?;
    flush_writes(vm, b)?;
    if b.unread() > 0 {
        rewind_reads(vm, b)?;
    }
    Ok(Value::NONE)
}

/// Sets `later.__context__ = earlier` (CPython's _PyErr_ChainExceptions) and returns `later`.
pub(crate) fn chain(earlier: crate::vm::Exc, later: crate::vm::Exc) -> crate::vm::Exc {
    if let Some(x) = crate::types::exceptions::exc_obj(later.0)
        && earlier.0 != later.0
    {
        x.context.set(earlier.0);
    }
    later
}

/// `close()`: `self.flush()` then `raw.close()`; a flush error becomes the close error's
/// context, or is raised itself when the close succeeds.
fn buf_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = raw_of(vm, a[0])?;
    // As CPython: the lock is held around the closed check and the raw close but not the
    // flush (which takes it itself), so another thread's write waits for the close to finish
    // and then sees a closed file.
    enter(vm, b, a[0])?;
    let closed = is_closed(vm, b);
    leave(b);
    if closed? {
        return Ok(Value::NONE);
    }
    let r = call_method(vm, a[0], "flush", &[]);
    enter(vm, b, a[0])?;
    let c = call_method(vm, b.raw.get(), "close", &[]);
    b.clear_read();
    leave(b);
    match (r, c) {
        (Err(e), Ok(_)) => Err(e),
        (Err(e1), Err(e2)) => Err(chain(e1, e2)),
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
    // Seeking inside the read buffer just moves in it (CPython's optimization: the buffer, and
    // so what later reads return from it, stays the same).
    let avail = b.unread();
    if (whence == 0 || whence == 1) && b.kind.get() != BufKind::Writer && avail > 0 {
        let mut current = b.abs_pos.get();
        if current < 0 {
            let r = call_method(vm, b.raw.get(), "tell", &[])?;
            current = ops::number::index_i64(vm, r)?;
            b.abs_pos.set(current);
        }
        let t = ops::number::index_i64(vm, target)?;
        let offset = if whence == 0 {
            t - (current - avail as i64)
        } else {
            t
        };
        if offset >= -(b.rpos.get() as i64) && offset <= avail as i64 {
            b.rpos.set((b.rpos.get() as i64 + offset) as usize);
            return Ok(crate::types::int::from_i64(
                vm,
                current - avail as i64 + offset,
            ));
        }
    }
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
    set_abs(vm, b, r);
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
    b.abs_pos.set(n);
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
    let r = call_method(vm, b.raw.get(), "truncate", &[pos])?;
    // The raw position may have moved (CPython re-reads it).
    b.abs_pos.set(-1);
    Ok(r)
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
        (Err(e1), Err(e2)) => Err(chain(e1, e2)),
        (Err(e), _) | (_, Err(e)) => Err(e),
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

// ----- one thread at a time -----

/// Runs a method with the object's lock held, as CPython's `ENTER_BUFFERED`: another thread
/// inside a method waits (GIL released); a re-entrant call from the same thread (a signal
/// handler writing to the stream it interrupted) raises RuntimeError.
fn serialized(
    vm: &mut Vm,
    obj: Value,
    f: fn(&mut Vm, &[Value]) -> PyResult,
    a: &[Value],
) -> PyResult {
    let Some(b) = obj.downcast::<BufferedObj>() else {
        return f(vm, a);
    };
    enter(vm, b, obj)?;
    let r = f(vm, a);
    leave(b);
    r
}

/// Takes the object's lock (CPython's `ENTER_BUFFERED`).
fn enter(vm: &mut Vm, b: &BufferedObj, obj: Value) -> PyResult<()> {
    let me = crate::gil::ident();
    loop {
        match b.owner.get() {
            0 => break,
            o if o == me => {
                let r = ops::repr::repr_string(vm, obj).unwrap_or_default();
                return Err(vm.new_exc(vm.exc.runtime_error, format!("reentrant call inside {r}")));
            }
            _ => {
                crate::gil::wait_for_release(vm, None)?;
            }
        }
    }
    b.owner.set(me);
    Ok(())
}

/// Releases the object's lock (CPython's `LEAVE_BUFFERED`), waking waiting threads.
fn leave(b: &BufferedObj) {
    b.owner.set(0);
    if crate::gil::threads_running() {
        crate::gil::lock_released();
    }
}

fn buf_flush_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_flush, a)
}

fn buf_seek_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_seek, a)
}

fn buf_tell_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_tell, a)
}

fn buf_truncate_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_truncate, a)
}

fn buf_read_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_read, a)
}

fn buf_read1_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_read1, a)
}

fn buf_peek_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_peek, a)
}

fn buf_readinto_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_readinto, a)
}

fn buf_readinto1_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_readinto1, a)
}

fn buf_readline_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_readline, a)
}

fn buf_next_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_next, a)
}

fn buf_write_serialized(vm: &mut Vm, a: &[Value]) -> PyResult {
    serialized(vm, a[0], buf_write, a)
}
