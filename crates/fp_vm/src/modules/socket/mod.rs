//! The `_socket` native module on Linux (CPython's `Modules/socketmodule.c`) under
//! `Lib/socket.py`: the `socket` type for AF_INET, AF_INET6 and AF_UNIX over libc, with
//! CPython's timeout model (None: blocking; 0.0: non-blocking; > 0: the descriptor is
//! non-blocking and each operation waits with `poll` for at most the timeout, then raises
//! `TimeoutError('timed out')`), name resolution (`getaddrinfo`, `getnameinfo`,
//! `gethostbyname`), the `inet_*` conversions, byte-order helpers and the constants.
//! Not supported: `sendmsg`/`recvmsg`, other address families' address formats.

mod addr;
mod consts;

use crate::modules::posix::util;
use crate::modules::stdobj::{self, StdData};
use crate::native;
use crate::native::NativeDef;
use crate::native_staticmethod;
use crate::types::int::from_i64;
use crate::types::module::set_attr;
use crate::types::tuple::new_tuple;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use addr::{SockAddr, from_sockaddr, to_sockaddr};
use std::cell::Cell;

static FUNCS: &[NativeDef] = &[
    native!("gethostname", "($module, /)", gethostname),
    native!(
        "getaddrinfo",
        "($module, host, port, family=0, type=0, proto=0, flags=0)",
        getaddrinfo
    ),
    native!("getnameinfo", "($module, sockaddr, flags, /)", getnameinfo),
    native!("gethostbyname", "($module, hostname, /)", gethostbyname),
    native!(
        "socketpair",
        "($module, family=-1, type=-1, proto=-1, /)",
        socketpair
    ),
    native!("getdefaulttimeout", "($module, /)", getdefaulttimeout),
    native!(
        "setdefaulttimeout",
        "($module, timeout, /)",
        setdefaulttimeout
    ),
    native!("dup", "($module, fd, /)", sock_dup),
    native!("close", "($module, fd, /)", sock_close_fd),
    native!("inet_aton", "($module, ip_addr, /)", inet_aton),
    native!("inet_ntoa", "($module, packed_ip, /)", inet_ntoa),
    native!(
        "inet_pton",
        "($module, address_family, ip_string, /)",
        inet_pton
    ),
    native!(
        "inet_ntop",
        "($module, address_family, packed_ip, /)",
        inet_ntop
    ),
    native!("htons", "($module, x, /)", htons),
    native!("ntohs", "($module, x, /)", htons),
    native!("htonl", "($module, x, /)", htonl),
    native!("ntohl", "($module, x, /)", htonl),
    native!(
        "getservbyname",
        "($module, servicename, protocolname=None, /)",
        getservbyname
    ),
    native!(
        "getprotobyname",
        "($module, protocolname, /)",
        getprotobyname
    ),
];

static SOCKET_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, *args, **kwargs)", sock_new),
    native!(
        "__init__",
        "($self, family=-1, type=-1, proto=-1, fileno=None)",
        sock_init
    ),
    native!("__repr__", "($self, /)", sock_repr),
    native!("_accept", "($self, /)", sock_accept),
    native!("bind", "($self, address, /)", sock_bind),
    native!("close", "($self, /)", sock_close),
    native!("connect", "($self, address, /)", sock_connect),
    native!("connect_ex", "($self, address, /)", sock_connect_ex),
    native!("detach", "($self, /)", sock_detach),
    native!("fileno", "($self, /)", sock_fileno),
    native!("getblocking", "($self, /)", sock_getblocking),
    native!("getpeername", "($self, /)", sock_getpeername),
    native!("getsockname", "($self, /)", sock_getsockname),
    native!(
        "getsockopt",
        "($self, level, option, buffersize=0, /)",
        sock_getsockopt
    ),
    native!("gettimeout", "($self, /)", sock_gettimeout),
    native!("listen", "($self, backlog=-1, /)", sock_listen),
    native!("recv", "($self, bufsize, flags=0, /)", sock_recv),
    native!(
        "recv_into",
        "($self, buffer, nbytes=0, flags=0)",
        sock_recv_into
    ),
    native!("recvfrom", "($self, bufsize, flags=0, /)", sock_recvfrom),
    native!("send", "($self, data, flags=0, /)", sock_send),
    native!("sendall", "($self, data, flags=0, /)", sock_sendall),
    native!(
        "sendto",
        "($self, data, flags_or_address, address=None, /)",
        sock_sendto
    ),
    native!("setblocking", "($self, flag, /)", sock_setblocking),
    native!(
        "setsockopt",
        "($self, level, option, value, optlen=None, /)",
        sock_setsockopt
    ),
    native!("settimeout", "($self, timeout, /)", sock_settimeout),
    native!("shutdown", "($self, how, /)", sock_shutdown),
];

