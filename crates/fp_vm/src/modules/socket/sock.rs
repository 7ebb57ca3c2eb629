//! `_socket.socket`: a descriptor plus family/type/proto and a timeout (CPython's
//! `PySocketSockObject`). As in CPython, `__new__` makes an unopened object and `__init__`
//! creates (or adopts) the descriptor, so `socket.socket` can subclass it with `__slots__`.
//!
//! Timeouts follow CPython's `sock_call_ex`: a socket with a positive timeout has a
//! non-blocking descriptor; before each system call it waits with `poll()` for the remaining
//! time (TimeoutError "timed out" when none is left), retries when the call still says
//! EWOULDBLOCK, and retries on EINTR after running signal handlers (PEP 475).

use super::addr::{SockAddr, make_addr, parse_addr};
use super::{default_timeout, timeout_arg};
use crate::modules::posix::util;
use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::types::bytes::new_bytes;
use crate::types::int::{from_i64, from_usize};
use crate::types::tuple::new_tuple;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;

pub struct SockObj {
    pub fd: Cell<i32>,
    pub family: Cell<i32>,
    pub ty: Cell<i32>,
    pub proto: Cell<i32>,
    /// Nanoseconds; -1 blocking without timeout, 0 non-blocking.
    pub timeout: Cell<i64>,
}

impl StdData for SockObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

/// An unreachable socket that still owns its descriptor closes it when the collector frees it
/// (CPython's finalizer does the same).
impl Drop for SockObj {
    fn drop(&mut self) {
        let fd = self.fd.replace(-1);
        if fd >= 0 {
            // SAFETY: closing the descriptor this object owns, once.
            unsafe { libc::close(fd) };
        }
    }
}

pub static METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", sock_new),
    native!("__init__", "($self, /, *args, **kwargs)", sock_init),
    native!("__repr__", "($self, /)", sock_repr),
    native!("_accept", "($self, /)", sock_accept),
    native!("bind", "($self, address, /)", sock_bind),
    native!("close", "($self, /)", sock_close),
    native!("connect", "($self, address, /)", sock_connect),
    native!("connect_ex", "($self, address, /)", sock_connect_ex),
    native!("detach", "($self, /)", sock_detach),
    native!("fileno", "($self, /)", sock_fileno),
    native!("getpeername", "($self, /)", sock_getpeername),
    native!("getsockname", "($self, /)", sock_getsockname),
    native!("getsockopt", "($self, *args)", sock_getsockopt),
    native!("setsockopt", "($self, *args)", sock_setsockopt),
    native!("listen", "($self, backlog=None, /)", sock_listen),
    native!("recv", "($self, bufsize, flags=0, /)", sock_recv),
    native!(
        "recv_into",
        "($self, buffer, nbytes=0, flags=0)",
        sock_recv_into
    ),
    native!("recvfrom", "($self, bufsize, flags=0, /)", sock_recvfrom),
    native!(
        "recvfrom_into",
        "($self, buffer, nbytes=0, flags=0)",
        sock_recvfrom_into
    ),
    native!("send", "($self, data, flags=0, /)", sock_send),
    native!("sendall", "($self, data, flags=0, /)", sock_sendall),
    native!("sendto", "($self, *args)", sock_sendto),
    native!(
        "sendmsg",
        "($self, buffers, ancdata=None, flags=0, address=None, /)",
        super::msg::sock_sendmsg
    ),
    native!(
        "recvmsg",
        "($self, bufsize, ancbufsize=0, flags=0, /)",
        super::msg::sock_recvmsg
    ),
    native!(
        "recvmsg_into",
        "($self, buffers, ancbufsize=0, flags=0, /)",
        super::msg::sock_recvmsg_into
    ),
    native!("setblocking", "($self, flag, /)", sock_setblocking),
    native!("getblocking", "($self, /)", sock_getblocking),
    native!("settimeout", "($self, value, /)", sock_settimeout),
    native!("gettimeout", "($self, /)", sock_gettimeout),
    native!("shutdown", "($self, how, /)", sock_shutdown),
    native!("__enter__", "($self, /)", sock_enter),
    native!("__getstate__", "($self, /)", sock_getstate),
];

