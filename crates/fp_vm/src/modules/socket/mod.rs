//! The `_socket` native module on Linux (CPython's `Modules/socketmodule.c`), under CPython's
//! `Lib/socket.py`: the `socket` type (`sock.rs`), addresses (`addr.rs`), the constants
//! (`consts.rs`), and here the module functions — name resolution through the C library
//! (`getaddrinfo`, `getnameinfo`, `gethostby*`, `getservby*`, `getprotobyname`), address
//! text conversions (`inet_*`), byte-order helpers, interface names, `socketpair`, `dup`,
//! `close`, `CMSG_*` and the default timeout — plus the exceptions `herror` and `gaierror`
//! (`error` is OSError, `timeout` is TimeoutError).

pub mod addr;
pub mod consts;
pub mod msg;
pub mod sock;

use crate::modules::posix::util;
use crate::modules::stdobj;
use crate::native;
use crate::native::NativeDef;
use crate::types::bytes::new_bytes;
use crate::types::exceptions::new_exception;
use crate::types::int::from_i64;
use crate::types::list::new_list;
use crate::types::module::set_attr;
use crate::types::str::as_str;
use crate::types::tuple::new_tuple;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use addr::{SockAddr, make_addr};
use std::ffi::{CStr, CString};

static FUNCS: &[NativeDef] = &[
    native!(
        "getaddrinfo",
        "($module, /, host, port, family=0, type=0, proto=0, flags=0)",
        getaddrinfo
    ),
    native!("getnameinfo", "($module, sockaddr, flags, /)", getnameinfo),
    native!("gethostname", "($module, /)", gethostname),
    native!("sethostname", "($module, name, /)", sethostname),
    native!("gethostbyname", "($module, host, /)", gethostbyname),
    native!("gethostbyname_ex", "($module, host, /)", gethostbyname_ex),
    native!("gethostbyaddr", "($module, host, /)", gethostbyaddr),
    native!(
        "getservbyname",
        "($module, servicename, protocolname=None, /)",
        getservbyname
    ),
    native!(
        "getservbyport",
        "($module, port, protocolname=None, /)",
        getservbyport
    ),
    native!("getprotobyname", "($module, name, /)", getprotobyname),
    native!("getdefaulttimeout", "($module, /)", getdefaulttimeout),
    native!(
        "setdefaulttimeout",
        "($module, timeout, /)",
        setdefaulttimeout
    ),
    native!(
        "socketpair",
        "($module, family=None, type=None, proto=None, /)",
        socketpair
    ),
    native!("dup", "($module, fd, /)", dup),
    native!("close", "($module, fd, /)", close),
    native!("inet_aton", "($module, string, /)", inet_aton),
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
    native!("if_nameindex", "($module, /)", if_nameindex),
    native!("if_nametoindex", "($module, oname, /)", if_nametoindex),
    native!("if_indextoname", "($module, index, /)", if_indextoname),
    native!("CMSG_LEN", "($module, length, /)", cmsg_len),
    native!("CMSG_SPACE", "($module, length, /)", cmsg_space),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_socket", FUNCS);
    for (name, v) in consts::CONSTANTS {
        let v = from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    set_attr(vm, m, "has_ipv6", Value::TRUE);
    let os_error = vm.exc.os_error;
    set_attr(vm, m, "error", os_error);
    let timeout = vm.exc.timeout_error;
    set_attr(vm, m, "timeout", timeout);
    for name in ["herror", "gaierror"] {
        let key = format!("_socket.{name}");
        let e = match vm.state_get(&key) {
            Some(e) => e,
            None => {
                let e = new_error_class(vm, name, os_error)?;
                vm.state_set(&key, e);
                e
            }
        };
        set_attr(vm, m, name, e);
    }
    let ty = match vm.state_get("_socket.socket") {
        Some(t) => t,
        None => {
            let t = stdobj::new_type(vm, "_socket", "socket", TypeFlags::BASETYPE, sock::METHODS);
            typeobj::add_getsets(vm, t, sock::GETSETS);
            let doc = vm.new_str(SOCKET_DOC);
            typeobj::set_type_attr(vm, t, "__doc__", doc);
            t
        }
    };
    set_attr(vm, m, "socket", ty);
    set_attr(vm, m, "SocketType", ty);
    Ok(m)
}

const SOCKET_DOC: &str = "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object\n\
socket(family=-1, type=-1, proto=-1, fileno=None) -> socket object\n\n\
Open a socket of the given type.  The family argument specifies the\n\
address family; it defaults to AF_INET.  The type argument specifies\n\
whether this is a stream (SOCK_STREAM, this is the default)\n\
or datagram (SOCK_DGRAM) socket.  The protocol argument defaults to 0,\n\
specifying the default protocol.  Keyword arguments are accepted.\n\
The socket is created as non-inheritable.\n\n\
When a fileno is passed in, family, type and proto are auto-detected,\n\
unless they are explicitly set.\n\n\
A socket object represents one endpoint of a network connection.";

fn new_error_class(vm: &mut Vm, name: &str, base: Value) -> PyResult {
    let n = vm.new_str(name);
    let bases = new_tuple(vm, vec![base]);
    let ns = crate::types::dict::new_dict(vm);
    let k = vm.intern("__module__");
    let v = vm.new_str("socket");
    crate::types::dict::set_item_str(vm, ns, k, v);
    let meta = vm.types.type_;
    typeobj::new_class(vm, meta, n, bases, ns)
}

fn os_error_msg(vm: &mut Vm, msg: &str) -> Exc {
    let ty = vm.exc.os_error;
    vm.new_exc(ty, msg)
}

/// `gaierror(code, text)` for a getaddrinfo/getnameinfo failure (OSError from errno for
/// EAI_SYSTEM).
pub fn gai_error(vm: &mut Vm, code: i32) -> Exc {
    if code == libc::EAI_SYSTEM {
        return util::last_error(vm);
    }
    // SAFETY: gai_strerror returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let ty = vm.state_get("_socket.gaierror").unwrap_or(vm.exc.os_error);
    let c = from_i64(vm, code as i64);
    let t = vm.new_string(text);
    Exc(new_exception(vm, ty, vec![c, t]))
}

/// `herror(code, text)` for a gethostby* failure.
fn h_error(vm: &mut Vm, code: i32) -> Exc {
    // SAFETY: hstrerror returns a static NUL-terminated string.
    let text = unsafe { CStr::from_ptr(libc::hstrerror(code)) }
        .to_string_lossy()
        .into_owned();
    let ty = vm.state_get("_socket.herror").unwrap_or(vm.exc.os_error);
    let c = from_i64(vm, code as i64);
    let t = vm.new_string(text);
    Exc(new_exception(vm, ty, vec![c, t]))
}

// ----- timeouts -----

/// The module's default timeout in nanoseconds (-1: None).
pub fn default_timeout(vm: &mut Vm) -> i64 {
    vm.state_get("_socket.defaulttimeout")
        .and_then(|v| crate::types::int::int_ref(v).and_then(|r| r.to_i64()))
        .unwrap_or(-1)
}

/// A timeout argument (None or non-negative seconds) in nanoseconds, -1 for None, with
/// CPython's errors; rounds up to the next nanosecond as `_PyTime_ROUND_TIMEOUT`.
pub fn timeout_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_none() {
        return Ok(-1);
    }
    let ns: i64 = if let Some(f) =
        crate::types::float::as_f64(v).filter(|_| !crate::types::int::is_int(v))
    {
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let x = (f * 1e9).ceil();
        if !(-9.2e18..9.2e18).contains(&x) {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        x as i64
    } else {
        let i = crate::ops::number::index(vm, v)?;
        let secs = crate::types::int::int_ref(i).and_then(|r| r.to_i64());
        match secs.and_then(|s| s.checked_mul(1_000_000_000)) {
            Some(ns) => ns,
            None => return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t")),
        }
    };
    if ns < 0 {
        return Err(vm.value_error("Timeout value out of range"));
    }
    Ok(ns)
}

fn getdefaulttimeout(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let t = default_timeout(vm);
    Ok(sock::timeout_value(vm, t))
}

fn setdefaulttimeout(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = timeout_arg(vm, a[1])?;
    let v = from_i64(vm, t);
    vm.state_set("_socket.defaulttimeout", v);
    Ok(Value::NONE)
}

// ----- descriptors -----

fn socketpair(vm: &mut Vm, a: &[Value]) -> PyResult {
    let opt = |vm: &mut Vm, v: Value, d: i32| {
        if v.is_null() || v.is_none() {
            Ok(d)
        } else {
            util::c_int(vm, v)
        }
    };
    let family = opt(vm, a[1], libc::AF_UNIX)?;
    let ty = opt(vm, a[2], libc::SOCK_STREAM)?;
    let proto = opt(vm, a[3], 0)?;
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for two descriptors.
    if unsafe { libc::socketpair(family, ty | libc::SOCK_CLOEXEC, proto, fds.as_mut_ptr()) } < 0 {
        return Err(util::last_error(vm));
    }
    let s0 = match sock::new_socket(vm, fds[0], family, ty, proto) {
        Ok(s) => s,
        Err(e) => {
            // SAFETY: the second descriptor is still ours alone.
            unsafe { libc::close(fds[1]) };
            return Err(e);
        }
    };
    let s1 = sock::new_socket(vm, fds[1], family, ty, proto)?;
    Ok(new_tuple(vm, vec![s0, s1]))
}

fn fd_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    if crate::types::float::as_f64(v).is_some() && !crate::types::int::is_int(v) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    util::c_int(vm, v)
}