static SOCKET_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("family", "($self, /)", get_family), None),
    (native!("type", "($self, /)", get_type), None),
    (native!("proto", "($self, /)", get_proto), None),
    (native!("timeout", "($self, /)", sock_gettimeout), None),
];

/// A socket: its descriptor (-1 once closed or detached), what it was created as, and its
/// timeout in seconds (negative: None, blocking).
struct SockObj {
    fd: Cell<i32>,
    family: Cell<i32>,
    ty: Cell<i32>,
    proto: Cell<i32>,
    timeout: Cell<f64>,
}
impl StdData for SockObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_socket", FUNCS);
    for (name, v) in consts::CONSTANTS {
        let v = from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    let os_error = vm.exc.os_error;
    set_attr(vm, m, "error", os_error);
    let timeout = vm.exc.timeout_error;
    set_attr(vm, m, "timeout", timeout);
    set_attr(vm, m, "has_ipv6", Value::TRUE);
    for name in ["herror", "gaierror"] {
        let key = format!("_socket.{name}");
        let e = match vm.state_get(&key) {
            Some(e) => e,
            None => {
                let n = vm.new_str(name);
                let bases = new_tuple(vm, vec![os_error]);
                let ns = crate::types::dict::new_dict(vm);
                let k = vm.intern("__module__");
                let v = vm.new_str("socket");
                crate::types::dict::set_item_str(vm, ns, k, v);
                let meta = vm.types.type_;
                let e = typeobj::new_class(vm, meta, n, bases, ns)?;
                vm.state_set(&key, e);
                e
            }
        };
        set_attr(vm, m, name, e);
    }
    let ty = match vm.state_get("_socket.socket") {
        Some(t) => t,
        None => {
            let t = stdobj::new_type(vm, "_socket", "socket", TypeFlags::BASETYPE, SOCKET_METHODS);
            typeobj::add_getsets(vm, t, SOCKET_GETSETS);
            t
        }
    };
    set_attr(vm, m, "socket", ty);
    set_attr(vm, m, "SocketType", ty);
    Ok(m)
}

fn os_error(vm: &mut Vm, msg: &str) -> Exc {
    let t = vm.exc.os_error;
    vm.new_exc(t, msg)
}

fn sock_of(vm: &mut Vm, v: Value) -> PyResult<&'static SockObj> {
    stdobj::expect::<SockObj>(vm, v, "_socket.socket")
}

fn default_timeout(vm: &Vm) -> f64 {
    vm.state_get("_socket.defaulttimeout")
        .and_then(crate::types::float::as_f64)
        .unwrap_or(-1.0)
}

/// A timeout argument: None → -1 (blocking), else seconds ≥ 0.
fn timeout_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if v.is_none() {
        return Ok(-1.0);
    }
    let f = if let Some(f) = crate::types::float::as_f64(v) {
        f
    } else {
        let i = crate::ops::number::index(vm, v)?;
        crate::ops::number::to_f64(vm, i)?
    };
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if f < 0.0 {
        return Err(vm.value_error("Timeout value out of range"));
    }
    if f > 9.2e9 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(f)
}

fn set_nonblocking(fd: i32, on: bool) {
    // SAFETY: fcntl on a descriptor we own; failures leave the flags unchanged.
    unsafe {
        let fl = libc::fcntl(fd, libc::F_GETFL);
        if fl >= 0 {
            let nf = if on {
                fl | libc::O_NONBLOCK
            } else {
                fl & !libc::O_NONBLOCK
            };
            if nf != fl {
                libc::fcntl(fd, libc::F_SETFL, nf);
            }
        }
    }
}

fn now() -> f64 {
    // SAFETY: clock_gettime with a valid output struct.
    let ts = unsafe {
        let mut ts: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts);
        ts
    };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

fn timed_out(vm: &mut Vm) -> Exc {
    let t = vm.exc.timeout_error;
    vm.new_exc(t, "timed out")
}

/// Waits until `fd` is readable (or writable) within `deadline`; false when the time ran out.
fn wait_fd(vm: &mut Vm, fd: i32, write: bool, deadline: f64) -> PyResult<bool> {
    loop {
        let left = deadline - now();
        if left <= 0.0 {
            return Ok(false);
        }
        let mut p = libc::pollfd {
            fd,
            events: if write { libc::POLLOUT } else { libc::POLLIN },
            revents: 0,
        };
        let ms = (left * 1000.0).ceil().min(i32::MAX as f64) as i32;
        // SAFETY: one valid pollfd.
        let r = unsafe { libc::poll(&mut p, 1, ms) };
        if r < 0 {
            let e = util::errno();
            if e == libc::EINTR {
                util::check_interrupt(vm)?;
                continue;
            }
            return Err(util::error_from(vm, e, None, None));
        }
        return Ok(r > 0 || deadline - now() > 0.0);
    }
}

