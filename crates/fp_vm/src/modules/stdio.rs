//! `sys.stdin`, `sys.stdout`, `sys.stderr` until `_io` exists: text streams over file
//! descriptors 0, 1, 2 with CPython's buffering (line-buffered on a terminal, block-buffered
//! otherwise; stderr unbuffered for our purposes) and the methods programs use.
//! stdout is flushed before anything is written to stderr, so interleaving stays ordered.

use crate::heap::alloc;
use crate::native;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::{Cell, RefCell};

pub struct StdStream {
    pub fd: i32,
    buf: RefCell<Vec<u8>>,
    line_buffered: bool,
    closed: Cell<bool>,
}

impl Trace for StdStream {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for StdStream {
    const KIND: ObjKind = ObjKind::StdStream;
}

const BLOCK: usize = 8192;

fn is_tty(fd: i32) -> bool {
    // SAFETY: isatty only inspects the descriptor.
    unsafe { libc::isatty(fd) == 1 }
}

fn write_all(fd: i32, mut data: &[u8]) -> std::io::Result<()> {
    while !data.is_empty() {
        // SAFETY: `data` is a valid readable buffer of `data.len()` bytes.
        let n = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        data = &data[n as usize..];
    }
    Ok(())
}

impl StdStream {
    pub fn write_str(&self, s: &str) -> std::io::Result<()> {
        let mut b = self.buf.borrow_mut();
        b.extend_from_slice(s.as_bytes());
        let flush_now = self.fd == 2 || b.len() >= BLOCK || self.line_buffered && s.contains('\n');
        if flush_now {
            let data = std::mem::take(&mut *b);
            drop(b);
            return write_all(self.fd, &data);
        }
        Ok(())
    }
    pub fn flush(&self) -> std::io::Result<()> {
        let data = std::mem::take(&mut *self.buf.borrow_mut());
        write_all(self.fd, &data)
    }
}

pub fn new_stream(vm: &mut Vm, fd: i32, unbuffered: bool) -> Value {
    let ty = vm.types.std_stream;
    alloc(
        ty,
        StdStream {
            fd,
            buf: RefCell::new(Vec::new()),
            line_buffered: unbuffered || is_tty(fd),
            closed: Cell::new(false),
        },
    )
}

pub fn install(vm: &mut Vm) {
    let t = vm.types.std_stream;
    crate::types::typeobj::add_methods(vm, t, METHODS);
}

static METHODS: &[NativeDef] = &[
    native!("write", "($self, s, /)", m_write),
    native!("flush", "($self, /)", m_flush),
    native!("fileno", "($self, /)", m_fileno),
    native!("isatty", "($self, /)", m_isatty),
    native!("readable", "($self, /)", m_readable),
    native!("writable", "($self, /)", m_writable),
    native!("readline", "($self, size=-1, /)", m_readline),
    native!("read", "($self, size=-1, /)", m_read),
    native!("__repr__", "($self, /)", m_repr),
];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static StdStream> {
    match v.downcast::<StdStream>() {
        Some(s) => Ok(s),
        None => Err(vm.type_error("expected a standard stream")),
    }
}

fn io_error(vm: &mut Vm, e: std::io::Error) -> crate::vm::Exc {
    crate::types::exceptions::from_io_error(vm, &e, None)
}

/// Writes `s` to `stream` (a StdStream or any object with `write`), flushing stdout first when
/// writing to stderr.
pub fn write_to(vm: &mut Vm, stream: Value, s: &str) -> PyResult<()> {
    if let Some(st) = stream.downcast::<StdStream>() {
        if st.fd == 2 {
            flush_stdout(vm);
        }
        return st.write_str(s).map_err(|e| io_error(vm, e));
    }
    let w = crate::ops::attr::getattr_str(vm, stream, "write")?;
    let sv = vm.new_str(s);
    crate::ops::call::call(vm, w, &[sv])?;
    Ok(())
}

/// Flushes `sys.stdout` (before stderr output of the native streams, and at exit).
pub fn flush_stdout(vm: &mut Vm) {
    if vm.sys.is_null() {
        return;
    }
    let d = crate::types::module::module_dict(vm.sys);
    for name in ["stdout", "__stdout__"] {
        let Some(v) = crate::types::dict::get_str(d, name) else {
            continue;
        };
        if let Some(s) = v.downcast::<StdStream>() {
            let _ = s.flush();
        } else if !v.is_none() && vm.native_depth == 0 {
            // An `_io` stream (or a replacement): its own flush; errors are ignored here.
            let f = vm.intern("flush");
            let _ = crate::ops::call::call_method(vm, v, f, &[]);
        }
    }
}

fn m_write(vm: &mut Vm, a: &[Value]) -> PyResult {
    let st = this(vm, a[0])?;
    if st.closed.get() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    let Some(s) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            vm.type_name(a[1])
        )));
    };
    if st.fd == 2 {
        flush_stdout(vm);
    }
    st.write_str(s).map_err(|e| io_error(vm, e))?;
    let n = crate::types::str::StrObj::char_len(
        a[1].downcast::<crate::types::str::StrObj>()
            .ok_or_else(|| vm.type_error("str expected"))?,
    );
    Ok(crate::types::int::from_usize(vm, n))
}

fn m_flush(vm: &mut Vm, a: &[Value]) -> PyResult {
    let st = this(vm, a[0])?;
    st.flush().map_err(|e| io_error(vm, e))?;
    Ok(Value::NONE)
}

fn m_fileno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let st = this(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, st.fd as i64))
}

fn m_isatty(vm: &mut Vm, a: &[Value]) -> PyResult {
    let st = this(vm, a[0])?;
    Ok(Value::from_bool(is_tty(st.fd)))
}

fn m_readable(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(this(vm, a[0])?.fd == 0))
}

fn m_writable(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(this(vm, a[0])?.fd != 0))
}

/// Reads up to a newline into `out`; an EINTR is returned as such (with the bytes read so far
/// kept in `out`) so the caller can run signal handlers before continuing.
fn read_line_fd0(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut byte = [0u8; 1];
    loop {
        // SAFETY: reading one byte into a valid one-byte buffer.
        let n = unsafe { libc::read(0, byte.as_mut_ptr() as *mut libc::c_void, 1) };
        if n < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if n == 0 {
            break;
        }
        out.push(byte[0]);
        if byte[0] == b'\n' {
            break;
        }
    }
    Ok(())
}

/// One line from stdin (with its newline; empty at EOF), for `input()` and `readline()`.
pub fn read_line(vm: &mut Vm) -> PyResult<String> {
    flush_stdout(vm);
    let mut bytes = Vec::new();
    loop {
        match read_line_fd0(&mut bytes) {
            Ok(()) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                crate::modules::signals::check(vm)?
            }
            Err(e) => return Err(io_error(vm, e)),
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn m_readline(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    let s = read_line(vm)?;
    Ok(vm.new_string(s))
}

fn m_read(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?;
    flush_stdout(vm);
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map_err(|e| io_error(vm, e))?;
    Ok(vm.new_string(s))
}

fn m_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let st = this(vm, a[0])?;
    let name = match st.fd {
        0 => "<stdin>",
        1 => "<stdout>",
        _ => "<stderr>",
    };
    let mode = if st.fd == 0 { "r" } else { "w" };
    Ok(vm.new_string(format!(
        "<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"
    )))
}