pub static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (
        native!("family", "($self, /)", get_family, "the socket family"),
        None,
    ),
    (
        native!("type", "($self, /)", get_type, "the socket type"),
        None,
    ),
    (
        native!("proto", "($self, /)", get_proto, "the socket protocol"),
        None,
    ),
    (
        native!(
            "timeout",
            "($self, /)",
            sock_gettimeout,
            "the socket timeout"
        ),
        None,
    ),
];

pub fn this(vm: &mut Vm, v: Value) -> PyResult<&'static SockObj> {
    stdobj::expect::<SockObj>(vm, v, "_socket.socket")
}

fn err(vm: &mut Vm, e: i32) -> Exc {
    util::error_from(vm, e, None, None)
}

fn timed_out(vm: &mut Vm) -> Exc {
    let t = vm.exc.timeout_error;
    vm.new_exc(t, "timed out")
}

fn int_arg(vm: &mut Vm, v: Value, default: i32) -> PyResult<i32> {
    util::c_int_or(vm, v, default)
}

fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if crate::types::float::as_f64(v).is_some() && !crate::types::int::is_int(v) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    let i = crate::ops::number::index(vm, v)?;
    match crate::types::int::int_ref(i).and_then(|r| r.to_i64()) {
        Some(x) => Ok(x),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

fn now_ns() -> i64 {
    // SAFETY: clock_gettime with a valid output struct.
    let ts = unsafe {
        let mut ts: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts);
        ts
    };
    ts.tv_sec * 1_000_000_000 + ts.tv_nsec
}

/// Sets or clears O_NONBLOCK on the descriptor.
fn set_blocking_fd(fd: i32, block: bool) -> Result<(), i32> {
    let mut on: libc::c_int = if block { 0 } else { 1 };
    // SAFETY: FIONBIO takes a pointer to an int.
    if unsafe { libc::ioctl(fd, libc::FIONBIO, &mut on) } < 0 {
        return Err(util::errno());
    }
    Ok(())
}

/// Waits for the socket to be readable/writable: Ok(true) ready, Ok(false) timed out,
/// Err(errno) on a poll failure (EINTR included, for the caller to handle).
fn wait_fd(fd: i32, writing: bool, connect: bool, ns: i64) -> Result<bool, i32> {
    if fd < 0 {
        return Ok(true);
    }
    let mut events = if writing { libc::POLLOUT } else { libc::POLLIN };
    if connect {
        events |= libc::POLLERR;
    }
    let mut p = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    let ms = if ns < 0 {
        -1
    } else {
        ((ns + 999_999) / 1_000_000).min(i32::MAX as i64) as i32
    };
    // SAFETY: one valid pollfd.
    let n = unsafe { libc::poll(&mut p, 1, ms) };
    if n < 0 {
        return Err(util::errno());
    }
    Ok(n > 0)
}

/// CPython's `sock_call_ex`: runs `f` (a system call returning a negative value with errno
/// set on failure, touching only buffers no Python object owns, as it runs without the GIL)
/// under the socket's timeout. `connect` makes it poll even without a
/// timeout. Returns the call's result, or Err(Ok(errno)) for an OS error (so `connect_ex` can
/// return it) and Err(Err(exc)) for a timeout or an exception from a signal handler.
fn call_ex(
    vm: &mut Vm,
    fd: i32,
    writing: bool,
    connect: bool,
    timeout: i64,
    f: &mut dyn FnMut() -> isize,
) -> Result<isize, Result<i32, Exc>> {
    let deadline = if timeout > 0 {
        Some(now_ns().saturating_add(timeout))
    } else {
        None
    };
    let mut first = true;
    loop {
        if timeout > 0 || connect {
            // As CPython: the first wait gets the whole timeout, later ones what is left.
            let interval = match deadline {
                Some(d) if !first => d - now_ns(),
                _ => timeout,
            };
            first = false;
            let ready = if deadline.is_some() && interval < 0 {
                Ok(false)
            } else {
                vm.allow_threads(|| wait_fd(fd, writing, connect, interval))
            };
            match ready {
                Ok(true) => {}
                Ok(false) => return Err(Err(timed_out(vm))),
                Err(e) if e == libc::EINTR => {
                    if let Err(x) = util::check_interrupt(vm) {
                        return Err(Err(x));
                    }
                    continue;
                }
                Err(e) => return Err(Ok(e)),
            }
        }
        let e = loop {
            // The call's buffers are our own copies: other threads may run meanwhile.
            let r = vm.allow_threads(&mut *f);
            if r >= 0 {
                return Ok(r);
            }
            let e = util::errno();
            if e != libc::EINTR {
                break e;
            }
            if let Err(x) = util::check_interrupt(vm) {
                return Err(Err(x));
            }
        };
        if timeout > 0 && (e == libc::EWOULDBLOCK || e == libc::EAGAIN) {
            continue;
        }
        return Err(Ok(e));
    }
}