/// Runs a socket system call with the socket's timeout rules: EINTR retried (after signal
/// handlers), EAGAIN waited for with `poll` while the timeout lasts.
fn sock_call(
    vm: &mut Vm,
    s: &SockObj,
    write: bool,
    mut f: impl FnMut(i32) -> isize,
) -> PyResult<isize> {
    let t = s.timeout.get();
    let deadline = if t > 0.0 { Some(now() + t) } else { None };
    loop {
        let fd = s.fd.get();
        let r = f(fd);
        if r >= 0 {
            return Ok(r);
        }
        let e = util::errno();
        if e == libc::EINTR {
            util::check_interrupt(vm)?;
            continue;
        }
        if let Some(d) = deadline
            && (e == libc::EAGAIN || e == libc::EWOULDBLOCK)
        {
            if !wait_fd(vm, fd, write, d)? {
                return Err(timed_out(vm));
            }
            continue;
        }
        return Err(util::error_from(vm, e, None, None));
    }
}

fn new_sock(ty: Value, fd: i32, family: i32, sty: i32, proto: i32, timeout: f64) -> Value {
    stdobj::new_obj(
        ty,
        SockObj {
            fd: Cell::new(fd),
            family: Cell::new(family),
            ty: Cell::new(sty & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC)),
            proto: Cell::new(proto),
            timeout: Cell::new(timeout),
        },
    )
}

fn sock_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let _ = vm;
    Ok(new_sock(
        a[0],
        -1,
        libc::AF_INET,
        libc::SOCK_STREAM,
        0,
        -1.0,
    ))
}

fn sockopt_int(fd: i32, opt: i32) -> Option<i32> {
    let mut v: libc::c_int = 0;
    let mut n = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: an int-sized option buffer and its length.
    let r = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            opt,
            &mut v as *mut _ as *mut libc::c_void,
            &mut n,
        )
    };
    (r == 0).then_some(v)
}

fn sock_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let mut family = util::c_int_or(vm, a[1], -1)?;
    let mut sty = util::c_int_or(vm, a[2], -1)?;
    let mut proto = util::c_int_or(vm, a[3], -1)?;
    let fd = if !a[4].is_null() && !a[4].is_none() {
        if crate::types::float::as_f64(a[4]).is_some() && !crate::types::int::is_int(a[4]) {
            return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
        }
        let fd = util::c_i64(vm, a[4])?;
        if fd < 0 {
            return Err(vm.value_error("negative file descriptor"));
        }
        let fd =
            i32::try_from(fd).map_err(|_| vm.overflow_error("file descriptor out of range"))?;
        if family == -1 {
            match sockopt_int(fd, libc::SO_DOMAIN) {
                Some(v) => family = v,
                None => return Err(util::last_error(vm)),
            }
        }
        if sty == -1 {
            sty = sockopt_int(fd, libc::SO_TYPE).unwrap_or(libc::SOCK_STREAM);
        }
        if proto == -1 {
            proto = sockopt_int(fd, libc::SO_PROTOCOL).unwrap_or(0);
        }
        fd
    } else {
        if family == -1 {
            family = libc::AF_INET;
        }
        if sty == -1 {
            sty = libc::SOCK_STREAM;
        }
        if proto == -1 {
            proto = 0;
        }
        // SAFETY: plain socket(2) call.
        let fd = unsafe { libc::socket(family, sty | libc::SOCK_CLOEXEC, proto) };
        if fd < 0 {
            return Err(util::last_error(vm));
        }
        fd
    };
    s.fd.set(fd);
    s.family.set(family);
    s.ty.set(sty & !(libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC));
    s.proto.set(proto);
    let t = if sty & libc::SOCK_NONBLOCK != 0 {
        0.0
    } else {
        default_timeout(vm)
    };
    s.timeout.set(t);
    if t >= 0.0 {
        set_nonblocking(fd, true);
    }
    Ok(Value::NONE)
}

fn sock_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    Ok(vm.new_string(format!(
        "<socket object, fd={}, family={}, type={}, proto={}>",
        s.fd.get(),
        s.family.get(),
        s.ty.get(),
        s.proto.get()
    )))
}