fn dup(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = fd_arg(vm, a[1])?;
    // SAFETY: F_DUPFD_CLOEXEC on any descriptor value is safe; errors come back as -1.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(from_i64(vm, r as i64))
}

fn close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = fd_arg(vm, a[1])?;
    // SAFETY: closing a descriptor the caller names, as CPython's socket.close(fd).
    if unsafe { libc::close(fd) } < 0 {
        let e = util::errno();
        if e != libc::ECONNRESET {
            return Err(util::error_from(vm, e, None, None));
        }
    }
    Ok(Value::NONE)
}

// ----- name resolution -----

fn str_arg(vm: &mut Vm, v: Value, func: &str, n: usize) -> PyResult<&'static str> {
    match as_str(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "{func}() argument {n} must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn cstring(vm: &mut Vm, data: Vec<u8>) -> PyResult<CString> {
    CString::new(data).map_err(|_| vm.value_error("embedded null character"))
}

fn getaddrinfo(vm: &mut Vm, a: &[Value]) -> PyResult {
    let host = if a[1].is_none() {
        None
    } else if as_str(a[1]).is_some() || a[1].is::<crate::types::bytes::BytesObj>() {
        Some(addr::host_bytes(vm, a[1])?)
    } else {
        return Err(vm.type_error("getaddrinfo() argument 1 must be string or None"));
    };
    let port: Option<Vec<u8>> = if crate::types::int::is_int(a[2]) {
        let i = crate::ops::number::index(vm, a[2])?;
        match crate::types::int::int_ref(i).and_then(|r| r.to_i64()) {
            Some(n) => Some(n.to_string().into_bytes()),
            None => {
                return Err(vm.overflow_error("Python int too large to convert to C long"));
            }
        }
    } else if let Some(s) = as_str(a[2]) {
        Some(s.as_bytes().to_vec())
    } else if let Some(b) = a[2].downcast::<crate::types::bytes::BytesObj>() {
        Some(b.data.to_vec())
    } else if a[2].is_none() {
        None
    } else {
        return Err(os_error_msg(vm, "Int or String expected"));
    };
    let family = util::c_int_or(vm, a[3], 0)?;
    let socktype = util::c_int_or(vm, a[4], 0)?;
    let proto = util::c_int_or(vm, a[5], 0)?;
    let flags = util::c_int_or(vm, a[6], 0)?;
    let host_c = match host {
        Some(h) => Some(cstring(vm, h)?),
        None => None,
    };
    let port_c = match port {
        Some(p) => Some(cstring(vm, p)?),
        None => None,
    };
    // SAFETY: zeroed addrinfo is the documented way to build hints.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid C strings (or NULL) and hints; `res` is freed below.
    let err = unsafe {
        libc::getaddrinfo(
            host_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            port_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            &hints,
            &mut res,
        )
    };
    if err != 0 {
        return Err(gai_error(vm, err));
    }
    // Copy the list out before building Python objects.
    let mut entries: Vec<(i32, i32, i32, Option<Vec<u8>>, SockAddr)> = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: `p` walks the list getaddrinfo returned, still allocated.
        unsafe {
            let ai = &*p;
            let canon = (!ai.ai_canonname.is_null())
                .then(|| CStr::from_ptr(ai.ai_canonname).to_bytes().to_vec());
            entries.push((
                ai.ai_family,
                ai.ai_socktype,
                ai.ai_protocol,
                canon,
                SockAddr::from_raw(ai.ai_addr, ai.ai_addrlen),
            ));
            p = ai.ai_next;
        }
    }
    // SAFETY: freeing the list we were given, once.
    unsafe { libc::freeaddrinfo(res) };
    let mut out = Vec::with_capacity(entries.len());
    for (f, t, pr, canon, ad) in entries {
        let f = from_i64(vm, f as i64);
        let t = from_i64(vm, t as i64);
        let pr = from_i64(vm, pr as i64);
        let c = vm.new_string(String::from_utf8_lossy(&canon.unwrap_or_default()).into_owned());
        let av = make_addr(vm, &ad);
        out.push(new_tuple(vm, vec![f, t, pr, c, av]));
    }
    Ok(new_list(vm, out))
}