/// `call_ex` for the ordinary methods: OS errors raised.
pub fn call_sock(
    vm: &mut Vm,
    s: &SockObj,
    writing: bool,
    f: &mut dyn FnMut() -> isize,
) -> PyResult<isize> {
    match call_ex(vm, s.fd.get(), writing, false, s.timeout.get(), f) {
        Ok(r) => Ok(r),
        Err(Ok(e)) => Err(err(vm, e)),
        Err(Err(x)) => Err(x),
    }
}

// ----- construction -----

fn sock_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(stdobj::new_obj(
        a[0],
        SockObj {
            fd: Cell::new(-1),
            family: Cell::new(0),
            ty: Cell::new(0),
            proto: Cell::new(0),
            timeout: Cell::new(-1),
        },
    ))
}

/// Fills in a socket object for `fd` (CPython's `init_sockobject`): the type loses the
/// SOCK_NONBLOCK/SOCK_CLOEXEC bits, and the default timeout applies unless SOCK_NONBLOCK.
pub fn init_obj(
    vm: &mut Vm,
    s: &SockObj,
    fd: i32,
    family: i32,
    ty: i32,
    proto: i32,
) -> PyResult<()> {
    s.fd.set(fd);
    s.family.set(family);
    s.ty.set(ty & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC));
    s.proto.set(proto);
    if ty & libc::SOCK_NONBLOCK != 0 {
        s.timeout.set(0);
    } else {
        let t = default_timeout(vm);
        s.timeout.set(t);
        if t >= 0
            && let Err(e) = set_blocking_fd(fd, false)
        {
            return Err(err(vm, e));
        }
    }
    Ok(())
}

/// A new `_socket.socket` (exact type) for a descriptor we own.
pub fn new_socket(vm: &mut Vm, fd: i32, family: i32, ty: i32, proto: i32) -> PyResult {
    let t = stdobj::state_type(vm, "_socket.socket");
    let o = sock_new(vm, &[t])?;
    if let Some(s) = stdobj::get::<SockObj>(o)
        && let Err(e) = init_obj(vm, s, fd, family, ty, proto)
    {
        s.fd.set(-1);
        // SAFETY: the descriptor is ours and not yet published.
        unsafe { libc::close(fd) };
        return Err(e);
    }
    Ok(o)
}

fn sockopt_int(fd: i32, opt: i32) -> Result<i32, i32> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `v` and `len` are valid for getsockopt.
    let r = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            opt,
            &mut v as *mut libc::c_int as *mut libc::c_void,
            &mut len,
        )
    };
    if r < 0 { Err(util::errno()) } else { Ok(v) }
}