fn get_family(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    Ok(from_i64(vm, s.family.get() as i64))
}

fn get_type(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    Ok(from_i64(vm, s.ty.get() as i64))
}

fn get_proto(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    Ok(from_i64(vm, s.proto.get() as i64))
}

fn sock_gettimeout(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let t = s.timeout.get();
    Ok(if t < 0.0 {
        Value::NONE
    } else {
        crate::types::float::new_float(vm, t)
    })
}

fn sock_settimeout(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let t = timeout_arg(vm, a[1])?;
    s.timeout.set(t);
    if s.fd.get() >= 0 {
        set_nonblocking(s.fd.get(), t >= 0.0);
    }
    Ok(Value::NONE)
}

fn sock_setblocking(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let block = crate::ops::truth::is_true(vm, a[1])?;
    s.timeout.set(if block { -1.0 } else { 0.0 });
    if s.fd.get() >= 0 {
        set_nonblocking(s.fd.get(), !block);
    }
    Ok(Value::NONE)
}

fn sock_getblocking(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    Ok(Value::from_bool(s.timeout.get() != 0.0))
}

fn sock_fileno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    Ok(from_i64(vm, s.fd.get() as i64))
}

fn sock_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let fd = s.fd.replace(-1);
    // SAFETY: closing our own descriptor once.
    if fd >= 0 && unsafe { libc::close(fd) } < 0 {
        let e = util::errno();
        if e != libc::ECONNRESET {
            return Err(util::error_from(vm, e, None, None));
        }
    }
    Ok(Value::NONE)
}

fn sock_detach(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let fd = s.fd.replace(-1);
    Ok(from_i64(vm, fd as i64))
}