fn getnameinfo(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(items) = crate::types::tuple::items(a[1]) else {
        return Err(vm.type_error("getnameinfo() argument 1 must be a tuple"));
    };
    let items = items.to_vec();
    let flags = util::c_int(vm, a[2])?;
    if !(2..=4).contains(&items.len()) {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument"));
    }
    let Some(host) = as_str(items[0]) else {
        return Err(vm.type_error("getnameinfo(): illegal sockaddr argument"));
    };
    let port = util::c_int(vm, items[1])?;
    let flowinfo = match items.get(2) {
        Some(v) => crate::ops::number::index_i64(vm, *v)?,
        None => 0,
    };
    let scope = match items.get(3) {
        Some(v) => crate::ops::number::index_i64(vm, *v)? as u32,
        None => 0,
    };
    if !(0..=0xfffff).contains(&flowinfo) {
        return Err(vm.overflow_error("getnameinfo(): flowinfo must be 0-1048575."));
    }
    let hc = cstring(vm, host.as_bytes().to_vec())?;
    let pc = cstring(vm, port.to_string().into_bytes())?;
    // SAFETY: zeroed hints as documented.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = libc::AF_UNSPEC;
    hints.ai_socktype = libc::SOCK_DGRAM;
    hints.ai_flags = libc::AI_NUMERICHOST;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid strings and hints; `res` freed below.
    let err = unsafe { libc::getaddrinfo(hc.as_ptr(), pc.as_ptr(), &hints, &mut res) };
    if err != 0 {
        return Err(gai_error(vm, err));
    }
    // SAFETY: a non-empty list on success.
    let (mut ad, more) = unsafe {
        let ai = &*res;
        let r = (
            SockAddr::from_raw(ai.ai_addr, ai.ai_addrlen),
            !ai.ai_next.is_null(),
        );
        libc::freeaddrinfo(res);
        r
    };
    if more {
        return Err(os_error_msg(vm, "sockaddr resolved to multiple addresses"));
    }
    match ad.family() {
        libc::AF_INET => {
            if items.len() != 2 {
                return Err(os_error_msg(vm, "IPv4 sockaddr must be 2 tuple"));
            }
        }
        libc::AF_INET6 => {
            // SAFETY: the storage holds a sockaddr_in6 for this family.
            let sin6 = unsafe { &mut *(ad.as_mut_ptr() as *mut libc::sockaddr_in6) };
            sin6.sin6_flowinfo = (flowinfo as u32).to_be();
            sin6.sin6_scope_id = scope;
        }
        _ => {}
    }
    let mut hbuf = [0 as libc::c_char; 1025];
    let mut sbuf = [0 as libc::c_char; 32];
    // SAFETY: buffers of the stated sizes; `ad` holds a valid address.
    let err = unsafe {
        libc::getnameinfo(
            ad.as_ptr(),
            ad.len,
            hbuf.as_mut_ptr(),
            hbuf.len() as libc::socklen_t,
            sbuf.as_mut_ptr(),
            sbuf.len() as libc::socklen_t,
            flags,
        )
    };
    if err != 0 {
        return Err(gai_error(vm, err));
    }
    // SAFETY: getnameinfo NUL-terminates both buffers.
    let (h, s) = unsafe {
        (
            CStr::from_ptr(hbuf.as_ptr()).to_string_lossy().into_owned(),
            CStr::from_ptr(sbuf.as_ptr()).to_string_lossy().into_owned(),
        )
    };
    let h = vm.new_string(h);
    let s = vm.new_string(s);
    Ok(new_tuple(vm, vec![h, s]))
}