fn sock_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let args = stdobj::parse_kw(
        vm,
        "socket",
        a[1],
        a[2],
        &["family", "type", "proto", "fileno"],
        &[],
        0,
    )?;
    let mut family = int_arg(vm, args[0], -1)?;
    let mut ty = int_arg(vm, args[1], -1)?;
    let mut proto = int_arg(vm, args[2], -1)?;
    let fd;
    if !args[3].is_null() && !args[3].is_none() {
        let f = args[3];
        if crate::types::float::as_f64(f).is_some() && !crate::types::int::is_int(f) {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(f)
            )));
        }
        let n = ssize_arg(vm, f).map_err(|e| {
            if vm.exc_matches(e, vm.exc.overflow_error) {
                vm.overflow_error("Python int too large to convert to C long")
            } else {
                e
            }
        })?;
        if n < 0 {
            return Err(vm.value_error("negative file descriptor"));
        }
        // CPython converts to a C long, then stores it in an int (truncating).
        fd = n as i32;
        if family == -1 {
            let mut addr = SockAddr::empty();
            // SAFETY: `addr` provides storage of the stated length.
            if unsafe { libc::getsockname(fd, addr.as_mut_ptr(), &mut addr.len) } < 0 {
                return Err(util::last_error(vm));
            }
            family = addr.family();
        }
        if ty == -1 {
            ty = sockopt_int(fd, libc::SO_TYPE).map_err(|e| err(vm, e))?;
        }
        if proto == -1 {
            proto = sockopt_int(fd, libc::SO_PROTOCOL).map_err(|e| err(vm, e))?;
        }
    } else {
        if family == -1 {
            family = libc::AF_INET;
        }
        if ty == -1 {
            ty = libc::SOCK_STREAM;
        }
        if proto == -1 {
            proto = 0;
        }
        // SAFETY: plain socket(2) call.
        let r = unsafe { libc::socket(family, ty | libc::SOCK_CLOEXEC, proto) };
        if r < 0 {
            return Err(util::last_error(vm));
        }
        fd = r;
    }
    init_obj(vm, s, fd, family, ty, proto)?;
    Ok(Value::NONE)
}

fn sock_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let text = format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd.get(),
        s.family.get(),
        s.ty.get(),
        s.proto.get()
    );
    Ok(vm.new_string(text))
}

fn get_family(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(from_i64(vm, s.family.get() as i64))
}

fn get_type(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(from_i64(vm, s.ty.get() as i64))
}

fn get_proto(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(from_i64(vm, s.proto.get() as i64))
}

fn sock_enter(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn sock_getstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    Err(vm.type_error(format!("cannot pickle '{}' object", vm.type_name(a[0]))))
}

// ----- descriptor management -----

fn sock_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let fd = s.fd.replace(-1);
    if fd >= 0 {
        // SAFETY: closing our own descriptor once.
        let r = unsafe { libc::close(fd) };
        // As CPython: ECONNRESET from close() is not an error worth raising.
        if r < 0 {
            let e = util::errno();
            if e != libc::ECONNRESET {
                return Err(err(vm, e));
            }
        }
    }
    Ok(Value::NONE)
}

fn sock_detach(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let fd = s.fd.replace(-1);
    Ok(from_i64(vm, fd as i64))
}

fn sock_fileno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(from_i64(vm, s.fd.get() as i64))
}

fn sock_setblocking(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    // As CPython: any int (PyLong_AsLong), nonzero meaning blocking.
    let block = ssize_arg(vm, a[1]).map_err(|e| {
        if vm.exc_matches(e, vm.exc.overflow_error) {
            vm.overflow_error("Python int too large to convert to C long")
        } else {
            e
        }
    })? != 0;
    s.timeout.set(if block { -1 } else { 0 });
    if s.fd.get() >= 0 {
        set_blocking_fd(s.fd.get(), block).map_err(|e| err(vm, e))?;
    } else {
        return Err(err(vm, libc::EBADF));
    }
    Ok(Value::NONE)
}

fn sock_getblocking(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(Value::from_bool(s.timeout.get() != 0))
}

fn sock_settimeout(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let t = timeout_arg(vm, a[1])?;
    s.timeout.set(t);
    if s.fd.get() >= 0 {
        set_blocking_fd(s.fd.get(), t < 0).map_err(|e| err(vm, e))?;
    } else {
        return Err(err(vm, libc::EBADF));
    }
    Ok(Value::NONE)
}