fn sock_bind(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let sa = to_sockaddr(vm, s.family.get(), a[1], "bind")?;
    // SAFETY: a valid sockaddr and its length.
    if unsafe { libc::bind(s.fd.get(), sa.as_ptr(), sa.len) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn sock_listen(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let backlog = if a[1].is_null() {
        libc::SOMAXCONN.min(128)
    } else {
        util::c_int(vm, a[1])?.max(0)
    };
    // SAFETY: plain listen(2).
    if unsafe { libc::listen(s.fd.get(), backlog) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn sock_accept(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let mut sa = SockAddr::empty();
    let fd = sock_call(vm, s, false, |fd| {
        sa.len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: a sockaddr_storage buffer with its length.
        unsafe { libc::accept4(fd, sa.as_mut_ptr(), &mut sa.len, libc::SOCK_CLOEXEC) as isize }
    })?;
    let f = from_i64(vm, fd as i64);
    let ad = from_sockaddr(vm, &sa);
    Ok(new_tuple(vm, vec![f, ad]))
}

/// connect(2) with the timeout rules; the errno (0 on success) for `connect_ex`.
fn do_connect(vm: &mut Vm, s: &SockObj, address: Value, caller: &str) -> PyResult<i32> {
    let sa = to_sockaddr(vm, s.family.get(), address, caller)?;
    let fd = s.fd.get();
    loop {
        // SAFETY: a valid sockaddr and its length.
        let r = unsafe { libc::connect(fd, sa.as_ptr(), sa.len) };
        if r == 0 {
            return Ok(0);
        }
        let e = util::errno();
        if e == libc::EINTR {
            util::check_interrupt(vm)?;
            if s.timeout.get() == 0.0 {
                return Ok(e);
            }
            // The connection continues asynchronously: wait for it as for EINPROGRESS.
        } else if !(e == libc::EINPROGRESS && s.timeout.get() > 0.0) {
            return Ok(e);
        }
        let t = s.timeout.get();
        let deadline = if t > 0.0 { now() + t } else { f64::INFINITY };
        if !wait_fd(vm, fd, true, deadline)? {
            return Err(timed_out(vm));
        }
        return Ok(sockopt_int(fd, libc::SO_ERROR).unwrap_or(util::errno()));
    }
}

fn sock_connect(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let e = do_connect(vm, s, a[1], "connect")?;
    if e != 0 {
        return Err(util::error_from(vm, e, None, None));
    }
    Ok(Value::NONE)
}

fn sock_connect_ex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let e = do_connect(vm, s, a[1], "connect_ex")?;
    Ok(from_i64(vm, e as i64))
}

fn flags_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    util::c_int_or(vm, v, 0)
}

fn sock_recv(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let n = util::c_i64(vm, a[1])?;
    if n < 0 {
        return Err(vm.value_error("negative buffersize in recv"));
    }
    let flags = flags_arg(vm, a[2])?;
    let mut buf = util::zeroed_buffer(vm, n as usize)?;
    let got = sock_call(vm, s, false, |fd| {
        // SAFETY: buf has n writable bytes.
        unsafe { libc::recv(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len(), flags) }
    })?;
    buf.truncate(got as usize);
    Ok(crate::types::bytes::new_bytes(vm, buf))
}

fn sock_recv_into(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let cap = crate::modules::io::writable_buffer_len(vm, a[1], "recv_into")?;
    let n = if a[2].is_null() {
        0
    } else {
        util::c_i64(vm, a[2])?
    };
    if n < 0 {
        return Err(vm.value_error("negative buffersize in recv_into"));
    }
    let n = if n == 0 { cap } else { n as usize };
    if n > cap {
        return Err(vm.value_error("buffer too small for requested bytes"));
    }
    let flags = flags_arg(vm, a[3])?;
    let mut buf = util::zeroed_buffer(vm, n)?;
    let got = sock_call(vm, s, false, |fd| {
        // SAFETY: buf has n writable bytes.
        unsafe { libc::recv(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len(), flags) }
    })?;
    crate::modules::io::fill_buffer(a[1], &buf[..got as usize]);
    Ok(from_i64(vm, got as i64))
}

fn sock_recvfrom(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let n = util::c_i64(vm, a[1])?;
    if n < 0 {
        return Err(vm.value_error("negative buffersize in recvfrom"));
    }
    let flags = flags_arg(vm, a[2])?;
    let mut buf = util::zeroed_buffer(vm, n as usize)?;
    let mut sa = SockAddr::empty();
    let got = sock_call(vm, s, false, |fd| {
        sa.len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: buf has n writable bytes; sa is a sockaddr_storage with its length.
        unsafe {
            libc::recvfrom(
                fd,
                buf.as_mut_ptr() as *mut libc::c_void,
                buf.len(),
                flags,
                sa.as_mut_ptr(),
                &mut sa.len,
            )
        }
    })?;
    buf.truncate(got as usize);
    let b = crate::types::bytes::new_bytes(vm, buf);
    let ad = from_sockaddr(vm, &sa);
    Ok(new_tuple(vm, vec![b, ad]))
}

fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn sock_send(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let data = data_arg(vm, a[1])?;
    let flags = flags_arg(vm, a[2])? | libc::MSG_NOSIGNAL;
    let n = sock_call(vm, s, true, |fd| {
        // SAFETY: data is a readable buffer of its length.
        unsafe { libc::send(fd, data.as_ptr() as *const libc::c_void, data.len(), flags) }
    })?;
    Ok(from_i64(vm, n as i64))
}

fn sock_sendall(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let data = data_arg(vm, a[1])?;
    let flags = flags_arg(vm, a[2])? | libc::MSG_NOSIGNAL;
    let mut off = 0usize;
    while off < data.len() {
        let rest = &data[off..];
        let n = sock_call(vm, s, true, |fd| {
            // SAFETY: rest is a readable buffer of its length.
            unsafe { libc::send(fd, rest.as_ptr() as *const libc::c_void, rest.len(), flags) }
        })?;
        off += n as usize;
        util::check_interrupt(vm)?;
    }
    Ok(Value::NONE)
}

fn sock_sendto(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let data = data_arg(vm, a[1])?;
    let (flags, address) = if a[3].is_null() {
        (0, a[2])
    } else {
        (util::c_int(vm, a[2])?, a[3])
    };
    let sa = to_sockaddr(vm, s.family.get(), address, "sendto")?;
    let flags = flags | libc::MSG_NOSIGNAL;
    let n = sock_call(vm, s, true, |fd| {
        // SAFETY: data is readable; sa is a valid sockaddr with its length.
        unsafe {
            libc::sendto(
                fd,
                data.as_ptr() as *const libc::c_void,
                data.len(),
                flags,
                sa.as_ptr(),
                sa.len,
            )
        }
    })?;
    Ok(from_i64(vm, n as i64))
}

fn sock_shutdown(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let how = util::c_int(vm, a[1])?;
    // SAFETY: plain shutdown(2).
    if unsafe { libc::shutdown(s.fd.get(), how) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn name_of(vm: &mut Vm, a: &[Value], peer: bool) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let mut sa = SockAddr::empty();
    // SAFETY: a sockaddr_storage buffer with its length.
    let r = unsafe {
        if peer {
            libc::getpeername(s.fd.get(), sa.as_mut_ptr(), &mut sa.len)
        } else {
            libc::getsockname(s.fd.get(), sa.as_mut_ptr(), &mut sa.len)
        }
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    if sa.len as usize <= std::mem::size_of::<libc::sa_family_t>()
        && s.family.get() == libc::AF_UNIX
    {
        return Ok(vm.new_str(""));
    }
    Ok(from_sockaddr(vm, &sa))
}

fn sock_getsockname(vm: &mut Vm, a: &[Value]) -> PyResult {
    name_of(vm, a, false)
}

fn sock_getpeername(vm: &mut Vm, a: &[Value]) -> PyResult {
    name_of(vm, a, true)
}

fn sock_setsockopt(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let level = util::c_int(vm, a[1])?;
    let opt = util::c_int(vm, a[2])?;
    let r = if a[3].is_none() {
        if a[4].is_null() {
            return Err(vm.type_error("setsockopt() takes exactly 4 arguments (3 given)"));
        }
        let n = util::c_int(vm, a[4])?;
        // SAFETY: a NULL option value with the given length, as CPython allows.
        unsafe { libc::setsockopt(s.fd.get(), level, opt, std::ptr::null(), n as u32) }
    } else if crate::types::int::is_int(a[3]) {
        let v: libc::c_int = util::c_int(vm, a[3])?;
        // SAFETY: an int-sized option value.
        unsafe {
            libc::setsockopt(
                s.fd.get(),
                level,
                opt,
                &v as *const _ as *const libc::c_void,
                std::mem::size_of::<libc::c_int>() as u32,
            )
        }
    } else {
        let d = data_arg(vm, a[3])?;
        // SAFETY: a readable buffer of its length.
        unsafe {
            libc::setsockopt(
                s.fd.get(),
                level,
                opt,
                d.as_ptr() as *const libc::c_void,
                d.len() as u32,
            )
        }
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn sock_getsockopt(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = sock_of(vm, a[0])?;
    let level = util::c_int(vm, a[1])?;
    let opt = util::c_int(vm, a[2])?;
    let buflen = util::c_int_or(vm, a[3], 0)?;
    if buflen == 0 {
        let mut v: libc::c_int = 0;
        let mut n = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: an int-sized option buffer with its length.
        let r = unsafe {
            libc::getsockopt(
                s.fd.get(),
                level,
                opt,
                &mut v as *mut _ as *mut libc::c_void,
                &mut n,
            )
        };
        if r < 0 {
            return Err(util::last_error(vm));
        }
        return Ok(from_i64(vm, v as i64));
    }
    if !(1..=1024).contains(&buflen) {
        return Err(os_error(vm, "getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; buflen as usize];
    let mut n = buflen as libc::socklen_t;
    // SAFETY: a buffer of buflen bytes with its length.
    let r = unsafe {
        libc::getsockopt(
            s.fd.get(),
            level,
            opt,
            buf.as_mut_ptr() as *mut libc::c_void,
            &mut n,
        )
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    buf.truncate(n as usize);
    Ok(crate::types::bytes::new_bytes(vm, buf))
}

// ----- module functions -----

fn gethostname(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let mut buf = [0u8; 1024];
    // SAFETY: a buffer and its length.
    if unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len()) } < 0 {
        return Err(util::last_error(vm));
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(util::fs_name(vm, &buf[..end], false))
}

fn getaddrinfo(vm: &mut Vm, a: &[Value]) -> PyResult {
    let host = addr::host_bytes(vm, a[1], true)?;
    let port: Option<Vec<u8>> = if a[2].is_none() {
        None
    } else if crate::types::int::is_int(a[2]) {
        let p = crate::ops::number::index_i64(vm, a[2])?;
        Some(p.to_string().into_bytes())
    } else if let Some(s) = crate::types::str::as_str(a[2]) {
        Some(s.as_bytes().to_vec())
    } else if let Some(b) = a[2].downcast::<crate::types::bytes::BytesObj>() {
        let _ = b;
        crate::types::bytes::bytes_data(a[2])
    } else {
        return Err(os_error(vm, "Int or String expected"));
    };
    let family = util::c_int_or(vm, a[3], 0)?;
    let sty = util::c_int_or(vm, a[4], 0)?;
    let proto = util::c_int_or(vm, a[5], 0)?;
    let flags = util::c_int_or(vm, a[6], 0)?;
    let res = addr::resolve(
        vm,
        host.as_deref(),
        port.as_deref(),
        family,
        sty,
        proto,
        flags,
    )?;
    let mut out = Vec::new();
    for (f, t, p, canon, sa) in res {
        let f = from_i64(vm, f as i64);
        let t = from_i64(vm, t as i64);
        let p = from_i64(vm, p as i64);
        let c = vm.new_string(canon);
        let ad = from_sockaddr(vm, &sa);
        out.push(new_tuple(vm, vec![f, t, p, c, ad]));
    }
    Ok(crate::types::list::new_list(vm, out))
}

fn getnameinfo(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(items) = crate::types::tuple::items(a[1]) else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    let items = items.to_vec();
    if !(2..=4).contains(&items.len()) {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument"));
    }
    let flags = util::c_int(vm, a[2])?;
    let host = addr::host_bytes(vm, items[0], false)?.unwrap_or_default();
    let port = crate::ops::number::index_i64(vm, items[1])?;
    let res = addr::resolve(
        vm,
        Some(&host),
        Some(port.to_string().as_bytes()),
        0,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )?;
    let Some((_, _, _, _, sa)) = res.into_iter().next() else {
        return Err(os_error(vm, "sockaddr resolved to nothing"));
    };
    let mut hbuf = [0 as libc::c_char; 1025];
    let mut sbuf = [0 as libc::c_char; 32];
    // SAFETY: a valid sockaddr and output buffers with their lengths.
    let rc = unsafe {
        libc::getnameinfo(
            sa.as_ptr(),
            sa.len,
            hbuf.as_mut_ptr(),
            hbuf.len() as u32,
            sbuf.as_mut_ptr(),
            sbuf.len() as u32,
            flags,
        )
    };
    if rc != 0 {
        return Err(addr::gai_error(vm, rc));
    }
    // SAFETY: getnameinfo wrote NUL-terminated strings.
    let (h, s) = unsafe {
        (
            std::ffi::CStr::from_ptr(hbuf.as_ptr())
                .to_string_lossy()
                .into_owned(),
            std::ffi::CStr::from_ptr(sbuf.as_ptr())
                .to_string_lossy()
                .into_owned(),
        )
    };
    let h = vm.new_string(h);
    let s = vm.new_string(s);
    Ok(new_tuple(vm, vec![h, s]))
}

fn gethostbyname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let host = addr::host_bytes(vm, a[1], false)?.unwrap_or_default();
    let res = addr::resolve(vm, Some(&host), None, libc::AF_INET, libc::SOCK_DGRAM, 0, 0)?;
    let Some((_, _, _, _, sa)) = res.into_iter().next() else {
        return Err(addr::gai_error(vm, libc::EAI_NONAME));
    };
    // SAFETY: resolved with AF_INET, so this is a sockaddr_in.
    let sin = unsafe { &*(sa.as_ptr() as *const libc::sockaddr_in) };
    let s = addr::ntop(
        libc::AF_INET,
        &sin.sin_addr as *const _ as *const libc::c_void,
    );
    Ok(vm.new_string(s))
}

fn socketpair(vm: &mut Vm, a: &[Value]) -> PyResult {
    let family = util::c_int_or(vm, a[1], libc::AF_UNIX)?;
    let family = if family == -1 { libc::AF_UNIX } else { family };
    let sty = util::c_int_or(vm, a[2], libc::SOCK_STREAM)?;
    let sty = if sty == -1 { libc::SOCK_STREAM } else { sty };
    let proto = util::c_int_or(vm, a[3], 0)?;
    let proto = if proto == -1 { 0 } else { proto };
    let mut fds = [0i32; 2];
    // SAFETY: socketpair(2) writing two descriptors.
    if unsafe { libc::socketpair(family, sty | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) } < 0 {
        return Err(util::last_error(vm));
    }
    let ty = stdobj::state_type(vm, "_socket.socket");
    let t = default_timeout(vm);
    if t >= 0.0 {
        set_nonblocking(fds[0], true);
        set_nonblocking(fds[1], true);
    }
    let s0 = new_sock(ty, fds[0], family, sty, proto, t);
    let s1 = new_sock(ty, fds[1], family, sty, proto, t);
    Ok(new_tuple(vm, vec![s0, s1]))
}

fn getdefaulttimeout(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let t = default_timeout(vm);
    Ok(if t < 0.0 {
        Value::NONE
    } else {
        crate::types::float::new_float(vm, t)
    })
}

fn setdefaulttimeout(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = timeout_arg(vm, a[1])?;
    let v = crate::types::float::new_float(vm, t);
    vm.state_set("_socket.defaulttimeout", v);
    Ok(Value::NONE)
}

fn sock_dup(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: F_DUPFD_CLOEXEC on a caller-provided descriptor.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(from_i64(vm, r as i64))
}

fn sock_close_fd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: closing a caller-provided descriptor.
    if unsafe { libc::close(fd) } < 0 && util::errno() != libc::ECONNRESET {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn ip_text(vm: &mut Vm, v: Value, what: &str) -> PyResult<std::ffi::CString> {
    let Some(s) = crate::types::str::as_str(v) else {
        return Err(vm.type_error(format!(
            "{what}() argument 1 must be str, not {}",
            vm.type_name(v)
        )));
    };
    std::ffi::CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

fn inet_aton(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = ip_text(vm, a[1], "inet_aton")?;
    match addr::aton(&c.to_string_lossy()) {
        Some(v) => Ok(crate::types::bytes::new_bytes(vm, v.to_be_bytes().to_vec())),
        None => Err(os_error(
            vm,
            "illegal IP address string passed to inet_aton",
        )),
    }
}

fn inet_ntoa(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_arg(vm, a[1])?;
    if d.len() != 4 {
        return Err(os_error(vm, "packed IP wrong length for inet_ntoa"));
    }
    Ok(vm.new_string(format!("{}.{}.{}.{}", d[0], d[1], d[2], d[3])))
}

fn inet_pton(vm: &mut Vm, a: &[Value]) -> PyResult {
    let af = util::c_int(vm, a[1])?;
    let Some(s) = crate::types::str::as_str(a[2]) else {
        return Err(vm.type_error(format!(
            "inet_pton() argument 2 must be str, not {}",
            vm.type_name(a[2])
        )));
    };
    let parsed: Option<Vec<u8>> = match af {
        libc::AF_INET => s
            .parse::<std::net::Ipv4Addr>()
            .ok()
            .map(|x| x.octets().to_vec()),
        libc::AF_INET6 => s
            .parse::<std::net::Ipv6Addr>()
            .ok()
            .map(|x| x.octets().to_vec()),
        _ => return Err(util::error_from(vm, libc::EAFNOSUPPORT, None, None)),
    };
    match parsed {
        Some(b) => Ok(crate::types::bytes::new_bytes(vm, b)),
        None => Err(os_error(
            vm,
            "illegal IP address string passed to inet_pton",
        )),
    }
}

fn inet_ntop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let af = util::c_int(vm, a[1])?;
    let d = data_arg(vm, a[2])?;
    let want = match af {
        libc::AF_INET => 4,
        libc::AF_INET6 => 16,
        _ => return Err(vm.value_error(format!("unknown address family {af}"))),
    };
    if d.len() != want {
        return Err(vm.value_error("invalid length of packed IP address string"));
    }
    Ok(vm.new_string(addr::ntop(af, d.as_ptr() as *const libc::c_void)))
}

fn unsigned_arg(vm: &mut Vm, v: Value, name: &str, bits: u32) -> PyResult<u64> {
    if !crate::types::int::is_int(v) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    let i = crate::ops::number::index_i64(vm, v)
        .map_err(|_| vm.overflow_error("Python int too large to convert to C long"))?;
    if i < 0 {
        return Err(vm.overflow_error(format!(
            "{name}: can't convert negative Python int to C {bits}-bit unsigned integer"
        )));
    }
    if (i as u64) >> bits != 0 {
        return Err(vm.overflow_error(format!(
            "{name}: Python int too large to convert to C {bits}-bit unsigned integer"
        )));
    }
    Ok(i as u64)
}

fn htons(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = unsigned_arg(vm, a[1], "htons", 16)? as u16;
    Ok(from_i64(vm, x.swap_bytes() as i64))
}

fn htonl(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = unsigned_arg(vm, a[1], "htonl", 32)? as u32;
    Ok(from_i64(vm, x.swap_bytes() as i64))
}

fn getservbyname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = ip_text(vm, a[1], "getservbyname")?;
    let proto = if a[2].is_null() || a[2].is_none() {
        None
    } else {
        Some(ip_text(vm, a[2], "getservbyname")?)
    };
    // SAFETY: C strings (or NULL); the result points to static storage read at once.
    let ent = unsafe {
        libc::getservbyname(
            name.as_ptr(),
            proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
        )
    };
    if ent.is_null() {
        return Err(os_error(vm, "service/proto not found"));
    }
    // SAFETY: non-NULL servent from libc.
    let port = unsafe { (*ent).s_port } as u16;
    Ok(from_i64(vm, u16::from_be(port) as i64))
}

fn getprotobyname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = ip_text(vm, a[1], "getprotobyname")?;
    // SAFETY: a C string; the result points to static storage read at once.
    let ent = unsafe { libc::getprotobyname(name.as_ptr()) };
    if ent.is_null() {
        return Err(os_error(vm, "protocol not found"));
    }
    // SAFETY: non-NULL protoent from libc.
    let p = unsafe { (*ent).p_proto };
    Ok(from_i64(vm, p as i64))
}