fn gethostname(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let mut buf = [0 as libc::c_char; 1025];
    // SAFETY: the buffer has the stated size.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) } < 0 {
        return Err(util::last_error(vm));
    }
    // SAFETY: NUL-terminated (the last byte stays 0).
    let b = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec();
    let s = crate::types::str::fs_decode(&b);
    Ok(vm.new_string(s))
}

fn sethostname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = util::str_or_bytes(vm, a[1], "sethostname")?;
    // SAFETY: `name` is readable for its length.
    if unsafe { libc::sethostname(name.as_ptr() as *const libc::c_char, name.len()) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn gethostbyname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let host = addr::host_bytes(vm, a[1])?;
    let ad = addr::set_ip_addr(vm, &host, libc::AF_INET)?;
    let v = make_addr(vm, &ad);
    Ok(crate::types::tuple::items(v)
        .and_then(|t| t.first().copied())
        .unwrap_or(Value::NONE))
}

unsafe extern "C" {
    #[link_name = "inet_aton"]
    fn c_inet_aton(cp: *const libc::c_char, inp: *mut libc::in_addr) -> libc::c_int;
    #[link_name = "inet_pton"]
    fn c_inet_pton(
        af: libc::c_int,
        src: *const libc::c_char,
        dst: *mut libc::c_void,
    ) -> libc::c_int;
    fn gethostbyname_r(
        name: *const libc::c_char,
        ret: *mut libc::hostent,
        buf: *mut libc::c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::hostent,
        h_errnop: *mut libc::c_int,
    ) -> libc::c_int;
    fn gethostbyaddr_r(
        addr: *const libc::c_void,
        len: libc::socklen_t,
        family: libc::c_int,
        ret: *mut libc::hostent,
        buf: *mut libc::c_char,
        buflen: libc::size_t,
        result: *mut *mut libc::hostent,
        h_errnop: *mut libc::c_int,
    ) -> libc::c_int;
}