/// A timeout in nanoseconds as Python's `gettimeout()` value.
pub fn timeout_value(vm: &mut Vm, t: i64) -> Value {
    if t < 0 {
        Value::NONE
    } else {
        crate::types::float::new_float(vm, t as f64 / 1e9)
    }
}

fn sock_gettimeout(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(timeout_value(vm, s.timeout.get()))
}

// ----- addresses -----

fn sock_bind(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let addr = parse_addr(vm, s.family.get(), a[1], "bind")?;
    // SAFETY: `addr` holds `addr.len` valid bytes.
    if unsafe { libc::bind(s.fd.get(), addr.as_ptr(), addr.len) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn name_of(vm: &mut Vm, a: &[Value], peer: bool) -> PyResult {
    let s = this(vm, a[0])?;
    let mut addr = SockAddr::empty();
    // SAFETY: `addr` provides storage of the stated length.
    let r = unsafe {
        if peer {
            libc::getpeername(s.fd.get(), addr.as_mut_ptr(), &mut addr.len)
        } else {
            libc::getsockname(s.fd.get(), addr.as_mut_ptr(), &mut addr.len)
        }
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(make_addr(vm, &addr))
}

fn sock_getsockname(vm: &mut Vm, a: &[Value]) -> PyResult {
    name_of(vm, a, false)
}

fn sock_getpeername(vm: &mut Vm, a: &[Value]) -> PyResult {
    name_of(vm, a, true)
}

/// `connect` with CPython's rules (`internal_connect`): Ok(0) connected, Ok(errno) failure,
/// Err for a timeout or a signal handler's exception.
fn do_connect(vm: &mut Vm, s: &SockObj, addr: &SockAddr) -> PyResult<i32> {
    let fd = s.fd.get();
    // SAFETY: `addr` holds `addr.len` valid bytes.
    let r = unsafe { libc::connect(fd, addr.as_ptr(), addr.len) };
    if r == 0 {
        return Ok(0);
    }
    let e = util::errno();
    let timeout = s.timeout.get();
    let wait = if e == libc::EINTR {
        util::check_interrupt(vm)?;
        timeout != 0
    } else {
        timeout > 0 && e == libc::EINPROGRESS
    };
    if !wait {
        return Ok(e);
    }
    let mut f = || -> isize {
        match sockopt_int(fd, libc::SO_ERROR) {
            Err(e) => {
                set_errno(e);
                -1
            }
            Ok(0) => 0,
            Ok(e) if e == libc::EISCONN => 0,
            Ok(e) => {
                set_errno(e);
                -1
            }
        }
    };
    match call_ex(vm, fd, true, true, timeout, &mut f) {
        Ok(_) => Ok(0),
        Err(Ok(e)) => Ok(e),
        Err(Err(x)) => Err(x),
    }
}

fn set_errno(e: i32) {
    // SAFETY: __errno_location returns this thread's errno slot.
    unsafe { *libc::__errno_location() = e };
}

fn sock_connect(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let addr = parse_addr(vm, s.family.get(), a[1], "connect")?;
    match do_connect(vm, s, &addr)? {
        0 => Ok(Value::NONE),
        e => Err(err(vm, e)),
    }
}

fn sock_connect_ex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let addr = parse_addr(vm, s.family.get(), a[1], "connect_ex")?;
    let e = do_connect(vm, s, &addr)?;
    Ok(from_i64(vm, e as i64))
}

fn sock_accept(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let fd = s.fd.get();
    let mut addr = SockAddr::empty();
    let mut f = || -> isize {
        addr.len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: `addr` provides storage of the stated length.
        unsafe { libc::accept4(fd, addr.as_mut_ptr(), &mut addr.len, libc::SOCK_CLOEXEC) as isize }
    };
    let newfd = call_sock(vm, s, false, &mut f)?;
    let fdv = from_i64(vm, newfd as i64);
    let av = make_addr(vm, &addr);
    Ok(new_tuple(vm, vec![fdv, av]))
}

fn sock_listen(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let backlog = if a[1].is_null() || a[1].is_none() {
        libc::SOMAXCONN.min(128)
    } else {
        util::c_int(vm, a[1])
            .map_err(|e| {
                if vm.exc_matches(e, vm.exc.overflow_error) {
                    vm.overflow_error("signed integer is greater than maximum")
                } else {
                    e
                }
            })?
            .max(0)
    };
    // SAFETY: plain listen(2).
    if unsafe { libc::listen(s.fd.get(), backlog) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn sock_shutdown(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let how = util::c_int(vm, a[1])?;
    // SAFETY: plain shutdown(2).
    if unsafe { libc::shutdown(s.fd.get(), how) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

// ----- options -----

/// The arguments of a `*args` method, with PyArg_ParseTuple's count messages.
fn args_of(vm: &mut Vm, v: Value, name: &str, min: usize, max: usize) -> PyResult<Vec<Value>> {
    let args = crate::types::tuple::items(v).unwrap_or(&[]).to_vec();
    let n = args.len();
    if n < min || n > max {
        let (how, k) = if min == max {
            ("exactly", min)
        } else if n < min {
            ("at least", min)
        } else {
            ("at most", max)
        };
        let s = if k == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("{name}() takes {how} {k} argument{s} ({n} given)")));
    }
    Ok(args)
}

fn sock_getsockopt(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let args = args_of(vm, a[1], "getsockopt", 2, 3)?;
    let level = util::c_int(vm, args[0])?;
    let opt = util::c_int(vm, args[1])?;
    let buflen = int_arg(vm, args.get(2).copied().unwrap_or(Value::NULL), 0)?;
    let fd = s.fd.get();
    if buflen == 0 && s.family.get() == libc::AF_VSOCK {
        // VSOCK options are 64 bits wide (as CPython reads them).
        let mut v: u64 = 0;
        let mut len = std::mem::size_of::<u64>() as libc::socklen_t;
        // SAFETY: `v` and `len` are valid for getsockopt.
        let r = unsafe {
            libc::getsockopt(
                fd,
                level,
                opt,
                &mut v as *mut u64 as *mut libc::c_void,
                &mut len,
            )
        };
        if r < 0 {
            return Err(util::last_error(vm));
        }
        return Ok(crate::types::int::from_u64(vm, v));
    }
    if buflen == 0 {
        let mut v: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: `v` and `len` are valid for getsockopt.
        let r = unsafe {
            libc::getsockopt(
                fd,
                level,
                opt,
                &mut v as *mut libc::c_int as *mut libc::c_void,
                &mut len,
            )
        };
        if r < 0 {
            return Err(util::last_error(vm));
        }
        return Ok(from_i64(vm, v as i64));
    }
    if !(0..=1024).contains(&buflen) {
        let t = vm.exc.os_error;
        return Err(vm.new_exc(t, "getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; buflen as usize];
    let mut len = buflen as libc::socklen_t;
    // SAFETY: `buf` has `len` bytes.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            opt,
            buf.as_mut_ptr() as *mut libc::c_void,
            &mut len,
        )
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    buf.truncate(len as usize);
    Ok(new_bytes(vm, buf))
}

fn sock_setsockopt(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    // CPython tries (level, opt, int), then (level, opt, None, optlen), then
    // (level, opt, buffer), and reports the last form's errors.
    let four = args.len() == 4 && args[2].is_none();
    let args = if four {
        args
    } else {
        args_of(vm, a[1], "setsockopt", 3, 3)?
    };
    let level = util::c_int(vm, args[0])?;
    let opt = util::c_int(vm, args[1])?;
    let value = args[2];
    let a: [Value; 5] = [
        a[0],
        args[0],
        args[1],
        value,
        if four { args[3] } else { Value::NULL },
    ];
    let fd = s.fd.get();
    let r;
    if !a[4].is_null() {
        // (level, option, None, optlen): a NULL option value of the given length.
        let n = super::addr::uint_wrapping(vm, a[4])?;
        // SAFETY: a NULL value pointer with a length is how this form is defined.
        r = unsafe { libc::setsockopt(fd, level, opt, std::ptr::null(), n as libc::socklen_t) };
    } else if crate::types::int::is_int(a[3]) && s.family.get() == libc::AF_VSOCK {
        let i = crate::ops::number::index(vm, a[3])?;
        let big = crate::types::int::int_ref(i)
            .map(|r| r.to_bigint())
            .unwrap_or_default();
        let v: u64 =
            u64::try_from(&big).map_err(|_| vm.overflow_error("int too big to convert"))?;
        // SAFETY: `v` is a valid u64 for the call.
        r = unsafe {
            libc::setsockopt(
                fd,
                level,
                opt,
                &v as *const u64 as *const libc::c_void,
                std::mem::size_of::<u64>() as libc::socklen_t,
            )
        };
    } else if crate::types::int::is_int(a[3])
        && let Ok(v) = util::c_int(vm, a[3])
    {
        // SAFETY: `v` is a valid int for the call.
        r = unsafe {
            libc::setsockopt(
                fd,
                level,
                opt,
                &v as *const libc::c_int as *const libc::c_void,
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
    } else {
        let Some(data) = crate::types::bytes::bytes_data(a[3]) else {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(a[3])
            )));
        };
        // SAFETY: `data` has the stated length.
        r = unsafe {
            libc::setsockopt(
                fd,
                level,
                opt,
                data.as_ptr() as *const libc::c_void,
                data.len() as libc::socklen_t,
            )
        };
    }
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

// ----- data transfer -----

fn recv_size(vm: &mut Vm, v: Value, what: &str) -> PyResult<usize> {
    let n = ssize_arg(vm, v)?;
    if n < 0 {
        return Err(vm.value_error(format!("negative buffersize in {what}")));
    }
    Ok(n as usize)
}

/// One `recvfrom` of up to `n` bytes: the data and the sender's address (when asked).
fn recv_some(
    vm: &mut Vm,
    s: &SockObj,
    n: usize,
    flags: i32,
    want_addr: bool,
) -> PyResult<(Vec<u8>, SockAddr)> {
    let mut buf = util::zeroed_buffer(vm, n)?;
    let fd = s.fd.get();
    let mut addr = SockAddr::empty();
    let mut f = || -> isize {
        addr.len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: `buf` has `n` writable bytes; `addr` storage of the stated length.
        unsafe {
            if want_addr {
                libc::recvfrom(
                    fd,
                    buf.as_mut_ptr() as *mut libc::c_void,
                    n,
                    flags,
                    addr.as_mut_ptr(),
                    &mut addr.len,
                )
            } else {
                libc::recv(fd, buf.as_mut_ptr() as *mut libc::c_void, n, flags)
            }
        }
    };
    let got = call_sock(vm, s, false, &mut f)?;
    buf.truncate(got as usize);
    if !want_addr {
        addr.len = 0;
    }
    Ok((buf, addr))
}

fn sock_recv(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let n = recv_size(vm, a[1], "recv")?;
    let flags = int_arg(vm, a[2], 0)?;
    let (data, _) = recv_some(vm, s, n, flags, false)?;
    Ok(new_bytes(vm, data))
}

fn sock_recvfrom(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let n = recv_size(vm, a[1], "recvfrom")?;
    let flags = int_arg(vm, a[2], 0)?;
    let (data, addr) = recv_some(vm, s, n, flags, true)?;
    let d = new_bytes(vm, data);
    let av = make_addr(vm, &addr);
    Ok(new_tuple(vm, vec![d, av]))
}

/// The byte count for a `*_into` call: the buffer's size when `nbytes` is 0.
fn into_size(vm: &mut Vm, buf: Value, nbytes: Value, what: &str) -> PyResult<usize> {
    let cap = match crate::modules::io::writable_buffer_len(vm, buf, what) {
        Ok(n) => n,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
            return Err(vm.type_error(format!(
                "{what}() argument 1 must be read-write bytes-like object, not {}",
                vm.type_name(buf)
            )));
        }
        Err(e) => return Err(e),
    };
    let n = if nbytes.is_null() {
        0
    } else {
        ssize_arg(vm, nbytes)?
    };
    if n < 0 {
        return Err(vm.value_error(format!("negative buffersize in {what}")));
    }
    if n == 0 {
        return Ok(cap);
    }
    if n as usize > cap {
        return Err(vm.value_error(if what == "recv_into" {
            "buffer too small for requested bytes"
        } else {
            "nbytes is greater than the length of the buffer"
        }));
    }
    Ok(n as usize)
}

fn sock_recv_into(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let n = into_size(vm, a[1], a[2], "recv_into")?;
    let flags = int_arg(vm, a[3], 0)?;
    let (data, _) = recv_some(vm, s, n, flags, false)?;
    crate::modules::io::fill_buffer(a[1], &data);
    Ok(from_usize(vm, data.len()))
}

fn sock_recvfrom_into(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let n = into_size(vm, a[1], a[2], "recvfrom_into")?;
    let flags = int_arg(vm, a[3], 0)?;
    let (data, addr) = recv_some(vm, s, n, flags, true)?;
    crate::modules::io::fill_buffer(a[1], &data);
    let nv = from_usize(vm, data.len());
    let av = make_addr(vm, &addr);
    Ok(new_tuple(vm, vec![nv, av]))
}

fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn send_some(
    vm: &mut Vm,
    s: &SockObj,
    data: &[u8],
    flags: i32,
    to: Option<&SockAddr>,
) -> PyResult<usize> {
    let fd = s.fd.get();
    let mut f = || -> isize {
        // SAFETY: `data` is readable for its length; `to` holds `len` valid bytes.
        unsafe {
            match to {
                Some(ad) => libc::sendto(
                    fd,
                    data.as_ptr() as *const libc::c_void,
                    data.len(),
                    flags | libc::MSG_NOSIGNAL,
                    ad.as_ptr(),
                    ad.len,
                ),
                None => libc::send(
                    fd,
                    data.as_ptr() as *const libc::c_void,
                    data.len(),
                    flags | libc::MSG_NOSIGNAL,
                ),
            }
        }
    };
    Ok(call_sock(vm, s, true, &mut f)? as usize)
}

fn sock_send(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let data = data_arg(vm, a[1])?;
    let flags = int_arg(vm, a[2], 0)?;
    let n = send_some(vm, s, &data, flags, None)?;
    Ok(from_usize(vm, n))
}

fn sock_sendall(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let data = data_arg(vm, a[1])?;
    let flags = int_arg(vm, a[2], 0)?;
    let timeout = s.timeout.get();
    let deadline = (timeout > 0).then(|| now_ns().saturating_add(timeout));
    let mut off = 0;
    while off < data.len() {
        // The whole operation shares one deadline, as in CPython.
        let left = match deadline {
            Some(d) => {
                let l = d - now_ns();
                if l <= 0 {
                    return Err(timed_out(vm));
                }
                l
            }
            None => timeout,
        };
        let fd = s.fd.get();
        let chunk = &data[off..];
        let mut f = || -> isize {
            // SAFETY: `chunk` is readable for its length.
            unsafe {
                libc::send(
                    fd,
                    chunk.as_ptr() as *const libc::c_void,
                    chunk.len(),
                    flags | libc::MSG_NOSIGNAL,
                )
            }
        };
        match call_ex(vm, fd, true, false, left, &mut f) {
            Ok(n) => off += n as usize,
            Err(Ok(e)) => return Err(err(vm, e)),
            Err(Err(x)) => return Err(x),
        }
        vm.safe_point()?;
    }
    Ok(Value::NONE)
}

fn sock_sendto(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let (data, flags, addr_v) = match args.as_slice() {
        [d, ad] => (*d, 0, *ad),
        [d, f, ad] => (*d, util::c_int(vm, *f)?, *ad),
        _ => {
            return Err(vm.type_error(format!(
                "sendto() takes 2 or 3 arguments ({} given)",
                args.len()
            )));
        }
    };
    let data = data_arg(vm, data)?;
    let addr = parse_addr(vm, s.family.get(), addr_v, "sendto")?;
    let n = send_some(vm, s, &data, flags, Some(&addr))?;
    Ok(from_usize(vm, n))
}