/// A host entry copied out of the C library: name, aliases, addresses (family, raw bytes).
struct HostEnt {
    name: Vec<u8>,
    aliases: Vec<Vec<u8>>,
    addrs: Vec<Vec<u8>>,
    family: i32,
}

/// Copies a `hostent` (CPython's `gethost_common`).
///
/// # Safety
/// `h` must be a valid hostent from the C library.
unsafe fn copy_hostent(h: &libc::hostent) -> HostEnt {
    let mut out = HostEnt {
        // SAFETY: h_name is a NUL-terminated string.
        name: unsafe { CStr::from_ptr(h.h_name) }.to_bytes().to_vec(),
        aliases: Vec::new(),
        addrs: Vec::new(),
        family: h.h_addrtype,
    };
    let mut p = h.h_aliases;
    // SAFETY: both lists are NULL-terminated arrays of valid pointers.
    unsafe {
        while !p.is_null() && !(*p).is_null() {
            out.aliases.push(CStr::from_ptr(*p).to_bytes().to_vec());
            p = p.add(1);
        }
        let mut q = h.h_addr_list;
        while !q.is_null() && !(*q).is_null() {
            let n = h.h_length as usize;
            out.addrs
                .push(std::slice::from_raw_parts(*q as *const u8, n).to_vec());
            q = q.add(1);
        }
    }
    out
}

fn hostent_value(vm: &mut Vm, h: HostEnt) -> Value {
    let name = vm.new_string(String::from_utf8_lossy(&h.name).into_owned());
    let aliases: Vec<Value> = h
        .aliases
        .iter()
        .map(|a| vm.new_string(String::from_utf8_lossy(a).into_owned()))
        .collect();
    let mut addrs = Vec::new();
    for ad in &h.addrs {
        let text = if h.family == libc::AF_INET6 {
            <[u8; 16]>::try_from(ad.as_slice())
                .map(addr::v6_text)
                .unwrap_or_default()
        } else {
            <[u8; 4]>::try_from(ad.as_slice())
                .map(addr::v4_text)
                .unwrap_or_default()
        };
        addrs.push(vm.new_string(text));
    }
    let al = new_list(vm, aliases);
    let ad = new_list(vm, addrs);
    new_tuple(vm, vec![name, al, ad])
}

/// Runs a `gethostby*_r` call with a growing buffer.
fn host_lookup(
    vm: &mut Vm,
    f: &mut dyn FnMut(
        *mut libc::hostent,
        &mut [libc::c_char],
        *mut *mut libc::hostent,
        &mut i32,
    ) -> i32,
) -> PyResult<HostEnt> {
    let mut size = 16384;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: zeroed hostent is a valid output buffer.
        let mut ent: libc::hostent = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::hostent = std::ptr::null_mut();
        let mut herr = 0;
        let r = f(&mut ent, &mut buf, &mut result, &mut herr);
        if r == libc::ERANGE && size < (1 << 22) {
            size *= 4;
            continue;
        }
        if result.is_null() {
            return Err(h_error(vm, if herr == 0 { 1 } else { herr }));
        }
        // SAFETY: on success `result` points to `ent`, whose strings live in `buf`.
        return Ok(unsafe { copy_hostent(&*result) });
    }
}

fn gethostbyname_ex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let host = addr::host_bytes(vm, a[1])?;
    // Resolve first so an unknown name raises gaierror, as CPython's setipaddr does.
    addr::set_ip_addr(vm, &host, libc::AF_INET)?;
    let c = cstring(vm, host)?;
    let h = host_lookup(vm, &mut |ent, buf, res, herr| {
        // SAFETY: all pointers are valid; `buf` has its length.
        unsafe { gethostbyname_r(c.as_ptr(), ent, buf.as_mut_ptr(), buf.len(), res, herr) }
    })?;
    Ok(hostent_value(vm, h))
}

fn gethostbyaddr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let host = addr::host_bytes(vm, a[1])?;
    let ad = addr::set_ip_addr(vm, &host, libc::AF_UNSPEC)?;
    let fam = ad.family();
    let raw: Vec<u8> = if fam == libc::AF_INET6 {
        // SAFETY: the storage holds a sockaddr_in6 for this family.
        unsafe {
            (*(ad.as_ptr() as *const libc::sockaddr_in6))
                .sin6_addr
                .s6_addr
                .to_vec()
        }
    } else {
        // SAFETY: the storage holds a sockaddr_in for this family.
        unsafe {
            (*(ad.as_ptr() as *const libc::sockaddr_in))
                .sin_addr
                .s_addr
                .to_ne_bytes()
                .to_vec()
        }
    };
    let h = host_lookup(vm, &mut |ent, buf, res, herr| {
        // SAFETY: all pointers are valid; `raw` and `buf` have their lengths.
        unsafe {
            gethostbyaddr_r(
                raw.as_ptr() as *const libc::c_void,
                raw.len() as libc::socklen_t,
                fam,
                ent,
                buf.as_mut_ptr(),
                buf.len(),
                res,
                herr,
            )
        }
    })?;
    Ok(hostent_value(vm, h))
}

fn proto_arg(vm: &mut Vm, v: Value, func: &str) -> PyResult<Option<CString>> {
    if v.is_null() || v.is_none() {
        return Ok(None);
    }
    let s = str_arg(vm, v, func, 2)?;
    Ok(Some(cstring(vm, s.as_bytes().to_vec())?))
}

fn getservbyname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = str_arg(vm, a[1], "getservbyname", 1)?;
    let name = cstring(vm, name.as_bytes().to_vec())?;
    let proto = proto_arg(vm, a[2], "getservbyname")?;
    // SAFETY: valid C strings; the result is a static entry read at once.
    let port = unsafe {
        let e = libc::getservbyname(
            name.as_ptr(),
            proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
        );
        if e.is_null() {
            None
        } else {
            Some(u16::from_be((*e).s_port as u16))
        }
    };
    match port {
        Some(p) => Ok(from_i64(vm, p as i64)),
        None => Err(os_error_msg(vm, "service/proto not found")),
    }
}

fn getservbyport(vm: &mut Vm, a: &[Value]) -> PyResult {
    let port = util::c_int(vm, a[1])?;
    if !(0..=0xffff).contains(&port) {
        return Err(vm.overflow_error("getservbyport: port must be 0-65535."));
    }
    let proto = proto_arg(vm, a[2], "getservbyport")?;
    // SAFETY: valid C strings; the result is a static entry read at once.
    let name = unsafe {
        let e = libc::getservbyport(
            (port as u16).to_be() as i32,
            proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
        );
        if e.is_null() {
            None
        } else {
            Some(CStr::from_ptr((*e).s_name).to_string_lossy().into_owned())
        }
    };
    match name {
        Some(n) => Ok(vm.new_string(n)),
        None => Err(os_error_msg(vm, "port/proto not found")),
    }
}

fn getprotobyname(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = str_arg(vm, a[1], "getprotobyname", 1)?;
    let name = cstring(vm, name.as_bytes().to_vec())?;
    // SAFETY: a valid C string; the result is a static entry read at once.
    let p = unsafe {
        let e = libc::getprotobyname(name.as_ptr());
        if e.is_null() {
            None
        } else {
            Some((*e).p_proto)
        }
    };
    match p {
        Some(p) => Ok(from_i64(vm, p as i64)),
        None => Err(os_error_msg(vm, "protocol not found")),
    }
}

// ----- address text -----

fn inet_aton(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = str_arg(vm, a[1], "inet_aton", 1)?;
    let c = cstring(vm, s.as_bytes().to_vec())?;
    let mut out = libc::in_addr { s_addr: 0 };
    // SAFETY: a valid C string and output struct.
    if unsafe { c_inet_aton(c.as_ptr(), &mut out) } == 0 {
        return Err(os_error_msg(
            vm,
            "illegal IP address string passed to inet_aton",
        ));
    }
    Ok(new_bytes(vm, out.s_addr.to_ne_bytes().to_vec()))
}

fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn inet_ntoa(vm: &mut Vm, a: &[Value]) -> PyResult {
    let b = buffer_arg(vm, a[1])?;
    let Ok(ip) = <[u8; 4]>::try_from(b.as_slice()) else {
        return Err(os_error_msg(vm, "packed IP wrong length for inet_ntoa"));
    };
    Ok(vm.new_string(addr::v4_text(ip)))
}

fn inet_pton(vm: &mut Vm, a: &[Value]) -> PyResult {
    let af = util::c_int(vm, a[1])?;
    let s = str_arg(vm, a[2], "inet_pton", 2)?;
    let bad = |vm: &mut Vm| os_error_msg(vm, "illegal IP address string passed to inet_pton");
    match af {
        libc::AF_INET => match addr::parse_v4_strict(s) {
            Some(b) => Ok(new_bytes(vm, b.to_vec())),
            None => Err(bad(vm)),
        },
        libc::AF_INET6 => {
            let c = cstring(vm, s.as_bytes().to_vec())?;
            let mut out = [0u8; 16];
            // SAFETY: a valid C string and a 16-byte output buffer.
            let r = unsafe {
                c_inet_pton(
                    libc::AF_INET6,
                    c.as_ptr(),
                    out.as_mut_ptr() as *mut libc::c_void,
                )
            };
            if r == 1 {
                Ok(new_bytes(vm, out.to_vec()))
            } else {
                Err(bad(vm))
            }
        }
        _ => Err(util::error_from(vm, libc::EAFNOSUPPORT, None, None)),
    }
}

fn inet_ntop(vm: &mut Vm, a: &[Value]) -> PyResult {
    let af = util::c_int(vm, a[1])?;
    let b = buffer_arg(vm, a[2])?;
    let bad_len = |vm: &mut Vm| vm.value_error("invalid length of packed IP address string");
    match af {
        libc::AF_INET => match <[u8; 4]>::try_from(b.as_slice()) {
            Ok(ip) => Ok(vm.new_string(addr::v4_text(ip))),
            Err(_) => Err(bad_len(vm)),
        },
        libc::AF_INET6 => match <[u8; 16]>::try_from(b.as_slice()) {
            Ok(ip) => Ok(vm.new_string(addr::v6_text(ip))),
            Err(_) => Err(bad_len(vm)),
        },
        _ => Err(vm.value_error(format!("unknown address family {af}"))),
    }
}

// ----- byte order -----

fn htons(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = crate::ops::number::index(vm, a[1])?;
    let Some(r) = crate::types::int::int_ref(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if r.is_negative() {
        return Err(vm.overflow_error(
            "htons: can't convert negative Python int to C 16-bit unsigned integer",
        ));
    }
    match r.to_i64().and_then(|x| u16::try_from(x).ok()) {
        Some(x) => Ok(from_i64(vm, x.swap_bytes() as i64)),
        None => Err(vm
            .overflow_error("htons: Python int too large to convert to C 16-bit unsigned integer")),
    }
}

fn htonl(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = crate::ops::number::index(vm, a[1])?;
    let Some(r) = crate::types::int::int_ref(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if r.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    match r.to_i64().and_then(|x| u32::try_from(x).ok()) {
        Some(x) => Ok(from_i64(vm, x.swap_bytes() as i64)),
        None => Err(vm.overflow_error("int larger than 32 bits")),
    }
}

// ----- interfaces -----

fn if_nameindex(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: the list is NULL-name-terminated and freed once below.
    let list = unsafe { libc::if_nameindex() };
    if list.is_null() {
        return Err(util::last_error(vm));
    }
    let mut entries = Vec::new();
    // SAFETY: walking the array until the terminating entry.
    unsafe {
        let mut p = list;
        while (*p).if_index != 0 && !(*p).if_name.is_null() {
            entries.push((
                (*p).if_index,
                CStr::from_ptr((*p).if_name).to_bytes().to_vec(),
            ));
            p = p.add(1);
        }
        libc::if_freenameindex(list);
    }
    let mut out = Vec::new();
    for (i, n) in entries {
        let iv = from_i64(vm, i as i64);
        let s = crate::types::str::fs_decode(&n);
        let nv = vm.new_string(s);
        out.push(new_tuple(vm, vec![iv, nv]));
    }
    Ok(new_list(vm, out))
}

fn if_nametoindex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = fs_converter(vm, a[1])?;
    let Ok(c) = CString::new(name) else {
        return Err(vm.value_error("embedded null byte"));
    };
    // SAFETY: a valid C string.
    let i = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if i == 0 {
        return Err(os_error_msg(vm, "no interface with this name"));
    }
    Ok(from_i64(vm, i as i64))
}

/// `PyUnicode_FSConverter`: str (filesystem encoding), bytes, or os.PathLike.
fn fs_converter(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let mut v = v;
    if as_str(v).is_none() && !v.is::<crate::types::bytes::BytesObj>() {
        let name = vm.intern("__fspath__");
        match crate::ops::call_special(vm, v, name, &[])? {
            Some(r) => v = r,
            None => {
                return Err(vm.type_error(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    vm.type_name(v)
                )));
            }
        }
    }
    util::str_or_bytes(vm, v, "if_nametoindex")
}

fn if_indextoname(vm: &mut Vm, a: &[Value]) -> PyResult {
    if crate::types::float::as_f64(a[1]).is_some() && !crate::types::int::is_int(a[1]) {
        return Err(vm.type_error("an integer is required"));
    }
    let v = crate::ops::number::index(vm, a[1])?;
    let Some(r) = crate::types::int::int_ref(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if r.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    // As CPython: a C unsigned long, then truncated to the unsigned int the C call takes.
    let Some(idx) = u64::try_from(&r.to_bigint()).ok().map(|x| x as u32) else {
        return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
    };
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE + 1];
    // SAFETY: the buffer holds IF_NAMESIZE bytes.
    let p = unsafe { libc::if_indextoname(idx, buf.as_mut_ptr()) };
    if p.is_null() {
        return Err(util::last_error(vm));
    }
    // SAFETY: NUL-terminated by if_indextoname.
    let n = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec();
    let s = crate::types::str::fs_decode(&n);
    Ok(vm.new_string(s))
}

// ----- ancillary data sizes -----

fn cmsg_arg(vm: &mut Vm, v: Value, func: &str, space: bool) -> PyResult {
    let n = crate::ops::number::index(vm, v)?;
    let r = crate::types::int::int_ref(n).and_then(|r| r.to_i64());
    let hdr = std::mem::size_of::<libc::cmsghdr>() as i64;
    let align = |x: i64| (x + 7) & !7;
    // As CPython: the result must fit a socklen_t (limited to INT_MAX), and for
    // CMSG_SPACE the length must leave room for CMSG_SPACE(1)'s padding.
    let limit = i32::MAX as i64;
    let max = if space {
        limit - (align(hdr) + align(1))
    } else {
        limit - align(hdr)
    };
    let out = r
        .filter(|x| *x >= 0 && *x <= max)
        .map(|x| {
            if space {
                align(hdr) + align(x)
            } else {
                align(hdr) + x
            }
        })
        .filter(|x| *x <= limit);
    match out {
        Some(x) => Ok(from_i64(vm, x)),
        None => Err(vm.overflow_error(format!("{func}() argument out of range"))),
    }
}

fn cmsg_len(vm: &mut Vm, a: &[Value]) -> PyResult {
    cmsg_arg(vm, a[1], "CMSG_LEN", false)
}

fn cmsg_space(vm: &mut Vm, a: &[Value]) -> PyResult {
    cmsg_arg(vm, a[1], "CMSG_SPACE", true)
}
